import { describe, expect, it } from '@jest/globals'
import type { Image, RegisterImageBody } from '../../src/model/image.js'
import type { ImageReference } from '../../src/config/swr-path.js'
import {
  attributeDifferences,
  identityOf,
  judge,
  madeByThisRun,
  registersPath,
  type Wanted
} from '../../src/decide/verdict.js'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/trainer:1.4.2'
const image: ImageReference = {
  registry: 'swr.cn-north-4.myhuaweicloud.com',
  namespace: 'my-org',
  name: 'trainer',
  tag: '1.4.2',
  swrPath: PATH
}
const body: RegisterImageBody = { swr_path: PATH }
const wanted: Wanted = { image, workspaceId: '0', body }
const record = (fields: Partial<Image> = {}): Image => ({
  id: 'img-1',
  status: 'ACTIVE',
  swr_path: PATH,
  ...fields
})

describe('registersPath: the record is a registration of the path asked for', () => {
  const noPath = (fields: Partial<Image>) => record({ swr_path: undefined, ...fields })
  const parts = { namespace: 'my-org', name: 'trainer', tag: '1.4.2' }
  it.each<[string, Image, 'answer' | 'list', boolean]>([
    ['the same path', record(), 'list', true],
    [
      'the path without the registry host (ma-cli)',
      record({ swr_path: 'my-org/trainer:1.4.2' }),
      'list',
      true
    ],
    ['another tag', record({ swr_path: `${PATH}x` }), 'answer', false],
    [
      'another registry',
      record({ swr_path: 'swr.cn-east-3.myhuaweicloud.com/my-org/trainer:1.4.2' }),
      'answer',
      false
    ],
    ['another namespace, host-less', record({ swr_path: 'other/trainer:1.4.2' }), 'answer', false],
    ['another name, host-less', record({ swr_path: 'my-org/other:1.4.2' }), 'answer', false],
    ['another tag, host-less', record({ swr_path: 'my-org/trainer:1.4.3' }), 'answer', false],
    ['listed without a path, same namespace, name and tag', noPath(parts), 'list', true],
    [
      'listed without a path, another namespace',
      noPath({ ...parts, namespace: 'x' }),
      'list',
      false
    ],
    ['listed without a path, another name', noPath({ ...parts, name: 'x' }), 'list', false],
    ['listed without a path, another tag', noPath({ ...parts, tag: 'x' }), 'list', false],
    [
      'listed without a path or a tag',
      noPath({ namespace: 'my-org', name: 'trainer' }),
      'list',
      false
    ],
    ['listed with nothing to compare', noPath({}), 'list', false],
    ['an answer without a path, nothing else reported', noPath({}), 'answer', true],
    ['an answer without a path, another tag', noPath({ tag: '2.0' }), 'answer', false],
    ['an answer without a path, another namespace', noPath({ namespace: 'x' }), 'answer', false],
    ['an answer without a path, another name', noPath({ name: 'x' }), 'answer', false]
  ])('%s (%s) → %s', (_, candidate, source, expected) => {
    expect(registersPath(candidate, image, source)).toBe(expected)
  })

  it('takes a record as an answer unless told it was listed', () => {
    expect(registersPath(noPath({}), image)).toBe(true)
    expect(judge(noPath({}), wanted, 'list').kind).toBe('not-this-image')
    expect(judge(noPath({}), wanted).kind).toBe('same')
  })
})

