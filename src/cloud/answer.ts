/**
 * Reading an answer: JSON, Huawei's error shapes, the request id, Retry-After; the one unreadable
 * answer, which reads send again and writes do not.
 */
import { ApiError } from '../base/errors.js'

/** What an answer is known by when it is reported. */
export interface AnswerSource {
  status: number
  requestId?: string | undefined
}

/** The answer to `what` arrived but cannot be used: retried like a 5xx by reads. */
export function unreadableAnswer(what: string, answer: AnswerSource, detail: string): ApiError {
  return new ApiError({
    what,
    status: answer.status,
    errorMsg: detail,
    requestId: answer.requestId,
    retryable: true
  })
}

export function parseJson(text: string): { ok: boolean; value: unknown } {
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, value: undefined }
  }
}

/**
 * Reads `{error_code, error_msg}` (ModelArts, API gateway, SWR), `{error: {code, message}}` (IAM)
 * and SWR's legacy bare array.
 */
export function errorFields(body: unknown): { code: string; message: string | undefined } {
  // SWR's legacy errors are a bare array: [{"errorCode": "SVCSTG.SWR.4040115", "errorMessage": …}].
  if (Array.isArray(body)) {
    const [first] = body as unknown[]
    return {
      code: stringField(first, 'errorCode') ?? '',
      message: stringField(first, 'errorMessage')
    }
  }
  const nested =
    typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined
  const code = stringField(body, 'error_code') ?? stringField(nested, 'code') ?? ''
  const message = stringField(body, 'error_msg') ?? stringField(nested, 'message')
  return { code, message }
}

export function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const field = (value as Record<string, unknown>)[key]
  return typeof field === 'string' || typeof field === 'number' ? String(field) : undefined
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, (date - nowMs) / 1000)
}
