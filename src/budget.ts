/**
 * The step's one time budget (timeout's deadline, the cancel signal) every request and pause draws
 * on; best-effort work gets an earlier-ending slice of it (bestEffortSliceMs).
 */
import { CancelledError, DeadlineError } from './base/errors.js'
import type { Runtime } from './base/runtime.js'

export class Budget {
  constructor(
    private readonly runtime: Runtime,
    /** Epoch ms at which the budget is spent. */
    readonly deadline: number,
    readonly signal: AbortSignal,
    /** The budget without grace, when this one is `withGrace`'s. */
    private readonly base?: Budget
  ) {}

  /** Milliseconds left; 0 or less once spent. */
  remainingMs(): number {
    return this.deadline - this.runtime.now()
  }

  /**
   * Throws CancelledError or DeadlineError when no more work may start. The grace `withGrace`
   * gives is for an answer already on its way: nothing starts in it.
   */
  assertOpen(what: string): void {
    if (this.signal.aborted) throw new CancelledError()
    if (this.withoutGrace().remainingMs() <= 0) throw new DeadlineError(what)
  }

  /**
   * A pause that ends before the budget does; one that would not is not taken (DeadlineError),
   * since the step's timeout comes first. `untilEnd`: it ends with the budget instead (a wait that
   * has nothing left to do but time out). Rejects with CancelledError on cancel.
   */
  async pause(ms: number, what: string, { untilEnd = false } = {}): Promise<void> {
    if (this.signal.aborted) throw new CancelledError()
    const remaining = this.remainingMs()
    if (ms >= remaining && !untilEnd) throw new DeadlineError(what)
    await this.runtime.sleep(Math.min(ms, Math.max(remaining, 0)), this.signal)
  }

  /** A budget that ends `ms` from now, or with this one if that is sooner. */
  slice(ms: number): Budget {
    return new Budget(this.runtime, Math.min(this.deadline, this.runtime.now() + ms), this.signal)
  }

  /**
   * The same budget with a stop of its own: `stop()` ends the work that uses it (CancelledError)
   * and nothing else, as a cancel of the step still does. For work that its caller may no longer
   * need while it is under way.
   */
  stoppable(): { budget: Budget; stop: () => void } {
    const own = new AbortController()
    const signal = AbortSignal.any([this.signal, own.signal])
    return { budget: new Budget(this.runtime, this.deadline, signal), stop: () => own.abort() }
  }

  /**
   * The same budget, `ms` longer: for the answer of the last status check, sent before the
   * deadline. Only that answer: its start, a retry of it and its pause draw on `withoutGrace()`.
   */
  withGrace(ms: number): Budget {
    return new Budget(this.runtime, this.deadline + ms, this.signal, this.withoutGrace())
  }

  /** The budget without the grace `withGrace` gave (itself when it has none). */
  withoutGrace(): Budget {
    return this.base ?? this
  }
}

/**
 * A best-effort slice (the image check's registry reads, the path look-up's re-reads, keep_last's
 * confirmations): a quarter of `timeout` or of what is left, and at most a minute.
 */
export function bestEffortSliceMs(timeoutMs: number): number {
  return Math.min(Math.floor(timeoutMs / 4), 60_000)
}

/** How long the last status check may run past the end of the budget. */
export const FINAL_CHECK_GRACE_MS = 3_000
