import { CancelledError } from '../../src/base/errors.js'
import type { Logger, Runtime } from '../../src/base/runtime.js'

/** A clock that moves only when slept on; records every pause. */
export class FakeRuntime implements Runtime {
  readonly pauses: number[] = []
  constructor(
    public time = 1_000_000,
    public dice = 0.5
  ) {}
  now = (): number => this.time
  random = (): number => this.dice
  sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw new CancelledError()
    this.pauses.push(ms)
    this.time += ms
  }
}

/** Collects log lines by level. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = []
  info = (message: string): void => void this.lines.push(message)
  debug = (message: string): void => void this.lines.push(`debug: ${message}`)
  warning = (message: string): void => void this.lines.push(`warning: ${message}`)
}
