/**
 * The retention plan's promises over any list a server can return (fast-check): duplicates, missing
 * fields, any create_at, status, arch, registry or host-less path, workspace and name. The handed-out
 * registration is never deleted; nothing of another image or architecture is; nothing INIT,
 * CREATING or recent is; the newest N of the image, counting every one that can be ordered, are kept;
 * planning again over what is left deletes nothing more; an id is deleted at most once; a dry run
 * lists exactly what the real run deletes.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { Image } from '../../src/model/image.js'
import {
  RECENT_MS,
  afterPlan,
  archOf,
  isSameImage,
  planRetention,
  protectionOf,
  type RetentionRules
} from '../../src/decide/retention.js'

const SHARED = 'swr.cn-north-4.myhuaweicloud.com'
const EE = 'inst.swr-pro.cn-north-4.myhuaweicloud.com'
const STARTED = Date.UTC(2026, 5, 1)
const DAY = 86_400_000

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
/** Mostly `usual` (so plans do delete), else any of `others`. */
const mostly = <T>(usual: T, ...others: T[]): fc.Arbitrary<T> =>
  fc.oneof(
    { arbitrary: fc.constant(usual), weight: 6 },
    { arbitrary: fc.constantFrom(...others), weight: 1 }
  )
const recordArb: fc.Arbitrary<Image> = fc
  .record({
    id: fc.oneof(
      fc.constantFrom('kept', 'i1'),
      fc.nat(20).map(n => `i${n}`)
    ),
    status: mostly('ACTIVE', 'INIT', 'CREATING', 'CREATE_FAILED', 'ERROR', 'DELETED', 'X'),
    registry: mostly(`${SHARED}/`, `${EE}/`, 'swr.cn-east-3.myhuaweicloud.com/', ''),
    repository: mostly('org/app', 'org/app-dev', 'other/app', 'org/app/x'),
    tag: fc.constantFrom('1.0', '2.0', 'v1.0.0', 'latest', ''),
    arch: mostly<string | undefined>(undefined, 'X86_64', 'AARCH64', 'RISCV'),
    workspace_id: mostly<string | undefined>(undefined, '0', 'a'.repeat(32)),
    type: mostly<string | undefined>(undefined, 'DEDICATED', 'BUILD_IN'),
    name: mostly<string | undefined>(undefined, 'app', 'other'),
    namespace: mostly<string | undefined>(undefined, 'org', 'other'),
    create_at: optional(
      fc.oneof(
        {
          arbitrary: fc.integer({ min: STARTED - 400 * DAY, max: STARTED - RECENT_MS }),
          weight: 4
        },
        fc.integer({ min: STARTED - 400 * DAY, max: STARTED + DAY }),
        fc.integer({ min: STARTED - 2 * RECENT_MS, max: STARTED }),
        fc.constantFrom(0, -1, 1_700_000_000, NaN, Infinity)
      )
    ),
    hasPath: mostly(true, false),
    /** The tag field: mostly the path's, sometimes another (a service that contradicts itself). */
    fieldTag: mostly<string | undefined>(undefined, 'latest', 'v1.0.0')
  })
  .map(
    ({
      registry,
      repository,
      tag,
      hasPath,
      fieldTag,
      arch,
      workspace_id,
      type,
      name,
      namespace,
      ...rest
    }) => ({
      ...rest,
      ...(hasPath ? { swr_path: `${registry}${repository}${tag ? `:${tag}` : ''}` } : {}),
      ...(tag ? { tag: fieldTag ?? tag } : {}),
      ...(arch === undefined ? {} : { arch }),
      ...(workspace_id === undefined ? {} : { workspace_id }),
      ...(type === undefined ? {} : { type }),
      ...(name === undefined ? {} : { name }),
      ...(namespace === undefined ? {} : { namespace })
    })
  )

