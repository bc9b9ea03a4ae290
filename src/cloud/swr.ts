/**
 * What SWR knows of an image: the tag's digest and manifest (ShowRepoTag on the management API),
 * and, for a single image manifest, its config blob's platform through the registry's Docker v2
 * API (a temporary login from CreateSecret, then the Bearer token flow). Every answer is checked
 * before use; the registry's Basic credentials go only to a token realm on the registry's own host,
 * and no Authorization header follows a redirect to another host.
 */
import { createHash } from 'node:crypto'
import { ServiceStateError } from '../base/errors.js'
import { isLoopbackHost } from '../base/hosts.js'
import { isObject } from '../base/json.js'
import type { Budget } from '../budget.js'
import type { ImageReference } from '../config/swr-path.js'
import { DIGEST, type Platform, platformOf } from '../decide/platforms.js'
import { unreadableAnswer } from './answer.js'
import { type ApiResponse, type Authenticator, type HttpApi, noAuth } from './http.js'

/** What ShowRepoTag says of a tag. */
export interface RepoTag {
  digest: string
  /**
   * The manifest as a parsed object; undefined when the answer held none, or text that is not
   * the manifest the digest stands for.
   */
  manifest: Record<string, unknown> | undefined
}

const MAX_REDIRECTS = 3

/** The SWR management API of one region. */
export class SwrClient {
  constructor(
    private readonly http: HttpApi,
    private readonly endpoint: string,
    private readonly auth: Authenticator
  ) {}

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
        auth: this.auth,
        retry: 'transient'
      },
      response => readTag(what, response)
    )
  }

  /**
   * CreateSecret: a temporary docker login for `registryHost`, as `user:password`. Undefined when
   * the answer has none for that host.
   */
  async temporaryLogin(
    region: string,
    registryHost: string,
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
      auth: this.auth,
      // Issuing a temporary login twice harms nothing, so it is retried like a look-up.
      retry: 'transient'
    })
    const auths = isObject(response.body) ? response.body.auths : undefined
    const entry = isObject(auths) ? auths[registryHost] : undefined
    const auth = isObject(entry) ? entry.auth : undefined
    if (typeof auth !== 'string' || !auth) return undefined
    const login = Buffer.from(auth, 'base64').toString('utf8')
    return login.includes(':') ? login : undefined
  }
}

/** The Docker Registry v2 API of the registry in an swr_path. */
export class RegistryClient {
  private readonly origin: string
  /** `namespace/name`, as the registry's paths and scopes spell it (real `/`, not `$`). */
  private readonly repository: string

  constructor(
    private readonly http: HttpApi,
    image: ImageReference,
    /** `user:password` from CreateSecret; sent only to a token realm on this registry's host. */
    private readonly login: string,
    /** Hides the registry's token from the log the moment it is read. */
    private readonly mask: (secret: string) => void,
    /** The best-effort slice of the step's budget that the registry may use. */
    private readonly budget?: Budget
  ) {
    this.origin = registryOrigin(image.registry)
    this.repository = `${image.namespace}/${image.name}`
  }

  /**
   * The config blob's platform: challenge, token, then the blob (at most 3 redirects). Undefined
   * when the blob names none; unreadable when its bytes are not the blob the digest names.
   */
  async configPlatform(configDigest: string): Promise<Platform | undefined> {
    const what = 'read the image config in the registry'
    const blobPath = `/v2/${this.repository}/blobs/${configDigest}`
    const challenge = await this.http.send({
      what,
      method: 'GET',
      endpoint: this.origin,
      path: blobPath,
      auth: noAuth,
      budget: this.budget,
      retry: 'transient',
      passStatuses: [401, 301, 302, 303, 307, 308]
    })
    let answer = challenge
    if (challenge.status === 401) {
      const token = await this.token(what, challenge)
      answer = await this.http.send({
        what,
        method: 'GET',
        endpoint: this.origin,
        path: blobPath,
        headers: { Authorization: `Bearer ${token}` },
        auth: noAuth,
        budget: this.budget,
        retry: 'transient',
        passStatuses: [301, 302, 303, 307, 308]
      })
    }
    for (let redirects = 0; answer.status >= 300 && answer.status < 400; redirects++) {
      if (redirects >= MAX_REDIRECTS)
        throw unreadable(what, answer, `more than ${MAX_REDIRECTS} redirects`)
      const target = redirectTarget(what, answer, this.origin)
      answer = await this.http.send({
        what,
        method: 'GET',
        endpoint: target.origin,
        path: target.pathname,
        rawQuery: target.search.slice(1) || undefined,
        // Never an Authorization header to another host (object storage signs its own URLs).
        auth: noAuth,
        budget: this.budget,
        retry: 'transient',
        passStatuses: [301, 302, 303, 307, 308]
      })
    }
    if (sha256(answer.text) !== configDigest)
      throw unreadableAnswer(
        what,
        answer,
        `the config blob does not match its digest ${configDigest}`
      )
    return platformOf(isObject(answer.body) ? answer.body : undefined)
  }

