/**
 * SWR's management API (`swr-api.{region}`), signed like every other call: for the shared SWR,
 * ShowRepoTag (the tag's digest and manifest) and CreateSecret (a temporary docker login); for an
 * SWR Enterprise Edition instance, ShowInstance (its registry host), ShowInstanceArtifact (the
 * tag's digest) and CreateInstanceTempCredential (a temporary login to its registry). Every
 * answer is checked before use. The registries themselves are registry.ts's.
 */
import { isObject } from '../base/json.js'
import type { Budget } from '../budget.js'
import type { ImageReference } from '../config/swr-path.js'
import { DIGEST } from '../model/image.js'
import { unreadableAnswer } from './answer.js'
import type { ApiResponse, Authenticator, HttpApi } from './http.js'
import { sha256 } from './registry.js'

/** What ShowRepoTag says of a tag. */
export interface RepoTag {
  digest: string
  /**
   * The manifest as a parsed object; undefined when the answer held none, or text that is not
   * the manifest the digest stands for.
   */
  manifest: Record<string, unknown> | undefined
}

/** How SWR's management API is reached: the endpoint, and how every call is signed. */
interface SwrApiAccess {
  http: HttpApi
  endpoint: string
  auth: Authenticator
  /** Signed into every call: X-Project-Id with AK/SK, as the SDKs send it. */
  headers: Record<string, string>
}

/** The SWR management API of one region. */
export class SwrClient {
  constructor(
    private readonly http: HttpApi,
    private readonly endpoint: string,
    private readonly auth: Authenticator,
    /** Signed into every call: X-Project-Id with AK/SK, as the SDKs send it. */
    private readonly headers: Record<string, string> = {}
  ) {}

  /** The calls about one SWR Enterprise Edition instance, signed like this client's. */
  instance(instance: InstanceRef): SwrInstanceApi {
    const { http, endpoint, auth, headers } = this
    return new SwrInstanceApi({ http, endpoint, auth, headers }, instance)
  }

  /** ShowRepoTag. A `/` inside the repository name is written `$`, as the API asks. */
  async showTag(image: ImageReference): Promise<RepoTag> {
    const what = 'read the tag in SWR'
    return this.http.send(
      {
        what,
        method: 'GET',
        endpoint: this.endpoint,
        path:
          `/v2/manage/namespaces/${encodeURIComponent(image.namespace)}` +
          `/repos/${image.name.split('/').map(encodeURIComponent).join('$')}` +
          `/tags/${encodeURIComponent(image.tag)}`,
        headers: this.headers,
        auth: this.auth,
        retry: 'transient'
      },
      response => readTag(what, response)
    )
  }

  /**
   * CreateSecret: a temporary docker login for `registryHost`, as `user:password`. Undefined when
   * the answer has none for that host. The login, its password and its base64 form are masked
   * before anything else reads them.
   */
  async temporaryLogin(
    region: string,
    registryHost: string,
    mask: (secret: string) => void,
    budget?: Budget
  ): Promise<string | undefined> {
    const what = 'get a temporary SWR login'
    const response = await this.http.send({
      budget,
      what,
      method: 'POST',
      endpoint: this.endpoint,
      path: '/v2/manage/utils/secret',
      query: { projectname: region },
      headers: this.headers,
      auth: this.auth,
      // Issuing a temporary login twice harms nothing, so it is retried like a look-up.
      retry: 'transient'
    })
    const auths = isObject(response.body) ? response.body.auths : undefined
    const entry = isObject(auths) ? auths[registryHost] : undefined
    const auth = isObject(entry) ? entry.auth : undefined
    if (typeof auth !== 'string' || !auth) return undefined
    mask(auth)
    const login = Buffer.from(auth, 'base64').toString('utf8')
    if (!login.includes(':')) return undefined
    mask(login)
    mask(login.slice(login.indexOf(':') + 1))
    mask(Buffer.from(login).toString('base64'))
    return login
  }
}

/** An SWR Enterprise Edition instance, as its API names it. */
export interface InstanceRef {
  projectId: string
  instanceId: string
}

/** What ShowInstanceArtifact says of a tag: its manifest digest and media type. */
export interface InstanceArtifact {
  digest: string
  mediaType: string | undefined
}

/** The instance calls of the SWR management API (Enterprise Edition). */
export class SwrInstanceApi {
  private readonly base: string

  constructor(
    private readonly swr: SwrApiAccess,
    private readonly instance: InstanceRef
  ) {
    this.base = `/v2/${encodeURIComponent(instance.projectId)}/instances/${encodeURIComponent(instance.instanceId)}`
  }

