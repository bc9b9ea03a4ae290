/**
 * How the step ends, from what the run learned (model/run.ts): the error line (or none), the
 * summary's headline and the next step all come from `conclude`, so they cannot disagree.
 */
import {
  AlreadyRegisteredError,
  ApiError,
  ArchRefusedError,
  CancelledError,
  DeadlineError,
  InputError,
  NetworkError,
  ServiceStateError,
  TagRegisteredElsewhereError,
  messageOf
} from '../base/errors.js'
import { formatDuration } from '../base/runtime.js'
import { adviceFor } from './advice.js'
import { FAILED_STATUSES, type Image } from '../model/image.js'
import type { Plan, RunResult, Writes } from '../model/run.js'

/** What the summary's headline says happened. */
type ConclusionKind =
  | 'active'
  | 'reused'
  | 'registration-failed'
  | 'not-waited'
  | 'timeout'
  | 'cancelled'
  | 'dry-run'
  | 'dry-run-fail'
  | 'not-registered'
  /** A wait on image_id that failed before the record was read. */
  | 'not-found'
  | 'failed-after-register'

export interface Conclusion {
  /** The step's error line; undefined when it succeeds. */
  failure?: string
  /**
   * The summary's headline: fixed words, and server text (statuses, ids) only inside code spans,
   * so a status or an id can never be read as Markdown or HTML.
   */
  headline: string
  kind: ConclusionKind
  /** What to do next, in fixed words (no server text). */
  nextStep?: string
}

/** Text inside a Markdown code span, fenced past its own backticks (a table escapes its own `|`). */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

const RERUN = 're-run the job to wait again (the registration is reused), or raise timeout'

/** How the step ends, from what the run learned. */
export function conclude(result: RunResult): Conclusion {
  const { outcome, image, config } = result
  const elapsed = formatDuration(result.elapsedMs)
  const status = codeSpan(image?.status ?? 'unknown')
  switch (outcome.kind) {
    case 'dry-run':
      return {
        kind: 'dry-run',
        headline: `🧪 Dry run: ${planHeadline(result, outcome.plan)}`,
        nextStep: 'set dry_run: false (or remove it) to do this'
      }
    case 'final':
    case 'not-waited':
      return concludeFinal(result, outcome.kind === 'not-waited', status)
    case 'timeout': {
      const last = outcome.lastProblem ? `; the last check failed: ${outcome.lastProblem}` : ''
      return {
        kind: 'timeout',
        failure:
          `timed out after ${elapsed} (timeout ${formatDuration(config?.timeoutMs ?? 0)}): ` +
          `${image ? `image ${image.id} is still ${image.status}` : 'no image record was read'}${last}. ModelArts goes on with it: ${RERUN}`,
        headline: `⏱️ Timed out waiting for ACTIVE: status ${status}`,
        nextStep: RERUN
      }
    }
    case 'cancelled':
      return { kind: 'cancelled', failure: cancelled(elapsed, image), headline: '⏹️ Cancelled' }
    case 'error':
      return withWrites(concludeError(result, outcome.error, elapsed), result.writes)
  }
}

/** A failure that left a write half done says so in the error line and the headline. */
function withWrites(conclusion: Conclusion, writes: Writes | undefined): Conclusion {
  const notes: [string, string][] = []
  if (writes?.deletedId)
    notes.push([
      `the old registration ${writes.deletedId} was deleted; no new one was made: re-run to register`,
      `the old registration ${codeSpan(writes.deletedId)} was deleted; no new one was made: re-run to register`
    ])
  if (writes?.answerLost) {
    const text = 'a registration may exist: a re-run reuses it'
    notes.push([text, text])
  }
  // An error's conclusion always has a failure; with no notes, both stay as they are.
  return {
    ...conclusion,
    failure: [conclusion.failure, ...notes.map(([line]) => line)].join('; '),
    headline: [conclusion.headline, ...notes.map(([, words]) => words)].join('; ')
  }
}

/** A registration that is final (or, not waited for, on its way): failed, ACTIVE or pending. */
function concludeFinal(result: RunResult, notWaited: boolean, status: string): Conclusion {
  const { image, config } = result
  if (image && FAILED_STATUSES.has(image.status)) {
    const message = image.status_message ? `: ${image.status_message}` : ''
    return {
      kind: 'registration-failed',
      failure: `image ${image.id} (${config?.image?.swrPath ?? image.swr_path}) is ${image.status}${message}`,
      headline: `❌ Registration failed: ${status}`,
      nextStep:
        'read the status message, fix the image (or the inputs), and re-run the job: a failed registration is replaced'
    }
  }
  if (notWaited)
    return {
      kind: 'not-waited',
      headline: `✅ Registered, not waited for: status ${status}`,
      nextStep: 'later steps must wait for ACTIVE before they use the image (wait: true does)'
    }
  return result.created
    ? { kind: 'active', headline: '✅ ACTIVE: registered by this run' }
    : { kind: 'reused', headline: '✅ Reused: the existing registration is ACTIVE' }
}

