/**
 * The retry policy as pure decisions: may a failed attempt be sent again, and how long to pause
 * first.
 */
import { ApiError, NetworkError } from '../base/errors.js'
import { meaningOf } from '../model/service-codes.js'

/**
 * How a request may be repeated.
 * - `transient`: reads and look-ups: retried on 429, 5xx, network errors and unreadable answers.
 * - `throttled-only`: a write that is not idempotent: only throttling proves nothing was done.
 */
export type RetryRule = 'transient' | 'throttled-only'

/** The pause ceilings: the first retry's, doubling per retry up to the largest. */
export interface BackoffLimits {
  baseMs: number
  maxMs: number
}

/** Whether `error` may succeed when the request is sent again under `rule`. */
export function mayRetry(rule: RetryRule, error: unknown): boolean {
  if (error instanceof ApiError)
    return rule === 'transient' ? error.retryable || throttlingCode(error) : isThrottled(error)
  return rule === 'transient' && error instanceof NetworkError
}

/** A throttling code (APIG.0308, ModelArts.2799, …), whatever the HTTP status it came with. */
function throttlingCode(error: ApiError): boolean {
  return meaningOf(error.errorCode) === 'throttled'
}

/**
 * Throttled: a 429, or a throttling code (APIG.0308, ModelArts.2799, …) whatever the status. It is
 * retried until the deadline and does not count toward the attempt limit.
 */
export function isThrottled(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 429 || throttlingCode(error))
}

/**
 * The pause before retry number `retry` (1 for the first): full jitter, a random pause up to the
 * ceiling, so a matrix of jobs does not retry in step; never shorter than Retry-After.
 */
export function backoffMs(
  retry: number,
  error: unknown,
  limits: BackoffLimits,
  random: () => number
): number {
  const ceiling = Math.min(limits.maxMs, limits.baseMs * 2 ** (retry - 1))
  const jittered = Math.round(random() * ceiling)
  const retryAfterMs =
    error instanceof ApiError && error.retryAfterSeconds !== undefined
      ? error.retryAfterSeconds * 1000
      : 0
  return Math.max(jittered, retryAfterMs)
}
