/**
 * The one request function, so every call is authenticated, proxied, bounded by its timeout, the
 * step's deadline, cancel and a size limit, read (answer.ts) and retried (retry.ts) the same way.
 */
import { HttpClient } from '@actions/http-client'
import { ApiError, CancelledError, DeadlineError, NetworkError, messageOf } from '../base/errors.js'
import { type Logger, type Runtime, formatDuration } from '../base/runtime.js'
import type { Budget } from '../budget.js'
import type { IncomingMessage } from 'node:http'
import { type RetryRule, backoffMs, isThrottled, mayRetry } from './retry.js'
import { meaningOf } from '../model/service-codes.js'
import {
  errorFields,
  headerValue,
  parseJson,
  parseRetryAfter,
  stringField,
  unreadableAnswer
} from './answer.js'
import { serverText } from '../base/text.js'
import { type Authenticator, noAuth } from './auth.js'
import { type QueryParams, type SignableRequest, canonicalQueryString } from './signer.js'

export { type Authenticator, accessKeyAuth, noAuth, tokenAuth } from './auth.js'

export interface ApiRequest {
  /** Names the call in errors and logs: "register image", "look up project". */
  what: string
  method: 'GET' | 'POST' | 'DELETE'
  /** Endpoint, e.g. `https://modelarts.cn-north-4.myhuaweicloud.com`. */
  endpoint: string
  path: string
  query?: QueryParams
  /** A query string sent exactly as given (a redirect's signed URL); not signed, so only with noAuth. */
  rawQuery?: string
  /** Sent as JSON. */
  body?: unknown
  /** Extra headers; they are signed. */
  headers?: Record<string, string>
  auth: Authenticator
  retry: RetryRule
  /**
   * Statuses handed back as answers instead of thrown (a registry's 401 challenge, a redirect);
   * their body is read as JSON when it is JSON, else left undefined.
   */
  passStatuses?: readonly number[]
  /** A shorter budget than the step's (best-effort work), or the last check's grace (first try only). */
  budget?: Budget
  /** The IAM action the call needs (model/permissions.ts): a 403 names it. */
  permission?: string
  /**
   * Declares that the answer brings secrets (new credentials, a token), and where they go: given to
   * `mask` before anything of the answer (its request id, a debug line, an error) is written. The
   * answer's text is never quoted: one that is not JSON keeps its secrets unfound, hence unmasked.
   */
  answerSecrets?: {
    of: (answer: Pick<ApiResponse, 'body' | 'headers'>) => readonly unknown[]
    mask: (secret: string) => void
  }
}

export interface ApiResponse {
  status: number
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown
  /** The body as received, for content checked against its digest. */
  text: string
  requestId: string | undefined
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | string[] | undefined>>
}

export interface HttpApiOptions {
  runtime: Runtime
  log: Logger
  /** The step's budget: no request starts and no pause goes on past it. */
  budget: Budget
  /** Longest wait for one answer; the deadline shortens it. */
  requestTimeoutMs?: number
  /** Attempts per request after transient failures, the first included (429s are not counted). */
  maxAttempts?: number
  /** First backoff ceiling; doubles per retry up to maxBackoffMs. */
  baseBackoffMs?: number
  maxBackoffMs?: number
  /** Replaces known secrets in text quoted from an answer, before it is shortened. */
  redact?: (text: string) => string
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504])
/** One attempt, ready to send: the URL, the body, and the headers with the signature. */
interface Prepared {
  url: string
  path: string
  body: string
  headers: Record<string, string>
}

/** Why an answer that brings secrets is not quoted. */
const NOT_QUOTED = 'not quoted: it may carry credentials'

