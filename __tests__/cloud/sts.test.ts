/**
 * STS's temporary credentials against the emulator: an answer whose secrets cannot be read (not
 * JSON) never has its text quoted, in the retry log or the error.
 */
import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/base/errors.js'
import { systemRuntime } from '../../src/base/runtime.js'
import { Secrets } from '../../src/base/secrets.js'
import { Budget } from '../../src/budget.js'
import { HttpApi } from '../../src/cloud/http.js'
import { assumeAgencyWithOidc } from '../../src/cloud/sts.js'
import { MemoryLogger } from '../helpers/fake-runtime.js'
import { answer, useEmulator } from '../helpers/emulator.js'

const emulator = useEmulator()
const STS = /^\/v5\/agencies\/assume-with-oidc$/
const SK = 'SK0123456789abcdefghijABCDEFGHIJ01234567'
const CREDENTIALS = `{"credentials":{"access_key_id":"AKAKAKAKAKAKAKAKAKAK","secret_access_key":"${SK}","security_token":"tok","expires_at":"2030-01-01T00:00:00Z"}}`

/** Assumes the agency with two attempts; the log, the error, and what was given to mask. */
async function assume(): Promise<{ lines: string[]; error: unknown; masked: string[] }> {
  const log = new MemoryLogger()
  const masked: string[] = []
  const secrets = new Secrets(secret => masked.push(secret))
  const http = new HttpApi({
    runtime: systemRuntime,
    log,
    budget: new Budget(systemRuntime, Date.now() + 10_000, new AbortController().signal),
    baseBackoffMs: 10,
    maxBackoffMs: 20,
    maxAttempts: 2,
    redact: text => secrets.redact(text)
  })
  const request = { idToken: 'id', providerUrn: 'p', agencyUrn: 'a', sessionName: 's' }
  try {
    await assumeAgencyWithOidc(http, emulator.url, { ...request, durationSeconds: 900 }, secret =>
      secrets.add(secret)
    )
    return { lines: log.lines, error: undefined, masked }
  } catch (error) {
    return { lines: log.lines, error, masked }
  } finally {
    http.dispose()
  }
}

describe('an STS answer whose secrets cannot be read is never quoted', () => {
  it.each([
    ['a UTF-8 BOM before the JSON', `\uFEFF${CREDENTIALS}`],
    ['a truncated body', CREDENTIALS.slice(0, 110)]
  ])('a 201 with %s: "not JSON", retried, the secret nowhere', async (_, body) => {
    emulator.inject(answer('POST', STS, 201, { body, times: Infinity }))
    const { lines, error } = await assume()
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 201,
      errorMsg: 'the answer was not JSON (not quoted: it may carry credentials)'
    })
    expect(emulator.count('POST', STS)).toBe(2)
    expect([...lines, String(error)].filter(line => line.includes(SK.slice(0, 12)))).toEqual([])
  })

  it('an error status with a body that is not JSON: its reason phrase, the body not quoted', async () => {
    emulator.inject(answer('POST', STS, 502, { body: `<html>${SK}</html>`, times: Infinity }))
    const { lines, error } = await assume()
    expect(error).toMatchObject({ status: 502, errorMsg: 'Bad Gateway' })
    expect([...lines, String(error)].filter(line => line.includes(SK.slice(0, 12)))).toEqual([])
  })

  it('an answer that is JSON: its secrets masked, the credentials read', async () => {
    emulator.inject(answer('POST', STS, 201, { body: CREDENTIALS }))
    const { error, masked } = await assume()
    expect(error).toBeUndefined()
    expect(masked).toEqual(expect.arrayContaining([SK, 'tok']))
  })
})
