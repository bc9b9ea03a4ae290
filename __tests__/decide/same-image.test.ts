/** The one "same image" rule (src/decide/same-image.ts) the verdict and keep_last's plan share. */
import { describe, expect, it } from '@jest/globals'
import type { Image } from '../../src/model/image.js'
import {
  type ImageOf,
  saysWhatItIs,
  whereFrom,
  whyNotThisImage
} from '../../src/decide/same-image.js'

const SHARED = 'swr.cn-north-4.myhuaweicloud.com'
const EE = 'team-registry.swr.cn-north-4.myhuaweicloud.com'
const PATH = `${SHARED}/my-org/trainer:1.4.2`
const tagged: ImageOf = {
  registry: SHARED,
  namespace: 'my-org',
  name: 'trainer',
  tag: '1.4.2',
  sharedSwr: true
}
const anyTag: ImageOf = { registry: SHARED, namespace: 'my-org', name: 'trainer', sharedSwr: true }
const enterprise: ImageOf = { ...tagged, registry: EE, sharedSwr: false }
const record = (fields: Partial<Image> = {}): Image => ({
  id: 'img-1',
  status: 'ACTIVE',
  swr_path: PATH,
  ...fields
})
const noPath = (fields: Partial<Image>) => record({ swr_path: undefined, ...fields })
const parts = { namespace: 'my-org', name: 'trainer', tag: '1.4.2' }
const OTHER_PATH = 'registers another path'

describe('whyNotThisImage: a registration of this repository, registry (and tag), workspace, DEDICATED', () => {
  it.each<[string, Image, ImageOf, string | undefined]>([
    ['the same path', record(), tagged, undefined],
    [
      'the same path, any tag asked',
      record({ swr_path: `${SHARED}/my-org/trainer:9` }),
      anyTag,
      undefined
    ],
    [
      'host-less (ma-cli), the image in the shared SWR',
      record({ swr_path: 'my-org/trainer:1.4.2' }),
      tagged,
      undefined
    ],
    [
      'host-less, the image in an Enterprise Edition instance',
      record({ swr_path: 'my-org/trainer:1.4.2' }),
      enterprise,
      'registers my-org/trainer:1.4.2'
    ],
    [
      'host-less, the registry not known to be the shared SWR',
      record({ swr_path: 'my-org/trainer:1.4.2' }),
      { ...tagged, sharedSwr: undefined },
      'registers my-org/trainer:1.4.2'
    ],
    [
      'an Enterprise Edition image, its own path',
      record({ swr_path: `${EE}/my-org/trainer:1.4.2` }),
      enterprise,
      undefined
    ],
    [
      'the registry in another case',
      record({ swr_path: `${SHARED.toUpperCase()}/my-org/trainer:1.4.2` }),
      tagged,
      undefined
    ],
    [
      'the image asked for with its registry in another case',
      record(),
      { ...tagged, registry: SHARED.toUpperCase() },
      undefined
    ],
    [
      'another registry',
      record({ swr_path: `swr.cn-east-3.myhuaweicloud.com/my-org/trainer:1.4.2` }),
      tagged,
      'registers swr.cn-east-3.myhuaweicloud.com/my-org/trainer:1.4.2'
    ],
    ['another tag', record({ swr_path: `${PATH}x` }), tagged, `registers ${PATH}x`],
    [
      'another namespace, host-less',
      record({ swr_path: 'other/trainer:1.4.2' }),
      tagged,
      'registers other/trainer:1.4.2'
    ],
    [
      'another name, host-less',
      record({ swr_path: 'my-org/other:1.4.2' }),
      tagged,
      'registers my-org/other:1.4.2'
    ],
    [
      'another name with the same prefix',
      record({ swr_path: `${SHARED}/my-org/trainer-dev:1.4.2` }),
      anyTag,
      `registers ${SHARED}/my-org/trainer-dev:1.4.2`
    ],
    [
      'a longer repository',
      record({ swr_path: `${SHARED}/my-org/trainer/x:1.4.2` }),
      anyTag,
      `registers ${SHARED}/my-org/trainer/x:1.4.2`
    ],
    [
      'a digest path',
      record({ swr_path: `${SHARED}/my-org/trainer@sha256:ab` }),
      anyTag,
      `registers ${SHARED}/my-org/trainer@sha256:ab`
    ],
    [
      'a path without a tag',
      record({ swr_path: `${SHARED}/my-org/trainer` }),
      anyTag,
      `registers ${SHARED}/my-org/trainer`
    ],
    [
      'a path that is not text',
      record({ swr_path: 7 as unknown as string }),
      anyTag,
      'registers 7'
    ],
    ['namespace, name and tag fields that agree', record(parts), tagged, undefined],
    ['a namespace field that differs', record({ namespace: 'x' }), anyTag, `registers ${PATH}`],
    ['a name field that differs', record({ name: 'x' }), anyTag, `registers ${PATH}`],
    [
      'a tag field that differs from the tag asked',
      record({ tag: 'x' }),
      tagged,
      `registers ${PATH}`
    ],
    ['a tag field, any tag asked', record({ tag: 'x' }), anyTag, undefined],
    ['no path, the same namespace, name and tag (host-less)', noPath(parts), tagged, undefined],
    ['no path, the image in an Enterprise Edition instance', noPath(parts), enterprise, OTHER_PATH],
    ['no path, another namespace', noPath({ ...parts, namespace: 'x' }), tagged, OTHER_PATH],
    ['no path, another name', noPath({ ...parts, name: 'x' }), tagged, OTHER_PATH],
    ['no path, another tag', noPath({ ...parts, tag: 'x' }), tagged, OTHER_PATH],
    [
      'no path, a tag that is not text',
      noPath({ ...parts, tag: 1 as unknown as string }),
      anyTag,
      OTHER_PATH
    ],
    [
      'no path or tag',
      noPath({ namespace: 'my-org', name: 'trainer' }),
      anyTag,
      'does not say which image it registers (no swr_path)'
    ],
    [
      'in another workspace',
      record({ workspace_id: 'a'.repeat(32) }),
      tagged,
      `is in workspace ${'a'.repeat(32)}`
    ],
    ['in this workspace', record({ workspace_id: '0' }), tagged, undefined],
    [
      'a preset image',
      record({ type: 'BUILD_IN' }),
      tagged,
      "is not a registration of this account's (type is not DEDICATED)"
    ],
    ['dedicated in any case', record({ type: 'dedicated' }), tagged, undefined]
  ])('%s → %j', (_, candidate, image, why) => {
    expect(whyNotThisImage(candidate, image, '0')).toBe(why)
  })
})

