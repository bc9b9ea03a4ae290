/**
 * How the step ends, in words: the error line (or none), the summary's headline and the next
 * step, all from decide/outcome.ts's ending, so they cannot disagree.
 */
import { formatDuration } from '../base/runtime.js'
import {
  type Cause,
  type EndedOn,
  type Ending,
  type EndingKind,
  endingOf
} from '../decide/outcome.js'
import type { Image } from '../model/image.js'
import type { Plan, RunResult } from '../model/run.js'
import { adviceFor } from './advice.js'
import { archRefusalLine } from './arch-refusal.js'
import { codeSpan } from './markdown.js'

export interface Conclusion {
  kind: EndingKind
  /** The step's error line; undefined when it succeeds. */
  failure?: string
  /**
   * The summary's headline: fixed words, and server text (statuses, ids) only inside code spans,
   * so a status or an id can never be read as Markdown or HTML.
   */
  headline: string
  /** What to do next, in fixed words (no server text). */
  nextStep?: string
}

type Words = Omit<Conclusion, 'kind'>

const RERUN = 're-run the job to wait again (the registration is reused), or raise timeout'
const CANCELLED = '⏹️ Cancelled'

/** How the step ends, in words, from what the run learned. */
export function conclude(result: RunResult): Conclusion {
  const ending = endingOf(result)
  const words = 'error' in ending ? errorWords(result, ending) : endingWords(result, ending)
  return { kind: ending.kind, ...words }
}

/** The words of an ending that is not an error. */
function endingWords(result: RunResult, ending: Exclude<Ending, { error: EndedOn }>): Words {
  const { image, config } = result
  const status = codeSpan(image?.status ?? 'unknown')
  switch (ending.kind) {
    case 'dry-run':
      return {
        headline: `🧪 Dry run: ${planWords(result, ending.plan, codeSpan)}`,
        nextStep: 'set dry_run: false (or remove it) to do this'
      }
    case 'registration-failed': {
      const failed = ending.image
      const message = failed.status_message ? `: ${failed.status_message}` : ''
      return {
        failure: `image ${failed.id} (${config?.image?.swrPath ?? failed.swr_path}) is ${failed.status}${message}`,
        headline: `❌ Registration failed: ${status}`,
        nextStep:
          'read the status message, fix the image (or the inputs), and re-run the job: a failed registration is replaced'
      }
    }
    case 'not-waited':
      return {
        headline: `✅ Registered, not waited for: status ${status}`,
        nextStep: 'later steps must wait for ACTIVE before they use the image (wait: true does)'
      }
    case 'active':
      return { headline: '✅ ACTIVE: registered by this run' }
    case 'reused':
      return { headline: '✅ Reused: the existing registration is ACTIVE' }
    case 'timeout': {
      const last = ending.lastProblem ? `; the last check failed: ${ending.lastProblem}` : ''
      const seen = image ? `image ${image.id} is still ${image.status}` : 'no image record was read'
      return {
        failure:
          `timed out after ${elapsed(result)} (timeout ${formatDuration(config?.timeoutMs ?? 0)}): ` +
          `${seen}${last}. ModelArts goes on with it: ${RERUN}`,
        headline: `⏱️ Timed out waiting for ACTIVE: status ${status}`,
        nextStep: RERUN
      }
    }
    case 'cancelled':
      return { failure: cancelled(result), headline: CANCELLED }
  }
}

/** An error's words: its kind's, then a known code's next step, then what was left half done. */
function errorWords(result: RunResult, ending: Extract<Ending, { error: EndedOn }>): Words {
  const { error } = ending
  const words = errorKindWords(result, ending)
  const advice = error.code && adviceFor(error.code, result.config?.region)
  const notes: [string, string][] = []
  const deleted = error.writes?.deletedId
  if (deleted) {
    const gone = (id: string): string =>
      `the old registration ${id} was deleted; no new one was made: re-run to register`
    notes.push([gone(deleted), gone(codeSpan(deleted))])
  }
  if (error.writes?.answerLost) {
    const text = 'a registration may exist: a re-run reuses it'
    notes.push([text, text])
  }
  const nextStep = advice ?? words.nextStep
  return {
    failure: [words.failure, advice, ...notes.map(([line]) => line)].filter(Boolean).join('; '),
    headline: [words.headline, ...notes.map(([, headline]) => headline)].join('; '),
    ...(nextStep && { nextStep })
  }
}

