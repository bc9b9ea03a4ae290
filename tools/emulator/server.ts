/**
 * The emulator of the Huawei Cloud services the action uses, on 127.0.0.1: HTTP plumbing, routes,
 * and the credentials each needs.
 */
import * as crypto from 'node:crypto'
import * as http from 'node:http'
import * as https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { type TemporaryKey, authenticate } from './auth.js'
import { type RecordedRequest, type RouteContext, TEST_AK, TEST_SK } from './context.js'
import {
  type Fault,
  type FaultKind,
  type FaultOptions,
  RateLimiter,
  type Service,
  answerBefore,
  answerDelay,
  pauseFor,
  replyAfter,
  takeFault
} from './faults.js'
import {
  type IamOptions,
  exchangeIdToken,
  listAuthProjects,
  listProjects,
  projectsOf
} from './iam.js'
import { type EmulatorImage, type Lifecycle, lifecycles } from './images.js'
import * as modelArts from './modelarts.js'
import { type Policy, parsePolicy, permits } from './policy.js'
import {
  type RegistryOptions,
  TOKEN_REALM_PATH,
  registryData,
  registryToken,
  startBlobStore
} from './registry.js'
import * as swrApi from './swr-api.js'
import {
  EmulatorInstance,
  INSTANCE_ROUTE,
  INSTANCE_TAGS_ROUTE,
  type InstanceOptions,
  instanceApi,
  instanceRegistry,
  listInstanceTags
} from './swr-enterprise.js'
import { type SwrTag, buildxTag, classicTag, tagKey } from './swr.js'
import { ID_TOKEN_PATH, JWKS_PATH, issueIdToken, jwks } from './token-service.js'
import * as sts from './sts.js'

export {
  RUNNER_REQUEST_TOKEN,
  type RecordedRequest,
  TEST_AK,
  TEST_AUDIENCE,
  TEST_IDP,
  TEST_PROJECT_ID,
  TEST_REGION,
  TEST_SK
} from './context.js'
export type { Fault, FaultKind } from './faults.js'
export { TEST_AGENCY_URN, TEST_PROVIDER_URN } from './sts.js'
export { type EmulatorImage, lifecycles } from './images.js'

export interface EmulatorOptions
  extends
    modelArts.ModelArtsOptions,
    IamOptions,
    swrApi.SwrApiOptions,
    RegistryOptions,
    sts.StsOptions,
    FaultOptions {}

/** How `seed` registers an image (everything but the path has a default). */
export interface SeedOptions {
  /** Default: ACTIVE at once. */
  lifecycle?: Lifecycle
  /** Default '0'. */
  workspaceId?: string
  /** How long ago it was registered, ms (default 60 s; negative: in the future). */
  ageMs?: number
  /** RegisterImage fields it was registered with (arch, service_type, …). */
  fields?: Record<string, unknown>
}

/** A running emulator; `url` serves every service. */
export class Emulator {
  readonly requests: RecordedRequest[] = []
  readonly faults: Fault[] = []
  readonly images = new Map<string, EmulatorImage>()
  /** Permanent access keys: AK → SK. */
  readonly accessKeys = new Map<string, string>([[TEST_AK, TEST_SK]])
  readonly temporaryKeys = new Map<string, TemporaryKey>()
  /** IAM tokens: token → project id. */
  readonly tokens = new Map<string, string>()
  /** Id tokens the runner stand-in issued: token → audience. */
  readonly idTokens = new Map<string, string>()
  /** Claims that replace the defaults in the id tokens issued next (sub, ref, environment, …). */
  readonly idTokenClaims: Record<string, unknown> = {}
  /** STS: OIDC providers and trust agencies by URN (the test provider and agency to begin with). */
  readonly providers = new Map(sts.defaultTrust().providers)
  readonly agencies = new Map(sts.defaultTrust().agencies)
  /** SWR tags by `namespace/repository:tag`. */
  readonly swrTags = new Map<string, SwrTag>()
  /** Registry blobs by digest. */
  readonly blobs = new Map<string, string>()
  /** Temporary docker logins CreateSecret issued: user → password. */
  readonly registryLogins = new Map<string, string>()
  readonly registryTokens = new Set<string>()
  /** SWR Enterprise Edition instances by id. */
  readonly instances = new Map<string, EmulatorInstance>()
  /** What the second host (object storage behind a blob redirect) received. */
  readonly blobStoreRequests: RecordedRequest[] = []
  forcedDeletes = 0
  churned = 0
  /** The IAM policy every call is checked against (policy.ts); undefined: everything allowed. */
  policy: Policy | undefined
  url = ''
  options: EmulatorOptions

  private server: http.Server
  private tlsServer: https.Server | undefined
  private blobStore: http.Server | undefined
  private blobStoreUrl = ''
  private readonly sockets = new Set<Socket>()
  private readonly startedAt = Date.now()
  private readonly limiter = new RateLimiter()
  private counter = 0

