/**
 * Unit tests of the single-input parsers (src/config/value-parsers.ts), one row a case, asserting
 * the exact values and refusals. `npm run mutate` runs them against every mutant of the file.
 */
import { describe, expect, it } from '@jest/globals'
import { casesByValue } from '../helpers/cases.js'
import { problemsOf } from '../helpers/problems.js'
import {
  maxLength,
  parseArch,
  parseImageId,
  parseKeepLast,
  parseKeepTags,
  parseProjectId,
  parseSwrInstanceId,
  parseWorkspaceId
} from '../../src/config/value-parsers.js'

/** How an error quotes a value: in quotes, its first 200 characters and an ellipsis when longer. */
const quoted = (value: string): string =>
  `"${value.length > 200 ? `${value.slice(0, 200)}…` : value}"`

describe('maxLength', () => {
  it.each<[string, string, number, string | undefined]>([
    ['empty', '', 3, undefined],
    ['exactly the limit', 'abc', 3, undefined],
    ['characters, not UTF-16 units: four emoji are four', '😀😀😀😀', 4, undefined],
    ['accents count once', 'éèê', 3, undefined],
    ['one over', 'abcd', 3, 'description: at most 3 characters, got 4'],
    ['emoji counted as characters', '😀😀', 1, 'description: at most 1 characters, got 2']
  ])('%s: %j, at most %d → %j', (_, value, max, problem) => {
    const read = () => maxLength('description', value, max)
    if (problem === undefined) expect(read()).toBe(value)
    else expect(problemsOf(read)).toEqual([problem])
  })
})

const ARCH_ACCEPTS =
  'arch: X86_64 or AARCH64; also accepted, in any case: amd64, linux/amd64, arm64, linux/arm64; got'

describe('parseArch', () => {
  // Each architecture and every spelling read as it, in any case.
  it.each<[string, string | undefined]>([
    ['', undefined],
    ...casesByValue({
      X86_64: ['X86_64', 'x86_64', 'amd64', 'AMD64', 'linux/amd64', 'Linux/AMD64'],
      AARCH64: ['AARCH64', 'aarch64', 'arm64', 'linux/arm64', 'LINUX/ARM64']
    })
  ])('%j → %j', (value, arch) => {
    expect(parseArch(value)).toBe(arch)
  })

  it.each([
    ['x86', `${ARCH_ACCEPTS} "x86"`],
    ['linux/arm/v7', `${ARCH_ACCEPTS} "linux/arm/v7"`],
    ['toString', `${ARCH_ACCEPTS} "toString"`],
    ['a'.repeat(250), `${ARCH_ACCEPTS} ${quoted('a'.repeat(250))}`]
  ])('refuses %j', (value, problem) => {
    expect(problemsOf(() => parseArch(value))).toEqual([problem])
  })

  it('quotes exactly 200 characters without an ellipsis', () => {
    const value = 'b'.repeat(200)
    expect(problemsOf(() => parseArch(value))).toEqual([`${ARCH_ACCEPTS} "${value}"`])
  })

  it('quotes 201 characters as 200 and an ellipsis', () => {
    expect(problemsOf(() => parseArch('c'.repeat(201)))).toEqual([
      `${ARCH_ACCEPTS} "${'c'.repeat(200)}…"`
    ])
  })
})

const WORKSPACE = '0123456789abcdefghijklmnopqrstuv'

describe('parseWorkspaceId', () => {
  it.each([
    ['', undefined],
    ['0', '0'],
    [WORKSPACE, WORKSPACE]
  ])('%j → %j', (value, id) => {
    expect(parseWorkspaceId(value)).toBe(id)
  })

  it.each([
    ['00'],
    ['1'],
    [`${WORKSPACE}w`],
    [WORKSPACE.slice(1)],
    [WORKSPACE.toUpperCase()],
    [`x${WORKSPACE}`],
    [`${WORKSPACE.slice(0, 31)}-`],
    [`0${WORKSPACE.slice(1)}\n`],
    [`0\n${WORKSPACE}`]
  ])('refuses %j', value => {
    expect(problemsOf(() => parseWorkspaceId(value))).toEqual([
      `workspace_id: "0" or 32 characters of 0-9 and a-z, got ${quoted(value)}`
    ])
  })
})