describe('whereFrom: the registry (none: host-less), repository and tag a record names', () => {
  it.each<[Partial<Image>, ReturnType<typeof whereFrom>]>([
    [{}, { registry: SHARED, repository: 'my-org/trainer', tag: '1.4.2' }],
    [{ swr_path: 'my-org/a/b:1' }, { repository: 'my-org/a/b', tag: '1' }],
    [{ swr_path: 'localhost/org/t:1' }, { registry: 'localhost', repository: 'org/t', tag: '1' }],
    [{ swr_path: 'org/t:' }, undefined],
    [{ swr_path: 'trainer' }, undefined],
    [
      { swr_path: undefined, ...parts },
      { repository: 'my-org/trainer', tag: '1.4.2' }
    ],
    [{ swr_path: undefined, namespace: 'my-org', tag: '1' }, undefined],
    [{ swr_path: undefined, name: 'trainer', tag: '1' }, undefined]
  ])('%j → %j', (fields, where) => {
    expect(whereFrom(record(fields))).toEqual(where)
  })
})

describe('saysWhatItIs: a record that names neither its path nor all its parts is not taken on its word', () => {
  const bare = { id: 'img-1', status: 'ACTIVE' }
  it.each<[string, Image, boolean]>([
    ['a path', { ...bare, swr_path: PATH }, true],
    ['namespace, name and tag', { ...bare, namespace: 'a', name: 'b', tag: 'c' }, true],
    ['only id and status', bare, false],
    ['no namespace', { ...bare, name: 'b', tag: 'c' }, false],
    ['no name', { ...bare, namespace: 'a', tag: 'c' }, false],
    ['no tag', { ...bare, namespace: 'a', name: 'b' }, false]
  ])('%s → %s', (_, candidate, expected) => {
    expect(saysWhatItIs(candidate)).toBe(expected)
  })
})
