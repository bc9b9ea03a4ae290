/**
 * Every input's default says the same thing in the input table, the README and action.yml: a
 * literal default (the table's, e.g. `15m`) is the README's whole cell and action.yml's `default:`;
 * an empty one is described in the README's default column, and action.yml's description names the
 * same values (in backticks in the README) and the same kind of default (the service's, not sent,
 * none, the image's own, a provenance line, GitHub's).
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { load } from 'js-yaml'
import { INPUT_TABLE } from '../src/config/input-table.js'

const root = join(import.meta.dirname, '..')
const read = (path: string): string => readFileSync(join(root, path), 'utf8')

type ActionInputs = Record<string, { description?: string; default?: string }>

/** input name → its default cell, from every table whose header starts `| input | default |`. */
function defaultColumn(markdown: string): Map<string, string> {
  const rows = new Map<string, string>()
  for (const table of markdown.split('| input | default |').slice(1))
    for (const line of table.split('\n').slice(2)) {
      if (!line.startsWith('|')) break
      const [name, value] = line.slice(1).split(' | ')
      const input = /^`(\w+)`/.exec(name?.trim() ?? '')?.[1]
      if (input && value !== undefined) rows.set(input, value.trim())
    }
  return rows
}

/** The kinds of default, each as the README writes it and as action.yml may. */
const KINDS: readonly { readme: RegExp; action: readonly string[] }[] = [
  { readme: /the service's/, action: ["the service's"] },
  { readme: /not sent/, action: ['not sent'] },
  { readme: /image's own architecture/, action: ["image's own architecture"] },
  { readme: /provenance/, action: ['provenance'] },
  { readme: /^none\b/, action: ['default: none'] },
  { readme: /^github's/, action: ["default: github's"] }
]

/** What is wrong with one input's defaults: empty when the three sources agree. */
function disagreements(name: string, readme: string, actionYml: ActionInputs): string[] {
  const entry = INPUT_TABLE.find(e => e.name === name)
  const input = actionYml[name]
  if (!entry || !input) return [`${name}: missing from ${entry ? 'action.yml' : 'the input table'}`]
  const problems: string[] = []
  if ((input.default ?? '') !== entry.default)
    problems.push(`${name}: action.yml's default is not the table's (${entry.default || 'none'})`)
  if (entry.default !== '') {
    if (readme !== `\`${entry.default}\``)
      problems.push(`${name}: the README's default is not \`${entry.default}\``)
    return problems
  }
  const cell = readme.toLowerCase()
  const described = (input.description ?? '').toLowerCase().replace(/`/g, '')
  for (const literal of [...readme.matchAll(/`([^`]+)`/g)].map(m => m[1] ?? ''))
    if (!described.includes(literal.toLowerCase()))
      problems.push(`${name}: action.yml does not name the README's \`${literal}\``)
  for (const kind of KINDS) {
    const inReadme = kind.readme.test(cell)
    const inAction = kind.action.some(words => described.includes(words))
    if (inReadme !== inAction)
      problems.push(
        `${name}: "${kind.readme.source}" is a default in the ${inReadme ? 'README' : 'action.yml'} only`
      )
  }
  return problems
}

function allDisagreements(readmeText: string, actionText: string): string[] {
  const readme = defaultColumn(readmeText)
  const actionYml = (load(actionText) as { inputs: ActionInputs }).inputs
  const missing = INPUT_TABLE.filter(e => !readme.has(e.name)).map(
    e => `${e.name}: no row in the README's inputs table`
  )
  return [
    ...missing,
    ...[...readme].flatMap(([name, cell]) => disagreements(name, cell, actionYml))
  ]
}

describe('defaults agree', () => {
  const readmeText = read('README.md')
  const actionText = read('action.yml')

  it('the README has a default for every input of the table', () => {
    expect([...defaultColumn(readmeText).keys()].sort()).toEqual(
      INPUT_TABLE.map(e => e.name).sort()
    )
  })

  it('the table, the README and action.yml say the same of every default', () => {
    expect(allDisagreements(readmeText, actionText)).toEqual([])
  })

  it.each([
    ['a literal default changed in the README', '| `timeout` | `15m` |', '| `timeout` | `10m` |'],
    ['a service default made "not sent"', "| `origin` | the service's", '| `origin` | not sent'],
    ['a value only the README names', '| `image_id` | none |', '| `image_id` | `none` |']
  ])('notices %s', (_, from, to) => {
    expect(readmeText).toContain(from)
    expect(allDisagreements(readmeText.replace(from, to), actionText)).not.toEqual([])
  })

  it('notices action.yml calling a default the service\'s where the README says "not sent"', () => {
    const changed = actionText.replace(
      'ASCEND_SNT9, ASCEND_SNT9B or ASCEND_SNT3. Default: not sent.',
      "ASCEND_SNT9, ASCEND_SNT9B or ASCEND_SNT3. Default: the service''s."
    )
    expect(changed).not.toBe(actionText)
    expect(allDisagreements(readmeText, changed)).not.toEqual([])
  })
})