/** Answers larger than this are refused as unreadable: no API answer the action reads comes close. */
const MAX_ANSWER_BYTES = 1024 * 1024

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
    this.client = new HttpClient('modelarts-register-image-action', [], {
      keepAlive: true,
      allowRetries: false,
      allowRedirects: false,
      socketTimeout: this.requestTimeoutMs
    })
  }

  /** Sends `request`, retrying per its rule; throws ApiError, NetworkError, DeadlineError or CancelledError. */
  async send(request: ApiRequest): Promise<ApiResponse>
  async send<T>(request: ApiRequest, read: (response: ApiResponse) => T): Promise<T>
  /**
   * With `read`: the answer is read inside the retry loop, so an answer `read` finds unusable
   * (`unreadableAnswer`) is retried exactly like a non-JSON 2xx.
   */
  async send<T>(
    request: ApiRequest,
    read?: (response: ApiResponse) => T
  ): Promise<T | ApiResponse> {
    const { log } = this.options
    const first = request.budget ?? this.options.budget
    // The last status check's grace is for the answer of its first attempt: a retry, and its
    // pause, end at the deadline like any other.
    const budget = first.withoutGrace()
    // A 429 means "later", not "no": throttled answers are retried until the deadline, and only
    // other transient failures count toward maxAttempts.
    let failures = 0
    for (let retry = 1; ; retry++) {
      try {
        const response = await this.sendOnce(request, retry === 1 ? first : budget)
        return read ? read(response) : response
      } catch (error) {
        if (!mayRetry(request.retry, error)) throw error
        const throttled = isThrottled(error)
        if (!throttled && ++failures >= this.maxAttempts) throw error
        const delay = backoffMs(
          retry,
          error,
          { baseMs: this.baseBackoffMs, maxMs: this.maxBackoffMs },
          this.options.runtime.random
        )
        if (delay >= budget.remainingMs()) {
          log.info(`${request.what}: ${brief(error)}; no retry: the step's timeout comes first`)
          throw error
        }
        const count = throttled
          ? `throttled, retry ${retry} (429 is retried until the step's timeout)`
          : `retry ${failures} of ${this.maxAttempts - 1}`
        log.info(`${request.what}: ${brief(error)}; ${count} in ${formatDuration(delay)}`)
        await budget.pause(delay, request.what)
      }
    }
  }

  /**
   * Waits for work done outside this class (the runner's OIDC token service) under the same
   * deadline and cancellation as every request: it rejects with DeadlineError or CancelledError
   * when either comes first, leaving `work` to settle unobserved.
   */
  async within<T>(what: string, work: Promise<T>): Promise<T> {
    const { runtime, budget } = this.options
    const { signal } = budget
    work.catch(() => undefined)
    if (signal.aborted) throw new CancelledError()
    const remaining = budget.remainingMs()
    if (remaining <= 0) throw new DeadlineError(what)
    const done = new AbortController()
    const either = AbortSignal.any([signal, done.signal])
    const deadline = runtime.sleep(remaining, either).then(
      () => Promise.reject(new DeadlineError(what)),
      () => (signal.aborted ? Promise.reject(new CancelledError()) : new Promise<never>(() => {}))
    )
    try {
      return await Promise.race([work, deadline])
    } finally {
      done.abort()
    }
  }

  /** Closes kept-alive connections, so the process can exit at once. */
  dispose(): void {
    this.client.dispose()
  }

  private async sendOnce(request: ApiRequest, budget: Budget): Promise<ApiResponse> {
    const { runtime, log } = this.options
    budget.assertOpen(request.what)
    const timeoutMs = Math.min(this.requestTimeoutMs, budget.remainingMs())
    const { url, path, body, headers } = this.prepare(request)
    const started = runtime.now()
    const { message, text } = await this.exchange(
      request,
      { url, path, body, headers },
      {
        timeoutMs,
        signal: budget.signal
      }
    )

    const status = message.statusCode ?? 0
    const responseHeaders = message.headers
    const parsed = parseJson(text)
    maskAnswerSecrets(request, { body: parsed.value, headers: responseHeaders })
    const rawRequestId =
      headerValue(responseHeaders['x-request-id']) ?? stringField(parsed.value, 'request_id')
    // Masked before it is cut: a cut secret is no longer found whole.
    const requestId =
      rawRequestId === undefined ? undefined : serverText(this.redact(rawRequestId), 128)
    log.debug(
      `${request.method} ${path} -> ${status} (request id ${requestId ?? 'none'}, ${runtime.now() - started} ms)`
    )

    if (request.passStatuses?.includes(status))
      return { status, body: parsed.value, text, requestId, headers: responseHeaders }
    if (status >= 200 && status < 300) {
      if (!parsed.ok)
        throw unreadableAnswer(
          request.what,
          { status, requestId },
          `the answer was not JSON${request.answerSecrets ? ` (${NOT_QUOTED})` : `: ${this.snippet(text)}`}`
        )
      return { status, body: parsed.value, text, requestId, headers: responseHeaders }
    }
    const { code, message: errorMessage } = errorFields(parsed.value)
    const encoded = stringField(parsed.value, 'encoded_authorization_message')
    throw new ApiError({
      what: request.what,
      status,
      errorCode: this.redact(code),
      errorMsg:
        (errorMessage === undefined ? undefined : this.snippet(errorMessage, 512)) ??
        this.fallbackMessage(request, text, message.statusMessage),
      requestId,
      retryable: RETRYABLE_STATUSES.has(status),
      retryAfterSeconds: parseRetryAfter(
        headerValue(responseHeaders['retry-after']),
        runtime.now()
      ),
      // A code with a meaning of its own (ModelArts not authorized in the region) has its own next
      // step: naming the caller's permission there would send the user after the wrong fix.
      permission: meaningOf(code ?? '') ? undefined : request.permission,
      ...(encoded ? { authorizationMessage: this.snippet(encoded, 2048) } : {})
    })
  }

  /** The URL, body and signed headers of one attempt (signed anew each time: the date changes). */
  private prepare(request: ApiRequest): Prepared {
    const base = new URL(request.endpoint)
    const path = base.pathname.replace(/\/+$/, '') + request.path
    const query = canonicalQueryString(request.query ?? {})
    const body = request.body === undefined ? '' : JSON.stringify(request.body)
    // A JSON body says so, and so does every signed API call (as the SDKs send it); a blob or
    // token request carries none: a signed object-storage URL may be signed without it.
    const headers: Record<string, string> = {
      ...(body !== '' || request.auth !== noAuth ? { 'Content-Type': 'application/json' } : {}),
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
    const authHeaders = request.auth(signable, new Date(this.options.runtime.now()))
    const search = request.rawQuery ?? query
    const url = `${base.origin}${path}${search ? `?${search}` : ''}`
    // JSON unless the request asks for more (a registry's manifest types).
    return { url, path, body, headers: { Accept: 'application/json', ...headers, ...authHeaders } }
  }

  /**
   * Sends one attempt and reads its body within the size limit, bounded by the timeout and the
   * cancel signal; a failure becomes CancelledError, an unreadable answer, DeadlineError (the
   * step's deadline cut the timeout short) or NetworkError.
   */
  private async exchange(
    request: ApiRequest,
    prepared: Prepared,
    { timeoutMs, signal }: { timeoutMs: number; signal: AbortSignal }
  ): Promise<{ message: IncomingMessage; text: string }> {
    const { url, path, body, headers } = prepared
    const attempt = (async () => {
      const response = await this.client.request(
        request.method,
        url,
        body === '' ? null : body,
        headers
      )
      return {
        message: response.message,
        text: await readLimited(response.message, MAX_ANSWER_BYTES)
      }
    })()
    try {
      return await bounded(attempt, timeoutMs, signal)
    } catch (error) {
      if (error instanceof CancelledError) throw error
      if (error instanceof TooLarge)
        throw unreadableAnswer(
          request.what,
          { status: error.status },
          `the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`
        )
      // Node refused to send it (a header it cannot write): the same request fails the same way
      // every time, so it is no network error to retry.
      if (/^ERR_INVALID_/.test((error as NodeJS.ErrnoException).code ?? ''))
        throw new Error(`${request.what}: ${messageOf(error)}`)
      const timedOut = error instanceof TimeoutSignal
      const detail = timedOut
        ? `no answer within ${formatDuration(timeoutMs)}`
        : `${(error as NodeJS.ErrnoException).code ?? 'network error'}: ${messageOf(error)}`
      this.options.log.debug(`${request.method} ${path} -> ${detail}`)
      if (timedOut && timeoutMs < this.requestTimeoutMs)
        throw new DeadlineError(request.what, detail)
      throw new NetworkError(request.what, detail)
    }
  }

  /**
   * An error answer without a message of its own: its text quoted, or its reason phrase when the
   * answer may carry secrets (they were not found in it) or is empty.
   */
  private fallbackMessage(
    { answerSecrets }: ApiRequest,
    text: string,
    reason: string | undefined
  ): string {
    const quoted = answerSecrets ? '' : this.snippet(text)
    const withheld = answerSecrets && text.trim() ? `the answer was ${NOT_QUOTED}` : ''
    return quoted || this.snippet(reason ?? '') || withheld || 'no message'
  }

  /** Server text with every known secret replaced by `***`: done before any cut (mask first, then shorten). */
  readonly redact = (text: string): string => this.options.redact?.(text) ?? text

  /** Quoted answer text: known secrets replaced first, then flattened, then shortened. */
  private snippet(text: string, max = 120): string {
    return serverText(this.redact(text).replace(/\s+/g, ' '), max)
  }
}

