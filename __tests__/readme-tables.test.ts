/**
 * The README's inputs and outputs tables are the ones `npm run readme` makes from action.yml, so the
 * two cannot disagree; the common inputs come first and the rest fold under <details>.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { COMMON_INPUTS, readmeTables, withTables } from '../tools/readme-tables.js'

const readme = readFileSync('README.md', 'utf8')
const actionYml = readFileSync('action.yml', 'utf8')

describe('README tables (npm run readme)', () => {
  it('are the tables made from action.yml', () => {
    expect(readme).toBe(withTables(readme, readmeTables(actionYml)))
  })

  it('notice an action.yml description the README does not say', () => {
    const changed = actionYml.replace('PRIVATE or PUBLIC.', 'PUBLIC or PRIVATE.')
    expect(changed).not.toBe(actionYml)
    expect(withTables(readme, readmeTables(changed))).not.toBe(readme)
  })

  it('show the common inputs first, the rest folded, each input once', () => {
    const { inputs } = readmeTables(actionYml)
    const [common, rest] = inputs.split('<details>')
    const names = (text = ''): string[] =>
      [...text.matchAll(/^\| `(\w+)` \|/gm)].map(m => m[1] ?? '')
    expect(names(common).sort()).toEqual([...COMMON_INPUTS].sort())
    expect(names(rest)).not.toContain('swr_path')
    expect(names(common).length + names(rest).length).toBe(
      new Set([...names(common), ...names(rest)]).size
    )
  })

  it('split an empty default from its description, and refuse an input that says none', () => {
    const yml = (description: string, value = "''"): string =>
      `inputs:\n  x:\n    description: '${description}'\n    default: ${value}\noutputs: {}\n`
    expect(readmeTables(yml('A thing. Default: none.')).inputs).toContain(
      '| `x` | none | A thing. |'
    )
    expect(readmeTables(yml('A | B.', 'y')).inputs).toContain('| `x` | `y` | A \\| B. |')
    expect(() => readmeTables(yml('A thing.'))).toThrow('x says no "Default: …"')
  })

  it('refuse a README without the markers', () => {
    expect(() => withTables('# x', readmeTables(actionYml))).toThrow('no "<!-- inputs')
  })
})
