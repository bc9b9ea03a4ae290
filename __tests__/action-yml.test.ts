/**
 * action.yml is the one source of the interface's words: the inputs the code reads are its inputs
 * (and the unknown-input check's list), an input not given means its default there, and a run sets
 * exactly its outputs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { load } from 'js-yaml'
import { INPUT_NAMES } from '../src/config/config.js'
import { parseConfig } from '../src/config/inputs.js'
import { type Emulator, lifecycles, startEmulator } from '../tools/emulator/server.js'
import { runAgainst } from './helpers/run-action.js'

const action = load(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}
const BASE: Record<string, string> = {
  swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0',
  access_key_id: 'HPUAEXAMPLEAK0000001',
  secret_access_key: 'exampleSecretKey0000000000000000000000ab'
}

/** The Config of these inputs, as plain data, and every input name the reader asked for. */
function read(inputs: Record<string, string>): { config: string; asked: string[] } {
  const asked = new Set<string>()
  const input = (name: string): string => {
    asked.add(name)
    return inputs[name] ?? ''
  }
  const config = parseConfig({ input, env: {}, mask: () => undefined })
  return { config: JSON.stringify(config), asked: [...asked].sort() }
}

describe('action.yml', () => {
  it('declares exactly the inputs the code reads, in the order of the unknown-input list', () => {
    expect(read(BASE).asked).toEqual(Object.keys(action.inputs).sort())
    expect(INPUT_NAMES).toEqual(Object.keys(action.inputs))
  })

  it.each(Object.entries(action.inputs).filter(([, input]) => input.default))(
    '%s not given means action.yml’s default',
    (name, input) => {
      expect(read({ ...BASE, [name]: input.default ?? '' }).config).toBe(read(BASE).config)
    }
  )

  describe('the outputs a run sets', () => {
    let emulator: Emulator
    beforeAll(async () => {
      emulator = await startEmulator({ lifecycleFor: () => lifecycles.activeAtOnce() })
    })
    afterAll(async () => {
      await emulator.close()
    })

    it('a checked registration with keep_last sets every output of action.yml, and no other', async () => {
      const path = 'swr.cn-north-4.myhuaweicloud.com/my-org/outputs:2.0'
      emulator.pushBuildx(path, ['linux/amd64', 'linux/arm64'])
      emulator.seed('swr.cn-north-4.myhuaweicloud.com/my-org/outputs:1.0', { ageMs: 86_400_000 })
      const run = await runAgainst(emulator, { inputs: { swr_path: path, keep_last: '1' } })
      expect(run.failed).toBe(false)
      expect([...run.outputOrder].sort()).toEqual(Object.keys(action.outputs).sort())
    })
  })
})
