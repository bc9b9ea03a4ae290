/**
 * One table of outputs (src/report/output-table.ts) keeps action.yml's outputs, the README's
 * outputs table and the outputs a run sets in step: each must name every output of the table, in
 * its order, and action.yml must describe each as the table does.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { load } from 'js-yaml'
import { OUTPUT_TABLE } from '../../src/report/output-table.js'
import { type Emulator, lifecycles, startEmulator } from '../../tools/emulator/server.js'
import { runAgainst } from '../helpers/run-action.js'

const NAMES = OUTPUT_TABLE.map(output => output.name)

/** action.yml's outputs: name → description, in the file's order. */
function actionYmlOutputs(text: string): [string, string][] {
  const action = load(text) as { outputs: Record<string, { description: string }> }
  return Object.entries(action.outputs).map(([name, { description }]) => [name, description])
}

/** The output names (first column, in backticks) of the table under the README's `## Outputs`. */
function readmeOutputs(text: string): string[] {
  const section = text.split(/^## /m).find(s => /^Outputs\s*\n/.test(s))
  if (!section) throw new Error('README has no "## Outputs" section')
  return [...section.matchAll(/^\|\s*`([a-z_]+)`\s*\|/gm)].map(m => m[1] as string)
}

describe('the output table', () => {
  it('names each output once, each with a description', () => {
    expect(new Set(NAMES).size).toBe(NAMES.length)
    for (const output of OUTPUT_TABLE) expect(output.description.length).toBeGreaterThan(10)
  })

  it('is action.yml’s outputs: the same names, in order, with the same descriptions', () => {
    expect(actionYmlOutputs(readFileSync('action.yml', 'utf8'))).toEqual(
      OUTPUT_TABLE.map(output => [output.name, output.description])
    )
  })

  it('is the README’s outputs table, in order', () => {
    expect(readmeOutputs(readFileSync('README.md', 'utf8'))).toEqual(NAMES)
  })
})

describe('the outputs a run sets', () => {
  let emulator: Emulator
  beforeAll(async () => {
    emulator = await startEmulator({ lifecycleFor: () => lifecycles.activeAtOnce() })
  })
  afterAll(async () => {
    await emulator.close()
  })

  it('a checked registration with keep_last sets every output of the table, and no other', async () => {
    const path = 'swr.cn-north-4.myhuaweicloud.com/my-org/outputs:2.0'
    emulator.pushBuildx(path, ['linux/amd64', 'linux/arm64'])
    emulator.seed('swr.cn-north-4.myhuaweicloud.com/my-org/outputs:1.0', { ageMs: 86_400_000 })
    const run = await runAgainst(emulator, { inputs: { swr_path: path, keep_last: '1' } })
    expect(run.failed).toBe(false)
    expect([...run.outputOrder].sort()).toEqual([...NAMES].sort())
  })
})
