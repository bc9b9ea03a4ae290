/**
 * Every input's default says the same thing in the spec, the README and action.yml: the literal
 * values the spec names (in backticks) and the kind of default it is (the service's, not sent,
 * none, the image's own, a provenance line) appear in the README's row and in action.yml.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { load } from 'js-yaml'

const root = join(import.meta.dirname, '..')
// The spec beside the repository when it is there (CI, the workplace); else the copy kept here.
const sharedSpec = join(root, '..', 'shared', 'spec', 'action.md')
const specPath = existsSync(sharedSpec)
  ? sharedSpec
  : join(root, '__tests__', 'fixtures', 'action-spec.md')
const read = (path: string): string => readFileSync(path, 'utf8')

/** input name → its default cell, from the first table whose header starts `| input | default |`. */
function defaultColumn(markdown: string): Map<string, string> {
  const start = markdown.indexOf('| input | default |')
  const rows = new Map<string, string>()
  for (const line of markdown.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break
    const [name, value] = line.slice(1).split(' | ')
    const input = /^`(\w+)`/.exec(name?.trim() ?? '')?.[1]
    if (input && value !== undefined) rows.set(input, value.trim())
  }
  return rows
}

const KINDS = ['service default', 'not sent', "image's own architecture", 'provenance']

/** What a default must say wherever it is written. */
function essentials(cell: string): string[] {
  const literals = [...cell.matchAll(/`([^`]+)`/g)].map(m => m[1] ?? '')
  const kinds = KINDS.filter(kind => cell.toLowerCase().includes(kind))
  return [...literals, ...kinds]
}

describe('defaults agree', () => {
  const spec = defaultColumn(read(specPath))
  const readme = defaultColumn(read(join(root, 'README.md')))
  const action = load(read(join(root, 'action.yml'))) as {
    inputs: Record<string, { description: string; default?: string }>
  }

  it('the spec table was read', () => {
    expect(spec.size).toBeGreaterThan(25)
  })

  it.each([...defaultColumn(read(specPath)).keys()])('%s', name => {
    const cell = spec.get(name) ?? ''
    const readmeCell = (readme.get(name) ?? '').toLowerCase()
    const input = action.inputs[name]
    const actionText = `${input?.description ?? ''} ${input?.default ?? ''}`
      .toLowerCase()
      .replace(/`/g, '')
    for (const essential of essentials(cell)) {
      expect({ name, readme: readmeCell.includes(essential.toLowerCase()) }).toEqual({
        name,
        readme: true
      })
      // action.yml: the literal without backticks; "service default" as "the service's" or
      // "service default".
      const words =
        essential === 'service default' ? ['service default', "the service's"] : [essential]
      expect({
        name,
        essential,
        actionYml: words.some(w => actionText.includes(w.toLowerCase()))
      }).toEqual({
        name,
        essential,
        actionYml: true
      })
    }
  })
})
