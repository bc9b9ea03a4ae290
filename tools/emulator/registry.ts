/**
 * SWR's Docker Registry v2 (and an instance's): manifests and blobs behind the Bearer challenge,
 * the token realm, blob redirects.
 */
import * as crypto from 'node:crypto'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RecordedRequest, RouteContext } from './context.js'
import { type SwrTag, sha256 } from './swr.js'

export interface RegistryOptions {
  /** The registry answers a blob with a redirect to a second host (object storage). */
  blobRedirect?: boolean
}

/** What the registry reads and changes. */
export interface RegistryState {
  readonly options: RegistryOptions
  /** The emulator's base URL: the realm of the Bearer challenge is on it. */
  readonly url: string
  readonly swrTags: Map<string, SwrTag>
  readonly blobs: Map<string, string>
  /** Temporary docker logins CreateSecret issued: user → password. */
  readonly registryLogins: Map<string, string>
  readonly registryTokens: Set<string>
  /** The Bearer challenge's realm and service (default: SWR's, on `url`, service dockyard). */
  readonly realm?: string
  readonly service?: string
}

export const TOKEN_REALM_PATH = '/swr/auth/v2/registry/auth'

const UNAUTHORIZED = { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }

/** GET /swr/auth/v2/registry/auth: Basic auth with a temporary login → a pull token. */
export function registryToken(state: RegistryState, ctx: RouteContext): void {
  const basic = /^Basic (.+)$/.exec(ctx.req.headers.authorization ?? '')?.[1]
  const [user = '', password] = Buffer.from(basic ?? '', 'base64')
    .toString()
    .split(/:(.*)/s)
  if (!basic || state.registryLogins.get(user) !== password) return ctx.reply(401, UNAUTHORIZED)
  const token = crypto.randomBytes(24).toString('base64url')
  state.registryTokens.add(token)
  ctx.reply(200, { token, expires_in: 300, issued_at: new Date().toISOString() })
}

/** GET /v2/{repository}/manifests/{reference} and /v2/{repository}/blobs/{digest}. */
export function registryData(
  state: RegistryState,
  ctx: RouteContext,
  { blobStoreUrl }: { blobStoreUrl: string }
): void {
  const path = ctx.path
  const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(path)
  const repository = blob?.[1] ?? /^\/v2\/(.+)\/manifests\//.exec(path)?.[1] ?? ''
  const bearer = /^Bearer (.+)$/.exec(ctx.req.headers.authorization ?? '')?.[1]
  if (!bearer || !state.registryTokens.has(bearer)) {
    const scope = repository ? `,scope="repository:${repository}:pull"` : ''
    const realm = state.realm ?? `${state.url}${TOKEN_REALM_PATH}/`
    return ctx.reply(401, UNAUTHORIZED, {
      'WWW-Authenticate': `Bearer realm="${realm}",service="${state.service ?? 'dockyard'}"${scope}`
    })
  }
  const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(path)
  if (manifest?.[1] && manifest[2]) {
    const [repo, reference] = [manifest[1], manifest[2]]
    const tag = reference.startsWith('sha256:')
      ? [...state.swrTags.entries()].find(
          ([key, t]) => key.startsWith(`${repo}:`) && t.digest === reference
        )?.[1]
      : state.swrTags.get(`${repo}:${reference}`)
    if (!tag)
      return ctx.reply(404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] })
    const mediaType = (JSON.parse(tag.manifest) as { mediaType?: string }).mediaType ?? ''
    // As the distribution registry does: a manifest type the client does not accept (by name, or
    // `*/*`) is not found.
    const accept = ctx.req.headers.accept ?? ''
    if (!accept.includes(mediaType) && !accept.includes('*/*'))
      return ctx.reply(404, {
        errors: [{ code: 'MANIFEST_UNKNOWN', message: `${mediaType} not in the Accept header` }]
      })
    return ctx.reply(200, tag.manifest, {
      'Content-Type': mediaType,
      'Docker-Content-Digest': tag.digest
    })
  }
  const content = blob?.[2] ? state.blobs.get(blob[2]) : undefined
  if (!blob?.[2] || content === undefined)
    return ctx.reply(404, { errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown' }] })
  if (sha256(content) !== blob[2]) throw new Error('blob store corrupt')
  if (state.options.blobRedirect) {
    return ctx.reply(307, '', {
      Location: `${blobStoreUrl}/blobs/${blob[2]}?signature=ok&expires=300`
    })
  }
  ctx.reply(200, content, { 'Content-Type': 'application/octet-stream' })
}

/**
 * Starts the second host a blob redirect points at, on a free port of 127.0.0.1: it serves
 * `/blobs/{digest}` when the URL carries `signature=ok`, and records what it received.
 */
export async function startBlobStore({
  blobs,
  requests,
  startedAt,
  delayMs = 0
}: {
  blobs: Map<string, string>
  requests: RecordedRequest[]
  /** Epoch ms the emulator started; `at` of a recorded request counts from it. */
  startedAt: number
  /** Each request waits this long before it is answered (a far region). */
  delayMs?: number
}): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    if (delayMs > 0) setTimeout(() => serve(req, res), delayMs)
    else serve(req, res)
  })
  function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://store')
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      status: 200,
      at: Date.now() - startedAt,
      body: '',
      headers: req.headers
    })
    const blob = blobs.get(url.pathname.replace(/^\/blobs\//, ''))
    if (!blob || url.searchParams.get('signature') !== 'ok') return void res.writeHead(403).end()
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(blob)
  }
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}
