/**
 * Signed requests to the emulator outside a run: the action's own HttpApi with the test key, for
 * tests that ask one API directly or drive one step against the emulator.
 */
import { ApiError } from '../../src/base/errors.js'
import { systemRuntime } from '../../src/base/runtime.js'
import { Budget } from '../../src/budget.js'
import { HttpApi, accessKeyAuth } from '../../src/cloud/http.js'
import { type Emulator, TEST_AK, TEST_SK } from '../../tools/emulator/server.js'
import { ModelArtsClient } from '../../src/cloud/modelarts.js'
import { SwrClient } from '../../src/cloud/swr.js'
import type { Config } from '../../src/config/config.js'
import type { ImageReference } from '../../src/config/swr-path.js'
import type { Run } from '../../src/steps/run.js'
import { MemoryLogger } from './fake-runtime.js'

export const testAuth = accessKeyAuth({ accessKeyId: TEST_AK, secretAccessKey: TEST_SK })

/** An HttpApi with a 10 s budget and short pauses, its log, and its budget. */
export function testHttp(): { http: HttpApi; log: MemoryLogger; budget: Budget } {
  const log = new MemoryLogger()
  const budget = new Budget(systemRuntime, Date.now() + 10_000, new AbortController().signal)
  const http = new HttpApi({
    runtime: systemRuntime,
    log,
    budget,
    maxAttempts: 1,
    baseBackoffMs: 10,
    maxBackoffMs: 20
  })
  return { http, log, budget }
}

/** The status of a signed GET of `path` (an error status is an answer here, not a throw). */
export async function signedGet(emulator: Emulator, path: string): Promise<{ status: number }> {
  const { http } = testHttp()
  try {
    const answer = await http.send({
      what: 'ask',
      method: 'GET',
      endpoint: emulator.url,
      path,
      auth: testAuth,
      retry: 'throttled-only'
    })
    return { status: answer.status }
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status }
    throw error
  } finally {
    http.dispose()
  }
}

/**
 * A run for a step called alone against the emulator: the client, budget and log given, the
 * config's fields given (the rest left out), nothing learned yet.
 */
export function testRun(
  parts: Pick<Run, 'http' | 'budget' | 'log'> &
    Partial<Omit<Run, 'config'>> & { config: Partial<Config> }
): Run {
  const { config, ...rest } = parts
  const workspaceId = parts.workspaceId ?? '0'
  const subject = config.imageId
    ? { imageId: config.imageId }
    : { image: config.image as ImageReference }
  return {
    subject,
    workspaceId,
    runtime: systemRuntime,
    startedAt: Date.now(),
    modelArts: new ModelArtsClient(parts.http, 'http://127.0.0.1:1', 'p', testAuth),
    swr: new SwrClient(parts.http, 'http://127.0.0.1:1', testAuth),
    projectId: 'p',
    mask: () => undefined,
    wanted: { image: config.image, workspaceId },
    writes: {},
    result: {},
    close: () => parts.http.dispose(),
    ...rest,
    config: { attributes: {}, ...config } as Config
  }
}