  constructor(options: EmulatorOptions = {}) {
    this.options = options
    this.server = http.createServer((req, res) => void this.handle(req, res))
    this.track(this.server, 'connection')
    modelArts.seedBuiltIn(this)
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>(resolve => this.server.listen(port, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    const store = await startBlobStore({
      blobs: this.blobs,
      requests: this.blobStoreRequests,
      startedAt: this.startedAt,
      delayMs: answerDelay(this.options, 'blob-store')
    })
    this.blobStore = store.server
    this.blobStoreUrl = store.url
    return this
  }

  /** Requests answered 429 by the rate limit. */
  get throttled(): number {
    return this.limiter.throttled
  }

  /** The registry host in swr_path for images served by this emulator (`127.0.0.1:port`). */
  get registryHost(): string {
    return new URL(this.url).host
  }

  /** A runner id-token service URL, as ACTIONS_ID_TOKEN_REQUEST_URL. */
  get idTokenRequestUrl(): string {
    return `${this.url}${ID_TOKEN_PATH}?api-version=2.0`
  }

  /** Pushes a tag as `docker buildx` does: an index over these platforms, with attestations. */
  pushBuildx(swrPath: string, platforms: string[] = ['linux/amd64']): SwrTag {
    const tag = buildxTag(platforms, this.blobs)
    this.swrTags.set(tagKey(swrPath), tag)
    return tag
  }

  /** Pushes a tag as a classic `docker push` does: one manifest, its config blob. */
  pushClassic(swrPath: string, platform = 'linux/amd64'): SwrTag {
    const tag = classicTag(platform, this.blobs)
    this.swrTags.set(tagKey(swrPath), tag)
    return tag
  }

  /** An SWR Enterprise Edition instance, its registry at `localhost:{port}` (after start). */
  addInstance(id = 'instance-0001', options: InstanceOptions = {}): EmulatorInstance {
    const host = `localhost:${new URL(this.url).port}`
    const instance = new EmulatorInstance(id, host, this.blobs, options)
    this.instances.set(id, instance)
    return instance
  }

  /**
   * Serves the same API over TLS too, on another port of 127.0.0.1, with the given certificate (made
   * for the real host names, so a client reached through a CONNECT proxy verifies them).
   */
  async listenTls(tls: { key: string; cert: string }): Promise<number> {
    const server = https.createServer(tls, (req, res) => void this.handle(req, res))
    this.track(server, 'secureConnection')
    this.tlsServer = server
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    return (server.address() as AddressInfo).port
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    const closing = [this.server, this.tlsServer, this.blobStore].filter(s => s !== undefined)
    await Promise.all(
      closing.map(server => new Promise<void>(resolve => server.close(() => resolve())))
    )
  }

  /** Enforces an IAM policy document from now on (policy.ts). */
  usePolicy(document: unknown): void {
    this.policy = parsePolicy(document)
  }

  /** Adds a fault for the next `times` matching requests (default 1). */
  inject(fault: Partial<Fault> & { kind: FaultKind }): void {
    this.faults.push({ times: 1, ...fault })
  }

  /** Registers an image directly, as if an earlier run had. */
  seed(swrPath: string, options: SeedOptions = {}): EmulatorImage {
    const { lifecycle = lifecycles.activeAtOnce(), workspaceId = '0', ageMs = 60_000 } = options
    const body = { ...options.fields, swr_path: swrPath, workspace_id: workspaceId }
    const image = modelArts.addImage(this, { body, lifecycle })
    image.createdAt -= ageMs
    return image
  }

  /**
   * Registers `count` images directly (a repository or namespace of 20,000): `pathOf(i)` names
   * each; the oldest first, one second apart, the newest `ageMs` old (default 60 s).
   */
  seedMany(count: number, pathOf: (i: number) => string, options: SeedOptions = {}): void {
    const ageMs = options.ageMs ?? 60_000
    for (let i = 0; i < count; i++)
      this.seed(pathOf(i), { ...options, ageMs: ageMs + (count - 1 - i) * 1000 })
  }

  /** Requests that match a method and a path pattern. */
  count(method: string, path: RegExp): number {
    return this.requests.filter(r => r.method === method && path.test(r.path)).length
  }

  private track(server: http.Server | https.Server, event: string): void {
    server.on(event, (socket: Socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://emulator')
    await pauseFor(answerDelay(this.options, serviceOf(url.pathname)))
    const requestId = `req-${++this.counter}-${crypto.randomBytes(4).toString('hex')}`
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      status: 0,
      at: Date.now() - this.startedAt,
      body: body.toString('utf8'),
      headers: req.headers
    }
    this.requests.push(record)
    const send: RouteContext['reply'] = (status, payload, headers = {}) => {
      record.status = status
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'X-Request-Id': requestId,
        ...headers
      })
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload))
    }
    const error: RouteContext['error'] = (status, code, message, headers) =>
      send(status, { error_code: code, error_msg: message, request_id: requestId }, headers)