describe('parseSwrInstanceId and parseImageId: ids of 1 to 128 characters', () => {
  const INSTANCE =
    'swr_instance_id: the SWR Enterprise Edition instance id, 1 to 128 printable characters without spaces, got'
  const IMAGE = 'image_id: a ModelArts image id, 1 to 128 of A-Z a-z 0-9 _ -, got'
  /** The id a parser reads, or the problem it reports. */
  const read = (parse: (value: string) => string | undefined, value: string) => {
    try {
      return parse(value)
    } catch {
      return problemsOf(() => parse(value))[0]
    }
  }

  it('an empty one is not given', () => {
    expect([parseSwrInstanceId(''), parseImageId('')]).toEqual([undefined, undefined])
  })

  // value, and whether swr_instance_id and image_id accept it
  it.each<[string, boolean, boolean]>([
    ['a', true, true],
    ['Az09_-', true, true],
    ['0c1d2e3f-aaaa-bbbb-cccc-111122223333', true, true],
    ['x'.repeat(128), true, true],
    ['9'.repeat(128), true, true],
    ['x'.repeat(129), false, false],
    ['9'.repeat(129), false, false],
    ['!~', true, false],
    ['inst-123_ABC.xyz', true, false],
    ['a.b', true, false],
    ['a/b', true, false],
    ['-x!', true, false],
    ['a b', false, false],
    ['a\tb', false, false],
    ['é', false, false],
    ['\x7f', false, false],
    [' a', false, false],
    ['a\n', false, false],
    ['\na', false, false]
  ])('%j: swr_instance_id %s, image_id %s', (value, instance, image) => {
    expect([read(parseSwrInstanceId, value), read(parseImageId, value)]).toEqual([
      instance ? value : `${INSTANCE} ${quoted(value)}`,
      image ? value : `${IMAGE} ${quoted(value)}`
    ])
  })
})

describe('parseKeepLast', () => {
  it.each([
    ['', undefined],
    ['1', 1],
    ['5', 5],
    ['1000', 1000]
  ])('%j → %j', (value, count) => {
    expect(parseKeepLast(value)).toBe(count)
  })

  it.each([['0'], ['1001'], ['-1'], ['1.5'], ['x']])('refuses %j', value => {
    expect(problemsOf(() => parseKeepLast(value))).toEqual([
      expect.stringMatching(/^keep_last: /) as unknown as string
    ])
  })
})

describe('parseKeepTags', () => {
  it('gives undefined for an empty value', () => {
    expect(parseKeepTags('')).toBeUndefined()
  })

  it('gives the expression as written (compiled later by compileKeepTags)', () => {
    expect(parseKeepTags('^v\\d+$')).toBe('^v\\d+$')
  })

  it('refuses a construct RE2 does not have, naming the input', () => {
    expect(problemsOf(() => parseKeepTags('(?=x)')).join('\n')).toMatch(/^keep_tags: /)
  })
})

describe('parseProjectId', () => {
  const ID = '0123456789abcdefABCDEF'
  it.each([
    ['nothing anywhere', '', {}, undefined],
    ['the input', ID, {}, ID],
    [
      'the input before both variables',
      ID,
      { HUAWEI_CLOUD_PROJECT_ID: 'p1', HUAWEICLOUD_SDK_PROJECT_ID: 'p2' },
      ID
    ],
    [
      'HUAWEI_CLOUD_PROJECT_ID before the SDK one',
      '',
      { HUAWEI_CLOUD_PROJECT_ID: 'p1', HUAWEICLOUD_SDK_PROJECT_ID: 'p2' },
      'p1'
    ],
    ['HUAWEI_CLOUD_PROJECT_ID, trimmed', '', { HUAWEI_CLOUD_PROJECT_ID: '  p1\n' }, 'p1'],
    [
      'HUAWEICLOUD_SDK_PROJECT_ID when the other is blank',
      '',
      { HUAWEI_CLOUD_PROJECT_ID: '  ', HUAWEICLOUD_SDK_PROJECT_ID: ' p2 ' },
      'p2'
    ],
    ['64 letters and digits', 'a'.repeat(64), {}, 'a'.repeat(64)],
    ['one character', 'Z', {}, 'Z']
  ])('%s', (_, input, env: Record<string, string>, expected) => {
    expect(parseProjectId(input, env)).toBe(expected)
  })

  it.each([
    ['a dash in the input', 'ab-c', {}, 'project_id: letters and digits only, got "ab-c"'],
    [
      '65 characters',
      'a'.repeat(65),
      {},
      `project_id: letters and digits only, got ${quoted('a'.repeat(65))}`
    ],
    ['a line break', 'ab\n', {}, 'project_id: letters and digits only, got "ab\n"'],
    ['a line break first', '\nab', {}, 'project_id: letters and digits only, got "\nab"'],
    [
      'HUAWEI_CLOUD_PROJECT_ID, named',
      '',
      { HUAWEI_CLOUD_PROJECT_ID: 'a_b' },
      'project_id (from HUAWEI_CLOUD_PROJECT_ID): letters and digits only, got "a_b"'
    ],
    [
      'HUAWEICLOUD_SDK_PROJECT_ID, named',
      '',
      { HUAWEICLOUD_SDK_PROJECT_ID: 'a.b' },
      'project_id (from HUAWEICLOUD_SDK_PROJECT_ID): letters and digits only, got "a.b"'
    ]
  ])('refuses %s', (_, input, env: Record<string, string>, problem) => {
    expect(problemsOf(() => parseProjectId(input, env))).toEqual([problem])
  })
})
