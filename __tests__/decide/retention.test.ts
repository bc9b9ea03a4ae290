/**
 * The retention plan's rules, row by row: which records are the same image (registry, host-less
 * paths, architecture, workspace, name), which are protected and why (keep_tags, status, create_at,
 * the hour before the step), and which the newest N and the handed-out one keep.
 */
import { describe, expect, it } from '@jest/globals'
import type { Image } from '../../src/model/image.js'
import {
  EARLIEST_CREATE_AT,
  FUTURE_ALLOWANCE_MS,
  RECENT_MS,
  afterPlan,
  archOf,
  isSameImage,
  planRetention,
  protectionOf,
  repositoryOf,
  tagOf,
  type RetentionRules
} from '../../src/decide/retention.js'

const REGISTRY = 'swr.cn-north-4.myhuaweicloud.com'
const image = { registry: REGISTRY, namespace: 'org', name: 'trainer' }
const STARTED = Date.UTC(2026, 0, 1)
const DAY = 86_400_000
const rec = (
  id: string,
  tag: string,
  ageDays: number | undefined,
  fields: Partial<Image> = {}
): Image => ({
  id,
  status: 'ACTIVE',
  swr_path: `${REGISTRY}/org/trainer:${tag}`,
  tag,
  ...(ageDays === undefined ? {} : { create_at: STARTED - ageDays * DAY }),
  ...fields
})
const rules = (extra: Partial<RetentionRules> = {}): RetentionRules => ({
  image,
  arch: 'X86_64',
  sharedRegistry: REGISTRY,
  workspaceId: '0',
  keptId: 'new',
  keepLast: 2,
  startedAt: STARTED,
  ...extra
})
const ids = (images: Image[]) => images.map(i => i.id)
const semver = (tag: string) => /^v\d+\.\d+\.\d+$/.test(tag)

describe('tagOf', () => {
  it.each<[Partial<Image>, string | undefined]>([
    [{ tag: '1.0' }, '1.0'],
    [{ swr_path: `${REGISTRY}/org/trainer:2.0` }, '2.0'],
    [{ swr_path: `${REGISTRY}:443/org/trainer` }, undefined],
    [{ swr_path: 'org/trainer:3.0', tag: '' }, '3.0'],
    [{ swr_path: 7 as unknown as string }, undefined],
    [{ swr_path: 'trainer' }, undefined],
    [{ tag: 5 as unknown as string, swr_path: 'org/trainer:2' }, '2'],
    [{}, undefined]
  ])('%j → %s', (fields, tag) => {
    expect(tagOf({ id: 'x', status: 'ACTIVE', ...fields })).toBe(tag)
  })
})

describe('archOf: a record without arch is X86_64', () => {
  it.each<[unknown, string | undefined]>([
    [undefined, 'X86_64'],
    ['AARCH64', 'AARCH64'],
    ['X86_64', 'X86_64'],
    [3, undefined]
  ])('%j → %s', (arch, expected) => {
    const record: Image = { id: 'x', status: 'ACTIVE', ...(arch === undefined ? {} : { arch }) }
    expect(archOf(record)).toBe(expected)
  })
})

describe('repositoryOf: registry and repository; a host-less path is the shared SWR', () => {
  it.each<[unknown, { registry: string; repository: string } | undefined]>([
    [`${REGISTRY}/org/trainer:1`, { registry: REGISTRY, repository: 'org/trainer' }],
    ['SWR.X.COM/org/a/b:1', { registry: 'swr.x.com', repository: 'org/a/b' }],
    ['org/trainer:1', { registry: 'shared.host', repository: 'org/trainer' }],
    ['localhost/org/trainer:1', { registry: 'localhost', repository: 'org/trainer' }],
    ['127.0.0.1:5000/org/trainer:1', { registry: '127.0.0.1:5000', repository: 'org/trainer' }],
    ['org/trainer', undefined],
    ['trainer', undefined],
    ['swr.x.com:1', { registry: 'shared.host', repository: 'swr.x.com' }],
    ['org/trainer:', undefined],
    [`${REGISTRY}:443/org/trainer`, undefined],
    [`${REGISTRY}/org/trainer@sha256:abc`, undefined],
    [undefined, undefined],
    [42, undefined],
    ['my.org/app:1', { registry: 'shared.host', repository: 'my.org/app' }],
    ['swr.x.com/app:1', { registry: 'shared.host', repository: 'swr.x.com/app' }]
  ])('%j', (path, expected) => {
    const record = { id: 'x', status: 'ACTIVE', swr_path: path } as Image
    expect(repositoryOf(record, 'shared.host')).toEqual(expected)
  })
})

