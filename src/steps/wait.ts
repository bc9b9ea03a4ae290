/**
 * Polls an image until it is final, the deadline passes or the run is cancelled, pausing through
 * the budget; clock and dice are the injected Runtime's, so the schedule is tested without real time.
 */
import { CancelledError, DeadlineError, isTransient, messageOf } from '../base/errors.js'
import { type Budget, FINAL_CHECK_GRACE_MS } from '../budget.js'
import { type Image, isFinal } from '../model/image.js'
import type { Outcome } from '../model/run.js'
import { type Logger, type Runtime, formatDuration } from '../base/runtime.js'
import type { Run } from './run.js'
import { showOrDeleted } from './status.js'

/** The first check comes this long after registering; each pause then doubles up to poll_interval. */
const FIRST_PAUSE_MS = 1_000
/** Jitter only shortens a pause, by up to this share, so that it never delays noticing ACTIVE. */
const JITTER_SHARE = 0.1
/**
 * The last check is due this long before the deadline: no request starts after it, and a timer on
 * a busy runner fires late. Its answer may then take the grace (FINAL_CHECK_GRACE_MS).
 */
export const LAST_CHECK_LEAD_MS = 1_000

/**
 * The pause before check number `index` (0 for the first check): 1 s, 2 s, 4 s … capped at
 * `pollIntervalMs`, shortened by up to 10% at random so a matrix of jobs does not poll in step.
 */
export function pauseBeforeCheck(
  index: number,
  pollIntervalMs: number,
  random: () => number
): number {
  const base = Math.min(FIRST_PAUSE_MS * 2 ** Math.min(index, 30), pollIntervalMs)
  return Math.round(base * (1 - JITTER_SHARE * random()))
}

/** How the wait ended (an error: a check that cannot succeed when repeated), and the last record seen. */
interface Waited {
  outcome: Extract<Outcome, { kind: 'final' | 'timeout' | 'cancelled' | 'error' }>
  image: Image
}

/** Waits on the registration, each status read through the verdict (steps/status.ts). */
export function waitFor(run: Run, image: Image): Promise<Waited> {
  // The last check starts before the deadline; its answer gets a short grace.
  const lastCheck = run.budget.withGrace(FINAL_CHECK_GRACE_MS)
  const { pollIntervalMs } = run.config
  return waitUntilFinal(image, current => showOrDeleted(run, current, lastCheck), {
    ...run,
    pollIntervalMs
  })
}

export interface WaitOptions {
  runtime: Runtime
  /** The step's budget: no pause goes past it. */
  budget: Budget
  log: Logger
  /** Epoch ms when the step started: elapsed times count from here. */
  startedAt: number
  pollIntervalMs: number
}

/**
 * Waits until `initial` is final. A check that fails with a transient error (after the HTTP
 * layer's own retries) does not end the wait: the next one may succeed, and only the deadline
 * decides when to give up. The last check is due LAST_CHECK_LEAD_MS before the deadline; after
 * it, the wait sits out the budget (nothing may start) and times out.
 */
export async function waitUntilFinal(
  initial: Image,
  show: (current: Image) => Promise<Image>,
  options: WaitOptions
): Promise<Waited> {
  const { runtime, budget, log, startedAt, pollIntervalMs } = options
  let image = initial
  let checks = 0
  let last = false
  let lastProblem: string | undefined

  while (!isFinal(image.status)) {
    const remaining = budget.remainingMs()
    if (remaining <= 0 || last) return timedOut(budget, image, lastProblem)
    const untilLast = Math.max(remaining - LAST_CHECK_LEAD_MS, 0)
    const planned = pauseBeforeCheck(checks, pollIntervalMs, runtime.random)
    last = planned >= untilLast
    const pause = Math.min(planned, untilLast)
    log.info(
      `status ${image.status} (elapsed ${formatDuration(runtime.now() - startedAt)}, next check in ${formatDuration(pause)})`
    )
    try {
      await budget.pause(pause, 'wait for the image', { untilEnd: true })
      checks++
      image = await show(image)
      lastProblem = undefined
    } catch (error) {
      if (error instanceof CancelledError) return { outcome: { kind: 'cancelled' }, image }
      if (!isTransient(error) && !(error instanceof DeadlineError))
        return { outcome: { kind: 'error', error }, image }
      lastProblem = messageOf(error)
      const next = last ? '' : '; trying again until the timeout'
      log.warning(`could not check the status: ${lastProblem}${next}`)
    }
  }
  log.info(`status ${image.status} (elapsed ${formatDuration(runtime.now() - startedAt)})`)
  return { outcome: { kind: 'final' }, image }
}

/** The wait's end at the deadline, the last check done: the rest of the budget sat out. */
async function timedOut(
  budget: Budget,
  image: Image,
  lastProblem: string | undefined
): Promise<Waited> {
  try {
    const rest = budget.remainingMs()
    if (rest > 0) await budget.pause(rest, 'wait for the image', { untilEnd: true })
  } catch (error) {
    if (error instanceof CancelledError) return { outcome: { kind: 'cancelled' }, image }
    throw error
  }
  return { outcome: { kind: 'timeout', lastProblem }, image }
}
