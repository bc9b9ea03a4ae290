/** The one "same image" rule (src/decide/same-image.ts) the verdict and keep_last's plan share. */
import { describe, expect, it } from '@jest/globals'
import type { Image } from '../../src/model/image.js'
import { type ImageOf, saysWhatItIs, whyNotThisImage } from '../../src/decide/same-image.js'

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

const at = (swr_path: string) => record({ swr_path })
const HOSTLESS = at('my-org/trainer:1.4.2')
const dotted: ImageOf = { ...tagged, namespace: 'my.org' }

describe('whyNotThisImage: this repository, registry (and tag), workspace, DEDICATED', () => {
  it.each<[string, Image, ImageOf, boolean]>([
    ['the same path', record(), tagged, true],
    ['the same path, any tag asked', at(`${SHARED}/my-org/trainer:9`), anyTag, true],
    ['host-less (ma-cli), the image in the shared SWR', HOSTLESS, tagged, true],
    ['host-less, the image in an Enterprise Edition instance', HOSTLESS, enterprise, false],
    [
      'host-less, a registry not known to be shared',
      HOSTLESS,
      { ...tagged, sharedSwr: undefined },
      false
    ],
    [
      'an Enterprise Edition image, its own path',
      at(`${EE}/my-org/trainer:1.4.2`),
      enterprise,
      true
    ],
    [
      'the registry in another case',
      at(`${SHARED.toUpperCase()}/my-org/trainer:1.4.2`),
      tagged,
      true
    ],
    [
      'the registry asked for in another case',
      record(),
      { ...tagged, registry: SHARED.toUpperCase() },
      true
    ],
    ['another registry', at(PATH.replace('cn-north-4', 'cn-east-3')), tagged, false],
    ['another tag', at(`${PATH}x`), tagged, false],
    ['another namespace, host-less', at('other/trainer:1.4.2'), tagged, false],
    ['another name, host-less', at('my-org/other:1.4.2'), tagged, false],
    ['another name with the same prefix', at(`${SHARED}/my-org/trainer-dev:1`), anyTag, false],
    ['a longer repository', at(`${SHARED}/my-org/trainer/x:1`), anyTag, false],
    ['a digest path', at(`${SHARED}/my-org/trainer@sha256:ab`), anyTag, false],
    ['a path without a tag', at(`${SHARED}/my-org/trainer`), anyTag, false],
    ['a path that is not text', at(7 as unknown as string), anyTag, false],
    ['namespace, name and tag fields that agree', record(parts), tagged, true],
    ['a namespace field that differs', record({ namespace: 'x' }), anyTag, false],
    ['a name field that differs', record({ name: 'x' }), anyTag, false],
    ['a tag field that differs from the tag asked', record({ tag: 'x' }), tagged, false],
    ["a tag field that is its path's, any tag asked", record({ tag: '1.4.2' }), anyTag, true],
    ["a tag field that is not its path's, any tag asked", record({ tag: 'x' }), anyTag, false],
    ['no path, the same parts (host-less)', noPath(parts), tagged, true],
    ['no path, the image in an Enterprise Edition instance', noPath(parts), enterprise, true],
    ['no path, another namespace', noPath({ ...parts, namespace: 'x' }), tagged, false],
    ['no path, another name', noPath({ ...parts, name: 'x' }), tagged, false],
    ['no path, another tag', noPath({ ...parts, tag: 'x' }), tagged, false],
    [
      'no path, a tag that is not text',
      noPath({ ...parts, tag: 1 as unknown as string }),
      anyTag,
      false
    ],
    ['host-less, a namespace with a dot, shared SWR', at('my.org/trainer:1.4.2'), dotted, true],
    [
      'host-less, a namespace with a dot, Enterprise Edition',
      at('my.org/trainer:1.4.2'),
      { ...dotted, registry: EE, sharedSwr: false },
      false
    ],
    ['a namespace with a dot, its own path', at(`${SHARED}/my.org/trainer:1.4.2`), dotted, true],
    ['a path that names the registry twice', at(`${SHARED}/${PATH}`), tagged, false],
    ['a tag with a slash', at(`${PATH}/x`), anyTag, false],
    [
      'no path, a namespace that is not text',
      noPath({ ...parts, namespace: 7 as unknown as string }),
      anyTag,
      false
    ],
    ['in this workspace', record({ workspace_id: '0' }), tagged, true],
    ['dedicated in any case', record({ type: 'dedicated' }), tagged, true]
  ])('%s → %s', (_, candidate, image, same) => {
    expect(whyNotThisImage(candidate, image, '0') === undefined).toBe(same)
  })

  it.each<[Image, string]>([
    [
      noPath({ namespace: 'my-org', name: 'trainer' }),
      'does not say which image it registers (no swr_path)'
    ],
    [at('my-org/trainer:1.4.3'), 'registers my-org/trainer:1.4.3'],
    [noPath({ ...parts, tag: 'x' }), 'registers another path'],
    [record({ workspace_id: 'a'.repeat(32) }), `is in workspace ${'a'.repeat(32)}`],
    [
      record({ type: 'BUILD_IN' }),
      "is not a registration of this account's (type is not DEDICATED)"
    ]
  ])('%j: %s', (candidate, why) => {
    expect(whyNotThisImage(candidate, tagged, '0')).toBe(why)
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
