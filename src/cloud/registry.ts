/**
 * A registry's Docker v2 API (shared SWR or an Enterprise Edition instance): manifest and blob behind
 * the Bearer challenge; credentials go only to the registry's own host, never across a redirect.
 */
import { createHash } from 'node:crypto'
import { ServiceStateError } from '../base/errors.js'
import { isLoopbackRegistry } from '../base/hosts.js'
import { isObject } from '../base/json.js'
import type { Budget } from '../budget.js'
import type { ImageReference } from '../config/swr-path.js'
import { unreadableAnswer } from './answer.js'
import { type ApiRequest, type ApiResponse, type HttpApi, noAuth } from './http.js'

/** A manifest as the registry sent it: its bytes' digest, and the parsed object. */
export interface RegistryManifest {
  /** `sha256:…` of the bytes received. */
  digest: string
  manifest: Record<string, unknown> | undefined
}

const MAX_REDIRECTS = 3
const REDIRECTS = [301, 302, 303, 307, 308] as const

/** Every manifest type the action reads: OCI index and manifest, Docker list and manifest. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

/** The Docker Registry v2 API of the registry in an swr_path. */
export class RegistryClient {
  private readonly origin: string
  /** `namespace/name`, as the registry's paths and scopes spell it (real `/`, not `$`). */
  private readonly repository: string
  /** The pull token, once a challenge was answered: later requests send it at once. */
  private bearer: string | undefined

  constructor(
    private readonly http: HttpApi,
    image: ImageReference,
    /**
     * `user:password` of a temporary login, sent only to a token realm on this registry's host; it
     * may still be on its way: the first request (the challenge) needs none.
     */
    private readonly login: string | Promise<string>,
    /** Hides the registry's token from the log the moment it is read. */
    private readonly mask: (secret: string) => void,
    /** The best-effort slice of the step's budget that the registry may use. */
    private readonly budget?: Budget,
    /** The IAM action a pull needs (model/permissions.ts): a 403 names it. */
    private readonly permission?: string
  ) {
    this.origin = registryOrigin(image.registry)
    this.repository = `${image.namespace}/${image.name}`
  }

  /** The manifest of `reference` (a tag or digest), with the digest of the bytes received. */
  async manifest(reference: string): Promise<RegistryManifest> {
    const what = 'read the manifest in the registry'
    const answer = await this.get(what, `/v2/${this.repository}/manifests/${reference}`, {
      Accept: MANIFEST_ACCEPT
    })
    if (answer.status !== 200) throw unreadableAnswer(what, answer, 'a redirect for a manifest')
    return {
      digest: sha256(answer.text),
      manifest: isObject(answer.body) ? answer.body : undefined
    }
  }

  /**
   * The config blob, parsed (at most 3 redirects). Undefined when it is not a JSON object;
   * unreadable when its bytes are not the blob the digest names.
   */
  async configBlob(configDigest: string): Promise<Record<string, unknown> | undefined> {
    const what = 'read the image config in the registry'
    let answer = await this.get(what, `/v2/${this.repository}/blobs/${configDigest}`)
    for (let redirects = 0; REDIRECTS.some(s => s === answer.status); redirects++) {
      if (redirects >= MAX_REDIRECTS)
        throw unreadableAnswer(what, answer, `more than ${MAX_REDIRECTS} redirects`)
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
        passStatuses: REDIRECTS
      })
    }
    if (sha256(answer.text) !== configDigest)
      throw unreadableAnswer(
        what,
        answer,
        `the config blob does not match its digest ${configDigest}`
      )
    return isObject(answer.body) ? answer.body : undefined
  }

  /**
   * A GET on the registry: with the token when there is one; otherwise unauthenticated first,
   * and after a 401 challenge again with a token from its realm. Redirects are handed back.
   */
  private async get(
    what: string,
    path: string,
    headers: Record<string, string> = {}
  ): Promise<ApiResponse> {
    const request = (extra: Record<string, string>, pass: readonly number[]): ApiRequest => ({
      what,
      method: 'GET',
      endpoint: this.origin,
      path,
      headers: { ...headers, ...extra },
      auth: noAuth,
      budget: this.budget,
      retry: 'transient',
      passStatuses: pass,
      permission: this.permission
    })
    if (this.bearer)
      return this.http.send(request({ Authorization: `Bearer ${this.bearer}` }, REDIRECTS))
    const challenge = await this.http.send(request({}, [401, ...REDIRECTS]))
    if (challenge.status !== 401) return challenge
    this.bearer = await this.token(what, challenge)
    return this.http.send(request({ Authorization: `Bearer ${this.bearer}` }, REDIRECTS))
  }

  /** A pull token from the realm the 401 challenge names, with the temporary login. */
  private async token(what: string, challenge: ApiResponse): Promise<string> {
    const header = challenge.headers['www-authenticate']
    const params = parseBearerChallenge(Array.isArray(header) ? header.join(', ') : header)
    if (!params?.realm)
      throw unreadableAnswer(what, challenge, 'the registry sent no Bearer challenge')
    let realm: URL
    try {
      realm = new URL(params.realm)
    } catch {
      throw unreadableAnswer(what, challenge, 'the Bearer realm is not a URL')
    }
    const registry = new URL(this.origin)
    if (realm.host !== registry.host || realm.protocol !== registry.protocol) {
      // The login is an SWR credential: it goes to the registry's own host and nowhere else.
      throw new ServiceStateError(
        what,
        `the registry's token realm is on ${realm.protocol}//${realm.host}, not on the registry's own host; the login was not sent`
      )
    }
    const login = await this.login
    const query: Record<string, string> = Object.fromEntries(realm.searchParams)
    if (params.service) query.service = params.service
    query.scope = `repository:${this.repository}:pull`
    const response = await this.http.send({
      what: 'get a registry token',
      method: 'GET',
      endpoint: realm.origin,
      path: realm.pathname,
      query,
      headers: { Authorization: `Basic ${Buffer.from(login).toString('base64')}` },
      auth: noAuth,
      budget: this.budget,
      retry: 'transient',
      permission: this.permission,
      answerSecrets: {
        of: ({ body }) => (isObject(body) ? [body.token, body.access_token] : []),
        mask: this.mask
      }
    })
    const body = isObject(response.body) ? response.body : {}
    const token = typeof body.token === 'string' ? body.token : body.access_token
    if (typeof token !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(token))
      throw unreadableAnswer('get a registry token', response, 'the answer has no token')
    return token
  }
}

/** `https://{host}`; `http://` only for a loopback registry (tests, a local mirror). */
export function registryOrigin(registry: string): string {
  return `${isLoopbackRegistry(registry) ? 'http' : 'https'}://${registry}`
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
    if (target.protocol === 'https:' || isLoopbackRegistry(target.host)) return target
  } catch {
    // fall through
  }
  throw unreadableAnswer(what, answer, 'a redirect without a usable https location')
}

/** `sha256:…` of a text's UTF-8 bytes. */
export function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`
}
