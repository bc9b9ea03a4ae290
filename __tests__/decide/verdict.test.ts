import { describe, expect, it } from '@jest/globals'
import type { Image, RegisterImageBody } from '../../src/model/image.js'
import type { ImageReference } from '../../src/config/swr-path.js'
import {
  attributeDifferences,
  identityOf,
  inUseByAnotherRun,
  judge,
  madeByThisRun,
  holdsTag,
  type Wanted
} from '../../src/decide/verdict.js'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/trainer:1.4.2'
const image: ImageReference = {
  registry: 'swr.cn-north-4.myhuaweicloud.com',
  namespace: 'my-org',
  name: 'trainer',
  tag: '1.4.2',
  swrPath: PATH,
  sharedSwr: true
}
const body: RegisterImageBody = { swr_path: PATH }
const wanted: Wanted = { image, workspaceId: '0', body }
const record = (fields: Partial<Image> = {}): Image => ({
  id: 'img-1',
  status: 'ACTIVE',
  swr_path: PATH,
  ...fields
})

describe('holdsTag: the record holds the same namespace, name and tag, from any registry', () => {
  const noPath = (fields: Partial<Image>) => record({ swr_path: undefined, ...fields })
  const parts = { namespace: 'my-org', name: 'trainer', tag: '1.4.2' }
  it.each<[string, Image, boolean]>([
    ['the same path', record(), true],
    ['host-less (the shared SWR)', record({ swr_path: 'my-org/trainer:1.4.2' }), true],
    [
      'an Enterprise Edition instance',
      record({ swr_path: 'team.swr.cn-north-4.myhuaweicloud.com/my-org/trainer:1.4.2' }),
      true
    ],
    ['a registry with a port', record({ swr_path: '127.0.0.1:5000/my-org/trainer:1.4.2' }), true],
    ['another tag', record({ swr_path: 'my-org/trainer:1.4.20' }), false],
    ['another name', record({ swr_path: `${image.registry}/my-org/trainer2:1.4.2` }), false],
    ['another namespace', record({ swr_path: `${image.registry}/org/trainer:1.4.2` }), false],
    ['a nested name', record({ swr_path: `${image.registry}/my-org/x/trainer:1.4.2` }), false],
    ['without a path, same namespace, name and tag', noPath(parts), true],
    ['without a path, another namespace', noPath({ ...parts, namespace: 'x' }), false],
    ['without a path, another name', noPath({ ...parts, name: 'x' }), false],
    ['without a path, another tag', noPath({ ...parts, tag: 'x' }), false],
    ['with nothing to compare', noPath({}), false]
  ])('%s → %s', (_, candidate, expected) => {
    expect(holdsTag(candidate, image)).toBe(expected)
  })

  it('reads a host-less path against the image: a namespace with a dot is no registry', () => {
    const dotted = {
      ...image,
      namespace: 'my.org',
      swrPath: `${image.registry}/my.org/trainer:1.4.2`
    }
    expect(holdsTag(record({ swr_path: 'my.org/trainer:1.4.2' }), dotted)).toBe(true)
    expect(holdsTag(record({ swr_path: 'my.org/trainer:1.4.3' }), dotted)).toBe(false)
  })
})

