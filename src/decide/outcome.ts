/**
 * What a run learned, and the one function that turns it into how the step ends: the error line
 * (or none) and the summary's headline come from `conclude`, so they cannot disagree.
 */
import { CancelledError, DeadlineError, messageOf } from '../base/errors.js'
import type { ImageFacts } from '../steps/image-check.js'
import type { Config } from '../config/inputs.js'
import { FAILED_STATUSES, type Image } from '../cloud/modelarts.js'
import type { Provenance } from '../steps/provenance.js'
import type { Plan } from '../steps/registration.js'
import type { RetentionResult } from '../steps/retention.js'
import { formatDuration } from '../base/runtime.js'

/** How the run ended. */
export type Outcome =
  /** The image reached a final status (ACTIVE or a failure) while the step watched. */
  | { kind: 'final' }
  /** wait: false, and the registration is not final yet. */
  | { kind: 'not-waited' }
  | { kind: 'timeout'; lastProblem?: string }
  | { kind: 'cancelled' }
  | { kind: 'error'; error: unknown }
  /** dry_run: everything up to the decision ran; nothing was written. */
  | { kind: 'dry-run'; plan: Plan }

/** Everything a run learned; each stage adds what it returned. */
export interface RunResult {
  outcome: Outcome
  config?: Config
  provenance?: Provenance
  /** What the SWR check learned. */
  facts?: ImageFacts
  /** The arch this run registers (or would), in the API's spelling; undefined: the service's default. */
  arch?: string
  /** The last image record seen. */
  image?: Image
  created?: boolean
  /** What keep_last deleted, kept and left alone (or would, in a dry run). */
  retention?: RetentionResult
  elapsedMs: number
}

export interface Conclusion {
  /** The step's error line; undefined when it succeeds. */
  failure?: string
  /** The summary's headline. */
  headline: string
}

/** How the step ends, from what the run learned. */
export function conclude(result: RunResult): Conclusion {
  const { outcome, image, config } = result
  const elapsed = formatDuration(result.elapsedMs)
  switch (outcome.kind) {
    case 'dry-run':
      return { headline: `🧪 Dry run: ${planText(result, outcome.plan)}` }
    case 'final':
    case 'not-waited': {
      if (image && FAILED_STATUSES.has(image.status)) {
        const message = image.status_message ? `: ${image.status_message}` : ''
        return {
          failure: `image ${image.id} (${config?.image.swrPath ?? image.swr_path}) is ${image.status}${message}`,
          headline: `❌ ModelArts image ${image.status}`
        }
      }
      if (outcome.kind === 'not-waited')
        return { headline: `✅ ModelArts image registered, not waited for (${image?.status})` }
      return {
        headline: result.created
          ? '✅ ModelArts image is ACTIVE'
          : '✅ ModelArts image is ACTIVE (existing registration reused)'
      }
    }
    case 'timeout': {
      const last = outcome.lastProblem ? `; the last check failed: ${outcome.lastProblem}` : ''
      return {
        failure:
          `timed out after ${elapsed} (timeout ${formatDuration(config?.timeoutMs ?? 0)}): ` +
          `image ${image?.id} is still ${image?.status}${last}. ModelArts goes on with it: ` +
          're-run the job to wait again (the registration is reused), or raise timeout',
        headline: `⏱️ Timed out waiting for the ModelArts image (${image?.status})`
      }
    }
    case 'cancelled':
      return { failure: cancelled(elapsed, image), headline: '⏹️ Cancelled' }
    case 'error': {
      const { error } = outcome
      if (error instanceof CancelledError)
        return { failure: cancelled(elapsed, image), headline: '⏹️ Cancelled' }
      if (error instanceof DeadlineError) {
        return {
          failure: `timed out after ${elapsed}: ${error.message}`,
          headline: '⏱️ Timed out'
        }
      }
      if (config?.dryRun)
        return {
          failure: `dry run: would fail: ${messageOf(error)}`,
          headline: '🧪 Dry run: would fail'
        }
      return { failure: messageOf(error), headline: '❌ ModelArts image registration failed' }
    }
  }
}

/** `would register …`, `would reuse image … (ACTIVE)`, `would delete image … and register again`. */
export function planText(result: Pick<RunResult, 'config' | 'arch'>, plan: Plan): string {
  const path = result.config?.image.swrPath ?? ''
  const arch = result.arch ? ` as ${result.arch}` : ''
  switch (plan.action) {
    case 'register':
      return `would register ${path}${arch}`
    case 'reuse':
      return `would reuse image ${plan.image.id} (${plan.image.status})`
    case 'replace':
      return `would delete image ${plan.image.id} and register again (${plan.why})`
  }
}

function cancelled(elapsed: string, image: Image | undefined): string {
  const state = image ? `; image ${image.id} was ${image.status}` : ''
  return `cancelled after ${elapsed}${state}`
}
