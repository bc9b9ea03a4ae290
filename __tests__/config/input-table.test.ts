/**
 * The one table of inputs: action.yml declares exactly its inputs, every entry reaches Config, and
 * the RegisterImage body's pass-through fields are exactly ImageAttributes. Each check is also run
 * on a deliberately broken copy, to show it catches the mistake it is for.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { load } from 'js-yaml'
import { InputError } from '../../src/base/errors.js'
import {
  ATTRIBUTE_FIELDS,
  INPUT_TABLE,
  type InputEntry,
  tableProblems
} from '../../src/config/input-table.js'
import { INPUT_NAMES } from '../../src/config/input-names.js'
import type { Config, ImageAttributes } from '../../src/config/config.js'
import { parseConfig } from '../../src/config/inputs.js'
import type { RegisterImageBody } from '../../src/model/image.js'

const action = load(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }
const ACTION_INPUTS = Object.keys(action.inputs)

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0'
const BASE: Record<string, string> = {
  swr_path: PATH,
  access_key_id: 'HPUAEXAMPLEAK0000001',
  secret_access_key: 'exampleSecretKey0000000000000000000000ab'
}
/** Inputs that only make sense with others: given along with the entry's example. */
const COMPANIONS: Record<string, Record<string, string>> = {
  security_token: {},
  auth_token: { access_key_id: '', secret_access_key: '' },
  identity_provider: { access_key_id: '', secret_access_key: '' },
  audience: { access_key_id: '', secret_access_key: '', identity_provider: 'github-oidc' },
  // Each URN with the other, over a baseline that has both (another agency, another provider).
  agency_urn: {
    access_key_id: '',
    secret_access_key: '',
    agency_urn: 'iam::a1:agency:other',
    provider_urn: 'iam::a1:oidcProvider:other'
  },
  provider_urn: {
    access_key_id: '',
    secret_access_key: '',
    agency_urn: 'iam::a1:agency:other',
    provider_urn: 'iam::a1:oidcProvider:other'
  }
}

/** Credentials in the environment too, used when the inputs give none (auth_token's baseline). */
const ENV = {
  HUAWEI_CLOUD_ACCESS_KEY_ID: 'HPUAEXAMPLEAK0000009',
  HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'envSecretKey000000000000000000000000000'
}

function configOf(inputs: Record<string, string>, table?: readonly InputEntry[]): Config {
  return parseConfig({ input: name => inputs[name] ?? '', env: ENV, mask: () => undefined }, table)
}

/** Config as plain data, so that two can be compared (a RegExp by its source). */
function plain(config: Config): string {
  return JSON.stringify(config, (_key, value: unknown) =>
    value instanceof RegExp ? `/${value.source}/` : value
  )
}

/**
 * The entries whose example value leaves Config as it was without it: their value never reaches
 * Config. For the companions' entries, the baseline has the companions too.
 */
function entriesNotReachingConfig(table: readonly InputEntry[]): string[] {
  return table
    .filter(entry => {
      const companions = COMPANIONS[entry.name] ?? {}
      const without = plain(configOf({ ...BASE, ...companions }, table))
      const withIt = plain(configOf({ ...BASE, ...companions, [entry.name]: entry.example }, table))
      return without === withIt
    })
    .map(entry => entry.name)
}

