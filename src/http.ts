/**
 * The one request function: authenticate, send over @actions/http-client (so HTTPS_PROXY and
 * NO_PROXY work), bound each attempt by a timeout, the step's deadline and cancellation, read
 * Huawei's error shapes, and retry what may succeed when sent again.
 */
import { HttpClient } from '@actions/http-client'
import { ApiError, CancelledError, DeadlineError, NetworkError, messageOf } from './errors.js'
import { type Logger, type Runtime, formatDuration } from './runtime.js'
import {
  type AccessKey,
  type QueryParams,
  type SignableRequest,
  canonicalQueryString,
  signRequest
} from './signer.js'

/** Turns a request into the headers that authenticate it. Called anew for every attempt. */
export type Authenticator = (request: SignableRequest, now: Date) => Record<string, string>

/** AK/SK signing; a temporary key also sends its signed X-Security-Token. */
export function accessKeyAuth(key: AccessKey): Authenticator {
  return (request, now) => signRequest(request, key, now)
}

/** An IAM token, sent as X-Auth-Token with no signature. */
export function tokenAuth(token: string): Authenticator {
  return () => ({ 'X-Auth-Token': token })
}

/** No authentication (the OIDC exchange carries its own proof in the body). */
export const noAuth: Authenticator = () => ({})

/**
 * How a request may be repeated.
 * - `transient`: reads and look-ups: retried on 429, 5xx, network errors and non-JSON 2xx answers.
 * - `throttled-only`: a write that is not idempotent: only a 429 proves nothing was done.
 */
export type RetryRule = 'transient' | 'throttled-only'

export interface ApiRequest {
  /** Names the call in errors and logs: "register image", "look up project". */
  what: string
  method: 'GET' | 'POST' | 'DELETE'
  /** Endpoint, e.g. `https://modelarts.cn-north-4.myhuaweicloud.com`. */
  endpoint: string
  path: string
  query?: QueryParams
  /** Sent as JSON. */
  body?: unknown
  /** Extra headers; they are signed. */
  headers?: Record<string, string>
  auth: Authenticator
  retry: RetryRule
}

export interface ApiResponse {
  status: number
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown
  requestId: string | undefined
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | string[] | undefined>>
}

export interface HttpApiOptions {
  runtime: Runtime
  log: Logger
  /** Epoch ms after which no request is started and no pause goes on. */
  deadline: number
  signal: AbortSignal
  /** Longest wait for one answer; the deadline shortens it. */
  requestTimeoutMs?: number
  /** Attempts per request, the first included. */
  maxAttempts?: number
  /** First backoff ceiling; doubles per retry up to maxBackoffMs. */
  baseBackoffMs?: number
  maxBackoffMs?: number
  userAgent?: string
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504])

/** Sends API requests under one deadline, one cancel signal and one retry policy. */
export class HttpApi {
  private readonly client: HttpClient
  private readonly requestTimeoutMs: number
  private readonly maxAttempts: number
  private readonly baseBackoffMs: number
  private readonly maxBackoffMs: number

  constructor(private readonly options: HttpApiOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000
    this.maxAttempts = options.maxAttempts ?? 5
    this.baseBackoffMs = options.baseBackoffMs ?? 1_000
    this.maxBackoffMs = options.maxBackoffMs ?? 20_000
    // keepAlive reuses one TLS connection for the whole poll; dispose() closes it. The toolkit's own
    // retries stay off: this module decides what is retried.
    this.client = new HttpClient(options.userAgent ?? 'modelarts-register-image-action', [], {
      keepAlive: true,
      allowRetries: false,
      allowRedirects: false,
      socketTimeout: this.requestTimeoutMs
    })
  }

  /** Milliseconds left before the deadline. */
  remainingMs(): number {
    return this.options.deadline - this.options.runtime.now()
  }

