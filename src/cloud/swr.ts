/**
 * What SWR knows of an image: the tag's digest and manifest (ShowRepoTag on the management API),
 * and, for a single image manifest, its config blob's platform through the registry's Docker v2
 * API (a temporary login from CreateSecret, then the Bearer token flow). Every answer is checked
 * before use; the registry's Basic credentials go only to a token realm on the registry's own host,
 * and no Authorization header follows a redirect to another host.
 */
import { ApiError, ServiceStateError } from '../base/errors.js'
import { type ApiResponse, type Authenticator, type HttpApi, noAuth } from './http.js'
import { isObject } from '../base/json.js'
import type { ImageReference } from '../config/swr-path.js'

/** One platform an image is built for, as Docker names it (`linux/amd64`, `linux/arm/v7`). */
export interface Platform {
  os: string
  architecture: string
  variant?: string
}

/** What ShowRepoTag says of a tag. */
export interface RepoTag {
  digest: string
  /** The manifest as a parsed object; undefined when the answer held none. */
  manifest: Record<string, unknown> | undefined
}

const DIGEST = /^sha256:[0-9a-f]{64}$/
const MAX_REDIRECTS = 3
const INDEX_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json'
])
const MANIFEST_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json'
])

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
    const response = await this.http.send({
      what,
      method: 'GET',
      endpoint: this.endpoint,
      path:
        `/v2/manage/namespaces/${encodeURIComponent(image.namespace)}` +
        `/repos/${image.name.split('/').map(encodeURIComponent).join('$')}` +
        `/tags/${encodeURIComponent(image.tag)}`,
      auth: this.auth,
      retry: 'transient'
    })
    const body = response.body
    if (!isObject(body)) throw unreadable(what, response, 'the answer is not a tag record')
    const { digest, manifest } = body
    if (typeof digest !== 'string' || !DIGEST.test(digest))
      throw unreadable(what, response, 'the tag has no sha256 digest')
    let parsed: unknown
    try {
      parsed = typeof manifest === 'string' && manifest ? JSON.parse(manifest) : undefined
    } catch {
      parsed = undefined
    }
    return { digest, manifest: isObject(parsed) ? parsed : undefined }
  }

  /**
   * CreateSecret: a temporary docker login for `registryHost`, as `user:password`. Undefined when
   * the answer has none for that host.
   */
  async temporaryLogin(region: string, registryHost: string): Promise<string | undefined> {
    const what = 'get a temporary SWR login'
    const response = await this.http.send({
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

/** Where the platforms of a tag come from, once its manifest is known. */
export type PlatformSource =
  | { kind: 'index'; platforms: Platform[] }
  | { kind: 'config'; configDigest: string }
  | { kind: 'unknown'; why: string }

/** Reads a manifest: an index lists its platforms; an image manifest names its config blob. */
export function platformSource(manifest: Record<string, unknown> | undefined): PlatformSource {
  if (!manifest) return { kind: 'unknown', why: 'SWR returned no readable manifest' }
  const mediaType = typeof manifest.mediaType === 'string' ? manifest.mediaType : ''
  if (INDEX_TYPES.has(mediaType) || (!mediaType && Array.isArray(manifest.manifests))) {
    const entries = Array.isArray(manifest.manifests) ? (manifest.manifests as unknown[]) : []
    const platforms = entries.filter(isObject).filter(isImageEntry).map(readPlatform)
    return { kind: 'index', platforms: platforms.filter(p => p !== undefined) }
  }
  if (MANIFEST_TYPES.has(mediaType) || (!mediaType && isObject(manifest.config))) {
    const config = isObject(manifest.config) ? manifest.config.digest : undefined
    if (typeof config === 'string' && DIGEST.test(config))
      return { kind: 'config', configDigest: config }
    return { kind: 'unknown', why: 'the image manifest names no config blob' }
  }
  return {
    kind: 'unknown',
    why: `manifest type ${mediaType || 'unknown'} is not one the action reads`
  }
}

/** `docker buildx` adds attestation manifests (platform unknown/unknown): not platforms. */
function isImageEntry(entry: Record<string, unknown>): boolean {
  const annotations = isObject(entry.annotations) ? entry.annotations : {}
  if (annotations['vnd.docker.reference.type'] === 'attestation-manifest') return false
  const platform = isObject(entry.platform) ? entry.platform : {}
  return !(platform.os === 'unknown' && platform.architecture === 'unknown')
}

function readPlatform(entry: Record<string, unknown>): Platform | undefined {
  return platformOf(isObject(entry.platform) ? entry.platform : undefined)
}

/** A platform from `{os, architecture, variant}` (an index entry's or a config blob's). */
export function platformOf(value: Record<string, unknown> | undefined): Platform | undefined {
  if (!value) return undefined
  const { os, architecture, variant } = value
  if (typeof os !== 'string' || typeof architecture !== 'string') return undefined
  const clean = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 32)
  return {
    os: clean(os),
    architecture: clean(architecture),
    ...(typeof variant === 'string' && variant ? { variant: clean(variant) } : {})
  }
}

/** `linux/arm64/v8`. */
export function platformName(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
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
    private readonly login: string
  ) {
    this.origin = registryOrigin(image.registry)
    this.repository = `${image.namespace}/${image.name}`
  }

  /** The config blob's platform: challenge, token, then the blob (at most 3 redirects). */
  async configPlatform(configDigest: string): Promise<Platform | undefined> {
    const what = 'read the image config in the registry'
    const blobPath = `/v2/${this.repository}/blobs/${configDigest}`
    const challenge = await this.http.send({
      what,
      method: 'GET',
      endpoint: this.origin,
      path: blobPath,
      auth: noAuth,
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
        retry: 'transient',
        passStatuses: [301, 302, 303, 307, 308]
      })
    }
    return platformOf(isObject(answer.body) ? answer.body : undefined)
  }

  /** A pull token from the realm the 401 challenge names, with the temporary login. */
  private async token(what: string, challenge: ApiResponse): Promise<string> {
    const header = challenge.headers['www-authenticate']
    const params = parseBearerChallenge(Array.isArray(header) ? header[0] : header)
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
      retry: 'transient'
    })
    const body = isObject(response.body) ? response.body : {}
    const token = typeof body.token === 'string' ? body.token : body.access_token
    if (typeof token !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(token))
      throw unreadable('get a registry token', response, 'the answer has no token')
    return token
  }
}

/** `https://{host}`; `http://` only for a loopback registry (tests, a local mirror). */
export function registryOrigin(registry: string): string {
  const host = registry.replace(/:\d+$/, '')
  const loopback = host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
  return `${loopback ? 'http' : 'https'}://${registry}`
}

/** `Bearer realm="…",service="…",scope="…"` → its parameters. */
export function parseBearerChallenge(
  header: string | undefined
): Record<string, string> | undefined {
  if (!header || !/^bearer\s/i.test(header)) return undefined
  const params: Record<string, string> = {}
  for (const [, key, quoted, bare] of header
    .slice(7)
    .matchAll(/([a-z_]+)=(?:"([^"]*)"|([^,\s]*))/gi))
    if (key) params[key.toLowerCase()] = quoted ?? bare ?? ''
  return params
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

function unreadable(what: string, response: ApiResponse, detail: string): ApiError {
  return new ApiError({
    what,
    status: response.status,
    errorMsg: detail,
    requestId: response.requestId
  })
}
