/**
 * An emulator of the ModelArts image API and the parts of IAM the action uses, on 127.0.0.1.
 *
 * - Verifies AK/SK signatures from the raw bytes received (verify-signature.ts), IAM tokens,
 *   temporary keys with their X-Security-Token, and X-Project-Id against the path.
 * - Moves images through a lifecycle (INIT → CREATING → ACTIVE by default, or to CREATE_FAILED or
 *   ERROR), computed from the time since registration.
 * - Answers like the real service: list defaults type=BUILD_IN and fuzzy names, a duplicate
 *   registration is 400 ModelArts.6737, a missing image 400 ModelArts.6404, bad auth 401 APIGW.0301.
 * - Injects faults: any status (with Retry-After), reset connections, non-JSON answers, a silent
 *   socket, a registration that commits but whose answer is lost, and a rate limit.
 * - Stands in for the runner's OIDC id-token service and for IAM's OIDC token exchange.
 */
import * as crypto from 'node:crypto'
import * as http from 'node:http'
import * as https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import {
  type EmulatorImage,
  type Lifecycle,
  imageView,
  lifecycles,
  newImage,
  validateRegistration
} from './images.js'
import { type SwrTag, buildxTag, classicTag, sha256, tagKey } from './swr.js'
import { verifySignature } from './verify-signature.js'

export { type EmulatorImage, type Lifecycle, type Status, lifecycles, statusOf } from './images.js'

export const TEST_AK = 'HPUAEXAMPLEAK0000001'
export const TEST_SK = 'exampleSecretKey0000000000000000000000ab'
export const TEST_PROJECT_ID = '0123456789abcdef0123456789abcdef'
export const TEST_REGION = 'cn-north-4'
export const TEST_IDP = 'github-actions'
export const TEST_AUDIENCE = 'huaweicloud'
export const RUNNER_REQUEST_TOKEN = 'runner-request-token-for-tests'

export type FaultKind =
  | 'status' // answer `status` with an error body (and Retry-After when given)
  | 'reset' // destroy the connection before doing anything
  | 'non-json' // 200 with an HTML page
  | 'silent' // never answer
  | 'commit-then-reset' // do the work, then destroy the connection instead of answering
  | 'commit-then-status' // do the work, then answer `status`
  | 'commit-then-non-json' // do the work, then answer 200 with an HTML page

export interface Fault {
  kind: FaultKind
  method?: string
  /** Matched against the path without query. */
  path?: RegExp
  /** How many requests it hits; Infinity for all. */
  times: number
  status?: number
  errorCode?: string
  retryAfter?: string
  /** With kind 'status': answer this JSON instead of an error body. */
  body?: unknown
  /** With kind 'status': more response headers. */
  headers?: Record<string, string>
}

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  status: number
  /** Time received, ms since the emulator started. */
  at: number
  body: string
  headers: http.IncomingHttpHeaders
}

export interface EmulatorOptions {
  /** Lifecycle of each new registration (default: ACTIVE 600 ms after registering). */
  lifecycleFor?: (swrPath: string) => Lifecycle
  /** Requests per second over all routes; more are answered 429 APIGW.0308 with Retry-After: 1. */
  rateLimitPerSecond?: number
  /** Projects IAM knows, by region name. */
  projects?: { id: string; name: string }[]
  /** Whether RegisterImage answers 200 or 201. */
  registerStatus?: 200 | 201
  /**
   * SWR: a tag nobody pushed is answered as if `docker buildx` had pushed it for linux/amd64
   * (default true, so flows that are not about the check need no set-up); false answers 404.
   */
  autoPush?: boolean
  /** SWR's error body: the current object (default) or the legacy bare array. */
  swrErrorFormat?: 'current' | 'legacy'
  /** The registry answers a blob with a redirect to a second host (object storage). */
  blobRedirect?: boolean
  /** The error code of a duplicate registration (ModelArts.6737 by default; 2884 is also seen). */
  conflictCode?: string
}

interface TemporaryKey {
  secretAccessKey: string
  securityToken: string
}