const rulesArb: fc.Arbitrary<RetentionRules> = fc.record({
  image: mostly(
    { registry: SHARED, namespace: 'org', name: 'app' },
    { registry: EE, namespace: 'org', name: 'app' }
  ),
  arch: mostly('X86_64', 'AARCH64', 'aarch64'),
  sharedRegistry: fc.constant(SHARED),
  workspaceId: fc.constant('0'),
  keptId: fc.constantFrom('kept', 'i1', 'none'),
  keepLast: fc.integer({ min: 1, max: 3 }),
  keepTags: fc.constantFrom(undefined, (tag: string) => tag.startsWith('v')),
  startedAt: fc.constant(STARTED)
}) as fc.Arbitrary<RetentionRules>

const listArb = fc.array(recordArb, { maxLength: 40, size: 'max' })
const property =
  (check: (records: Image[], rules: RetentionRules) => void): (() => void) =>
  () => {
    fc.assert(fc.property(listArb, rulesArb, check), { numRuns: 400 })
  }

/** The first record of each id, as the plan reads them. */
const firstOf = (records: Image[]) => {
  const byId = new Map<string, Image>()
  for (const r of records) if (!byId.has(r.id)) byId.set(r.id, r)
  return [...byId.values()]
}

describe('planRetention, for any list a server can return', () => {
  it(
    'never deletes the handed-out registration',
    property((records, rules) => {
      expect(planRetention(records, rules).delete.map(r => r.id)).not.toContain(rules.keptId)
    })
  )

  it(
    'deletes only registrations of this image, workspace, registry and architecture',
    property((records, rules) => {
      for (const r of planRetention(records, rules).delete) {
        expect(r.type === undefined || r.type === 'DEDICATED').toBe(true)
        expect(r.workspace_id === undefined || r.workspace_id === '0').toBe(true)
        expect(archOf(r)).toBe(rules.arch.toUpperCase())
        // A record with no path never says its registry: it is never deleted.
        expect(typeof r.swr_path).toBe('string')
        const path = r.swr_path as string
        const registry = path.startsWith('org/') ? SHARED : path.slice(0, path.indexOf('/'))
        expect(registry).toBe(rules.image.registry)
        expect(path.slice(path.indexOf('org/app:'))).toMatch(/^org\/app:[^/:]+$/)
        expect(r.name === undefined || r.name === 'app').toBe(true)
        expect(r.namespace === undefined || r.namespace === 'org').toBe(true)
        expect(r.tag === undefined || path.endsWith(`:${String(r.tag)}`)).toBe(true)
      }
    })
  )

  it(
    'never deletes anything INIT, CREATING, unknown, recent, implausible or kept by keep_tags',
    property((records, rules) => {
      for (const r of planRetention(records, rules).delete) {
        expect(['ACTIVE', 'CREATE_FAILED', 'ERROR']).toContain(String(r.status).toUpperCase())
        expect(typeof r.create_at).toBe('number')
        expect(r.create_at as number).toBeLessThanOrEqual(STARTED - RECENT_MS)
        expect(r.create_at as number).toBeGreaterThanOrEqual(Date.UTC(2018, 0, 1))
        expect(rules.keepTags?.(String(r.tag ?? '')) ?? false).toBe(false)
      }
    })
  )

  it(
    'keeps the newest N of the image, counting the handed-out, recent and in-progress ones; deletes the older deletable ones',
    property((records, rules) => {
      const plan = planRetention(records, rules)
      const counted = firstOf(records)
        .filter(r => isSameImage(r, rules) && String(r.status).toUpperCase() !== 'DELETED')
        .filter(r => ['status', 'recent', undefined].includes(protectionOf(r, rules)?.reason))
        .sort((a, b) => (b.create_at as number) - (a.create_at as number) || (a.id < b.id ? -1 : 1))
      const deleted = new Set(plan.delete.map(r => r.id))
      const newest = counted.slice(0, rules.keepLast)
      for (const r of newest) expect(deleted.has(r.id)).toBe(false)
      // keep_last: N keeps N (one more only for a handed-out one older than them).
      const handedOutOlder = firstOf(records).some(
        r =>
          r.id === rules.keptId &&
          isSameImage(r, rules) &&
          !newest.includes(r) &&
          String(r.status).toUpperCase() !== 'DELETED'
      )
      expect(plan.keep.length).toBe(newest.length + (handedOutOlder ? 1 : 0))
      // Everything older that may be deleted goes, except the handed-out one.
      const older = counted.slice(rules.keepLast)
      expect([...deleted].sort()).toEqual(
        older
          .filter(r => r.id !== rules.keptId && protectionOf(r, rules) === undefined)
          .map(r => r.id)
          .sort()
      )
    })
  )

  it(
    'deletes an id at most once, and planning again over what is left deletes nothing more',
    property((records, rules) => {
      const plan = planRetention(records, rules)
      const deleted = plan.delete.map(r => r.id)
      expect(new Set(deleted).size).toBe(deleted.length)
      const left = records.filter(r => !deleted.includes(r.id))
      expect(planRetention(left, rules).delete).toEqual([])
    })
  )
})

