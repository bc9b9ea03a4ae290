import { describe, expect, it } from '@jest/globals'
import type { Image } from '../../src/model/image.js'
import type { ImageReference } from '../../src/config/swr-path.js'
import {
  isSameImage,
  planRetention,
  tagOf,
  type RetentionRules
} from '../../src/decide/retention.js'

const REGISTRY = 'swr.cn-north-4.myhuaweicloud.com'
const image: ImageReference = {
  registry: REGISTRY,
  namespace: 'org',
  name: 'trainer',
  tag: '1.4.0',
  swrPath: `${REGISTRY}/org/trainer:1.4.0`
}
const STARTED = 10_000_000
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
  workspaceId: '0',
  keptId: 'new',
  keepLast: 2,
  startedAt: STARTED,
  ...extra
})
const ids = (images: Image[]) => images.map(i => i.id)

describe('tagOf', () => {
  it.each<[Partial<Image>, string | undefined]>([
    [{ tag: '1.0' }, '1.0'],
    [{ swr_path: `${REGISTRY}/org/trainer:2.0` }, '2.0'],
    [{ swr_path: `${REGISTRY}:443/org/trainer` }, undefined],
    [{ swr_path: 'org/trainer:3.0', tag: '' }, '3.0'],
    [{}, undefined]
  ])('%j → %s', (fields, tag) => {
    expect(tagOf({ id: 'x', status: 'ACTIVE', ...fields })).toBe(tag)
  })
})

describe('isSameImage: only registrations of this image, any tag', () => {
  it.each<[string, Partial<Image>, boolean]>([
    ['another tag of the same image', { swr_path: `${REGISTRY}/org/trainer:0.9` }, true],
    ['host-less path', { swr_path: 'org/trainer:0.9' }, true],
    ['another registry', { swr_path: 'swr.cn-east-3.myhuaweicloud.com/org/trainer:0.9' }, false],
    ['another name with the same prefix', { swr_path: `${REGISTRY}/org/trainer-dev:0.9` }, false],
    ['another namespace', { swr_path: `${REGISTRY}/other/trainer:0.9` }, false],
    ['a preset image', { swr_path: `${REGISTRY}/org/trainer:0.9`, type: 'BUILD_IN' }, false],
    [
      'type dedicated in any case',
      { swr_path: `${REGISTRY}/org/trainer:0.9`, type: 'dedicated' },
      true
    ],
    [
      'another workspace',
      { swr_path: `${REGISTRY}/org/trainer:0.9`, workspace_id: 'a'.repeat(32) },
      false
    ],
    ['a name field that differs', { swr_path: `${REGISTRY}/org/trainer:0.9`, name: 'x' }, false],
    [
      'a namespace field that differs',
      { swr_path: `${REGISTRY}/org/trainer:0.9`, namespace: 'x' },
      false
    ],
    ['no path, namespace and name agree', { namespace: 'org', name: 'trainer' }, true],
    ['no path, no name', { namespace: 'org' }, false],
    ['no path, no namespace', { name: 'trainer' }, false]
  ])('%s → %s', (_, fields, expected) => {
    expect(isSameImage({ id: 'x', status: 'ACTIVE', ...fields }, { image, workspaceId: '0' })).toBe(
      expected
    )
  })
})

describe('planRetention: keep the newest N, never what is protected', () => {
  const records = [
    rec('new', '1.4.0', 0.001, { create_at: STARTED - 1 }),
    rec('a', '1.3.0', 1),
    rec('b', '1.2.0', 3),
    rec('c', '1.1.0', 2),
    rec('d', '1.0.0', 10)
  ]

  it('keeps the handed-out one and the newest others up to N, deletes the rest oldest last', () => {
    const plan = planRetention(records, rules())
    expect(ids(plan.keep)).toEqual(['new', 'a'])
    expect(ids(plan.delete)).toEqual(['c', 'b', 'd'])
    expect(plan.protect).toEqual([])
  })

  it.each<[number, string[], string[]]>([
    [1, ['new'], ['a', 'c', 'b', 'd']],
    [3, ['new', 'a', 'c'], ['b', 'd']],
    [5, ['new', 'a', 'c', 'b', 'd'], []],
    [1000, ['new', 'a', 'c', 'b', 'd'], []]
  ])('keep_last %i', (keepLast, keep, del) => {
    const plan = planRetention(records, rules({ keepLast }))
    expect(ids(plan.keep)).toEqual(keep)
    expect(ids(plan.delete)).toEqual(del)
  })

  it('keeps the handed-out one even when it is the oldest', () => {
    const plan = planRetention(records, rules({ keptId: 'd', keepLast: 1 }))
    expect(ids(plan.keep)).toEqual(['d'])
    expect(ids(plan.delete)).toEqual(['new', 'a', 'c', 'b'])
  })

  it.each<[string, Image, string]>([
    ['a protected tag', rec('v1', 'v1.0.0', 30), 'tag v1.0.0 matches keep_tags'],
    [
      'a sibling job’s registration',
      rec('sib', '1.5.0', undefined, { create_at: STARTED }),
      'registered after this step started'
    ],
    ['a record without create_at', rec('old', '0.1.0', undefined), 'it has no create_at'],
    [
      'a record with an unknown status',
      rec('odd', '0.2.0', 40, { status: 'PAUSED' }),
      'its status is unknown'
    ]
  ])('never deletes %s, and does not count it', (_, record, why) => {
    const plan = planRetention(
      [...records, record],
      rules({ keepLast: 1, keepTags: /^v\d+\.\d+\.\d+$/ })
    )
    expect(plan.protect).toEqual([{ image: record, why }])
    expect(ids(plan.delete)).not.toContain(record.id)
    expect(ids(plan.keep)).toEqual(['new'])
    expect(ids(plan.delete)).toEqual(['a', 'c', 'b', 'd'])
  })

  it('leaves other images and deleted records alone', () => {
    const other = rec('other', '1.0', 50, { swr_path: `${REGISTRY}/org/other:1.0` })
    const gone = rec('gone', '0.5', 50, { status: 'deleted' })
    const plan = planRetention([...records, other, gone], rules({ keepLast: 1 }))
    expect(ids(plan.delete)).toEqual(['a', 'c', 'b', 'd'])
    expect(plan.protect).toEqual([])
  })

  it('keeps only what is there when the handed-out one is not listed', () => {
    const plan = planRetention(records.slice(1), rules({ keepLast: 2 }))
    expect(ids(plan.keep)).toEqual(['a'])
    expect(ids(plan.delete)).toEqual(['c', 'b', 'd'])
  })

  it('a tag without keep_tags is not protected', () => {
    const plan = planRetention(
      [rec('new', '1.4.0', 0), rec('v1', 'v1.0.0', 30)],
      rules({ keepLast: 1 })
    )
    expect(ids(plan.delete)).toEqual(['v1'])
  })
})
