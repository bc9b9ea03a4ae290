import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/base/errors.js'
import { Budget, FINAL_CHECK_GRACE_MS } from '../../src/budget.js'
import type { Image } from '../../src/model/image.js'
import { LAST_CHECK_LEAD_MS, pauseBeforeCheck, waitUntilFinal } from '../../src/steps/wait.js'
import { FakeRuntime, MemoryLogger } from '../helpers/fake-runtime.js'

/** A status source that turns ACTIVE (or `final`) at `readyAt` on the fake clock. */
function statusAt(runtime: FakeRuntime, readyAt: number, final = 'ACTIVE') {
  const calls: number[] = []
  const show = async ({ id }: Image): Promise<Image> => {
    calls.push(runtime.now())
    return { id, status: runtime.now() >= readyAt ? final : 'CREATING' }
  }
  return { show, calls }
}

type Extra = Partial<Omit<Parameters<typeof waitUntilFinal>[2], 'budget'>> & {
  deadline?: number
  signal?: AbortSignal
}

function options(runtime: FakeRuntime, { deadline, signal, ...extra }: Extra = {}) {
  return {
    runtime,
    budget: new Budget(
      runtime,
      deadline ?? runtime.now() + 15 * 60_000,
      signal ?? new AbortController().signal
    ),
    log: new MemoryLogger(),
    startedAt: runtime.now(),
    pollIntervalMs: 10_000,
    ...extra
  }
}

describe('poll schedule', () => {
  it('starts at 1 s and doubles up to poll_interval', () => {
    const pauses = Array.from({ length: 7 }, (_, i) => pauseBeforeCheck(i, 10_000, () => 0))
    expect(pauses).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000])
  })

  it('lets jitter only shorten a pause, by at most 10%', () => {
    expect(pauseBeforeCheck(4, 10_000, () => 0.999999)).toBe(9000)
    expect(pauseBeforeCheck(0, 10_000, () => 0.5)).toBe(950)
  })

  it('never waits longer than poll_interval, even for the first check', () => {
    expect(pauseBeforeCheck(0, 300, () => 0)).toBe(300)
  })
})

