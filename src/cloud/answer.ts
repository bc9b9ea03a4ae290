/**
 * Reading an answer: its body within a size limit, JSON or not, Huawei's error shapes, Retry-After,
 * and the one way an answer that cannot be used is reported (`unreadableAnswer`), with the one rule
 * for retrying it: a garbled answer may be the one bad answer of a healthy service, so reads send
 * it again, and writes (which retry only 429) do not.
 */
import type { IncomingMessage } from 'node:http'
import { ApiError, CancelledError, NetworkError, messageOf } from '../base/errors.js'

/** Answers larger than this are refused as unreadable: no API answer the action reads comes close. */
export const MAX_ANSWER_BYTES = 1024 * 1024

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

/** The body grew past the limit; the connection was dropped. */
export class TooLarge extends Error {
  constructor(readonly status: number) {
    super('answer too large')
  }
}

/** The body as text; refused (and the connection dropped) once it passes `limit` bytes. */
export async function readLimited(message: IncomingMessage, limit: number): Promise<string> {
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

/** The per-request timeout passed before the answer came. */
export class TimeoutSignal extends Error {}

/** Settles with `work`, or rejects on timeout or abort. The loser's late outcome is ignored. */
export function bounded<T>(work: Promise<T>, timeoutMs: number, signal: AbortSignal): Promise<T> {
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
export function brief(error: unknown): string {
  if (error instanceof ApiError) {
    // A 2xx that could not be read says why; an error status says enough with its code.
    const why = error.status >= 200 && error.status < 300 ? `: ${error.errorMsg}` : ''
    return `HTTP ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}${why}${error.requestId ? ` (request id ${error.requestId})` : ''}`
  }
  if (error instanceof NetworkError) return error.detail
  return messageOf(error)
}
