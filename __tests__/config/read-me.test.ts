/**
 * A long read_me is cut at a line break with a warning, never refused: release notes are often
 * longer than ModelArts takes, and a release must not fail on them.
 */
import { describe, expect, it } from '@jest/globals'
import { parseConfig } from '../../src/config/inputs.js'
import { READ_ME_MAX, parseReadMe } from '../../src/config/value-parsers.js'

const cut = (value: string) => {
  const warnings: string[] = []
  return { value: parseReadMe(value, message => warnings.push(message)), warnings }
}
const line = (n: number, width = 99) => `${String(n).padStart(4, '0')} ${'x'.repeat(width - 5)}`

describe('parseReadMe', () => {
  it.each<[string, string, string | undefined]>([
    ['empty: not sent', '', undefined],
    ['short: as given', '## 2.0\n\n- fixes', '## 2.0\n\n- fixes'],
    ['exactly the limit: as given', 'a'.repeat(READ_ME_MAX), 'a'.repeat(READ_ME_MAX)],
    [
      'the limit in characters, not UTF-16 units',
      '😀'.repeat(READ_ME_MAX),
      '😀'.repeat(READ_ME_MAX)
    ]
  ])('%s', (_, value, expected) => {
    expect(cut(value)).toEqual({ value: expected, warnings: [] })
  })

  it('cuts a longer text at the last line break before the limit, ending with a line …', () => {
    // 40 lines of 100 characters (with their line breaks): 4000 characters.
    const text = Array.from({ length: 40 }, (_, i) => line(i)).join('\n')
    const { value, warnings } = cut(text)
    const kept = Array.from({ length: 29 }, (_, i) => line(i)).join('\n')
    expect(value).toBe(`${kept}\n…`)
    expect([...(value ?? '')].length).toBeLessThanOrEqual(READ_ME_MAX)
    expect(warnings).toEqual([
      `read_me: ${text.length} characters, ModelArts takes at most 3000: cut at the last line break before that, ${text.length - kept.length} characters left out (the guide ends with a line …)`
    ])
  })

  it('a line break right at the edge is used', () => {
    const text = `${'a'.repeat(2997)}\n${'b'.repeat(10)}`
    expect(cut(text).value).toBe(`${'a'.repeat(2997)}\n…`)
  })

  it('CRLF line breaks lose their CR at the cut', () => {
    const text = `${'a'.repeat(2000)}\r\n${'b'.repeat(2000)}`
    expect(cut(text).value).toBe(`${'a'.repeat(2000)}\n…`)
  })

  it('a text with no line break is cut at the limit', () => {
    const { value } = cut('z'.repeat(5000))
    expect(value).toBe(`${'z'.repeat(READ_ME_MAX - 2)}\n…`)
  })

  it('counts characters: a cut never splits an emoji', () => {
    const { value } = cut('😀'.repeat(4000))
    expect(value).toBe(`${'😀'.repeat(READ_ME_MAX - 2)}\n…`)
  })
})

describe('read_me in parseConfig', () => {
  it('a long read_me is a warning, not a refusal, and is sent cut', () => {
    const text = Array.from({ length: 60 }, (_, i) => line(i)).join('\n')
    const config = parseConfig({
      input: name =>
        ({
          swr_path: 'swr.cn-north-4.myhuaweicloud.com/org/app:1.0',
          access_key_id: 'HPUAEXAMPLEKEY000001',
          secret_access_key: 'SK',
          read_me: text
        })[name] ?? '',
      env: {},
      mask: () => undefined
    })
    expect(config.attributes.read_me?.endsWith('\n…')).toBe(true)
    expect(config.warnings.filter(w => w.startsWith('read_me: 5999 characters'))).toHaveLength(1)
  })
})
