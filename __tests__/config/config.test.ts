/**
 * The reader of inputs (parseConfig, config.ts's one line per input): problems named by input, the
 * pass-through attributes sent under their own names, the inputs added this round.
 */
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/base/errors.js'
import type { Config } from '../../src/config/config.js'
import { parseConfig } from '../../src/config/inputs.js'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0'
const BASE: Record<string, string> = {
  swr_path: PATH,
  access_key_id: 'HPUAEXAMPLEAK0000001',
  secret_access_key: 'exampleSecretKey0000000000000000000000ab'
}

function configOf(inputs: Record<string, string>): Config {
  return parseConfig({ input: name => inputs[name] ?? '', env: {}, mask: () => undefined })
}

/** A valid value of each pass-through input, and what the RegisterImage body gets. */
const ATTRIBUTES: [string, string, unknown][] = [
  ['arch', 'arm64', 'AARCH64'],
  ['origin', 'image_save', 'IMAGE_SAVE'],
  ['resource_category', 'CPU, ASCEND', ['CPU', 'ASCEND']],
  ['service_type', 'train', 'TRAIN'],
  ['services', 'notebook\nweb_ide', ['NOTEBOOK', 'WEB_IDE']],
  ['visibility', 'public', 'PUBLIC'],
  ['flavor_type', 'ascend_snt9b', 'ASCEND_SNT9B'],
  ['read_me', '## Release 2.0', '## Release 2.0'],
  ['swr_instance_id', 'a1b2c3d4-instance', 'a1b2c3d4-instance']
]

describe('the reader', () => {
  it.each(ATTRIBUTES)('%s %j is sent under its own name, alone', (name, value, sent) => {
    expect(configOf({ ...BASE, [name]: value }).attributes).toStrictEqual({ [name]: sent })
  })

  it('sends no attribute that is not given', () => {
    expect(configOf(BASE).attributes).toStrictEqual({})
  })

  it('reports every input’s problem, each naming its input', () => {
    let problems: readonly string[] = []
    try {
      configOf({
        ...BASE,
        keep_last: '0',
        keep_tags: '(?=x)',
        swr_instance_id: 'a b',
        image_id: 'not/an/id',
        services: 'jupyter'
      })
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems = error.problems
    }
    expect(problems.map(p => p.split(':')[0])).toEqual([
      'services',
      'swr_instance_id',
      'image_id',
      'keep_last',
      'keep_tags'
    ])
  })

  it('reports the problems in action.yml’s order, attributes and other inputs alike', () => {
    let problems: readonly string[] = []
    try {
      configOf({ ...BASE, arch: 'sparc', description: 'x'.repeat(513), origin: 'mine' })
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems = error.problems
    }
    expect(problems.map(p => p.split(':')[0])).toEqual(['arch', 'description', 'origin'])
  })

  it('an input not given leaves its field there, undefined', () => {
    const config = configOf(BASE)
    expect(Object.keys(config)).toEqual(
      expect.arrayContaining(['description', 'workspaceInput', 'projectId'])
    )
    expect([config.description, config.workspaceInput, config.projectId]).toEqual([
      undefined,
      undefined,
      undefined
    ])
  })
})

describe('the new inputs', () => {
  it('read_me is sent as given, inner lines and their indentation kept', () => {
    const readMe = '## How to use\n\n    docker run it\n  - second line  '
    expect(configOf({ ...BASE, read_me: readMe }).attributes.read_me).toBe(readMe.trim())
    expect(configOf({ ...BASE, read_me: 'é'.repeat(3000) }).attributes.read_me).toHaveLength(3000)
  })

  it('swr_instance_id, image_id, keep_last and keep_tags', () => {
    const config = configOf({
      ...BASE,
      swr_instance_id: 'inst-1',
      image_id: 'abc_DEF-123',
      keep_last: '1000',
      keep_tags: '^v\\d+\\.\\d+\\.\\d+$'
    })
    expect(config.attributes.swr_instance_id).toBe('inst-1')
    expect(config.imageId).toBe('abc_DEF-123')
    expect(config.keepLast).toBe(1000)
    expect(config.keepTags).toBe('^v\\d+\\.\\d+\\.\\d+$')
    const none = configOf(BASE)
    expect([none.imageId, none.keepLast, none.keepTags]).toEqual([undefined, undefined, undefined])
  })

  it.each(['0', '1001', '1.5', '-1', 'five', '1e3'])('keep_last %s is refused', value => {
    expect(() => configOf({ ...BASE, keep_last: value })).toThrow(
      /^keep_last: a whole number from 1 to 1000/
    )
  })

  it('services takes the current API’s values too', () => {
    expect(
      configOf({ ...BASE, services: 'notebook, ssh, web_ide, tensor_board, ai_flow, ma_studio' })
        .attributes.services
    ).toEqual(['NOTEBOOK', 'SSH', 'WEB_IDE', 'TENSOR_BOARD', 'AI_FLOW', 'MA_STUDIO'])
  })
})