/** The answer's own secrets, masked (every string of them; a header may come as a list). */
function maskAnswerSecrets(
  { answerSecrets }: ApiRequest,
  answer: Pick<ApiResponse, 'body' | 'headers'>
): void {
  if (!answerSecrets) return
  for (const secret of answerSecrets.of(answer).flat())
    if (typeof secret === 'string' && secret) answerSecrets.mask(secret)
}

/** The body grew past the limit; the connection was dropped. */
class TooLarge extends Error {
  constructor(readonly status: number) {
    super('answer too large')
  }
}

/** The body as text; refused (and the connection dropped) once it passes `limit` bytes. */
async function readLimited(message: IncomingMessage, limit: number): Promise<string> {
  const status = message.statusCode ?? 0
  if (Number(message.headers['content-length'] ?? 0) > limit) {
    message.destroy()
    throw new TooLarge(status)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of message) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > limit) {
      message.destroy()
      throw new TooLarge(status)
    }
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The per-request timeout passed before the answer came. */
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

/** One short line for a failed attempt, for the retry log. */
function brief(error: unknown): string {
  if (error instanceof ApiError) {
    // A 2xx that could not be read says why; an error status says enough with its code.
    const why = error.status >= 200 && error.status < 300 ? `: ${error.errorMsg}` : ''
    return `HTTP ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}${why}${error.requestId ? ` (request id ${error.requestId})` : ''}`
  }
  if (error instanceof NetworkError) return error.detail
  return messageOf(error)
}