/** A running emulator; `url` serves both ModelArts and IAM. */
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
  /** SWR tags by `namespace/repository:tag`. */
  readonly swrTags = new Map<string, SwrTag>()
  /** Registry blobs by digest. */
  readonly blobs = new Map<string, string>()
  /** Temporary docker logins CreateSecret issued: user → password. */
  readonly registryLogins = new Map<string, string>()
  readonly registryTokens = new Set<string>()
  /** What the second host (object storage behind a blob redirect) received. */
  readonly blobStoreRequests: RecordedRequest[] = []
  forcedDeletes = 0
  throttled = 0
  url = ''
  options: EmulatorOptions

  private server: http.Server
  private tlsServer: https.Server | undefined
  private blobStore: http.Server | undefined
  private blobStoreUrl = ''
  private readonly sockets = new Set<Socket>()
  private readonly startedAt = Date.now()
  private bucket = { tokens: 0, at: 0 }
  private counter = 0

  constructor(options: EmulatorOptions = {}) {
    this.options = options
    this.server = http.createServer((req, res) => void this.handle(req, res))
    this.server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    this.seedBuiltIn()
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>(resolve => this.server.listen(port, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    const store = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://store')
      this.blobStoreRequests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        status: 200,
        at: Date.now() - this.startedAt,
        body: '',
        headers: req.headers
      })
      const blob = this.blobs.get(url.pathname.replace(/^\/blobs\//, ''))
      if (!blob || url.searchParams.get('signature') !== 'ok') return void res.writeHead(403).end()
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(blob)
    })
    this.blobStore = store
    await new Promise<void>(resolve => store.listen(0, '127.0.0.1', resolve))
    this.blobStoreUrl = `http://127.0.0.1:${(store.address() as AddressInfo).port}`
    return this
  }

  /** The registry host in swr_path for images served by this emulator (`127.0.0.1:port`). */
  get registryHost(): string {
    return new URL(this.url).host
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

  /**
   * Serves the same API over TLS too, on another port of 127.0.0.1, with the given certificate (made
   * for the real host names, so a client reached through a CONNECT proxy verifies them).
   */
  async listenTls(tls: { key: string; cert: string }): Promise<number> {
    const server = https.createServer(tls, (req, res) => void this.handle(req, res))
    server.on('secureConnection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
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

  /** Adds a fault for the next `times` matching requests. */
  inject(fault: Partial<Fault> & { kind: FaultKind }): void {
    this.faults.push({ times: 1, ...fault })
  }

  /** Registers an image directly, as if an earlier run had. */
  seed(
    swrPath: string,
    lifecycle: Lifecycle = lifecycles.activeAtOnce(),
    workspaceId = '0',
    ageMs = 60_000,
    /** RegisterImage fields it was registered with (arch, service_type, …). */
    fields: Record<string, unknown> = {}
  ): EmulatorImage {
    const image = this.addImage(
      { ...fields, swr_path: swrPath, workspace_id: workspaceId },
      lifecycle
    )
    image.createdAt -= ageMs
    return image
  }

  /** Requests that match a method and a path pattern. */
  count(method: string, path: RegExp): number {
    return this.requests.filter(r => r.method === method && path.test(r.path)).length
  }

  /** A runner id-token service URL, as ACTIONS_ID_TOKEN_REQUEST_URL. */
  get idTokenRequestUrl(): string {
    return `${this.url}/_runner/id-token?api-version=2.0`
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://emulator')
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
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      record.status = status
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'X-Request-Id': requestId,
        ...headers
      })
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload))
    }
    const error = (
      status: number,
      code: string,
      message: string,
      headers?: Record<string, string>
    ): void =>
      send(status, { error_code: code, error_msg: message, request_id: requestId }, headers)

    const fault = this.takeFault(record.method, record.path)
    if (fault?.kind === 'reset') return void req.socket.destroy()
    if (fault?.kind === 'silent') return
    if (fault?.kind === 'non-json') {
      record.status = 200
      res.writeHead(200, { 'Content-Type': 'text/html', 'X-Request-Id': requestId })
      return void res.end('<html><body>502 Bad Gateway (upstream)</body></html>')
    }
    if (fault?.kind === 'status') {
      const status = fault.status ?? 503
      const headers: Record<string, string> = {
        ...(fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {}),
        ...fault.headers
      }
      if (fault.body !== undefined) return send(status, fault.body, headers)
      const code =
        fault.errorCode ??
        (status === 429 ? 'APIGW.0308' : status >= 500 ? 'ModelArts.0010' : 'ModelArts.0104')
      return error(
        status,
        code,
        status === 429 ? 'The throttling threshold has been reached' : 'Injected fault',
        headers
      )
    }
    if (!this.admit()) {
      this.throttled++
      return error(
        429,
        'APIGW.0308',
        'The throttling threshold has been reached: policy user over ratelimit,limit:' +
          this.options.rateLimitPerSecond +
          ',time:1 second',
        { 'Retry-After': '1' }
      )
    }

    const reply = (status: number, payload: unknown, headers?: Record<string, string>): void => {
      if (fault?.kind === 'commit-then-reset') return void req.socket.destroy()
      if (fault?.kind === 'commit-then-non-json') {
        record.status = 200
        res.writeHead(200, { 'Content-Type': 'text/html', 'X-Request-Id': requestId })
        return void res.end('<html><body>OK</body></html>')
      }
      if (fault?.kind === 'commit-then-status')
        return error(
          fault.status ?? 502,
          fault.errorCode ?? 'APIGW.0502',
          'Bad gateway (injected after commit)'
        )
      send(status, payload, headers)
    }
    try {
      this.route({ req, url, body, record, reply, error })
    } catch (e) {
      error(500, 'ModelArts.0010', `Internal error: ${(e as Error).message}`)
    }
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      f => (!f.method || f.method === method) && (!f.path || f.path.test(path)) && f.times > 0
    )
    if (index === -1) return undefined
    const fault = this.faults[index] as Fault
    fault.times--
    if (fault.times <= 0) this.faults.splice(index, 1)
    return fault
  }

  private admit(): boolean {
    const limit = this.options.rateLimitPerSecond
    if (!limit) return true
    const now = Date.now()
    if (this.bucket.at === 0) this.bucket = { tokens: limit, at: now }
    this.bucket.tokens = Math.min(
      limit,
      this.bucket.tokens + ((now - this.bucket.at) / 1000) * limit
    )
    this.bucket.at = now
    if (this.bucket.tokens < 1) return false
    this.bucket.tokens -= 1
    return true
  }

  private route(ctx: RouteContext): void {
    const { req, url, error } = ctx
    const method = req.method ?? 'GET'
    const path = url.pathname.replace(/\/+$/, '')
    if (path === '/_runner/id-token' && method === 'GET') return this.issueIdToken(ctx)
    if (path === '/v3.0/OS-AUTH/id-token/tokens' && method === 'POST')
      return this.exchangeIdToken(ctx)
    if (path === '/v3/projects' && method === 'GET') {
      const who = this.authenticate(ctx)
      if (!who) return
      const name = url.searchParams.get('name')
      const projects = this.projects().filter(p => !name || p.name === name)
      return ctx.reply(200, {
        projects: projects.map(p => ({
          ...p,
          domain_id: 'd0main',
          enabled: true,
          is_domain: false
        })),
        links: {}
      })
    }
    if (path.startsWith('/v2/manage/')) return this.swrManage(ctx, path, method)
    if (path.startsWith('/swr/auth/v2/registry/auth')) return this.registryToken(ctx)
    if (path.startsWith('/v2/')) return this.registry(ctx, path)
    const images = /^\/v1\/([^/]+)\/images(?:\/([^/]+))?$/.exec(path)
    if (images) {
      const [, projectId, id] = images as unknown as [string, string, string | undefined]
      const who = this.authenticate(ctx, projectId)
      if (!who) return
      if (!id && method === 'POST') return this.register(ctx)
      if (!id && method === 'GET') return this.list(ctx)
      if (id && method === 'GET') return this.show(ctx, id)
      if (id && method === 'DELETE') return this.remove(ctx, id)
    }
    error(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment')
  }

  /** AK/SK, temporary AK/SK with X-Security-Token, or X-Auth-Token; sends the 401 itself. */
  private authenticate(
    ctx: RouteContext,
    pathProjectId?: string
  ): { projectId?: string } | undefined {
    const { req, body, error } = ctx
    const deny = (why: string): undefined =>
      void error(401, 'APIGW.0301', `Incorrect IAM authentication information: ${why}`)
    const token = req.headers['x-auth-token']
    if (typeof token === 'string') {
      const projectId = this.tokens.get(token)
      if (!projectId) return deny('decrypt token fail')
      if (pathProjectId && pathProjectId !== projectId) {
        return void error(403, 'ModelArts.0204', 'Token must contain projectId info.')
      }
      return { projectId }
    }
    const securityToken = req.headers['x-security-token']
    const verdict = verifySignature(
      { method: req.method ?? 'GET', rawUrl: req.url ?? '/', headers: req.headers, body },
      ak => {
        const temporary = this.temporaryKeys.get(ak)
        if (temporary)
          return temporary.securityToken === securityToken ? temporary.secretAccessKey : undefined
        return this.accessKeys.get(ak)
      }
    )
    if (!verdict.ok) return deny(verdict.reason)
    if (typeof securityToken === 'string' && !verdict.signedHeaders.includes('x-security-token')) {
      return deny('x-security-token must be signed')
    }
    if (
      this.temporaryKeys.has(verdict.accessKeyId) &&
      !verdict.signedHeaders.includes('x-security-token')
    ) {
      return deny('temporary access key without x-security-token')
    }
    const headerProject = req.headers['x-project-id']
    if (pathProjectId) {
      if (typeof headerProject === 'string' && headerProject !== pathProjectId) {
        return void error(
          400,
          'ModelArts.0204',
          'X-Project-Id does not match the project in the path'
        )
      }
      if (!this.projects().some(p => p.id === pathProjectId)) {
        return void error(403, 'ModelArts.6407', `no permission for project ${pathProjectId}`)
      }
    }
    return {}
  }

  private projects(): { id: string; name: string }[] {
    return this.options.projects ?? [{ id: TEST_PROJECT_ID, name: TEST_REGION }]
  }

  private register(ctx: RouteContext): void {
    let body: Record<string, unknown>
    try {
      body = JSON.parse(ctx.body.toString('utf8')) as Record<string, unknown>
    } catch {
      return ctx.error(400, 'ModelArts.6400', 'Invalid request payload, please check.')
    }
    const problem = validateRegistration(body)
    if (problem) return ctx.error(400, 'ModelArts.0104', `Parameter error: ${problem}`)
    const swrPath = body.swr_path as string
    const workspaceId = (body.workspace_id as string | undefined) ?? '0'
    const duplicate = [...this.images.values()].find(
      i => !i.deleted && i.swr_path === swrPath && i.workspace_id === workspaceId
    )
    if (duplicate) {
      return ctx.error(
        400,
        this.options.conflictCode ?? 'ModelArts.6737',
        `Conflict tag ${duplicate.tag} for image ${duplicate.name}, tag cannot be duplicated.`
      )
    }
    const lifecycle = this.options.lifecycleFor?.(swrPath) ?? lifecycles.activeAfter(600)
    const image = this.addImage(body, lifecycle)
    ctx.reply(this.options.registerStatus ?? 200, imageView(image))
  }

  private list(ctx: RouteContext): void {
    const q = ctx.url.searchParams
    const type = q.get('type') ?? 'BUILD_IN'
    const name = q.get('name')
    // The documented character set of the name filter: lower-case letters, digits, - _ .
    if (name !== null && !/^[a-z0-9._-]{1,512}$/.test(name))
      return ctx.error(400, 'ModelArts.0104', 'Parameter error: name')
    const fuzzy = (q.get('name_fuzzy_match') ?? 'true') !== 'false'
    const namespace = q.get('namespace')
    const workspaceId = q.get('workspace_id') ?? '0'
    const limit = Number(q.get('limit') ?? 200)
    const offset = Number(q.get('offset') ?? 0)
    const matches = [...this.images.values()]
      .filter(i => !i.deleted && i.type === type)
      .filter(i => !name || (fuzzy ? i.name.includes(name) : i.name === name))
      .filter(i => !namespace || i.namespace === namespace)
      .filter(i => i.type === 'BUILD_IN' || i.workspace_id === workspaceId)
    const page = matches.slice(offset, offset + limit)
    ctx.reply(200, {
      current: Math.floor(offset / Math.max(1, limit)),
      data: page.map(i => imageView(i)),
      pages: Math.ceil(matches.length / Math.max(1, limit)),
      size: page.length,
      total: matches.length
    })
  }

  private show(ctx: RouteContext, id: string): void {
    const image = this.images.get(id)
    if (!image || image.deleted) return ctx.error(400, 'ModelArts.6404', `Image ${id} not found.`)
    ctx.reply(200, imageView(image))
  }

  private remove(ctx: RouteContext, id: string): void {
    const image = this.images.get(id)
    if (!image || image.deleted) return ctx.error(400, 'ModelArts.6404', `Image ${id} not found.`)
    let forced = ctx.url.searchParams.get('force') === 'true'
    if (ctx.body.length > 0) {
      try {
        forced ||=
          (JSON.parse(ctx.body.toString('utf8')) as { is_force?: unknown }).is_force === true
      } catch {
        return ctx.error(400, 'ModelArts.6400', 'Invalid request payload, please check.')
      }
    }
    if (forced) this.forcedDeletes++
    image.deleted = true
    ctx.reply(200, imageView(image))
  }

  /** SWR's management API: ShowRepoTag and CreateSecret, signed like ModelArts. */
  private swrManage(ctx: RouteContext, path: string, method: string): void {
    if (!this.authenticate(ctx)) return
    const swrError = (status: number, code: string, message: string): void => {
      const error = { errorCode: code, errorMessage: message, detail: '' }
      if (this.options.swrErrorFormat === 'legacy') return ctx.reply(status, [error])
      ctx.reply(status, { errors: [error], error_code: code, error_msg: message })
    }
    const tagRoute = /^\/v2\/manage\/namespaces\/([^/]+)\/repos\/([^/]+)\/tags\/([^/]+)$/.exec(path)
    if (tagRoute && method === 'GET') {
      const [namespace, repository, tag] = tagRoute.slice(1).map(decodeURIComponent) as [
        string,
        string,
        string
      ]
      const key = `${namespace}/${repository.replace(/\$/g, '/')}:${tag}`
      let found = this.swrTags.get(key)
      if (!found && this.options.autoPush !== false) {
        found = buildxTag(['linux/amd64'], this.blobs)
        this.swrTags.set(key, found)
      }
      if (!found) return swrError(404, 'SVCSTG.SWR.4040115', `Tag ${tag} not found`)
      return ctx.reply(200, {
        id: 1,
        repo_id: 1,
        tag: tag.toLowerCase(),
        image_id: found.digest.slice(7, 19),
        manifest: found.manifest,
        digest: found.digest,
        schema: 2,
        path: `swr.cn-north-4.myhuaweicloud.com/${key}`,
        internal_path: `10.0.0.1:20202/${key}`,
        size: 3376133259,
        is_trusted: false,
        created: new Date(found.createdAt).toISOString(),
        updated: new Date(found.createdAt).toISOString(),
        domain_id: 'd0main',
        tag_type: found.tagType
      })
    }
    const listRoute = /^\/v2\/manage\/namespaces\/([^/]+)\/repos\/([^/]+)\/tags$/.exec(path)
    if (listRoute && method === 'GET') {
      // ListRepositoryTags: a bare array, `Tag` capitalised, Content-Range for paging.
      const [namespace, repository] = listRoute.slice(1).map(decodeURIComponent) as [string, string]
      const prefix = `${namespace}/${repository.replace(/\$/g, '/')}:`
      const wanted = ctx.url.searchParams.get('tag')
      const tags = [...this.swrTags.entries()]
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, tag]) => ({ name: key.slice(prefix.length), tag }))
        .filter(({ name }) => !wanted || name.includes(wanted))
      const offset = Number(ctx.url.searchParams.get('offset') ?? 0)
      const limit = Number(ctx.url.searchParams.get('limit') ?? 100)
      const page = tags.slice(offset, offset + limit)
      return ctx.reply(
        200,
        page.map(({ name, tag }, i) => ({
          id: offset + i + 1,
          repo_id: 1,
          Tag: name,
          image_id: tag.digest.slice(7, 19),
          manifest: tag.manifest,
          digest: tag.digest,
          schema: 2,
          path: `swr.cn-north-4.myhuaweicloud.com/${prefix}${name}`,
          internal_path: `10.0.0.1:20202/${prefix}${name}`,
          size: 3376133259,
          is_trusted: false,
          created: new Date(tag.createdAt).toISOString(),
          updated: new Date(tag.createdAt).toISOString(),
          deleted: null,
          domain_id: 'd0main',
          scanned: false,
          tag_type: tag.tagType
        })),
        { 'Content-Range': `${offset}-${offset + page.length - 1}/${tags.length}` }
      )
    }
    if (path === '/v2/manage/utils/secret' && method === 'POST') {
      const region = ctx.url.searchParams.get('projectname') ?? ''
      const user = `${region}@TEMP${crypto.randomBytes(8).toString('hex').toUpperCase()}`
      const password = crypto.randomBytes(32).toString('hex')
      this.registryLogins.set(user, password)
      const auth = Buffer.from(`${user}:${password}`).toString('base64')
      const hosts = [`swr.${region}.myhuaweicloud.com`, this.registryHost]
      return ctx.reply(
        200,
        { auths: Object.fromEntries(hosts.map(host => [host, { auth }])) },
        {
          'X-Swr-Dockerlogin': `docker login -u ${user} -p ${password} ${hosts[0]}`,
          'X-Swr-Expireat': new Date(Date.now() + 6 * 3600_000).toISOString()
        }
      )
    }
    swrError(404, 'SVCSTG.SWR.4040001', 'no such API')
  }

  /** The registry's token realm: Basic auth with a temporary login → a pull token. */
  private registryToken(ctx: RouteContext): void {
    const basic = /^Basic (.+)$/.exec(ctx.req.headers.authorization ?? '')?.[1]
    const [user = '', password] = Buffer.from(basic ?? '', 'base64')
      .toString()
      .split(/:(.*)/s)
    if (!basic || this.registryLogins.get(user) !== password)
      return ctx.reply(401, {
        errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }]
      })
    const token = crypto.randomBytes(24).toString('base64url')
    this.registryTokens.add(token)
    ctx.reply(200, { token, expires_in: 300, issued_at: new Date().toISOString() })
  }

  /** The Docker Registry v2 data plane: manifests and blobs, behind the Bearer challenge. */
  private registry(ctx: RouteContext, path: string): void {
    const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(path)
    const repository = blob?.[1] ?? /^\/v2\/(.+)\/manifests\//.exec(path)?.[1] ?? ''
    const bearer = /^Bearer (.+)$/.exec(ctx.req.headers.authorization ?? '')?.[1]
    if (!bearer || !this.registryTokens.has(bearer)) {
      return ctx.reply(
        401,
        { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] },
        {
          'WWW-Authenticate': `Bearer realm="${this.url}/swr/auth/v2/registry/auth/",service="dockyard"${repository ? `,scope="repository:${repository}:pull"` : ''}`
        }
      )
    }
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(path)
    if (manifest?.[1] && manifest[2]) {
      const [repo, reference] = [manifest[1], manifest[2]]
      const tag = reference.startsWith('sha256:')
        ? [...this.swrTags.entries()].find(
            ([key, t]) => key.startsWith(`${repo}:`) && t.digest === reference
          )?.[1]
        : this.swrTags.get(`${repo}:${reference}`)
      if (!tag)
        return ctx.reply(404, {
          errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }]
        })
      const mediaType = (JSON.parse(tag.manifest) as { mediaType?: string }).mediaType ?? ''
      return ctx.reply(200, tag.manifest, {
        'Content-Type': mediaType,
        'Docker-Content-Digest': tag.digest
      })
    }
    const content = blob?.[2] ? this.blobs.get(blob[2]) : undefined
    if (!blob?.[2] || content === undefined)
      return ctx.reply(404, { errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown' }] })
    if (sha256(content) !== blob[2]) throw new Error('blob store corrupt')
    if (this.options.blobRedirect) {
      return ctx.reply(307, '', {
        Location: `${this.blobStoreUrl}/blobs/${blob[2]}?signature=ok&expires=300`
      })
    }
    ctx.reply(200, content, { 'Content-Type': 'application/octet-stream' })
  }

  private issueIdToken(ctx: RouteContext): void {
    if (ctx.req.headers.authorization !== `Bearer ${RUNNER_REQUEST_TOKEN}`) {
      return ctx.reply(401, { message: 'bad runner request token' })
    }
    const audience = ctx.url.searchParams.get('audience') ?? 'https://github.com/octo-org'
    const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url')
    const jwt = [
      b64({ alg: 'RS256', typ: 'JWT' }),
      b64({
        iss: 'https://token.actions.githubusercontent.com',
        aud: audience,
        sub: 'repo:octo-org/app:ref:refs/heads/main',
        jti: crypto.randomUUID()
      }),
      crypto.randomBytes(32).toString('base64url')
    ].join('.')
    this.idTokens.set(jwt, audience)
    ctx.reply(200, { value: jwt })
  }

  private exchangeIdToken(ctx: RouteContext): void {
    if (ctx.req.headers['x-idp-id'] !== TEST_IDP) {
      return ctx.error(
        404,
        'IAM.0004',
        `identity provider ${String(ctx.req.headers['x-idp-id'])} does not exist`
      )
    }
    let auth:
      | { id_token?: { id?: string }; scope?: { project?: { id?: string; name?: string } } }
      | undefined
    try {
      auth = (JSON.parse(ctx.body.toString('utf8')) as { auth?: typeof auth }).auth
    } catch {
      return ctx.error(400, 'IAM.0001', 'invalid request body')
    }
    const audience = this.idTokens.get(auth?.id_token?.id ?? '')
    if (audience === undefined) return ctx.error(401, 'IAM.0011', 'id token verification failed')
    if (audience !== TEST_AUDIENCE)
      return ctx.error(401, 'IAM.0011', `id token audience ${audience} is not the client id`)
    const scope = auth?.scope?.project
    const project = this.projects().find(p =>
      scope?.id ? p.id === scope.id : p.name === scope?.name
    )
    if (!project) return ctx.error(400, 'IAM.0003', 'project in scope not found')
    const token = `MIIt${crypto.randomBytes(24).toString('hex')}`
    this.tokens.set(token, project.id)
    ctx.reply(
      201,
      {
        token: {
          methods: ['mapped'],
          project: { id: project.id, name: project.name },
          expires_at: new Date(Date.now() + 86400_000).toISOString()
        }
      },
      { 'X-Subject-Token': token }
    )
  }

  private addImage(body: Record<string, unknown>, lifecycle: Lifecycle): EmulatorImage {
    const image = newImage(body, lifecycle)
    this.images.set(image.id, image)
    return image
  }

  /** Preset images that the list API returns by default (type=BUILD_IN), to catch a missing type filter. */
  private seedBuiltIn(): void {
    const preset = this.addImage(
      { swr_path: 'swr.cn-north-4.myhuaweicloud.com/atelier/pytorch_1_8:train-py_3.7' },
      lifecycles.activeAtOnce()
    )
    preset.type = 'BUILD_IN'
  }
}

interface RouteContext {
  req: http.IncomingMessage
  url: URL
  body: Buffer
  record: RecordedRequest
  reply: (status: number, payload: unknown, headers?: Record<string, string>) => void
  error: (status: number, code: string, message: string, headers?: Record<string, string>) => void
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