it('the generated lists do make plans that delete (the properties are not vacuous)', () => {
  const samples = fc.sample(fc.tuple(listArb, rulesArb), { numRuns: 400, seed: 1 })
  const deleting = samples.filter(([records, rules]) => planRetention(records, rules).delete.length)
  expect(deleting.length).toBeGreaterThan(40)
})

/** What the run does about the path: keep_last's list depends on it. */
type RunPlan = { action: 'register' } | { action: 'replace'; of: string } | { action: 'reuse' }
const runPlanArb: fc.Arbitrary<RunPlan> = fc.oneof(
  fc.constant<RunPlan>({ action: 'register' }),
  fc.constant<RunPlan>({ action: 'reuse' }),
  fc.constantFrom('kept', 'i1', 'i2', 'i3').map<RunPlan>(of => ({ action: 'replace', of }))
)

describe('a dry run lists what the real run deletes', () => {
  const registration = (
    rules: RetentionRules,
    id: string,
    create_at: number,
    tag: string
  ): Image => ({
    id,
    status: 'ACTIVE',
    swr_path: `${rules.image.registry}/org/app:${tag}`,
    tag,
    arch: rules.arch,
    type: 'DEDICATED',
    workspace_id: '0',
    create_at
  })

  it("on the same records, whatever the plan: the dry run's stand-in, then the real registration", () => {
    fc.assert(
      fc.property(
        listArb,
        rulesArb,
        runPlanArb,
        fc.constantFrom('9.9', 'v9.9.9'),
        fc.integer({ min: 0, max: 3_600_000 }),
        (records, rules, plan, tag, after) => {
          if (plan.action === 'reuse') {
            // Reuse and image_id: the handed-out record is listed; both runs make the one same call.
            const dry = planRetention(afterPlan(records, undefined), rules)
            expect(dry.delete).toEqual(planRetention(records, rules).delete)
            return
          }
          const replacing = plan.action === 'replace' ? plan.of : undefined
          // The dry run, as steps/retention.ts plans it: the registration to be, made at the start.
          const standIn = registration(rules, '(the new registration)', STARTED, tag)
          const dry = planRetention(
            afterPlan(records, { registers: standIn, ...(replacing && { replacing }) }),
            { ...rules, keptId: standIn.id }
          )
          // The real run a moment later: the old one deleted, the new one listed with its own id and time.
          const made = registration(rules, 'made', STARTED + after, tag)
          const real = planRetention([...records.filter(r => r.id !== replacing), made], {
            ...rules,
            keptId: made.id
          })
          expect(dry.delete.map(r => r.id)).toEqual(real.delete.map(r => r.id))
        }
      ),
      { numRuns: 600 }
    )
  })
})