describe('repositoryOf: a record with no swr_path names no repository to prune', () => {
  it('whatever its namespace, name and tag say', () => {
    const parts = { id: 'x', status: 'ACTIVE', namespace: 'org', name: 'trainer', tag: '1' }
    expect(repositoryOf(parts, 'shared.host')).toBeUndefined()
  })

  it('a host-less path whose namespace has a dot, as the record says, is the shared SWR', () => {
    const record = { id: 'x', status: 'ACTIVE', swr_path: 'my.org/team/app:1', namespace: 'my.org' }
    expect(repositoryOf(record, 'shared.host')).toEqual({
      registry: 'shared.host',
      repository: 'my.org/team/app'
    })
    const { namespace: _, ...unsaid } = record
    expect(repositoryOf(unsaid, 'shared.host')).toEqual({
      registry: 'my.org',
      repository: 'team/app'
    })
  })
})

describe('isSameImage: only registrations of this image and architecture, any tag', () => {
  const EE = 'myinst.swr-pro.cn-north-4.myhuaweicloud.com'
  it.each<[string, Partial<Image>, Partial<RetentionRules>, boolean]>([
    ['another tag of the same image', {}, {}, true],
    ['host-less path, the image in the shared SWR', { swr_path: 'org/trainer:0.9' }, {}, true],
    [
      'host-less path, the image in an Enterprise Edition registry',
      { swr_path: 'org/trainer:0.9' },
      { image: { ...image, registry: EE } },
      false
    ],
    [
      'the registry in another case',
      { swr_path: `SWR.CN-NORTH-4.MYHUAWEICLOUD.COM/org/trainer:0.9` },
      {},
      true
    ],
    [
      'another registry',
      { swr_path: 'swr.cn-east-3.myhuaweicloud.com/org/trainer:0.9' },
      {},
      false
    ],
    [
      'another name with the same prefix',
      { swr_path: `${REGISTRY}/org/trainer-dev:0.9` },
      {},
      false
    ],
    ['a longer repository', { swr_path: `${REGISTRY}/org/trainer/x:0.9` }, {}, false],
    ['another namespace', { swr_path: `${REGISTRY}/other/trainer:0.9` }, {}, false],
    ['a preset image', { type: 'BUILD_IN' }, {}, false],
    ['type dedicated in any case', { type: 'dedicated' }, {}, true],
    ['another workspace', { workspace_id: 'a'.repeat(32) }, {}, false],
    ['the same workspace', { workspace_id: '0' }, {}, true],
    ['a name field that differs', { name: 'x' }, {}, false],
    ['a name field that agrees', { name: 'trainer', namespace: 'org' }, {}, true],
    ['a namespace field that differs', { namespace: 'x' }, {}, false],
    ['another architecture', { arch: 'AARCH64' }, {}, false],
    ['the same architecture', { arch: 'X86_64' }, {}, true],
    ['no arch, this run hands out AARCH64', {}, { arch: 'AARCH64' }, false],
    ['AARCH64 for AARCH64', { arch: 'AARCH64' }, { arch: 'AARCH64' }, true],
    ['an arch that is not text', { arch: 1 }, {}, false],
    [
      'no path, namespace, name and tag agree: never touched (which registry is not said)',
      { swr_path: undefined, namespace: 'org', name: 'trainer' },
      {},
      false
    ],
    [
      'no path, the image in an Enterprise Edition registry',
      { swr_path: undefined, namespace: 'org', name: 'trainer' },
      { image: { ...image, registry: EE } },
      false
    ],
    ['a digest path', { swr_path: `${REGISTRY}/org/trainer@sha256:ab` }, {}, false]
  ])('%s → %s', (_, fields, extra, expected) => {
    expect(isSameImage(rec('x', '0.9', 1, fields), rules(extra))).toBe(expected)
  })
})

