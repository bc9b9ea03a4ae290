/**
 * Errors as values with fields (what was done, the answer, the reason), told apart by class, never
 * by message; server text cleaned first.
 */
import { serverText } from './text.js'

/** A refused input, found before any request is sent. One error may carry several problems. */
export class InputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? (problems[0] ?? '')
        : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`
    )
    this.name = 'InputError'
  }
}

/** Why an image cannot be registered as asked: the facts report/ words the error line from. */
export interface ArchRefusal {
  /** The `arch` input, when given. */
  asked?: string
  swrPath: string
  digest: string
  /** The names of the platforms the image is built for (`linux/amd64`). */
  platforms: readonly string[]
  /** The arches among them that ModelArts runs. */
  usable: readonly string[]
}

/** The image is not built for an arch ModelArts can register as asked. */
export class ArchRefusedError extends InputError {
  constructor(readonly refusal: ArchRefusal) {
    super([`${refusal.swrPath} is not built for arch ${refusal.asked ?? 'X86_64 or AARCH64'}`])
  }
}

/** Why a registration of the path stops the step: if_exists is fail, or it is not the one asked for. */
export type AlreadyRegisteredReason = 'if-exists-fail' | 'differs'

/**
 * The path is registered already and the step must not go on with it: if_exists says to fail, or
 * the registration differs from what this run would register.
 */
export class AlreadyRegisteredError extends Error {
  constructor(
    readonly reason: AlreadyRegisteredReason,
    message: string
  ) {
    super(message)
    this.name = 'AlreadyRegisteredError'
  }
}

export interface ApiErrorFields {
  /** What was being done, e.g. "register image". */
  what: string
  status: number
  /** The service's error code (ModelArts.6404, APIGW.0301, SVCSTG.SWR.4040115), or ''. */
  errorCode?: string
  errorMsg: string
  requestId?: string
  /** Worth another try: 429, 5xx, or a 2xx that could not be read. */
  retryable?: boolean
  /** Seconds the service asked to wait (Retry-After), if it said. */
  retryAfterSeconds?: number
  /** The IAM action the call needs: a 403 names it (`grant modelarts:image:register`). */
  permission?: string
  /** The answer's encoded_authorization_message, for the administrator (already cleaned). */
  authorizationMessage?: string
}

/** An HTTP answer that was not a success, or a success that could not be read. */
export class ApiError extends Error {
  readonly what: string
  readonly status: number
  readonly errorCode: string
  readonly errorMsg: string
  readonly requestId: string | undefined
  readonly retryable: boolean
  readonly retryAfterSeconds: number | undefined
  /** The IAM action the call needs, named by the message of a 403. */
  readonly permission: string | undefined

  constructor(fields: ApiErrorFields) {
    const errorCode = serverText(fields.errorCode ?? '', 64)
    const errorMsg = serverText(fields.errorMsg, 512)
    const requestId = fields.requestId === undefined ? undefined : serverText(fields.requestId, 128)
    const code = errorCode ? ` ${errorCode}` : ''
    const id = requestId ? ` (request id ${requestId})` : ''
    const grant = fields.status === 403 && fields.permission ? `; grant ${fields.permission}` : ''
    const encoded = fields.authorizationMessage
      ? ` (encoded authorization message, for your administrator: ${serverText(fields.authorizationMessage, 2048)})`
      : ''
    super(`${fields.what} failed: HTTP ${fields.status}${code}: ${errorMsg}${id}${encoded}${grant}`)
    this.name = 'ApiError'
    this.what = fields.what
    this.status = fields.status
    this.errorCode = errorCode
    this.errorMsg = errorMsg
    this.requestId = requestId
    this.retryable = fields.retryable ?? false
    this.retryAfterSeconds = fields.retryAfterSeconds
    this.permission = fields.permission
  }
}

/** No answer: connection refused or reset, DNS failure, or the per-request timeout. */
export class NetworkError extends Error {
  constructor(
    readonly what: string,
    readonly detail: string
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

/**
 * The service answered, but not what the action can act on: no single project for the region, a
 * delete that ModelArts does not confirm, a conflict without a registration to find. Not retried.
 */
export class ServiceStateError extends Error {
  constructor(
    readonly what: string,
    readonly detail: string
  ) {
    super(`${what} failed: ${detail}`)
    this.name = 'ServiceStateError'
  }
}

/**
 * A conflict explained: ModelArts keys a registration on namespace, name and tag, and that tag is
 * registered in the workspace from another registry (the shared SWR, another Enterprise Edition
 * instance), as `holder` shows. Registering this path there can never succeed.
 */
export class TagRegisteredElsewhereError extends Error {
  constructor(
    /** The registration that holds the tag: its id, its swr_path, its registry. */
    readonly holder: { id: string; swrPath: string; registry: string },
    /** The path this run registers, and the workspace. */
    readonly swrPath: string,
    readonly workspaceId: string
  ) {
    super(
      `register image failed: ${swrPath} cannot be registered in workspace ${workspaceId}: image ${holder.id} ` +
        `(swr_path ${holder.swrPath}, registry ${holder.registry}) holds the same namespace, name and tag. ` +
        'ModelArts keys a registration on namespace, name and tag, so the same tag cannot be registered ' +
        'from two registries in one workspace: use another tag, or another workspace'
    )
    this.name = 'TagRegisteredElsewhereError'
  }
}

/** True for answers that say the request may succeed if sent again. */
export function isTransient(error: unknown): boolean {
  return (error instanceof ApiError && error.retryable) || error instanceof NetworkError
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
