/**
 * The ModelArts client against the emulator: records read once (status and arch in upper case),
 * and the one confirmation that a deleted registration is gone, for replace and keep_last alike.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { systemRuntime } from '../../src/base/runtime.js'
import { Budget } from '../../src/budget.js'
import { ModelArtsClient } from '../../src/cloud/modelarts.js'
import { type Emulator, TEST_PROJECT_ID, startEmulator } from '../../tools/emulator/server.js'
import { testAuth, testHttp } from '../helpers/signed.js'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0'
const DAY = 86_400_000

let emulator: Emulator
let client: ModelArtsClient
let dispose: () => void
let budget: Budget
beforeEach(async () => {
  emulator = await startEmulator()
  const made = testHttp()
  budget = made.budget
  client = new ModelArtsClient(made.http, emulator.url, TEST_PROJECT_ID, testAuth)
  dispose = () => made.http.dispose()
})
afterEach(async () => {
  dispose()
  await emulator.close()
})

describe('a record is read once, in the API’s spelling', () => {
  it('upper-cases status and arch, whatever case the answer has', async () => {
    emulator.inject({
      kind: 'status',
      status: 200,
      method: 'GET',
      path: /\/images\/img-1$/,
      body: { id: 'img-1', status: 'active', arch: 'aarch64', swr_path: PATH }
    })
    const record = await client.show('img-1')
    expect([record.status, record.arch]).toEqual(['ACTIVE', 'AARCH64'])
  })
})

describe('confirmGone: one test of a delete having taken effect', () => {
  const now = { pauseMs: () => 10 }

  it('is gone once ModelArts no longer shows the registration', async () => {
    const image = emulator.seed(PATH, { ageMs: DAY })
    await client.delete(image.id)
    expect(await client.confirmGone(image.id, budget, now)).toEqual({
      gone: true,
      last: 'no answer'
    })
  })

  it('says what it last saw after the checks it was given', async () => {
    const image = emulator.seed(PATH, { ageMs: DAY })
    expect(await client.confirmGone(image.id, budget, { ...now, checks: 2 })).toEqual({
      gone: false,
      last: 'still listed as ACTIVE'
    })
    expect(emulator.count('GET', new RegExp(`/images/${image.id}$`))).toBe(2)
  })

  it('best effort: a failed check is noted, and the end of the budget ends it', async () => {
    const image = emulator.seed(PATH, { ageMs: DAY })
    emulator.inject({ kind: 'status', status: 403, errorCode: 'ModelArts.6407', times: 1 })
    const slice = new Budget(systemRuntime, Date.now() + 300, new AbortController().signal)
    const answer = await client.confirmGone(image.id, slice, { ...now, bestEffort: true })
    expect(answer).toEqual({ gone: false, last: 'still listed as ACTIVE', stopped: 'deadline' })
  })

  it('strict (replace): a failed check ends it, thrown', async () => {
    const image = emulator.seed(PATH, { ageMs: DAY })
    emulator.inject({ kind: 'status', status: 403, errorCode: 'ModelArts.6407', times: 1 })
    await expect(client.confirmGone(image.id, budget, now)).rejects.toThrow(/HTTP 403/)
  })
})
