import { describe, expect, it } from '@jest/globals'
import { CancelledError, DeadlineError } from '../src/base/errors.js'
import { Budget, FINAL_CHECK_GRACE_MS, bestEffortSliceMs } from '../src/budget.js'
import { FakeRuntime } from './helpers/fake-runtime.js'

describe('the step budget', () => {
  const open = () => new AbortController().signal

  it('counts down on the clock it is given', () => {
    const runtime = new FakeRuntime(1000)
    const budget = new Budget(runtime, 6000, open())
    expect(budget.remainingMs()).toBe(5000)
    runtime.time += 2000
    expect(budget.remainingMs()).toBe(3000)
  })

  it('takes a pause that ends before the budget, and refuses one that would not', async () => {
    const runtime = new FakeRuntime(0)
    const budget = new Budget(runtime, 5000, open())
    await budget.pause(4999, 'retry')
    expect(runtime.now()).toBe(4999)
    await expect(budget.pause(1, 'retry')).rejects.toEqual(new DeadlineError('retry'))
  })

  it('refuses work once spent or cancelled', () => {
    const runtime = new FakeRuntime(0)
    const cancel = new AbortController()
    const budget = new Budget(runtime, 10, cancel.signal)
    expect(() => budget.assertOpen('x')).not.toThrow()
    cancel.abort()
    expect(() => budget.assertOpen('x')).toThrow(CancelledError)
    const spent = new Budget(runtime, 0, open())
    expect(() => spent.assertOpen('look up')).toThrow(new DeadlineError('look up'))
  })

  it('a stoppable budget: its stop ends only its own work; a cancel of the step still ends it', () => {
    const runtime = new FakeRuntime(0)
    const cancel = new AbortController()
    const budget = new Budget(runtime, 10, cancel.signal)
    const first = budget.stoppable()
    const second = budget.stoppable()
    expect(first.budget.deadline).toBe(10)
    first.stop()
    expect(() => first.budget.assertOpen('x')).toThrow(CancelledError)
    expect(() => budget.assertOpen('x')).not.toThrow()
    expect(() => second.budget.assertOpen('x')).not.toThrow()
    cancel.abort()
    expect(() => second.budget.assertOpen('x')).toThrow(CancelledError)
  })

  it('rejects a pause at once when cancelled', async () => {
    const cancel = new AbortController()
    cancel.abort()
    const budget = new Budget(new FakeRuntime(0), 60_000, cancel.signal)
    await expect(budget.pause(10, 'x')).rejects.toBeInstanceOf(CancelledError)
  })

  it.each([
    ['a slice shorter than what is left', 60_000, 10_000, 10_000],
    ['a slice longer than what is left ends with the budget', 5_000, 10_000, 5_000]
  ])('%s', (_, left, slice, expected) => {
    const budget = new Budget(new FakeRuntime(0), left, open())
    expect(budget.slice(slice).remainingMs()).toBe(expected)
  })

  it('gives the last check a grace past the end, and only through withGrace', () => {
    const budget = new Budget(new FakeRuntime(0), 1000, open())
    expect(budget.withGrace(FINAL_CHECK_GRACE_MS).remainingMs()).toBe(4000)
    expect(budget.remainingMs()).toBe(1000)
  })

  it('lets nothing start in the grace: it is for an answer already on its way', () => {
    const runtime = new FakeRuntime(0)
    const graced = new Budget(runtime, 1000, open()).withGrace(FINAL_CHECK_GRACE_MS)
    expect(() => graced.assertOpen('check image status')).not.toThrow()
    runtime.time = 1000
    expect(graced.remainingMs()).toBe(FINAL_CHECK_GRACE_MS)
    expect(() => graced.assertOpen('check image status')).toThrow(DeadlineError)
  })

  it('takes the grace back for what follows the last answer (a retry, its pause)', () => {
    const budget = new Budget(new FakeRuntime(0), 1000, open())
    const graced = budget.withGrace(FINAL_CHECK_GRACE_MS)
    expect(graced.withoutGrace().remainingMs()).toBe(1000)
    expect(graced.withGrace(500).withoutGrace().remainingMs()).toBe(1000)
    expect(budget.withoutGrace()).toBe(budget)
  })

  it.each([
    [15 * 60_000, 60_000],
    [120_000, 30_000],
    [3_000, 750],
    [240_001, 60_000]
  ])(
    'best-effort work gets a quarter of timeout %i ms, at most a minute: %i ms',
    (timeout, slice) => {
      expect(bestEffortSliceMs(timeout)).toBe(slice)
    }
  )
})