describe('identity: a record that does not say what it is', () => {
  it('a register or show answer with only id and status is not this image', () => {
    expect(judge({ id: 'img-1', status: 'ACTIVE' }, wanted)).toEqual({
      kind: 'not-this-image',
      why: 'image img-1 does not say which image it registers (no swr_path)'
    })
  })

  it('a wait on image_id alone asks for no path', () => {
    expect(judge({ id: 'img-1', status: 'ACTIVE' }, { workspaceId: '0' }).kind).toBe('same')
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
    [
      'no path, and parts of another image',
      { swr_path: undefined, namespace: 'x', name: 'trainer', tag: '1.4.2' },
      'image img-1 registers another path'
    ],
    [
      'no path and no parts',
      { swr_path: undefined },
      'image img-1 does not say which image it registers (no swr_path)'
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
    const nullArch = identityOf(record({ arch: null }), wanted)
    expect(nullArch.kind === 'ok' && nullArch.image.arch).toBeNull()
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

describe('a wait on image_id compares the attributes given, arch only when given', () => {
  const given = (attributes: Wanted['given']): Wanted => ({
    image,
    workspaceId: '0',
    given: attributes
  })
  it.each<[string, Partial<Image>, Wanted['given'], string[]]>([
    ['nothing given, any arch', { arch: 'AARCH64' }, {}, []],
    ['arch given, the same', { arch: 'AARCH64' }, { arch: 'AARCH64' }, []],
    [
      'arch and service_type given, both differ',
      { arch: 'X86_64', service_type: 'INFERENCE' },
      { arch: 'AARCH64', service_type: 'TRAIN' },
      ['arch is X86_64 (this run: AARCH64)', 'service_type is INFERENCE (this run: TRAIN)']
    ],
    [
      'a record without arch is the service default',
      {},
      { arch: 'AARCH64' },
      ['arch is X86_64 (this run: AARCH64)']
    ],
    [
      'visibility, resource_category, services, origin, flavor_type',
      {
        visibility: 'PUBLIC',
        resource_categories: ['CPU'],
        dev_services: ['SSH'],
        origin: 'IMAGE_SAVE',
        flavor_type: 'ASCEND_SNT3'
      },
      {
        visibility: 'PRIVATE',
        resource_category: ['GPU'],
        services: ['NOTEBOOK'],
        origin: 'CUSTOMIZE',
        flavor_type: 'ASCEND_SNT9'
      },
      [
        'visibility is PUBLIC (this run: PRIVATE)',
        'resource_category is CPU (this run: GPU)',
        'services is SSH (this run: NOTEBOOK)',
        'origin is IMAGE_SAVE (this run: CUSTOMIZE)',
        'flavor_type is ASCEND_SNT3 (this run: ASCEND_SNT9)'
      ]
    ],
    ['read_me and swr_instance_id are not compared', {}, { read_me: 'x', swr_instance_id: 'y' }, []]
  ])('%s', (_, fields, attributes, differences) => {
    const verdict = judge(record(fields), given(attributes))
    expect(verdict.kind === 'differs' ? verdict.differences : []).toEqual(differences)
    expect(verdict.kind).toBe(differences.length ? 'differs' : 'same')
  })

  it('a body, when there is one, is compared as a registration (arch defaults)', () => {
    const both: Wanted = { ...wanted, given: { arch: 'AARCH64' } }
    expect(judge(record({ arch: 'AARCH64' }), both).kind).toBe('differs')
  })
})

describe('inUseByAnotherRun: what replace must not delete', () => {
  const startedAt = 1_000_000_000
  it.each<[string, Partial<Image>, string | undefined]>([
    ['INIT', { status: 'INIT' }, 'it is still INIT: a concurrent run may be waiting on it'],
    [
      'CREATING',
      { status: 'CREATING' },
      'it is still CREATING: a concurrent run may be waiting on it'
    ],
    ['ACTIVE, old', { create_at: startedAt - 3_600_000 }, undefined],
    [
      'ACTIVE, no create_at: in doubt, kept',
      {},
      'it does not say when it was registered (no create_at): it may be a concurrent run’s'
    ],
    [
      'ACTIVE, a create_at that is no number',
      { create_at: 'now' as unknown as number },
      'it does not say when it was registered (no create_at): it may be a concurrent run’s'
    ],
    [
      'ACTIVE, a create_at that is a string of a recent time',
      { create_at: String(startedAt) as unknown as number },
      'it does not say when it was registered (no create_at): it may be a concurrent run’s'
    ],
    [
      'ACTIVE, a create_at that is not finite',
      { create_at: Number.NaN },
      'it does not say when it was registered (no create_at): it may be a concurrent run’s'
    ],
    [
      'CREATE_FAILED, old',
      { status: 'CREATE_FAILED', create_at: startedAt - 3_600_000 },
      undefined
    ],
    [
      'ACTIVE, made 30 s before the step (a clock 30 s behind)',
      { create_at: startedAt - 30_000 },
      'it was registered less than two minutes before this step started, or after: a concurrent run’s'
    ],
    [
      'ACTIVE, made exactly two minutes before',
      { create_at: startedAt - 120_000 },
      'it was registered less than two minutes before this step started, or after: a concurrent run’s'
    ],
    ['ACTIVE, made just over two minutes before', { create_at: startedAt - 120_001 }, undefined],
    [
      'ACTIVE, made after the step started',
      { create_at: startedAt + 5000 },
      'it was registered less than two minutes before this step started, or after: a concurrent run’s'
    ]
  ])('%s → %s', (_, fields, expected) => {
    expect(inUseByAnotherRun(record(fields), startedAt)).toBe(expected)
  })
})
