/**
 * What a run learns: the SWR check's facts, provenance, the plan, the registration, what keep_last
 * did, how the run ended. Types (and the run's link); the steps fill them, report/ prints them.
 */
import type { Config } from '../config/config.js'
import type { Image, JudgedImage, Platform } from './image.js'

/** What the SWR check learned; every field is missing when the image was not checked. */
export interface ImageFacts {
  /** The tag's manifest digest (`sha256:…`). */
  digest?: string
  /** The arch to register: the input's, else the image's own. */
  arch?: string
  /** A usable platform of the tag that is not registered (a tag with both architectures). */
  otherPlatform?: Platform
}

/** The run's provenance; any part may be missing outside GitHub Actions. */
export interface Provenance {
  repository?: string
  sha?: string
  workflow?: string
  runId?: string
  runAttempt?: string
  serverUrl?: string
}

/** The run's page: `{server}/{repo}/actions/runs/{id}`, with `/attempts/{n}` after a re-run. */
export function runUrl(p: Provenance): string | undefined {
  if (!p.serverUrl || !p.repository || !p.runId) return undefined
  const attempt = p.runAttempt && p.runAttempt !== '1' ? `/attempts/${p.runAttempt}` : ''
  return `${p.serverUrl}/${p.repository}/actions/runs/${p.runId}${attempt}`
}

/** What the step will do about the path: decided before anything is written. */
export type RegistrationPlan =
  | { action: 'register'; seen: ReadonlySet<string> }
  | { action: 'reuse'; image: JudgedImage; arch: string; why: string }
  | {
      action: 'replace'
      image: JudgedImage
      /** The verdict on it: its arch, and each field that differs from what this run asks for (none: the same image). */
      arch: string
      differences: readonly string[]
      why: string
      seen: ReadonlySet<string>
    }

/** What a dry run reports: the registration plan, or (image_id) the record it would wait on. */
export type Plan = RegistrationPlan | { action: 'wait'; image: JudgedImage; arch: string }

/** The registration the step goes on with. */
export interface Registration {
  image: JudgedImage
  /** The arch of the record, in the API's spelling. */
  arch: string
  /** True when this run registered it, also when its answer was lost and it was found afterwards. */
  created: boolean
}

/** Why keep_last never deletes a registration (keep_tags and no order: not counted either). */
export type ProtectReason =
  | 'keep_tags'
  | 'status'
  | 'no-create-at'
  | 'implausible'
  | 'recent'
  /** DeleteImage refused it: the image is in use. */
  | 'in-use'

export interface Protected {
  image: Image
  reason: ProtectReason
  why: string
}

/** What became of a registration chosen for deletion that is not confirmed gone. */
export type NotDeletedKind = 'not deleted' | 'not confirmed' | 'unknown'

/** What keep_last did (or, in a dry run, would do). */
export interface RetentionResult {
  /** The older registrations chosen for deletion (in a dry run: what would be deleted). */
  chosen: Image[]
  /** Confirmed gone (ShowImage: DELETED or not found). */
  deleted: Image[]
  /** Chosen but not confirmed gone: failed, left for the next run, unconfirmed, or unknown. */
  notDeleted: { image: Image; kind: NotDeletedKind; why: string }[]
  kept: Image[]
  protect: Protected[]
  dryRun: boolean
  /** The step was cancelled while deleting: the step ends cancelled. */
  cancelled?: boolean
  /** The list changed while it was read: nothing was chosen this run. */
  listChanged?: boolean
}

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

/** Everything a run learned, each step recording what it learns as it learns it. */
export interface RunResult {
  outcome: Outcome
  config?: Config
  provenance?: Provenance
  /** What the SWR check learned. */
  facts?: ImageFacts
  /**
   * The arch of the run, in the API's spelling, decided once: the record's once one is known,
   * else the one this run registers (or would); undefined when nothing decided it.
   */
  arch?: string
  /** The last image record seen. */
  image?: Image
  created?: boolean
  /** What keep_last deleted, kept and left alone (or would, in a dry run). */
  retention?: RetentionResult
  /** Every warning the run printed (unknown inputs, an unchecked image, …), in order; shown in the summary. */
  warnings?: string[]
  /** The RegisterImage body this run sent (or, in a dry run, would send); its fields are shown in the summary. */
  body?: Record<string, unknown>
  /** What the registration step left half done when the step failed: said in the error and the headline. */
  writes?: Writes
  elapsedMs: number
}

/** Writes the registration step began and did not finish. */
export interface Writes {
  /** replace deleted this registration, and no new one was made. */
  deletedId?: string
  /** A RegisterImage was sent and its answer never read (cancel, timeout, reset). */
  answerLost?: boolean
}
