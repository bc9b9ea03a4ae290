import { describe, expect, it } from '@jest/globals'
import { ApiError, DeadlineError, NetworkError } from '../../src/base/errors.js'
import { backoffMs, isThrottled, mayRetry } from '../../src/cloud/retry.js'

const api = (status: number, retryable = false, retryAfterSeconds?: number) =>
  new ApiError({ what: 'x', status, errorMsg: 'm', retryable, retryAfterSeconds })
const coded = (status: number, errorCode: string) =>
  new ApiError({ what: 'x', status, errorCode, errorMsg: 'm' })
const network = new NetworkError('x', 'ECONNRESET')

describe('mayRetry: what may succeed when sent again', () => {
  it.each<[string, unknown, boolean, boolean]>([
    ['429', api(429, true), true, true],
    ['503', api(503, true), true, false],
    ['an unreadable 200', api(200, true), true, false],
    ['400', api(400), false, false],
    ['401', api(401), false, false],
    ['403', api(403), false, false],
    ['404', api(404), false, false],
    ['a 429 not marked retryable', api(429, false), false, true],
    ['a network error', network, true, false],
    // Throttling codes are retried as a 429 is, whatever the status they came with.
    ['400 APIG.0308', coded(400, 'APIG.0308'), true, true],
    ['403 APIGW.0308', coded(403, 'APIGW.0308'), true, true],
    ['400 ModelArts.2799', coded(400, 'ModelArts.2799'), true, true],
    ['400 ModelArts.4206', coded(400, 'ModelArts.4206'), true, true],
    ['400 ModelArts.6101', coded(400, 'ModelArts.6101'), true, true],
    ['400 ModelArts.2885 (not throttling)', coded(400, 'ModelArts.2885'), false, false],
    ['404 APIGW.0101 (not throttling)', coded(404, 'APIGW.0101'), false, false],
    ['the deadline', new DeadlineError('x'), false, false],
    ['anything else', new Error('x'), false, false]
  ])('%s: transient %s, throttled-only %s', (_, error, transient, throttledOnly) => {
    expect(mayRetry('transient', error)).toBe(transient)
    expect(mayRetry('throttled-only', error)).toBe(throttledOnly)
  })

  it.each<[unknown, boolean]>([
    [api(429, true), true],
    [api(503, true), false],
    [coded(400, 'APIG.0308'), true],
    [coded(500, 'ModelArts.6101'), true],
    [coded(400, 'ModelArts.6737'), false],
    [network, false]
  ])('isThrottled(%p) is %s', (error, expected) => {
    expect(isThrottled(error)).toBe(expected)
  })
})

describe('backoffMs: full jitter, never shorter than Retry-After', () => {
  const limits = { baseMs: 1000, maxMs: 20_000 }
  it.each<[string, number, unknown, number, number]>([
    ['first retry, top of the jitter', 1, network, 0.999, 999],
    ['first retry, bottom of the jitter', 1, network, 0, 0],
    ['second retry doubles the ceiling', 2, network, 0.5, 1000],
    ['third retry', 3, network, 0.5, 2000],
    ['the ceiling stops at the maximum', 10, network, 0.5, 10_000],
    ['Retry-After above the jitter wins', 1, api(429, true, 30), 0.5, 30_000],
    ['Retry-After below the jitter loses', 3, api(503, true, 1), 0.9, 3600],
    ['Retry-After 0', 1, api(503, true, 0), 0.5, 500],
    [
      'only an API answer has a Retry-After',
      1,
      Object.assign(new Error('x'), { retryAfterSeconds: 30 }),
      0.5,
      500
    ]
  ])('%s', (_, retry, error, random, expected) => {
    expect(backoffMs(retry, error, limits, () => random)).toBe(expected)
  })
})
