/**
 * The README's inputs and outputs tables, made from action.yml (`npm run readme` writes them between
 * their markers; __tests__/readme-tables.test.ts fails when the README holds other tables).
 */
import { load } from 'js-yaml'

interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
}

/** The inputs most workflows set, shown first; the rest fold under <details>. */
export const COMMON_INPUTS: readonly string[] = [
  'swr_path',
  'access_key_id',
  'secret_access_key',
  'region',
  'arch',
  'service_type',
  'keep_last',
  'keep_tags',
  'dry_run'
]

const cell = (text: string): string => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim()

/** One input's default and meaning: a literal default, else the description's `Default: …` sentence. */
function inputRow(name: string, input: { description: string; default?: string }): string {
  const at = input.description.lastIndexOf('Default: ')
  if (!input.default && at < 0) throw new Error(`action.yml: ${name} says no "Default: …"`)
  const meaning = at < 0 ? input.description : input.description.slice(0, at)
  const fallback = input.description.slice(at + 'Default: '.length).replace(/\.\s*$/, '')
  const shown = input.default ? `\`${input.default}\`` : fallback
  return `| \`${name}\` | ${cell(shown)} | ${cell(meaning)} |`
}

function inputTable(inputs: ActionYml['inputs'], names: string[]): string {
  return [
    '| input | default | meaning |',
    '|---|---|---|',
    ...names.map(name => inputRow(name, inputs[name] ?? { description: '' }))
  ].join('\n')
}

/** The markdown between each pair of markers, keyed by the marker's name. */
export function readmeTables(actionYmlText: string): Record<'inputs' | 'outputs', string> {
  const action = load(actionYmlText) as ActionYml
  const names = Object.keys(action.inputs)
  const common = names.filter(name => COMMON_INPUTS.includes(name))
  const rest = names.filter(name => !COMMON_INPUTS.includes(name))
  const outputs = Object.entries(action.outputs).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`
  )
  return {
    inputs: [
      inputTable(action.inputs, common),
      '',
      `<details><summary>All ${rest.length} other inputs</summary>`,
      '',
      inputTable(action.inputs, rest),
      '',
      '</details>'
    ].join('\n'),
    outputs: ['| output | value |', '|---|---|', ...outputs].join('\n')
  }
}

/** The README with its tables replaced; an error when a marker is missing. */
export function withTables(readme: string, tables: Record<string, string>): string {
  let text = readme
  for (const [name, table] of Object.entries(tables)) {
    const start = `<!-- ${name}: generated from action.yml by npm run readme -->`
    const end = `<!-- end of ${name} -->`
    const from = text.indexOf(start)
    const to = text.indexOf(end)
    if (from < 0 || to < from) throw new Error(`README.md: no "${start}" … "${end}" markers`)
    text = `${text.slice(0, from + start.length)}\n\n${table}\n\n${text.slice(to)}`
  }
  return text
}
