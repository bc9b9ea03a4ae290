/**
 * Defence in depth: the registration step's writes check dry_run themselves, whoever calls them.
 * Called with dryRun set, find-or-register (a replace, a register) sends no DELETE and no POST.
 */
import { lookUpPath } from '../../src/steps/path-look-up.js'
import { expect, it } from '@jest/globals'
import { systemRuntime } from '../../src/base/runtime.js'
import { Budget } from '../../src/budget.js'
import { tokenAuth } from '../../src/cloud/auth.js'
import { HttpApi } from '../../src/cloud/http.js'
import { ModelArtsClient } from '../../src/cloud/modelarts.js'
import { completeSwrPath, parseSwrPath } from '../../src/config/swr-path.js'
import { findOrRegister } from '../../src/steps/registration.js'
import { TEST_PROJECT_ID } from '../../tools/emulator/server.js'
import { testRun } from '../helpers/signed.js'
import { DAY, useEmulator } from '../helpers/emulator.js'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.2.0'
const TOKEN = 'guard-test-token'
const log = { info: () => undefined, debug: () => undefined, warning: () => undefined }

const emulator = useEmulator({}, started => {
  started.tokens.set(TOKEN, TEST_PROJECT_ID)
})

function dryRun(ifExists: 'replace' | 'reuse') {
  const startedAt = Date.now()
  const budget = new Budget(systemRuntime, startedAt + 10_000, new AbortController().signal)
  const http = new HttpApi({ runtime: systemRuntime, log, budget })
  const image = completeSwrPath(parseSwrPath(PATH), 'cn-north-4')
  const body = { swr_path: PATH }
  const run = testRun({
    http,
    budget,
    log,
    startedAt,
    modelArts: new ModelArtsClient(http, emulator.url, TEST_PROJECT_ID, tokenAuth(TOKEN)),
    wanted: { image, workspaceId: '0', body },
    config: { image, ifExists, dryRun: true }
  })
  return { run, path: { image, body, listed: lookUpPath(run, image) } }
}

const writes = () => emulator.requests.filter(r => r.method !== 'GET')

it.each<[string, 'replace' | 'reuse', 'ACTIVE' | 'CREATE_FAILED' | undefined]>([
  ['a replace', 'replace', 'ACTIVE'],
  ['replacing a registration that failed', 'reuse', 'CREATE_FAILED'],
  ['a register', 'reuse', undefined]
])('%s refuses to write in a dry run', async (_, ifExists, existing) => {
  if (existing) emulator.seed(PATH, { ageMs: DAY, lifecycle: [{ status: existing, afterMs: 0 }] })
  const { run, path } = dryRun(ifExists)
  try {
    await expect(findOrRegister(run, path)).rejects.toThrow(/in a dry run/)
  } finally {
    run.close()
  }
  expect(writes()).toEqual([])
})