describe('the input table', () => {
  it('holds exactly the inputs of action.yml, in its order', () => {
    expect(tableProblems(INPUT_TABLE, ACTION_INPUTS)).toEqual([])
    expect(INPUT_NAMES).toEqual(ACTION_INPUTS)
  })

  it('the check fails when an input is missing from the table, or from action.yml', () => {
    const missing = INPUT_TABLE.filter(entry => entry.name !== 'keep_tags')
    expect(tableProblems(missing, ACTION_INPUTS)).toEqual([
      'keep_tags: in action.yml, not in the table'
    ])
    const extra = [...INPUT_TABLE, { ...(INPUT_TABLE[0] as InputEntry), name: 'extra' }]
    expect(tableProblems(extra, ACTION_INPUTS)).toEqual(['extra: in the table, not in action.yml'])
    const swapped = [...INPUT_TABLE].reverse()
    expect(tableProblems(swapped, ACTION_INPUTS)).toEqual([
      'the table and action.yml list the inputs in different orders'
    ])
  })

  it('every example is valid and not the default', () => {
    for (const entry of INPUT_TABLE) {
      expect([entry.name, entry.example]).not.toEqual([entry.name, entry.default])
      const companions = COMPANIONS[entry.name] ?? {}
      expect(() => configOf({ ...BASE, ...companions, [entry.name]: entry.example })).not.toThrow()
    }
  })

  it('every entry reaches Config', () => {
    expect(entriesNotReachingConfig(INPUT_TABLE)).toEqual([])
  })

  it('the check fails when an entry never reaches Config', () => {
    const broken = INPUT_TABLE.map(entry =>
      entry.name === 'read_me' ? { ...entry, parse: () => undefined } : entry
    )
    expect(entriesNotReachingConfig(broken)).toEqual(['read_me'])
  })

  it('the attribute entries are exactly the keys of ImageAttributes, each sent under its own name', () => {
    const fields = INPUT_TABLE.flatMap(entry =>
      entry.target.kind === 'attribute' ? [entry.target.field] : []
    )
    expect([...fields].sort()).toEqual(Object.keys(ATTRIBUTE_FIELDS).sort())
    // Each attribute input lands in the body under its own name (the API's).
    for (const field of fields) {
      const entry = INPUT_TABLE.find(e => e.name === field)
      expect(entry?.target).toEqual({ kind: 'attribute', field })
      const config = configOf({ ...BASE, [field]: entry?.example ?? '' })
      expect(Object.keys(config.attributes)).toEqual([field])
    }
  })

  it('tsc refuses an attribute list that misses a field of ImageAttributes, or adds one', () => {
    // These lines compile only because tsc reports the error each expects.
    // @ts-expect-error read_me is missing
    const missing: { [K in keyof Required<ImageAttributes>]: true } = {
      arch: true,
      origin: true,
      resource_category: true,
      service_type: true,
      services: true,
      visibility: true,
      flavor_type: true,
      swr_instance_id: true
    }
    const extra: { [K in keyof Required<ImageAttributes>]: true } = {
      ...ATTRIBUTE_FIELDS,
      // @ts-expect-error description is not a pass-through field
      description: true
    }
    // The RegisterImage body takes every attribute field as it is.
    const attributes: Required<ImageAttributes> = {
      arch: 'X86_64',
      origin: 'CUSTOMIZE',
      resource_category: ['CPU'],
      service_type: 'TRAIN',
      services: ['SSH'],
      visibility: 'PRIVATE',
      flavor_type: 'ASCEND_SNT9',
      read_me: 'guide',
      swr_instance_id: 'instance'
    }
    const body: RegisterImageBody = { swr_path: PATH, ...attributes }
    expect(Object.keys(body).sort()).toEqual(['swr_path', ...Object.keys(ATTRIBUTE_FIELDS)].sort())
    expect(Object.keys(missing)).not.toContain('read_me')
    expect(Object.keys(extra)).toContain('description')
  })

  it('parseConfig reports the table’s parsers’ problems, each naming its input', () => {
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
})

describe('the table holds the only defaults', () => {
  /** The table with one entry changed. */
  const changed = (name: string, change: Partial<InputEntry>): InputEntry[] =>
    INPUT_TABLE.map(entry => (entry.name === name ? { ...entry, ...change } : entry))

  const DEFAULTED = INPUT_TABLE.filter(entry => entry.default !== '').map(entry => entry.name)

  it('the inputs with a default are these', () => {
    expect(DEFAULTED).toEqual([
      'check_image',
      'dry_run',
      'if_exists',
      'wait',
      'timeout',
      'poll_interval'
    ])
  })

  it.each(DEFAULTED)('%s not given means the table’s default, whatever it is', name => {
    const entry = INPUT_TABLE.find(e => e.name === name) as InputEntry
    const given = plain(configOf({ ...BASE, [name]: entry.example }))
    expect(plain(configOf(BASE, changed(name, { default: entry.example })))).toBe(given)
  })

  it.each([
    ['check_image', 'check_image: true or false, got ""'],
    ['dry_run', 'dry_run: true or false, got ""'],
    ['if_exists', 'if_exists: one of reuse, fail, replace, got ""'],
    ['wait', 'wait: true or false, got ""']
  ])(
    '%s without a default in the table has none elsewhere: the empty value is refused',
    (name, problem) => {
      expect(() => configOf(BASE, changed(name, { default: '' }))).toThrow(
        new InputError([problem])
      )
    }
  )

  it.each([
    ['timeout', 'timeoutMs'],
    ['wait', 'wait'],
    ['endpoint', 'endpoint']
  ])(
    'a parser that gives %s no value is a bug of the table, not an input’s problem',
    (name, field) => {
      const error = (() => {
        try {
          configOf(BASE, changed(name, { parse: () => undefined }))
        } catch (thrown) {
          return thrown
        }
        return undefined
      })()
      expect(error).not.toBeInstanceOf(InputError)
      expect(error).toEqual(
        new Error(`the input table gave no value for ${field} (a default is missing)`)
      )
    }
  )

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