  /** Sends `request`, retrying per its rule; throws ApiError, NetworkError, DeadlineError or CancelledError. */
  async send(request: ApiRequest): Promise<ApiResponse> {
    const { runtime, log, signal } = this.options
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sendOnce(request)
      } catch (error) {
        if (!this.mayRetry(request.retry, error) || attempt >= this.maxAttempts) throw error
        const delay = this.backoffMs(attempt, error as ApiError | NetworkError)
        if (delay >= this.remainingMs()) {
          log.info(`${request.what}: ${brief(error)}; no retry: the step's timeout comes first`)
          throw error
        }
        log.info(
          `${request.what}: ${brief(error)}; retry ${attempt} of ${this.maxAttempts - 1} in ${formatDuration(delay)}`
        )
        await runtime.sleep(delay, signal)
      }
    }
  }

  /** Closes kept-alive connections, so the process can exit at once. */
  dispose(): void {
    this.client.dispose()
  }

  private mayRetry(rule: RetryRule, error: unknown): boolean {
    if (error instanceof ApiError)
      return rule === 'transient' ? error.retryable : error.status === 429
    return rule === 'transient' && error instanceof NetworkError
  }

  /** Full jitter (a random pause up to the ceiling), but never shorter than Retry-After. */
  private backoffMs(attempt: number, error: ApiError | NetworkError): number {
    const ceiling = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (attempt - 1))
    const jittered = Math.round(this.options.runtime.random() * ceiling)
    const retryAfterMs =
      error instanceof ApiError && error.retryAfterSeconds !== undefined
        ? error.retryAfterSeconds * 1000
        : 0
    return Math.max(jittered, retryAfterMs)
  }

  private async sendOnce(request: ApiRequest): Promise<ApiResponse> {
    const { runtime, log, signal } = this.options
    if (signal.aborted) throw new CancelledError()
    const remaining = this.remainingMs()
    if (remaining <= 0) throw new DeadlineError(request.what)

    const base = new URL(request.endpoint)
    const path = base.pathname.replace(/\/+$/, '') + request.path
    const query = canonicalQueryString(request.query ?? {})
    const body = request.body === undefined ? '' : JSON.stringify(request.body)
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      ...request.headers
    }
    const signable: SignableRequest = {
      method: request.method,
      host: base.host,
      path,
      query: request.query ?? {},
      headers,
      body
    }
    const authHeaders = request.auth(signable, new Date(runtime.now()))
    const url = `${base.origin}${path}${query ? `?${query}` : ''}`
    const started = runtime.now()
    const timeoutMs = Math.min(this.requestTimeoutMs, remaining)

    const exchange = (async () => {
      const response = await this.client.request(request.method, url, body === '' ? null : body, {
        ...headers,
        ...authHeaders,
        Accept: 'application/json'
      })
      return { response, text: await response.readBody() }
    })()
    let result: Awaited<typeof exchange>
    try {
      result = await bounded(exchange, timeoutMs, signal)
    } catch (error) {
      if (error instanceof CancelledError) throw error
      const timedOut = error instanceof TimeoutSignal
      const detail = timedOut
        ? `no answer within ${formatDuration(timeoutMs)}`
        : `${(error as NodeJS.ErrnoException).code ?? 'network error'}: ${messageOf(error)}`
      log.debug(`${request.method} ${path} -> ${detail}`)
      if (timedOut && timeoutMs < this.requestTimeoutMs)
        throw new DeadlineError(request.what, detail)
      throw new NetworkError(request.what, detail, timedOut)
    }

    const status = result.response.message.statusCode ?? 0
    const responseHeaders = result.response.message.headers
    const parsed = parseJson(result.text)
    const requestId =
      headerValue(responseHeaders['x-request-id']) ?? stringField(parsed.value, 'request_id')
    log.debug(
      `${request.method} ${path} -> ${status} (request id ${requestId ?? 'none'}, ${runtime.now() - started} ms)`
    )

    if (status >= 200 && status < 300) {
      if (!parsed.ok) {
        throw new ApiError(
          request.what,
          status,
          '',
          `the answer was not JSON: ${snippet(result.text)}`,
          requestId,
          true
        )
      }
      return { status, body: parsed.value, requestId, headers: responseHeaders }
    }
    const { code, message } = errorFields(parsed.value)
    throw new ApiError(
      request.what,
      status,
      code,
      message ?? (snippet(result.text) || result.response.message.statusMessage || 'no message'),
      requestId,
      RETRYABLE_STATUSES.has(status),
      parseRetryAfter(headerValue(responseHeaders['retry-after']), runtime.now())
    )
  }
}

class TimeoutSignal extends Error {}

/** Settles with `work`, or rejects on timeout or abort. The loser's late outcome is ignored. */
function bounded<T>(work: Promise<T>, timeoutMs: number, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined)
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => finish(() => reject(new CancelledError()))
    const timer = setTimeout(() => finish(() => reject(new TimeoutSignal())), timeoutMs)
    const finish = (settle: () => void): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
      settle()
    }
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      value => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error))
    )
  })
}

function parseJson(text: string): { ok: boolean; value: unknown } {
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, value: undefined }
  }
}

/** Reads `{error_code, error_msg}` (ModelArts, API gateway) and `{error: {code, message}}` (IAM). */
function errorFields(body: unknown): { code: string; message: string | undefined } {
  const nested =
    typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined
  const code = stringField(body, 'error_code') ?? stringField(nested, 'code') ?? ''
  const message = stringField(body, 'error_msg') ?? stringField(nested, 'message')
  return { code, message }
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const field = (value as Record<string, unknown>)[key]
  return typeof field === 'string' || typeof field === 'number' ? String(field) : undefined
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, (date - nowMs) / 1000)
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat
}

function brief(error: unknown): string {
  if (error instanceof ApiError) {
    return `HTTP ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}${error.requestId ? ` (request id ${error.requestId})` : ''}`
  }
  if (error instanceof NetworkError) return error.detail
  return messageOf(error)
}