describe('identityOf: path, workspace, type, status and arch', () => {
  it.each<[string, Partial<Image>, string]>([
    [
      'another path',
      { swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/other:1' },
      'image img-1 registers swr.cn-north-4.myhuaweicloud.com/my-org/other:1'
    ],

    [
      'another workspace',
      { workspace_id: 'a'.repeat(32) },
      `image img-1 is in workspace ${'a'.repeat(32)}`
    ],
    [
      'a preset image',
      { type: 'BUILD_IN' },
      "image img-1 is not a registration of this account's (type is not DEDICATED)"
    ],
    ['an unknown status', { status: 'READY' }, 'image img-1 has an unknown status'],
    [
      'a status that is not text',
      { status: 7 as unknown as string },
      'image img-1 has an unknown status'
    ],
    ['an unknown arch', { arch: 'x86_64\n::error::x' }, 'image img-1 has an unknown arch'],
    ['an arch that is not text', { arch: 64 }, 'image img-1 has an unknown arch']
  ])('%s is not this image', (_, fields, why) => {
    expect(identityOf(record(fields), wanted)).toEqual({ kind: 'not-this-image', why })
  })

  it.each<[string, Partial<Image>, string, string]>([
    ['upper-case status', { status: 'ACTIVE' }, 'ACTIVE', 'X86_64'],
    ['lower-case status, reported upper', { status: 'deleted' }, 'DELETED', 'X86_64'],
    ['mixed-case status', { status: 'Create_Failed' }, 'CREATE_FAILED', 'X86_64'],
    ['lower-case arch', { arch: 'aarch64' }, 'ACTIVE', 'AARCH64'],
    ['no arch: the service default', { arch: undefined }, 'ACTIVE', 'X86_64'],
    ['a null arch: the service default', { arch: null }, 'ACTIVE', 'X86_64'],
    ['the same workspace', { workspace_id: '0' }, 'ACTIVE', 'X86_64'],
    ['type DEDICATED in any case', { type: 'dedicated' }, 'ACTIVE', 'X86_64']
  ])('%s', (_, fields, status, arch) => {
    const result = identityOf(record(fields), wanted)
    expect(result).toMatchObject({ kind: 'ok', arch, image: { status } })
  })

  it('reports the arch in the API spelling in the record, and adds none it did not report', () => {
    const withArch = identityOf(record({ arch: 'aarch64' }), wanted)
    expect(withArch.kind === 'ok' && withArch.image.arch).toBe('AARCH64')
    const without = identityOf(record(), wanted)
    expect(without.kind === 'ok' && 'arch' in without.image).toBe(false)
  })
})

describe('attributeDifferences: arch and every attribute given', () => {
  it.each<[string, Partial<Image>, string, Partial<RegisterImageBody>, string[]]>([
    ['nothing given, default arch', {}, 'X86_64', {}, []],
    ['arch differs', {}, 'AARCH64', { arch: 'X86_64' }, ['arch is AARCH64 (this run: X86_64)']],
    ['arch differs from the default', {}, 'AARCH64', {}, ['arch is AARCH64 (this run: X86_64)']],
    ['arch in another case', {}, 'X86_64', { arch: 'x86_64' }, []],
    [
      'service_type',
      { service_type: 'INFERENCE' },
      'X86_64',
      { service_type: 'TRAIN' },
      ['service_type is INFERENCE (this run: TRAIN)']
    ],
    [
      'service_type, case-insensitive',
      { service_type: 'train' },
      'X86_64',
      { service_type: 'TRAIN' },
      []
    ],
    [
      'visibility',
      { visibility: 'PUBLIC' },
      'X86_64',
      { visibility: 'PRIVATE' },
      ['visibility is PUBLIC (this run: PRIVATE)']
    ],
    [
      'origin',
      { origin: 'IMAGE_SAVE' },
      'X86_64',
      { origin: 'CUSTOMIZE' },
      ['origin is IMAGE_SAVE (this run: CUSTOMIZE)']
    ],
    [
      'flavor_type',
      { flavor_type: 'ASCEND_SNT3' },
      'X86_64',
      { flavor_type: 'ASCEND_SNT9' },
      ['flavor_type is ASCEND_SNT3 (this run: ASCEND_SNT9)']
    ],
    [
      'resource_categories as a set',
      { resource_categories: ['GPU', 'CPU'] },
      'X86_64',
      { resource_category: ['CPU', 'GPU'] },
      []
    ],
    [
      'resource_categories differ',
      { resource_categories: ['CPU'] },
      'X86_64',
      { resource_category: ['CPU', 'GPU'] },
      ['resource_category is CPU (this run: CPU, GPU)']
    ],
    [
      'resource_category as the request names it',
      { resource_category: ['ASCEND'] },
      'X86_64',
      { resource_category: ['CPU'] },
      ['resource_category is ASCEND (this run: CPU)']
    ],
    [
      'dev_services for services',
      { dev_services: ['SSH'] },
      'X86_64',
      { services: ['NOTEBOOK'] },
      ['services is SSH (this run: NOTEBOOK)']
    ],
    [
      'dev_services before services',
      { dev_services: ['SSH'], services: ['NOTEBOOK'] },
      'X86_64',
      { services: ['NOTEBOOK'] },
      ['services is SSH (this run: NOTEBOOK)']
    ],
    [
      'services as the request names it',
      { services: ['ssh', 'notebook'] },
      'X86_64',
      { services: ['NOTEBOOK', 'SSH'] },
      []
    ],
    ['a null field is not compared', { visibility: null }, 'X86_64', { visibility: 'PRIVATE' }, []],
    [
      'an unreported field is not compared',
      {},
      'X86_64',
      { visibility: 'PRIVATE', origin: 'CUSTOMIZE' },
      []
    ],
    ['an attribute not given is not compared', { visibility: 'PUBLIC' }, 'X86_64', {}, []],
    [
      'every difference, in order',
      { service_type: 'DEV', visibility: 'PUBLIC' },
      'AARCH64',
      { arch: 'X86_64', service_type: 'TRAIN', visibility: 'PRIVATE' },
      [
        'arch is AARCH64 (this run: X86_64)',
        'service_type is DEV (this run: TRAIN)',
        'visibility is PUBLIC (this run: PRIVATE)'
      ]
    ]
  ])('%s', (_, fields, arch, given, expected) => {
    expect(attributeDifferences(record(fields), arch, { ...body, ...given })).toEqual(expected)
  })
})

describe('judge: identity, then attributes', () => {
  it.each<[string, Partial<Image>, Partial<RegisterImageBody>, string]>([
    ['the image asked for', {}, {}, 'same'],
    ['a record without arch when X86_64 is asked for', {}, { arch: 'X86_64' }, 'same'],
    ['a record without arch when AARCH64 is asked for', {}, { arch: 'AARCH64' }, 'differs'],
    ['another visibility', { visibility: 'PUBLIC' }, { visibility: 'PRIVATE' }, 'differs'],
    ['another workspace', { workspace_id: 'b'.repeat(32) }, {}, 'not-this-image']
  ])('%s → %s', (_, fields, given, kind) => {
    expect(judge(record(fields), { ...wanted, body: { ...body, ...given } }).kind).toBe(kind)
  })

  it('carries the differences and the normalised record', () => {
    expect(judge(record({ arch: 'aarch64', status: 'active' }), wanted)).toEqual({
      kind: 'differs',
      arch: 'AARCH64',
      image: { ...record(), arch: 'AARCH64', status: 'ACTIVE' },
      differences: ['arch is AARCH64 (this run: X86_64)']
    })
  })
})

describe('madeByThisRun: who made a record found after a lost answer or a conflict', () => {
  const startedAt = 1_000_000_000
  it.each<[string, Partial<Image>, string[], boolean]>([
    ['not seen before, made after the step started', { create_at: startedAt + 5000 }, [], true],
    ['not seen before, no create_at', {}, [], true],
    [
      'seen by the look-up before the registration',
      { create_at: startedAt + 5000 },
      ['img-1'],
      false
    ],
    ['made long before the step', { create_at: startedAt - 3_600_000 }, [], false],
    [
      'made just over two minutes before (clock difference exceeded)',
      { create_at: startedAt - 120_001 },
      [],
      false
    ],
    [
      'made exactly two minutes before (clock difference allowed)',
      { create_at: startedAt - 120_000 },
      [],
      true
    ]
  ])('%s → %s', (_, fields, seen, expected) => {
    expect(madeByThisRun(record(fields), new Set(seen), startedAt)).toBe(expected)
  })
})

describe('a wait on image_id alone: no path and no attributes asked for', () => {
  const waitOnly: Wanted = { workspaceId: '0' }
  it.each<[string, Partial<Image>, string]>([
    ['any path', { swr_path: 'swr.cn-east-3.myhuaweicloud.com/x/y:1' }, 'same'],
    ['any arch', { arch: 'AARCH64', visibility: 'PUBLIC' }, 'same'],
    ['still another workspace', { workspace_id: 'c'.repeat(32) }, 'not-this-image'],
    ['still an unknown status', { status: 'READY' }, 'not-this-image']
  ])('%s → %s', (_, fields, kind) => {
    expect(judge(record(fields), waitOnly).kind).toBe(kind)
  })
})
