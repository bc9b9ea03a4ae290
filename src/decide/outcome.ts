/**
 * How the step ends, as data: what happened (a kind), why, and the facts the words need.
 * report/conclusion.ts puts it in words; nothing here is presentation.
 */
import {
  AlreadyRegisteredError,
  ApiError,
  type ArchRefusal,
  ArchRefusedError,
  CancelledError,
  DeadlineError,
  InputError,
  NetworkError,
  ServiceStateError,
  TagRegisteredElsewhereError,
  messageOf
} from '../base/errors.js'
import { FAILED_STATUSES, type Image } from '../model/image.js'
import type { Plan, RunResult, Writes } from '../model/run.js'
import { type CodeMeaning, meaningOf } from '../model/service-codes.js'

/** What happened. */
export type EndingKind =
  | 'active'
  | 'reused'
  | 'not-waited'
  | 'registration-failed'
  /** The wait ran out of time. */
  | 'timeout'
  /** A request ran out of the step's time (a DeadlineError). */
  | 'deadline'
  | 'cancelled'
  | 'dry-run'
  | 'dry-run-fail'
  | 'not-registered'
  /** A wait on image_id that failed before the record was read. */
  | 'not-found'
  | 'failed-after-register'

/** Why nothing was registered (or, in a dry run, would not be). */
export type Cause =
  | { kind: 'arch-refused'; refusal: ArchRefusal }
  | { kind: 'invalid-inputs'; count: number }
  | { kind: 'if-exists-fail' }
  | { kind: 'differs' }
  | { kind: 'registered-elsewhere' }
  /** A service's answer, or its silence: `what` names the request. */
  | { kind: 'service'; what: string }
  /** ModelArts has no registration by the image_id given. */
  | { kind: 'unknown-image-id' }
  | { kind: 'other' }

/** The error a step ended on, as facts. */
export interface EndedOn {
  /** The error's own line. */
  message: string
  cause: Cause
  /** What the service's error code means, when the action knows it. */
  code?: CodeMeaning
  /** What the registration step left half done. */
  writes?: Writes
}

export type Ending =
  | { kind: 'dry-run'; plan: Plan }
  | { kind: 'active' | 'reused' | 'not-waited' | 'cancelled' }
  | { kind: 'registration-failed'; image: Image }
  | { kind: 'timeout'; lastProblem?: string }
  | {
      kind:
        | 'cancelled'
        | 'deadline'
        | 'dry-run-fail'
        | 'failed-after-register'
        | 'not-found'
        | 'not-registered'
      error: EndedOn
    }

/** How the step ends, from what the run learned. */
export function endingOf(result: RunResult): Ending {
  const { outcome, image } = result
  switch (outcome.kind) {
    case 'dry-run':
      return { kind: 'dry-run', plan: outcome.plan }
    case 'final':
    case 'not-waited':
      if (image && FAILED_STATUSES.has(image.status)) return { kind: 'registration-failed', image }
      if (outcome.kind === 'not-waited') return { kind: 'not-waited' }
      return { kind: result.created ? 'active' : 'reused' }
    case 'timeout':
      return { kind: 'timeout', ...(outcome.lastProblem && { lastProblem: outcome.lastProblem }) }
    case 'cancelled':
      return { kind: 'cancelled' }
    case 'error':
      return errorEnding(result, outcome.error)
  }
}

/** An error's ending: which kind, and the error as facts. */
function errorEnding(result: RunResult, error: unknown): Ending {
  const { image, config } = result
  const code = error instanceof ApiError ? meaningOf(error.errorCode) : undefined
  const facts = (cause: Cause): EndedOn => ({
    message: messageOf(error),
    cause,
    ...(code && { code }),
    ...(result.writes && { writes: result.writes })
  })
  const other: Cause = { kind: 'other' }
  if (error instanceof CancelledError) return { kind: 'cancelled', error: facts(other) }
  if (error instanceof DeadlineError) return { kind: 'deadline', error: facts(other) }
  const cause = causeOf(error)
  if (config?.dryRun) return { kind: 'dry-run-fail', error: facts(cause) }
  if (result.created === true && image)
    return { kind: 'failed-after-register', error: facts(cause) }
  if (config?.imageId && !image && !(error instanceof InputError)) {
    const unknown = error instanceof ServiceStateError
    return { kind: 'not-found', error: facts(unknown ? { kind: 'unknown-image-id' } : cause) }
  }
  return { kind: 'not-registered', error: facts(cause) }
}

/** Why nothing was registered, told apart by class and field, never by message. */
function causeOf(error: unknown): Cause {
  if (error instanceof ArchRefusedError) return { kind: 'arch-refused', refusal: error.refusal }
  if (error instanceof InputError) return { kind: 'invalid-inputs', count: error.problems.length }
  if (error instanceof AlreadyRegisteredError)
    return { kind: error.reason === 'if-exists-fail' ? 'if-exists-fail' : 'differs' }
  if (error instanceof TagRegisteredElsewhereError) return { kind: 'registered-elsewhere' }
  if (
    error instanceof ApiError ||
    error instanceof NetworkError ||
    error instanceof ServiceStateError
  )
    return { kind: 'service', what: error.what }
  return { kind: 'other' }
}