    const fault = takeFault(this.faults, record.method, record.path)
    const target = { req, res, record, requestId, send, error }
    if (answerBefore(fault, target)) return
    if (!this.limiter.admit(this.options.rateLimitPerSecond, error)) return
    const path = url.pathname.replace(/\/+$/, '')
    const reply = replyAfter(fault, target)
    try {
      this.route({ req, url, path, method: record.method, body, record, reply, error })
    } catch (e) {
      error(500, 'ModelArts.0010', `Internal error: ${(e as Error).message}`)
    }
  }

  private route(ctx: RouteContext): void {
    const { path, method } = ctx
    // An instance's registry is known by its host name; the API is on 127.0.0.1.
    const registry = [...this.instances.values()].find(i => i.host === ctx.req.headers.host)
    if (registry) {
      const { blobRedirect } = this.options
      return instanceRegistry(registry, ctx, { blobRedirect, blobStoreUrl: this.blobStoreUrl })
    }
    const instanceTags = INSTANCE_TAGS_ROUTE.exec(path)
    if (instanceTags && method === 'GET') {
      if (!this.authenticate(ctx)) return
      const [, id = '', ...names] = instanceTags
      const found = this.instances.get(decodeURIComponent(id))
      return listInstanceTags(found, ctx, names, (status, code, m) =>
        swrApi.swrError(this, ctx, { status, code, message: m })
      )
    }
    const instance = INSTANCE_ROUTE.exec(path)
    if (instance) {
      const [, projectId = '', id = '', rest = ''] = instance
      if (!this.authenticate(ctx, projectId)) return
      return instanceApi(this.instances.get(decodeURIComponent(id)), ctx, rest, (status, code, m) =>
        swrApi.swrError(this, ctx, { status, code, message: m })
      )
    }
    if (path === ID_TOKEN_PATH && method === 'GET') return issueIdToken(this, ctx)
    if (path === JWKS_PATH && method === 'GET') return ctx.reply(200, jwks())
    if (path === sts.ASSUME_WITH_OIDC_PATH && method === 'POST')
      return sts.assumeAgencyWithOidc(this, ctx)
    if (path === '/v3.0/OS-AUTH/id-token/tokens' && method === 'POST')
      return exchangeIdToken(this, ctx)
    if (path === '/v3/auth/projects' && method === 'GET') {
      if (this.authenticate(ctx)) listAuthProjects(this, ctx)
      return
    }
    if (path === '/v3/projects' && method === 'GET') {
      if (this.authenticate(ctx)) listProjects(this, ctx)
      return
    }
    if (path.startsWith('/v2/manage/')) {
      if (!this.authenticate(ctx)) return
      const tag = swrApi.TAG_ROUTE.exec(path)
      if (tag && method === 'GET') return swrApi.showRepoTag(this, ctx, tag)
      const tags = swrApi.TAGS_ROUTE.exec(path)
      if (tags && method === 'GET') return swrApi.listRepoTags(this, ctx, tags)
      if (path === swrApi.SECRET_PATH && method === 'POST') return swrApi.createSecret(this, ctx)
      const message = 'no such API'
      return swrApi.swrError(this, ctx, { status: 404, code: 'SVCSTG.SWR.4040001', message })
    }
    if (path.startsWith(TOKEN_REALM_PATH)) return registryToken(this, ctx)
    if (path.startsWith('/v2/')) return registryData(this, ctx, { blobStoreUrl: this.blobStoreUrl })
    const images = /^\/v1\/([^/]+)\/images(?:\/([^/]+))?$/.exec(path)
    if (images) {
      const [, projectId, id] = images as unknown as [string, string, string | undefined]
      if (!this.authenticate(ctx, projectId)) return
      if (!id && method === 'POST') return modelArts.registerImage(this, ctx)
      if (!id && method === 'GET') return modelArts.listImages(this, ctx)
      if (id && method === 'GET') return modelArts.showImage(this, ctx, { id })
      if (id && method === 'DELETE') return modelArts.deleteImage(this, ctx, { id })
    }
    const message = 'The API does not exist or has not been published in the environment'
    ctx.error(404, 'APIGW.0101', message)
  }

  /**
   * Verifies the credentials (auth.ts); with `projectId` also the project in the path; then the
   * policy, when one is loaded (policy.ts).
   */
  private authenticate(ctx: RouteContext, projectId?: string): boolean {
    return (
      authenticate(this, ctx, { projectId, projects: projectsOf(this.options) }) &&
      permits(this.policy, ctx)
    )
  }
}

/** Which service a path belongs to (as route() dispatches it), for a per-service answer delay. */
function serviceOf(path: string): Service {
  if (path.startsWith(ID_TOKEN_PATH)) return 'token-service'
  if (path.startsWith('/v3') || path.startsWith('/v5')) return 'iam'
  if (path.startsWith('/v2/manage/')) return 'swr-api'
  if (path.startsWith(TOKEN_REALM_PATH) || path.startsWith('/v2/')) return 'registry'
  return 'modelarts'
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Starts an emulator on a free port of 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return new Emulator(options).start()
}