describe('protectionOf: never deleted (set aside, or counted but not deleted)', () => {
  const at = (create_at: unknown, status = 'ACTIVE') =>
    ({ id: 'x', status, tag: '1.0', create_at }) as Image
  it.each<[string, Image, string | undefined]>([
    ['an old ACTIVE one', at(STARTED - RECENT_MS - 1), undefined],
    ['exactly an hour before', at(STARTED - RECENT_MS), undefined],
    ['CREATE_FAILED', at(STARTED - DAY, 'CREATE_FAILED'), undefined],
    ['ERROR', at(STARTED - DAY, 'ERROR'), undefined],
    ['INIT', at(STARTED - DAY, 'INIT'), 'status'],
    ['CREATING', at(STARTED - DAY, 'CREATING'), 'status'],
    ['an unknown status', at(STARTED - DAY, 'PAUSED'), 'status'],
    ['no create_at', at(undefined), 'no-create-at'],
    ['create_at text', at(String(STARTED - DAY)), 'no-create-at'],
    ['create_at NaN', at(NaN), 'no-create-at'],
    ['create_at Infinity', at(Infinity), 'no-create-at'],
    ['create_at in seconds', at(Math.floor((STARTED - DAY) / 1000)), 'implausible'],
    ['just before 2018', at(EARLIEST_CREATE_AT - 1), 'implausible'],
    ['2018-01-01', at(EARLIEST_CREATE_AT), undefined],
    ['more than a day ahead', at(STARTED + FUTURE_ALLOWANCE_MS + 1), 'implausible'],
    ['a day ahead', at(STARTED + FUTURE_ALLOWANCE_MS), 'recent'],
    ['a day is 24 hours', at(STARTED + DAY + 1), 'implausible'],
    ['CREATING with an implausible create_at', at(5, 'CREATING'), 'implausible'],
    ['a minute before the step', at(STARTED - 60_000), 'recent'],
    ['just within the hour', at(STARTED - RECENT_MS + 1), 'recent']
  ])('%s → %s', (_, record, reason) => {
    expect(protectionOf(record, rules())?.reason).toBe(reason)
  })

  it('keep_tags first, with the tag in the reason', () => {
    const record = rec('v', 'v1.0.0', 1, { status: 'INIT' })
    expect(protectionOf(record, rules({ keepTags: semver }))).toEqual({
      reason: 'keep_tags',
      why: 'tag v1.0.0 matches keep_tags'
    })
    expect(protectionOf(rec('t', '1.0.0', 1), rules({ keepTags: semver }))).toBeUndefined()
    expect(protectionOf({ id: 'n', status: 'INIT' }, rules({ keepTags: () => true }))?.reason).toBe(
      'no-create-at'
    )
    // What cannot be ordered is said before the status: it cannot be counted either.
    expect(protectionOf(rec('c', '1', undefined, { status: 'CREATING' }), rules())?.reason).toBe(
      'no-create-at'
    )
    expect(
      protectionOf(rec('c', '1', undefined, { status: 'INIT', create_at: 5 }), rules())?.reason
    ).toBe('implausible')
  })

  it('says why in words', () => {
    expect(protectionOf(rec('a', '1', 1, { status: 'CREATING' }), rules())?.why).toBe(
      'status CREATING: someone may be waiting on it'
    )
    expect(protectionOf(rec('a', '1', undefined), rules())?.why).toBe('it has no create_at')
    expect(protectionOf(rec('a', '1', 0), rules())?.why).toBe(
      'registered less than an hour before this step started'
    )
    expect(protectionOf(rec('a', '1', undefined, { create_at: 5 }), rules())?.why).toBe(
      'create_at 5 is not a plausible time'
    )
  })
})