/** An error's conclusion; an answer with a known code also says what to do about it. */
function concludeError(result: RunResult, error: unknown, elapsed: string): Conclusion {
  const conclusion = concludeErrorKind(result, error, elapsed)
  const advice = adviceFor(error, result.config?.region)
  if (!advice) return conclusion
  return { ...conclusion, failure: `${conclusion.failure ?? ''}; ${advice}`, nextStep: advice }
}

function concludeErrorKind(result: RunResult, error: unknown, elapsed: string): Conclusion {
  const { image, config } = result
  if (error instanceof CancelledError)
    return { kind: 'cancelled', failure: cancelled(elapsed, image), headline: '⏹️ Cancelled' }
  if (error instanceof DeadlineError) {
    return {
      kind: 'timeout',
      failure: `timed out after ${elapsed}: ${error.message}`,
      headline: '⏱️ Timed out',
      nextStep: 'raise timeout, or re-run the job'
    }
  }
  const why = notRegistered(error)
  if (config?.dryRun)
    return {
      kind: 'dry-run-fail',
      failure: `dry run: would fail: ${messageOf(error)}`,
      headline: `🧪 Dry run: would fail: ${why.words}`,
      nextStep: why.nextStep
    }
  if (result.created === true && image)
    return {
      kind: 'failed-after-register',
      failure: messageOf(error),
      headline: `❌ Failed after registering image ${codeSpan(image.id)}`,
      nextStep: 're-run the job: the registration is found and reused'
    }
  if (config?.imageId && !image && !(error instanceof InputError))
    return {
      kind: 'not-found',
      failure: messageOf(error),
      headline: `❌ Not found: image ${codeSpan(config.imageId)}`,
      nextStep: error instanceof ServiceStateError ? IMAGE_ID_NEXT : why.nextStep
    }
  return {
    kind: 'not-registered',
    failure: messageOf(error),
    headline: `❌ Not registered: ${why.words}`,
    nextStep: why.nextStep
  }
}

const IMAGE_ID_NEXT =
  'check that image_id names a registration in this region and project (the step that registered it sets it as its image_id output), and re-run the job'
const API_NEXT =
  'fix what the error names (credentials, permissions, the endpoint) and re-run the job'

/** Why nothing was registered, in fixed words, and what to do about it. */
function notRegistered(error: unknown): { words: string; nextStep: string } {
  if (error instanceof ArchRefusedError)
    return {
      words: 'the image is not built for this architecture',
      nextStep: 'push the image for that architecture (docker buildx --platform), or change arch'
    }
  if (error instanceof InputError) {
    const count = error.problems.length
    return {
      words: count > 1 ? `${count} inputs are invalid` : 'an input is invalid',
      nextStep: 'fix the workflow’s with: inputs and re-run the job'
    }
  }
  if (error instanceof AlreadyRegisteredError) {
    if (error.reason === 'if-exists-fail')
      return {
        words: 'already registered, and if_exists is fail',
        nextStep: 'use another tag, or set if_exists: reuse or if_exists: replace'
      }
    return {
      words: 'the existing registration differs',
      nextStep: 'fix the inputs (or the tag), or set if_exists: replace to register it again'
    }
  }
  if (error instanceof TagRegisteredElsewhereError)
    return {
      words: 'the tag is registered from another registry',
      nextStep: 'use another tag, or another workspace'
    }
  if (
    error instanceof ApiError ||
    error instanceof NetworkError ||
    error instanceof ServiceStateError
  )
    return {
      words: `${error.what} failed`,
      nextStep: API_NEXT
    }
  return { words: 'the step failed', nextStep: 'fix what the error names and re-run the job' }
}

/** `would register …`, `would reuse image … (ACTIVE)`, `would delete image … and register again`, `would wait on image … (CREATING)`. */
export function planText(result: Pick<RunResult, 'config' | 'arch'>, plan: Plan): string {
  const path = result.config?.image?.swrPath ?? ''
  const arch = result.arch ? ` as ${result.arch}` : ''
  switch (plan.action) {
    case 'register':
      return `would register ${path}${arch}`
    case 'reuse':
      return `would reuse image ${plan.image.id} (${plan.image.status})`
    case 'replace':
      return `would delete image ${plan.image.id} and register again (${plan.why})`
    case 'wait':
      return `would wait on image ${plan.image.id} (${plan.image.status})`
  }
}

/** planText's words for a headline: every server-derived part inside a code span. */
export function planHeadline(result: Pick<RunResult, 'config' | 'arch'>, plan: Plan): string {
  switch (plan.action) {
    case 'register': {
      const arch = result.arch ? ` as ${codeSpan(result.arch)}` : ''
      return `would register ${codeSpan(result.config?.image?.swrPath ?? '')}${arch}`
    }
    case 'reuse':
      return `would reuse image ${codeSpan(plan.image.id)} (${codeSpan(plan.image.status)})`
    case 'replace':
      return `would delete image ${codeSpan(plan.image.id)} and register again`
    case 'wait':
      return `would wait on image ${codeSpan(plan.image.id)} (${codeSpan(plan.image.status)})`
  }
}

function cancelled(elapsed: string, image: Image | undefined): string {
  const state = image ? `; image ${image.id} was ${image.status}` : ''
  return `cancelled after ${elapsed}${state}`
}