  /** ShowInstance: the instance's registry address (`access_address`), as the answer gives it. */
  async accessAddress(): Promise<string> {
    const what = `read SWR Enterprise Edition instance ${this.instance.instanceId}`
    return this.swr.http.send(this.get(what, this.base), response => {
      const address = isObject(response.body) ? response.body.access_address : undefined
      if (typeof address !== 'string' || !instanceHost(address))
        throw unreadableAnswer(what, response, 'the instance has no usable access_address')
      return address
    })
  }

  /**
   * ShowInstanceArtifact by tag. A `/` inside the repository name is written `%2F` and then
   * escaped with the rest (`%252F` on the wire), as the API reference asks.
   */
  async showArtifact(image: ImageReference): Promise<InstanceArtifact> {
    const what = 'read the tag in the SWR Enterprise Edition instance'
    const path =
      `${this.base}/namespaces/${encodeURIComponent(image.namespace)}` +
      `/repositories/${encodeURIComponent(image.name.split('/').join('%2F'))}` +
      `/artifacts/${encodeURIComponent(image.tag)}`
    return this.swr.http.send(this.get(what, path), response => {
      const body = isObject(response.body) ? response.body : {}
      const { digest } = body
      if (typeof digest !== 'string' || !DIGEST.test(digest))
        throw unreadableAnswer(what, response, 'the artifact has no sha256 digest')
      const type = body.manifest_media_type ?? body.media_type
      return { digest, mediaType: typeof type === 'string' ? type : undefined }
    })
  }

  /**
   * CreateInstanceTempCredential: a temporary login to the instance's registry, `user:password`.
   * The password, and the login in its base64 form, are masked before anything else reads them.
   */
  async temporaryLogin(mask: (secret: string) => void, budget?: Budget): Promise<string> {
    const what = 'get a temporary login to the SWR Enterprise Edition instance'
    const response = await this.swr.http.send({
      ...this.get(what, `${this.base}/temp-credential`),
      method: 'POST',
      budget,
      // Issuing a temporary login twice harms nothing, so it is retried like a look-up.
      retry: 'transient'
    })
    const body = isObject(response.body) ? response.body : {}
    const { auth_token: password, user_id: user } = body
    if (typeof password === 'string' && password) mask(password)
    if (typeof password !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(password))
      throw unreadableAnswer(what, response, 'the answer has no auth_token')
    if (typeof user !== 'string' || !/^[\x21-\x39\x3b-\x7e]{1,256}$/.test(user))
      throw unreadableAnswer(what, response, 'the answer has no user_id')
    mask(Buffer.from(`${user}:${password}`).toString('base64'))
    return `${user}:${password}`
  }

  private get(what: string, path: string): Parameters<HttpApi['send']>[0] {
    const { endpoint, auth, headers } = this.swr
    return { what, method: 'GET', endpoint, path, headers, auth, retry: 'transient' }
  }
}

/**
 * The registry host an `access_address` names, lower case, without scheme, path or default port:
 * `https://team.example:443/` and `team.example` are both `team.example`. Undefined when it names
 * no host.
 */
export function instanceHost(address: string): string | undefined {
  const trimmed = address.trim()
  if (!trimmed || /\s/.test(trimmed)) return undefined
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`)
    return url.hostname ? url.host.toLowerCase() : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether the registry of an swr_path is the instance's: the same host name, and the same port
 * when the address names one. An address without a port serves its host on any port given.
 */
export function servesRegistry(address: string, registry: string): boolean {
  const served = instanceHost(address)
  const asked = instanceHost(registry)
  if (!served || !asked) return false
  const name = (host: string): string => host.replace(/:\d+$/, '')
  if (name(served) !== name(asked)) return false
  return !/:\d+$/.test(served) || served === asked
}

/** A ShowRepoTag answer: a sha256 digest, and the manifest only when its text is the digest's. */
function readTag(what: string, response: ApiResponse): RepoTag {
  const body = response.body
  if (!isObject(body)) throw unreadable(what, response, 'the answer is not a tag record')
  const { digest, manifest } = body
  if (typeof digest !== 'string' || !DIGEST.test(digest))
    throw unreadable(what, response, 'the tag has no sha256 digest')
  // Only the text the digest stands for says what the tag is.
  if (typeof manifest !== 'string' || sha256(manifest) !== digest)
    return { digest, manifest: undefined }
  let parsed: unknown
  try {
    parsed = JSON.parse(manifest)
  } catch {
    parsed = undefined
  }
  return { digest, manifest: isObject(parsed) ? parsed : undefined }
}

/** An SWR answer that cannot be used is unreadable like any other: retried by reads. */
const unreadable = unreadableAnswer