describe('planRetention: the newest N kept, counting every one; the handed-out kept; the protected never deleted', () => {
  const records = [
    rec('new', '1.4.0', undefined, { create_at: STARTED + 1000 }),
    rec('a', '1.3.0', 1),
    rec('b', '1.2.0', 3),
    rec('c', '1.1.0', 2),
    rec('d', '1.0.0', 10)
  ]

  it('a new registration counts as one of the N: keep_last 2 leaves it and the newest before it', () => {
    const plan = planRetention(records, rules())
    expect(ids(plan.keep)).toEqual(['new', 'a'])
    expect(ids(plan.delete)).toEqual(['c', 'b', 'd'])
    expect(plan.protect).toEqual([])
  })

  it("a record whose tag field is not its path's tag is never deleted: keep_tags is not bypassed", () => {
    const odd = rec('o', 'release-1', 30, { tag: 'scratch' })
    const keepTags = (tag: string) => tag.startsWith('release-')
    const plan = planRetention([records[0] as Image, odd], rules({ keepLast: 1, keepTags }))
    expect(ids(plan.delete)).toEqual([])
  })

  it('a record with no swr_path is never deleted, whatever its namespace, name and tag say', () => {
    const pathless = rec('p', 'old', 30, { swr_path: undefined, namespace: 'org', name: 'trainer' })
    const plan = planRetention([records[0] as Image, pathless], rules({ keepLast: 1 }))
    expect(ids(plan.delete)).toEqual([])
  })

  it.each<[number, string[], string[]]>([
    [1, ['new'], ['a', 'c', 'b', 'd']],
    [3, ['new', 'a', 'c'], ['b', 'd']],
    [4, ['new', 'a', 'c', 'b'], ['d']],
    [5, ['new', 'a', 'c', 'b', 'd'], []],
    [1000, ['new', 'a', 'c', 'b', 'd'], []]
  ])('keep_last %i', (keepLast, keep, del) => {
    const plan = planRetention(records, rules({ keepLast }))
    expect(ids(plan.keep)).toEqual(keep)
    expect(ids(plan.delete)).toEqual(del)
    expect(plan.keep.length).toBe(Math.min(keepLast, records.length))
  })

  it('re-running an old release deletes nothing among the newest N, and keeps the old one', () => {
    const plan = planRetention(records.slice(1), rules({ keptId: 'd', keepLast: 1 }))
    expect(ids(plan.keep)).toEqual(['d', 'a'])
    expect(ids(plan.delete)).toEqual(['c', 'b'])
  })

  it('a handed-out registration among the newest N counts as one of them', () => {
    const plan = planRetention(records.slice(1), rules({ keptId: 'c', keepLast: 2 }))
    expect(ids(plan.keep)).toEqual(['c', 'a'])
    expect(ids(plan.delete)).toEqual(['b', 'd'])
  })

  it('equal create_at: ordered by id, whatever the order of the list', () => {
    const twins = [rec('y', '1', 5), rec('x', '2', 5), rec('z', '3', 9)]
    for (const list of [twins, [...twins].reverse()]) {
      const plan = planRetention(list, rules({ keptId: '', keepLast: 1 }))
      expect(ids(plan.keep)).toEqual(['x'])
      expect(ids(plan.delete)).toEqual(['y', 'z'])
    }
  })

  it('takes each id once', () => {
    const plan = planRetention([...records, ...records], rules({ keepLast: 2 }))
    expect(ids(plan.delete)).toEqual(['c', 'b', 'd'])
  })

  it('recent and in-progress ones count by create_at and are never deleted; keep_tags and unordered ones are set aside', () => {
    const sibling = rec('sib', '1.5.0', undefined, { create_at: STARTED - 30_000 })
    const creating = rec('cr', '0.3.0', 40, { status: 'CREATING' })
    const tagged = rec('v1', 'v1.0.0', 30)
    const undated = rec('nd', '0.2.0', undefined)
    const plan = planRetention(
      [...records, sibling, creating, tagged, undated],
      rules({ keepLast: 2, keepTags: semver })
    )
    expect(plan.protect.map(p => [p.image.id, p.reason])).toEqual([
      ['v1', 'keep_tags'],
      ['nd', 'no-create-at'],
      ['cr', 'status']
    ])
    // The sibling (recent) is the second newest: it fills the N, so 'a' goes.
    expect(ids(plan.keep)).toEqual(['new', 'sib'])
    expect(ids(plan.delete)).toEqual(['a', 'c', 'b', 'd'])
  })

  it('a create_at more than a day ahead cannot be ordered: set aside, it takes no place in the N', () => {
    const ahead = rec('ahead', '9.9', undefined, { create_at: STARTED + 2 * DAY })
    const plan = planRetention([...records, ahead], rules())
    expect(ids(plan.keep)).toEqual(['new', 'a'])
    expect(plan.protect.map(p => [p.image.id, p.reason])).toEqual([['ahead', 'implausible']])
    expect(ids(plan.delete)).toEqual(['c', 'b', 'd'])
  })

  it('a recent or in-progress one past the N is protected, not deleted', () => {
    const old = rec('old', '0.1', 50, { status: 'INIT' })
    const plan = planRetention([...records, old], rules({ keepLast: 1 }))
    expect(ids(plan.keep)).toEqual(['new'])
    expect(plan.protect.map(p => [p.image.id, p.reason])).toEqual([['old', 'status']])
    expect(ids(plan.delete)).toEqual(['a', 'c', 'b', 'd'])
  })

  it('a handed-out registration matching keep_tags is kept and not counted', () => {
    const plan = planRetention(
      [rec('v', 'v2.0.0', 0.01), ...records.slice(1)],
      rules({ keptId: 'v', keepLast: 1, keepTags: semver })
    )
    expect(ids(plan.keep)).toEqual(['v', 'a'])
    expect(plan.protect).toEqual([])
    expect(ids(plan.delete)).toEqual(['c', 'b', 'd'])
  })

  it('leaves other images and deleted records alone', () => {
    const other = rec('other', '1.0', 50, { swr_path: `${REGISTRY}/org/other:1.0` })
    const arm = rec('arm', '1.0', 50, { arch: 'AARCH64' })
    const gone = rec('gone', '0.5', 50, { status: 'DELETED' })
    const plan = planRetention([...records, other, arm, gone], rules({ keepLast: 2 }))
    expect(ids(plan.delete)).toEqual(['c', 'b', 'd'])
    expect(plan.protect).toEqual([])
  })

  it('keeps only what is there when the handed-out one is not listed', () => {
    const plan = planRetention(records.slice(1), rules({ keepLast: 2 }))
    expect(ids(plan.keep)).toEqual(['a', 'c'])
    expect(ids(plan.delete)).toEqual(['b', 'd'])
  })

  it('the handed-out one is kept even with a status that would protect it, and not listed as protected', () => {
    const plan = planRetention(
      [rec('new', '1', 5, { status: 'INIT' }), rec('o', '0', 9)],
      rules({ keepLast: 1 })
    )
    expect(ids(plan.keep)).toEqual(['new'])
    expect(plan.protect).toEqual([])
    expect(ids(plan.delete)).toEqual(['o'])
  })
})

