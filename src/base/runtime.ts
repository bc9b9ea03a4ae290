/**
 * Clock, sleep and dice, injected so waiting and retries run on a fake clock in tests; the logger
 * interface.
 */
import { CancelledError } from './errors.js'

/** The clock, the pause and the dice that waiting and retrying use. */
export interface Runtime {
  /** Milliseconds since the epoch. */
  now(): number
  /** Resolves after `ms`, or rejects with CancelledError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /** A number in [0, 1). */
  random(): number
}

/** What logs: the action's core.info/debug/warning in production, a collector in tests. */
export interface Logger {
  info(message: string): void
  debug(message: string): void
  warning(message: string): void
}

/** Real time. */
export const systemRuntime: Runtime = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError())
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(new CancelledError())
      }
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.max(0, ms)
      )
      signal?.addEventListener('abort', onAbort, { once: true })
    }),
  random: () => Math.random()
}

/** `1m 05s`, `12s`, `1.3s`: short, for log lines and the summary. */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${Math.max(0, Math.round(ms / 100) / 10)}s`
  const totalSeconds = Math.round(ms / 1000)
  const h = Math.floor(totalSeconds / 3600)
  const m = Math.floor((totalSeconds % 3600) / 60)
  const s = totalSeconds % 60
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m ${String(s).padStart(2, '0')}s`
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`
  return `${s}s`
}
