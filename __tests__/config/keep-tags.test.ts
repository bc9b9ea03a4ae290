/**
 * keep_tags in RE2 syntax and keep_last's companions: what RE2 cannot compile (back-references,
 * look-around) is refused naming the construct, before any request; the compiled matcher is
 * linear-time (re2js), so no tag can make it hang; keep_last with wait: false is refused.
 */
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/base/errors.js'
import { parseConfig } from '../../src/config/inputs.js'
import { compileKeepTags, parseKeepTags, unsupportedByRe2 } from '../../src/config/value-parsers.js'
import { problemsOf } from '../helpers/problems.js'

const BASE: Record<string, string> = {
  swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0',
  access_key_id: 'HPUAEXAMPLEAK0000001',
  secret_access_key: 'exampleSecretKey0000000000000000000000ab'
}
const configOf = (inputs: Record<string, string>) =>
  parseConfig({ input: name => inputs[name] ?? '', env: {}, mask: () => undefined })

describe('unsupportedByRe2: the constructs RE2 syntax has not', () => {
  it.each<[string, string | undefined]>([
    ['^v\\d+\\.\\d+\\.\\d+$', undefined],
    ['(a)\\1', 'back-reference \\1'],
    ['(?<n>a)\\k<n>', 'named back-reference \\k<'],
    ['^(?=v)', 'look-around (?=…)'],
    ['^(?!rc)', 'look-around (?!…)'],
    ['(?<=v)1', 'look-around (?<=…)'],
    ['(?<!v)1', 'look-around (?<!…)'],
    ['(?>a+)', 'atomic group (?>…)'],
    ['a++', 'possessive quantifier ++'],
    ['\\\\1', undefined],
    ['[(?=]', undefined],
    ['[a(?=b]', undefined],
    ['[a](?=x)', 'look-around (?=…)'],
    ['[\\]](?=x)', 'look-around (?=…)'],
    ['\\(?=', undefined],
    ['(?P<n>a)', undefined],
    ['(?i)abc', undefined],
    ['a{2}+', 'possessive quantifier }+']
  ])('%s → %s', (source, construct) => {
    expect(unsupportedByRe2(source)).toBe(construct)
  })
})

describe('parseKeepTags', () => {
  it('keeps the expression as given; empty is none', () => {
    expect(parseKeepTags('^v\\d+$')).toBe('^v\\d+$')
    expect(parseKeepTags('')).toBeUndefined()
  })

  it('takes each non-empty line as an expression of its own', () => {
    expect(parseKeepTags('^v\\d+$\n\n  ^stable$  \n')).toBe('^v\\d+$\n\n  ^stable$  \n')
    expect(parseKeepTags('\n \n')).toBeUndefined()
  })

  it('refuses each line RE2 syntax has not, naming the line and the construct', () => {
    expect(problemsOf(() => parseKeepTags('^v\\d+$\n\n^(?=rc)\r\n(a)\\1'))).toEqual([
      expect.stringMatching(
        /^keep_tags \(line 3\): look-around \(\?=…\) is not supported.*got "\^\(\?=rc\)"/
      ),
      expect.stringMatching(
        /^keep_tags \(line 4\): back-reference \\1 is not supported.*got "\(a\)\\1"/
      )
    ])
  })

  it('refuses look-around before any request, naming the construct', () => {
    expect(() => configOf({ ...BASE, keep_last: '1', keep_tags: '^(?=v)' })).toThrow(
      /keep_tags: look-around \(\?=…\) is not supported by RE2 syntax/
    )
    expect(() => parseKeepTags('(a)\\1')).toThrow(/^keep_tags: back-reference \\1 is not supported/)
  })
})

describe('compileKeepTags: linear time, RE2 syntax', () => {
  it('matches anywhere in the tag, as RegExp.test does', async () => {
    const matches = await compileKeepTags('^v\\d+\\.\\d+\\.\\d+$')
    expect(['v1.2.3', 'v1.2.3-rc1', 'x'].map(matches)).toEqual([true, false, false])
    expect((await compileKeepTags('rc'))('1.0-rc1')).toBe(true)
  })

  it('a catastrophic expression against a hostile tag finishes, with the right answer', async () => {
    const matches = await compileKeepTags('^(a+)+$')
    expect(matches('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')).toBe(false)
    expect(matches('a'.repeat(100_000) + '!')).toBe(false)
    expect(matches('aaaa')).toBe(true)
  })

  it('several lines: a tag matching any of them is kept', async () => {
    const matches = await compileKeepTags('^v\\d+\\.\\d+\\.\\d+$\n^stable$')
    expect(['v1.0.0', 'stable', 'stable-1', '1.0.0', 'v1.0'].map(matches)).toEqual([
      true,
      true,
      false,
      false,
      false
    ])
    // Blank lines and the spaces around an expression are not expressions: they match nothing more.
    const spaced = await compileKeepTags('\n  ^stable$  \r\n\n')
    expect(['stable', '', ' ', 'x'].map(spaced)).toEqual([true, false, false, false])
  })

  it('a line RE2 cannot compile is refused naming the line', async () => {
    const refused = compileKeepTags('^v1$\n[\n^ok$')
    await expect(refused).rejects.toThrow(InputError)
    await expect(refused).rejects.toThrow(
      /^keep_tags \(line 2\): not RE2 syntax \(.*missing closing \].*\), got "\["/
    )
  })

  it('what RE2 refuses otherwise is an input error naming keep_tags', async () => {
    await expect(compileKeepTags('[')).rejects.toThrow(InputError)
    await expect(compileKeepTags('[')).rejects.toThrow(
      /^keep_tags: not RE2 syntax \(.*missing closing \]/
    )
  })
})

describe('keep_last needs wait', () => {
  it('keep_last with wait: false is refused, naming both', () => {
    expect(() => configOf({ ...BASE, keep_last: '2', wait: 'false' })).toThrow(
      /keep_last: needs wait: true/
    )
    expect(configOf({ ...BASE, keep_last: '2', wait: 'true' }).keepLast).toBe(2)
    expect(configOf({ ...BASE, wait: 'false' }).wait).toBe(false)
  })
})