describe("afterPlan: the records as keep_last lists them once a dry run's plan is carried out", () => {
  const standIn = rec('(new)', '2.0', undefined, { create_at: STARTED })
  const listed = [rec('old', '1.0', 3), rec('a', '0.9', 5)]

  it('a real run (no plan) reads the list as it is', () => {
    expect(afterPlan(listed, undefined)).toBe(listed)
  })

  it('a register adds the registration to be', () => {
    expect(ids([...afterPlan(listed, { registers: standIn })])).toEqual(['old', 'a', '(new)'])
  })

  it('a replace removes the registration it deletes first', () => {
    expect(ids([...afterPlan(listed, { registers: standIn, replacing: 'old' })])).toEqual([
      'a',
      '(new)'
    ])
  })

  it("a dry run of a replace lists what the real run deletes after it (the issue's 1.1.0 and 1.0.0)", () => {
    const failed = rec('f', '1.2.0', 0.001, { status: 'CREATE_FAILED' })
    const history = [failed, rec('b', '1.1.5', 1), rec('c', '1.1.0', 2), rec('d', '1.0.0', 3)]
    const dry = planRetention(
      afterPlan(history, { registers: standIn, replacing: 'f' }),
      rules({ keptId: '(new)' })
    )
    expect(ids(dry.delete)).toEqual(['c', 'd'])
  })
})