function errorKindWords(result: RunResult, ending: Extract<Ending, { error: EndedOn }>): Words {
  const { cause } = ending.error
  const message =
    cause.kind === 'arch-refused' ? archRefusalLine(cause.refusal) : ending.error.message
  const why = causeWords(cause)
  switch (ending.kind) {
    case 'cancelled':
      return { failure: cancelled(result), headline: CANCELLED }
    case 'deadline':
      return {
        failure: `timed out after ${elapsed(result)}: ${message}`,
        headline: '⏱️ Timed out',
        nextStep: 'raise timeout, or re-run the job'
      }
    case 'dry-run-fail':
      return {
        failure: `dry run: would fail: ${message}`,
        headline: `🧪 Dry run: would fail: ${why.words}`,
        nextStep: why.nextStep
      }
    case 'failed-after-register':
      return {
        failure: message,
        headline: `❌ Failed after registering image ${codeSpan(result.image?.id ?? '')}`,
        nextStep: 're-run the job: the registration is found and reused'
      }
    case 'not-found':
      return {
        failure: message,
        headline: `❌ Not found: image ${codeSpan(result.config?.imageId ?? '')}`,
        nextStep: why.nextStep
      }
    case 'not-registered':
      return {
        failure: message,
        headline: `❌ Not registered: ${why.words}`,
        nextStep: why.nextStep
      }
  }
}

/** Why nothing was registered, in fixed words, and what to do about it. */
function causeWords(cause: Cause): { words: string; nextStep: string } {
  switch (cause.kind) {
    case 'arch-refused':
      return {
        words: 'the image is not built for this architecture',
        nextStep: 'push the image for that architecture (docker buildx --platform), or change arch'
      }
    case 'invalid-inputs':
      return {
        words: cause.count > 1 ? `${cause.count} inputs are invalid` : 'an input is invalid',
        nextStep: 'fix the workflow’s with: inputs and re-run the job'
      }
    case 'if-exists-fail':
      return {
        words: 'already registered, and if_exists is fail',
        nextStep: 'use another tag, or set if_exists: reuse or if_exists: replace'
      }
    case 'differs':
      return {
        words: 'the existing registration differs',
        nextStep: 'fix the inputs (or the tag), or set if_exists: replace to register it again'
      }
    case 'registered-elsewhere':
      return {
        words: 'the tag is registered from another registry',
        nextStep: 'use another tag, or another workspace'
      }
    case 'service':
      return {
        words: `${cause.what} failed`,
        nextStep:
          'fix what the error names (credentials, permissions, the endpoint) and re-run the job'
      }
    case 'unknown-image-id':
      return {
        words: 'no registration has that image_id',
        nextStep:
          'check that image_id names a registration in this region and project (the step that registered it sets it as its image_id output), and re-run the job'
      }
    case 'other':
      return { words: 'the step failed', nextStep: 'fix what the error names and re-run the job' }
  }
}

/**
 * What a dry run would do, the plan's one rendering: `would register …`, `would reuse image …
 * (ACTIVE)`, `would delete image … and register again`, `would wait on image … (CREATING)`; each
 * server-derived part through `literal` (a code span in the headline, as it is in the log).
 */
function planWords(
  result: Pick<RunResult, 'config' | 'arch'>,
  plan: Plan,
  literal: (text: string) => string
): string {
  switch (plan.action) {
    case 'register': {
      const arch = result.arch ? ` as ${literal(result.arch)}` : ''
      return `would register ${literal(result.config?.image?.swrPath ?? '')}${arch}`
    }
    case 'reuse':
      return `would reuse image ${literal(plan.image.id)} (${literal(plan.image.status)})`
    case 'replace':
      return `would delete image ${literal(plan.image.id)} and register again`
    case 'wait':
      return `would wait on image ${literal(plan.image.id)} (${literal(plan.image.status)})`
  }
}

/** The plan for the log: as it is, and a replace says why. */
export function planText(result: Pick<RunResult, 'config' | 'arch'>, plan: Plan): string {
  const why = plan.action === 'replace' ? ` (${plan.why})` : ''
  return `${planWords(result, plan, text => text)}${why}`
}

function elapsed(result: RunResult): string {
  return formatDuration(result.elapsedMs)
}

function cancelled(result: RunResult): string {
  const image: Image | undefined = result.image
  const state = image ? `; image ${image.id} was ${image.status}` : ''
  return `cancelled after ${elapsed(result)}${state}`
}