  /** A pull token from the realm the 401 challenge names, with the temporary login. */
  private async token(what: string, challenge: ApiResponse): Promise<string> {
    const header = challenge.headers['www-authenticate']
    const params = parseBearerChallenge(Array.isArray(header) ? header.join(', ') : header)
    if (!params?.realm) throw unreadable(what, challenge, 'the registry sent no Bearer challenge')
    let realm: URL
    try {
      realm = new URL(params.realm)
    } catch {
      throw unreadable(what, challenge, 'the Bearer realm is not a URL')
    }
    const registry = new URL(this.origin)
    if (realm.host !== registry.host || realm.protocol !== registry.protocol) {
      // The login is an SWR credential: it goes to SWR's own host and nowhere else.
      throw new ServiceStateError(
        what,
        `the registry's token realm is on ${realm.protocol}//${realm.host}, not on the registry's own host; the login was not sent`
      )
    }
    const query: Record<string, string> = Object.fromEntries(realm.searchParams)
    if (params.service) query.service = params.service
    query.scope = `repository:${this.repository}:pull`
    const response = await this.http.send({
      what: 'get a registry token',
      method: 'GET',
      endpoint: realm.origin,
      path: realm.pathname,
      query,
      headers: { Authorization: `Basic ${Buffer.from(this.login).toString('base64')}` },
      auth: noAuth,
      budget: this.budget,
      retry: 'transient'
    })
    const body = isObject(response.body) ? response.body : {}
    const token = typeof body.token === 'string' ? body.token : body.access_token
    if (typeof token !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(token))
      throw unreadable('get a registry token', response, 'the answer has no token')
    this.mask(token)
    return token
  }
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

/** `https://{host}`; `http://` only for a loopback registry (tests, a local mirror). */
export function registryOrigin(registry: string): string {
  const loopback = isLoopbackHost(registry.replace(/:\d+$/, ''))
  return `${loopback ? 'http' : 'https'}://${registry}`
}

/**
 * The parameters of the Bearer challenge in a WWW-Authenticate value (`Bearer realm="…",service="…"`),
 * which may hold other challenges too (`Basic realm="…"`, joined by Node with `, ` when the header
 * comes twice): a parameter belongs to the challenge whose scheme precedes it, so another scheme's
 * realm never replaces the Bearer one.
 */
export function parseBearerChallenge(
  header: string | undefined
): Record<string, string> | undefined {
  if (!header) return undefined
  let scheme: string | undefined
  let bearer: Record<string, string> | undefined
  const pattern =
    /(?:^|,)\s*(?:([A-Za-z][\w!#$%&'*+.^`|~-]*)\s+)?([A-Za-z_]+)=(?:"([^"]*)"|([^,\s]*))/g
  for (const [, newScheme, key, quoted, bare] of header.matchAll(pattern)) {
    if (newScheme) {
      scheme = newScheme.toLowerCase()
      if (scheme === 'bearer' && !bearer) bearer = {}
      else if (scheme === 'bearer') break
    }
    if (scheme === 'bearer' && bearer && key) bearer[key.toLowerCase()] = quoted ?? bare ?? ''
  }
  return bearer
}

function redirectTarget(what: string, answer: ApiResponse, base: string): URL {
  const location = answer.headers.location
  const value = Array.isArray(location) ? location[0] : location
  try {
    const target = new URL(value ?? '', base)
    if (target.protocol === 'https:' || registryOrigin(target.host).startsWith('http:'))
      return target
  } catch {
    // fall through
  }
  throw unreadable(what, answer, 'a redirect without a usable https location')
}

/** An SWR answer that cannot be used is unreadable like any other: retried by reads. */
const unreadable = unreadableAnswer

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`
}
