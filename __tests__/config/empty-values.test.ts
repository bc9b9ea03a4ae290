import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/base/errors.js'
import { parseConfig } from '../../src/config/inputs.js'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0'
const FORK =
  'is empty: a secret that is not set, or a workflow run from a fork (forks get no secrets)'

/** Inputs as the runner passes them: every `with:` key is an INPUT_* variable, empty or not. */
function problemsOf(inputs: Record<string, string>, env: Record<string, string> = {}): string[] {
  const runnerEnv: Record<string, string> = { ...env }
  for (const [name, value] of Object.entries(inputs))
    runnerEnv[`INPUT_${name.toUpperCase()}`] = value
  try {
    parseConfig({ input: name => inputs[name] ?? '', env: runnerEnv, mask: () => undefined })
  } catch (error) {
    if (error instanceof InputError) return [...error.problems]
    throw error
  }
  return []
}

describe('an empty value says it is empty', () => {
  it('secret_access_key given but empty: an unset secret, or a fork', () => {
    expect(
      problemsOf({ swr_path: PATH, access_key_id: 'HPUAEXAMPLEAK0000001', secret_access_key: '' })
    ).toEqual([`secret_access_key ${FORK}`])
  })

  it('and still says what it ignored in the environment', () => {
    expect(
      problemsOf(
        { swr_path: PATH, access_key_id: 'HPUAEXAMPLEAK0000001', secret_access_key: ' ' },
        { HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'x'.repeat(40) }
      )
    ).toEqual([
      expect.stringMatching(
        new RegExp(
          `^secret_access_key ${FORK.replace(/[()]/g, '\\$&')}; HUAWEI_CLOUD_SECRET_ACCESS_KEY is set but not used`
        )
      )
    ])
  })

  it('access_key_id given but empty next to a secret', () => {
    expect(
      problemsOf({ swr_path: PATH, access_key_id: '', secret_access_key: 'x'.repeat(40) })
    ).toEqual([`access_key_id ${FORK}`])
  })

  it('no credentials, with the key inputs there but empty: a secret not set, or a fork', () => {
    const [problem] = problemsOf({ swr_path: PATH, access_key_id: '', secret_access_key: '' })
    expect(problem).toMatch(/^credentials: none given\. Provide one of: /)
    expect(problem).toMatch(
      /\. access_key_id and secret_access_key are empty: if they come from secrets, a secret that is not set, or a workflow run from a fork \(forks get no secrets\)$/
    )
  })

  it('a tag built from an empty expression says the tag is empty', () => {
    const problems = problemsOf({
      swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/trainer:',
      access_key_id: 'HPUAEXAMPLEAK0000001',
      secret_access_key: 'x'.repeat(40)
    })
    expect(problems).toEqual([expect.stringContaining('ends in ":": the tag is empty')])
  })
})
