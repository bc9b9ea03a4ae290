/**
 * dry_run against the emulator: dry whatever else is given. Every input combination that can reach
 * a delete sends no DELETE, POST or PUT; image_id is read once and judged; keep_last's list after a
 * replace is what the real run, a moment later, deletes.
 */
import { describe, expect, it } from '@jest/globals'
import { TEST_PROJECT_ID } from '../tools/emulator/server.js'
import { errorLine, runAgainst } from './helpers/run-action.js'
import { ACTIVE_AT_ONCE, DAY, REPO, useEmulator } from './helpers/emulator.js'

const PATH = `${REPO}:1.2.0`
const INPUTS = { project_id: TEST_PROJECT_ID, check_image: 'false', swr_path: PATH }

const emulator = useEmulator(ACTIVE_AT_ONCE)

const writes = () => emulator.requests.filter(r => ['DELETE', 'POST', 'PUT'].includes(r.method))
const deletes = () =>
  emulator.requests.filter(r => r.method === 'DELETE').map(r => r.path.split('/').pop())
/** The ids a dry run's log says it would delete. */
const wouldDelete = (log: string) =>
  [...log.matchAll(/would delete image (\S+) \(tag/g)].map(m => m[1])

/** Older registrations of the image, so that keep_last always has something to delete. */
const seedHistory = () => ({
  v115: emulator.seed(`${REPO}:1.1.5`, { ageMs: 3 * DAY }),
  v110: emulator.seed(`${REPO}:1.1.0`, { ageMs: 4 * DAY }),
  v100: emulator.seed(`${REPO}:1.0.0`, { ageMs: 5 * DAY })
})

type Existing = 'ACTIVE' | 'CREATE_FAILED' | 'none'
const combinations: [boolean, string, boolean, Existing][] = []
for (const imageId of [false, true])
  for (const ifExists of ['reuse', 'fail', 'replace'])
    for (const keepLast of [false, true])
      for (const existing of ['ACTIVE', 'CREATE_FAILED', 'none'] as const)
        combinations.push([imageId, ifExists, keepLast, existing])

describe('a dry run writes nothing, whatever else is given', () => {
  it.each(combinations)(
    'image_id %p, if_exists %s, keep_last %p, existing %s: no DELETE, POST or PUT',
    async (imageId, ifExists, keepLast, existing) => {
      seedHistory()
      const found =
        existing === 'none'
          ? undefined
          : emulator.seed(PATH, {
              ageMs: 2 * DAY,
              lifecycle: [{ status: existing, afterMs: 0 }]
            })
      const run = await runAgainst(emulator, {
        inputs: {
          ...INPUTS,
          dry_run: 'true',
          if_exists: ifExists,
          ...(imageId ? { image_id: found?.id ?? 'no-such-image' } : {}),
          ...(keepLast ? { keep_last: '1' } : {})
        }
      })
      expect(writes()).toEqual([])
      expect(run.outputs.deleted_image_ids ?? '[]').toBe('[]')
      expect(run.summary).not.toMatch(/^Deleted:/m)
      // A dry run that goes on says so; one that would fail says that instead.
      expect(run.log).toMatch(/dry run: would/)
      // It fails exactly when the real run would, before writing.
      // (With image_id, if_exists plays no part: there is no look-up.)
      const fails = imageId ? existing !== 'ACTIVE' : ifExists === 'fail' && existing !== 'none'
      expect(run.failed).toBe(fails)
      if (imageId && existing === 'ACTIVE')
        expect(run.log).toContain(`dry run: would wait on image ${found?.id} (ACTIVE)`)
      if (imageId && existing === 'CREATE_FAILED')
        expect(errorLine(run.log)).toMatch(/^dry run: would fail: .*image \S+ is CREATE_FAILED/)
    }
  )
})

describe('dry run with image_id', () => {
  it('reads the record once, does not wait, and lists what keep_last would delete once it is ACTIVE', async () => {
    const old = seedHistory()
    const target = emulator.seed(PATH, {
      ageMs: 2 * DAY,
      lifecycle: [{ status: 'CREATING', afterMs: 0 }]
    })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, image_id: target.id, keep_last: '2', dry_run: 'true', timeout: '4s' }
    })
    expect(errorLine(run.log)).toBeUndefined()
    expect(run.log).toContain(`dry run: would wait on image ${target.id} (CREATING)`)
    expect(emulator.count('GET', new RegExp(`/images/${target.id}$`))).toBe(1)
    expect(writes()).toEqual([])
    // keep_last 2 counts the waited-on 1.2.0 and 1.1.5: 1.1.0 and 1.0.0 would go.
    expect(wouldDelete(run.log)).toEqual([old.v110.id, old.v100.id])
    expect(run.summary).toContain(`🧪 Dry run: would wait on image \`${target.id}\` (\`CREATING\`)`)
    expect(run.summary).toContain(`Would delete:\n\n- image \`${old.v110.id}\``)
    expect(run.summary).toContain('| Registration | existing, would be waited on |')
    expect(run.summary).not.toMatch(/reused/i)
    expect(run.summary).not.toMatch(/^Deleted:/m)
    expect(run.elapsedMs).toBeLessThan(10_000)
  })
})

describe('the dry run lists what the real run then deletes', () => {
  it.each<[string, Exclude<Existing, 'none'>, string]>([
    ['if_exists: replace', 'ACTIVE', 'replace'],
    ['reuse facing a registration that failed', 'CREATE_FAILED', 'reuse']
  ])('%s: the old registration gone, the new one counted', async (_, status, ifExists) => {
    const old = seedHistory()
    emulator.seed(PATH, { ageMs: 2 * DAY, lifecycle: [{ status, afterMs: 0 }] })
    const inputs = { ...INPUTS, if_exists: ifExists, keep_last: '2' }
    const dry = await runAgainst(emulator, { inputs: { ...inputs, dry_run: 'true' } })
    expect(errorLine(dry.log)).toBeUndefined()
    expect(dry.log).toMatch(/dry run: would delete image \S+ and register again/)
    expect(writes()).toEqual([])
    // The new 1.2.0 and 1.1.5 are the two kept: 1.1.0 and 1.0.0 would go.
    expect(wouldDelete(dry.log)).toEqual([old.v110.id, old.v100.id])
    expect(dry.summary).toContain(`Would delete:\n\n- image \`${old.v110.id}\` (tag \`1.1.0\`)`)
    expect(dry.summary).toContain('| Registration | existing, would be replaced |')

    const real = await runAgainst(emulator, { inputs })
    expect(errorLine(real.log)).toBeUndefined()
    expect(JSON.parse(real.outputs.deleted_image_ids ?? 'null')).toEqual(wouldDelete(dry.log))
    // The replace's own delete (the old 1.2.0) and keep_last's: nothing the dry run did not list.
    expect(deletes().slice(1)).toEqual(wouldDelete(dry.log))
  })

  it('a register: keep_last 3 after a fresh registration leaves it and the two newest before it', async () => {
    const old = seedHistory()
    const inputs = { ...INPUTS, keep_last: '3' }
    const dry = await runAgainst(emulator, { inputs: { ...inputs, dry_run: 'true' } })
    expect(wouldDelete(dry.log)).toEqual([old.v100.id])
    const real = await runAgainst(emulator, { inputs })
    expect(JSON.parse(real.outputs.deleted_image_ids ?? 'null')).toEqual([old.v100.id])
    expect(deletes()).toEqual([old.v100.id])
  })
})
