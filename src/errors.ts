/**
 * Errors as values with fields. Lower layers throw these; `main.ts` turns them into the one line
 * a user reads.
 */

/** A refused input, found before any request is sent. One error may carry several problems. */
export class InputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? (problems[0] as string)
        : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`
    )
    this.name = 'InputError'
  }
}

/** An HTTP answer that was not a success, or a success that could not be read. */
export class ApiError extends Error {
  constructor(
    /** What was being done, e.g. "register image". */
    readonly what: string,
    readonly status: number,
    readonly errorCode: string,
    readonly errorMsg: string,
    readonly requestId: string | undefined,
    /** Worth another try: 429, 5xx, or a 2xx that was not JSON. */
    readonly retryable: boolean,
    /** Seconds the service asked to wait (Retry-After), if it said. */
    readonly retryAfterSeconds?: number
  ) {
    const code = errorCode ? ` ${errorCode}` : ''
    const id = requestId ? ` (request id ${requestId})` : ''
    super(`${what} failed: HTTP ${status}${code}: ${errorMsg}${id}`)
    this.name = 'ApiError'
  }
}

/** No answer: connection refused or reset, DNS failure, or the per-request timeout. */
export class NetworkError extends Error {
  constructor(
    readonly what: string,
    readonly detail: string,
    readonly timedOut: boolean
  ) {
    super(`${what} failed: ${detail}`)
    this.name = 'NetworkError'
  }
}

/** The step's deadline passed while a request or a pause was under way. */
export class DeadlineError extends Error {
  constructor(
    readonly what: string,
    readonly lastProblem?: string
  ) {
    super(
      `${what} did not finish before the step's timeout${lastProblem ? ` (last: ${lastProblem})` : ''}`
    )
    this.name = 'DeadlineError'
  }
}

/** The run was cancelled (SIGINT or SIGTERM from the runner). */
export class CancelledError extends Error {
  constructor() {
    super('cancelled')
    this.name = 'CancelledError'
  }
}

/** True for answers that say the request may succeed if sent again. */
export function isTransient(error: unknown): boolean {
  return (error instanceof ApiError && error.retryable) || error instanceof NetworkError
}

/** ModelArts reports "no such image" as ModelArts.6404, with HTTP 400 or 404. */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.errorCode === 'ModelArts.6404' ||
      (error.status === 404 && !error.errorCode.startsWith('APIGW')))
  )
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
