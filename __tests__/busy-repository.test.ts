/**
 * A busy repository: jobs of a matrix register tags of one repository side by side while their
 * siblings register and delete, and lists of any length are read to their end.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  type Emulator,
  type EmulatorOptions,
  TEST_PROJECT_ID,
  lifecycles,
  startEmulator
} from '../tools/emulator/server.js'
import { FakeRuntime } from './helpers/fake-runtime.js'
import { expectOutcome, runAgainst, runMatrix } from './helpers/run-action.js'

const REGISTRY = 'swr.cn-north-4.myhuaweicloud.com'
const REPOSITORY = `${REGISTRY}/team/trainer`
const HOUR = 3_600_000

let emulator: Emulator
afterEach(async () => {
  await emulator.close()
})

async function busyRepository(options: EmulatorOptions): Promise<Emulator> {
  emulator = await startEmulator({ lifecycleFor: () => lifecycles.activeAfter(500), ...options })
  // 350 registrations of the repository: the oldest 40 old enough for keep_last to delete.
  emulator.seedMany(40, i => `${REPOSITORY}:old-${i}`, { ageMs: 2 * HOUR })
  emulator.seedMany(310, i => `${REPOSITORY}:recent-${i}`, { ageMs: 60_000 })
  return emulator
}

/** `jobs` jobs, tag v{i} each, starting `spreadMs` apart in all. */
function matrix(jobs: number, spreadMs: number, extra: Record<string, string> = {}) {
  return Array.from({ length: jobs }, (_, i) => ({
    startAfterMs: Math.round((spreadMs * i) / jobs),
    inputs: {
      swr_path: `${REPOSITORY}:v${i}`,
      project_id: TEST_PROJECT_ID,
      timeout: '40s',
      ...extra
    }
  }))
}

/** Every tag registered exactly once (one record ever made for it) and still there. */
function registeredOnce(tags: string[]): Record<string, string> {
  return Object.fromEntries(
    tags.map(tag => {
      const made = [...emulator.images.values()].filter(i => i.tag === tag)
      const state = made.length === 1 && !made[0]?.deleted ? 'once' : `${made.length} records`
      return [tag, state]
    })
  )
}

describe('a matrix registering tags of one busy repository', () => {
  it.each([
    ['without keep_last', {}],
    // The first job to finish deletes old ones while later jobs look up: the list they read changes.
    ['with keep_last', { keep_last: '3' }]
  ])(
    '16 jobs, 350 registrations, 100 ms a request, starts over 3 s: all green, each tag once (%s)',
    async (_, extra) => {
      await busyRepository({ answerDelayMs: 100 })
      const runs = await runMatrix(emulator, matrix(16, 3000, extra))
      for (const run of runs) expectOutcome(run, { failed: false, status: 'ACTIVE' })
      const tags = runs.map((_, i) => `v${i}`)
      expect(registeredOnce(tags)).toEqual(Object.fromEntries(tags.map(t => [t, 'once'])))
    },
    60_000
  )

  it.each([
    ['without keep_last', {}],
    ['with keep_last', { keep_last: '3' }]
  ])(
    'a list that changes between every two pages never fails a job nor registers a tag twice (%s)',
    async (_, extra) => {
      await busyRepository({ churnBetweenPages: true })
      const runs = await runMatrix(emulator, matrix(4, 400, { timeout: '12s', ...extra }))
      for (const run of runs) expectOutcome(run, { failed: false, status: 'ACTIVE' })
      const tags = runs.map((_, i) => `v${i}`)
      expect(registeredOnce(tags)).toEqual(Object.fromEntries(tags.map(t => [t, 'once'])))
      expect(runs[0]?.log).toContain('the image list changed while it was read')
      // Which job's keep_last sees the change is a race: two readers in step cancel each other's
      // churn (one adds, the other deletes); the last job reads alone and always sees it.
      if ('keep_last' in extra)
        expect(runs.map(run => run.log).join('\n')).toContain(
          '::warning::keep_last: the image list changed'
        )
    },
    60_000
  )

  it('re-reads a changing list after jittered pauses within a quarter of timeout, then registers', async () => {
    await busyRepository({ churnBetweenPages: true })
    const runtime = new FakeRuntime(Date.now(), 0.5)
    const run = await runAgainst(emulator, {
      runtime,
      // On a fake clock the emulator's lifecycle never moves: not waited on.
      inputs: {
        swr_path: `${REPOSITORY}:v0`,
        project_id: TEST_PROJECT_ID,
        timeout: '20s',
        wait: 'false'
      }
    })
    expectOutcome(run, { failed: false, created: 'true' })
    // Full jitter at half the ceiling: 0.5 s, 1 s, 2 s; the next (4 s) would end past 5 s.
    expect(run.log).toContain('reading it again in 0.5s')
    expect(run.log).toContain('reading it again in 2s')
    expect(run.log).toContain('(4 readings; other runs registering or deleting)')
    expect(runtime.pauses.slice(0, 3)).toEqual([500, 1000, 2000])
  })

  it('a record of the path seen in one reading is found, though the list changed', async () => {
    await busyRepository({ churnBetweenPages: true })
    const existing = emulator.seed(`${REPOSITORY}:v0`, { ageMs: HOUR })
    const run = await runAgainst(emulator, {
      inputs: { swr_path: `${REPOSITORY}:v0`, project_id: TEST_PROJECT_ID, timeout: '12s' }
    })
    expectOutcome(run, { failed: false, image_id: existing.id, created: 'false' })
  })
})

describe('a namespace of 20,000 registrations (a nested name reads the whole namespace)', () => {
  const NESTED = `${REGISTRY}/team/ml/trainer`
  async function bigNamespace(): Promise<void> {
    emulator = await startEmulator()
    emulator.seedMany(20_000, i => `${REGISTRY}/team/app-${i % 40}:t${i}`, { ageMs: 2 * HOUR })
  }

  it('finds a registration on its last page', async () => {
    await bigNamespace()
    const existing = emulator.seed(`${NESTED}:1.0.0`)
    const run = await runAgainst(emulator, {
      inputs: { swr_path: `${NESTED}:1.0.0`, project_id: TEST_PROJECT_ID }
    })
    expectOutcome(run, { failed: false, image_id: existing.id, created: 'false' })
    expect(emulator.count('GET', /\/images$/)).toBeGreaterThanOrEqual(200)
  }, 60_000)

  it('registers a path it does not hold, once the list is read to its end', async () => {
    await bigNamespace()
    const run = await runAgainst(emulator, {
      inputs: { swr_path: `${NESTED}:2.0.0`, project_id: TEST_PROJECT_ID }
    })
    expectOutcome(run, { failed: false, created: 'true', status: 'ACTIVE' })
    expect(emulator.count('GET', /\/images$/)).toBeGreaterThanOrEqual(200)
  }, 60_000)
})