describe('waitUntilFinal', () => {
  it('makes no request and no pause when the image is already final', async () => {
    const runtime = new FakeRuntime()
    const { show, calls } = statusAt(runtime, 0)
    const result = await waitUntilFinal({ id: 'i', status: 'ACTIVE' }, show, options(runtime))
    expect(result).toMatchObject({ outcome: { kind: 'final' } })
    expect(calls).toHaveLength(0)
    expect(calls).toHaveLength(0)
    expect(runtime.pauses).toEqual([])
  })

  it('checks about 1 s after registering, doubling, until ACTIVE', async () => {
    const runtime = new FakeRuntime(0, 0)
    const { show, calls } = statusAt(runtime, 12_000)
    const log = new MemoryLogger()
    const result = await waitUntilFinal(
      { id: 'i', status: 'INIT' },
      show,
      options(runtime, { log })
    )
    expect(result).toMatchObject({ outcome: { kind: 'final' }, image: { status: 'ACTIVE' } })
    expect(calls).toHaveLength(4)
    expect(calls).toEqual([1000, 3000, 7000, 15_000])
    expect(runtime.pauses).toEqual([1000, 2000, 4000, 8000])
    expect(log.lines[0]).toBe('status INIT (elapsed 0s, next check in 1s)')
    expect(log.lines[1]).toBe('status CREATING (elapsed 1s, next check in 2s)')
    expect(log.lines.at(-1)).toBe('status ACTIVE (elapsed 15s)')
  })

  it('stops on a failed status and returns it', async () => {
    const runtime = new FakeRuntime(0, 0)
    const { show } = statusAt(runtime, 3000, 'CREATE_FAILED')
    const result = await waitUntilFinal({ id: 'i', status: 'CREATING' }, show, options(runtime))
    expect(result).toMatchObject({ outcome: { kind: 'final' }, image: { status: 'CREATE_FAILED' } })
  })

  it('never pauses past the deadline, checks a moment before it, then times out at it', async () => {
    const runtime = new FakeRuntime(0, 0)
    const { show, calls } = statusAt(runtime, Infinity)
    const result = await waitUntilFinal(
      { id: 'i', status: 'CREATING' },
      show,
      options(runtime, { deadline: 20_000 })
    )
    expect(result).toMatchObject({ outcome: { kind: 'timeout' }, image: { status: 'CREATING' } })
    expect(runtime.pauses).toEqual([1000, 2000, 4000, 8000, 4000, LAST_CHECK_LEAD_MS])
    expect(calls).toEqual([1000, 3000, 7000, 15_000, 20_000 - LAST_CHECK_LEAD_MS])
    expect(runtime.now()).toBe(20_000)
  })

  it('no status check starts after the deadline, even when timers fire late (a busy runner)', async () => {
    const runtime = new FakeRuntime(0, 0)
    // Every sleep overshoots by 800 ms.
    const sleep = runtime.sleep
    runtime.sleep = async (ms, signal) => sleep(ms + 800, signal)
    const budget = new Budget(runtime, 5_000, new AbortController().signal)
    const lastCheck = budget.withGrace(FINAL_CHECK_GRACE_MS) // as waitFor passes it to each check
    const started: number[] = []
    const result = await waitUntilFinal(
      { id: 'img', status: 'CREATING' },
      async current => {
        lastCheck.assertOpen('check image status') // what the HTTP layer does before sending
        started.push(runtime.now())
        return current
      },
      { ...options(runtime), budget }
    )
    expect(result.outcome).toMatchObject({ kind: 'timeout' })
    expect(started.length).toBeGreaterThan(0)
    expect(started.filter(at => at > budget.deadline)).toEqual([])
  })

  it('a late last check is refused, not sent: the wait times out saying so, with no retry', async () => {
    const runtime = new FakeRuntime(0, 0)
    const sleep = runtime.sleep
    runtime.sleep = async (ms, signal) => sleep(ms + 1_500, signal)
    const budget = new Budget(runtime, 2_000, new AbortController().signal)
    const lastCheck = budget.withGrace(FINAL_CHECK_GRACE_MS)
    let sent = 0
    const log = new MemoryLogger()
    const result = await waitUntilFinal(
      { id: 'img', status: 'CREATING' },
      async current => {
        lastCheck.assertOpen('check image status')
        sent++
        return current
      },
      { ...options(runtime), budget, log }
    )
    expect(sent).toBe(0)
    expect(result.outcome).toEqual({
      kind: 'timeout',
      lastProblem: "check image status did not finish before the step's timeout"
    })
    expect(log.lines.filter(line => line.startsWith('warning: '))).toEqual([
      "warning: could not check the status: check image status did not finish before the step's timeout"
    ])
  })

  it('returns at once when cancelled', async () => {
    const runtime = new FakeRuntime(0, 0)
    const { show, calls } = statusAt(runtime, Infinity)
    const cancel = new AbortController()
    cancel.abort()
    const result = await waitUntilFinal(
      { id: 'i', status: 'CREATING' },
      show,
      options(runtime, { signal: cancel.signal })
    )
    expect(result.outcome).toEqual({ kind: 'cancelled' })
    expect(calls).toHaveLength(0)
  })

  it('keeps polling through transient failures, and reports the last one on timeout', async () => {
    const runtime = new FakeRuntime(0, 0)
    let n = 0
    const show = async ({ id }: Image): Promise<Image> => {
      n++
      if (n <= 2)
        throw new ApiError({
          what: 'check image status',
          status: 503,
          errorCode: 'ModelArts.0010',
          errorMsg: 'busy',
          requestId: 'r1',
          retryable: true
        })
      if (n === 3) return { id, status: 'ACTIVE' }
      throw new Error('unreachable')
    }
    const log = new MemoryLogger()
    const result = await waitUntilFinal(
      { id: 'i', status: 'CREATING' },
      show,
      options(runtime, { log })
    )
    expect(result).toMatchObject({ outcome: { kind: 'final' } })
    expect(n).toBe(3)
    expect(log.lines.filter(l => l.startsWith('warning: could not check'))).toHaveLength(2)

    const failing = async (): Promise<Image> => {
      throw new ApiError({
        what: 'check image status',
        status: 502,
        errorMsg: 'bad gateway',
        retryable: true
      })
    }
    const timedOut = await waitUntilFinal(
      { id: 'i', status: 'CREATING' },
      failing,
      options(runtime, { deadline: runtime.now() + 5000 })
    )
    expect(timedOut).toMatchObject({
      outcome: { kind: 'timeout', lastProblem: 'check image status failed: HTTP 502: bad gateway' }
    })
  })

  it('stops at once on an error that cannot succeed later, returning the last image', async () => {
    const runtime = new FakeRuntime(0, 0)
    const show = async (): Promise<Image> => {
      throw new ApiError({
        what: 'check image status',
        status: 403,
        errorCode: 'ModelArts.6407',
        errorMsg: 'no permission',
        requestId: 'r'
      })
    }
    const result = await waitUntilFinal({ id: 'i', status: 'CREATING' }, show, options(runtime))
    expect(result).toMatchObject({
      outcome: { kind: 'error' },
      image: { id: 'i', status: 'CREATING' }
    })
    expect(result.outcome.kind === 'error' && String(result.outcome.error)).toMatch(
      /HTTP 403 ModelArts.6407/
    )
  })
})
