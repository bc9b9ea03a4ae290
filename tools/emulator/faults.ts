/**
 * Injected faults and the rate limit: what happens to a request before its route and to its answer
 * after.
 */
import type * as http from 'node:http'
import type { ErrorReply, RecordedRequest, Reply } from './context.js'

export type FaultKind =
  | 'status' // answer `status` with an error body (and Retry-After when given)
  | 'reset' // destroy the connection before doing anything
  | 'non-json' // 200 with an HTML page
  | 'silent' // never answer
  | 'commit-then-reset' // do the work, then destroy the connection instead of answering
  | 'commit-then-status' // do the work, then answer `status`
  | 'commit-then-non-json' // do the work, then answer 200 with an HTML page
  | 'commit-then-silent' // do the work, then never answer (the socket stays open and silent)
  | 'echo-token' // answer `status` (400) quoting the request's X-Auth-Token in the code, message and request id

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

/** The services the emulator stands in for, as a latency is given per service. */
export type Service = 'modelarts' | 'iam' | 'swr-api' | 'registry' | 'blob-store' | 'token-service'

export interface FaultOptions {
  /** Requests per second over all routes; more are answered 429 APIGW.0308 with Retry-After: 1. */
  rateLimitPerSecond?: number
  /**
   * Every request waits this long before it is handled, as on a runner far from the region: one
   * number for every service, or one per service (a service left out answers at once).
   */
  answerDelayMs?: number | Partial<Record<Service, number>>
}

/** How long a request to `service` waits before it is handled (`answerDelayMs`). */
export function answerDelay(options: FaultOptions, service: Service): number {
  const delay = options.answerDelayMs
  return (typeof delay === 'number' ? delay : delay?.[service]) ?? 0
}

/** Waits `ms` (nothing when 0). */
export function pauseFor(ms: number): Promise<void> {
  return ms > 0 ? new Promise(resolve => setTimeout(resolve, ms)) : Promise.resolve()
}

/** How a fault answers: the raw response (for HTML pages), and the JSON answers of the emulator. */
export interface FaultTarget {
  req: http.IncomingMessage
  res: http.ServerResponse
  record: RecordedRequest
  requestId: string
  send: Reply
  error: ErrorReply
}

/** Takes the first fault that matches the request, counting it down. */
export function takeFault(faults: Fault[], method: string, path: string): Fault | undefined {
  const index = faults.findIndex(
    f => (!f.method || f.method === method) && (!f.path || f.path.test(path)) && f.times > 0
  )
  if (index === -1) return undefined
  const fault = faults[index] as Fault
  fault.times--
  if (fault.times <= 0) faults.splice(index, 1)
  return fault
}

function html(target: FaultTarget, page: string): void {
  target.record.status = 200
  target.res.writeHead(200, { 'Content-Type': 'text/html', 'X-Request-Id': target.requestId })
  target.res.end(page)
}

/** Applies a fault that hits before the route; true when the request is dealt with. */
export function answerBefore(fault: Fault | undefined, target: FaultTarget): boolean {
  switch (fault?.kind) {
    case 'reset':
      target.req.socket.destroy()
      return true
    case 'silent':
      return true
    case 'non-json':
      html(target, '<html><body>502 Bad Gateway (upstream)</body></html>')
      return true
    case 'echo-token': {
      // A service that quotes what it was sent: an IAM token of several KB, in every field it has.
      const token = String(target.req.headers['x-auth-token'] ?? '')
      const error = { error_code: `ModelArts.${token}`, error_msg: `token ${token} is not valid` }
      target.send(fault.status ?? 400, { ...error, request_id: token }, { 'X-Request-Id': token })
      return true
    }
    case 'status': {
      const status = fault.status ?? 503
      const headers: Record<string, string> = {
        ...(fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {}),
        ...fault.headers
      }
      if (fault.body !== undefined) {
        target.send(status, fault.body, headers)
        return true
      }
      const code =
        fault.errorCode ??
        (status === 429 ? 'APIGW.0308' : status >= 500 ? 'ModelArts.0010' : 'ModelArts.0104')
      const message =
        status === 429 ? 'The throttling threshold has been reached' : 'Injected fault'
      target.error(status, code, message, headers)
      return true
    }
    default:
      return false
  }
}

/** The route's reply, with a fault that hits after the work is done (commit-then-…) applied. */
export function replyAfter(fault: Fault | undefined, target: FaultTarget): Reply {
  return (status, payload, headers) => {
    if (fault?.kind === 'commit-then-silent') return
    if (fault?.kind === 'commit-then-reset') return void target.req.socket.destroy()
    if (fault?.kind === 'commit-then-non-json') return html(target, '<html><body>OK</body></html>')
    if (fault?.kind === 'commit-then-status')
      return target.error(
        fault.status ?? 502,
        fault.errorCode ?? 'APIGW.0502',
        'Bad gateway (injected after commit)'
      )
    target.send(status, payload, headers)
  }
}

/** A token bucket over all routes; `limit` requests per second, none when undefined or 0. */
export class RateLimiter {
  /** Requests answered 429 by the limit. */
  throttled = 0
  private bucket = { tokens: 0, at: 0 }

  /** Whether a request may go on now; otherwise answers the 429 itself. */
  admit(limit: number | undefined, error: ErrorReply): boolean {
    if (!limit) return true
    const now = Date.now()
    if (this.bucket.at === 0) this.bucket = { tokens: limit, at: now }
    this.bucket.tokens = Math.min(
      limit,
      this.bucket.tokens + ((now - this.bucket.at) / 1000) * limit
    )
    this.bucket.at = now
    if (this.bucket.tokens >= 1) {
      this.bucket.tokens -= 1
      return true
    }
    this.throttled++
    error(
      429,
      'APIGW.0308',
      `The throttling threshold has been reached: policy user over ratelimit,limit:${limit},time:1 second`,
      { 'Retry-After': '1' }
    )
    return false
  }
}
