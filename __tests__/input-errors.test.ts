/**
 * Inputs that are wrong (unknown, misspelt, mixed, a region not known): what the action says,
 * before any request.
 */
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/base/errors.js'
import { unknownInputs } from '../src/config/input-names.js'
import { ConfigError, parseConfig } from '../src/config/inputs.js'
import { TEST_AK, TEST_SK, lifecycles, startEmulator } from '../tools/emulator/server.js'
import { errorLine, runAgainst } from './helpers/run-action.js'
import { ACTIVE_AT_ONCE, INPUTS, PATH, useEmulator } from './helpers/emulator.js'

const KEYS = { access_key_id: TEST_AK, secret_access_key: TEST_SK }

function problemsOf(inputs: Record<string, string>, env: Record<string, string> = {}): string[] {
  try {
    parseConfig({ input: name => inputs[name] ?? '', env, mask: () => undefined })
  } catch (error) {
    if (error instanceof InputError) return [...error.problems]
    throw error
  }
  return []
}

function warningsOf(inputs: Record<string, string>, env: Record<string, string> = {}): string[] {
  return [
    ...parseConfig({ input: name => inputs[name] ?? '', env, mask: () => undefined }).warnings
  ]
}

describe('unknown inputs', () => {
  const refused =
    "(refused rather than ignored: a registration's attributes cannot be changed afterwards)"
  const twin = '(refused rather than ignored, so nothing is registered without it)'
  it.each([
    ['INPUT_SERVICE_TYP', `service_typ is not an input: did you mean service_type? ${refused}`],
    ['INPUT_SERVIE_TYPE', `servie_type is not an input: did you mean service_type? ${refused}`],
    [
      'INPUT_ACCESS-KEY-ID',
      `access-key-id is not an input: this action's name for it is access_key_id ${twin}`
    ],
    [
      'INPUT_SERVICETYPE',
      `servicetype is not an input: this action's name for it is service_type ${twin}`
    ],
    [
      'INPUT_ACCESS-KEY-SECRET',
      `access-key-secret is not an input: this action's name for it is secret_access_key ${twin}`
    ],
    [
      'INPUT_POLLINTERVAL',
      `pollinterval is not an input: this action's name for it is poll_interval ${twin}`
    ]
  ])('%s is an error naming the input it looks like', (variable, error) => {
    expect(unknownInputs({ [variable]: 'x', INPUT_SWR_PATH: PATH })).toEqual({
      errors: [error],
      warnings: []
    })
  })

  it('a name like no input is a warning that lists the inputs', () => {
    const { errors, warnings } = unknownInputs({ INPUT_KUBECONFIG: 'x' })
    expect(errors).toEqual([])
    expect(warnings).toEqual([
      expect.stringMatching(
        /^unknown input kubeconfig is ignored: this action's inputs are: swr_path, arch/
      )
    ])
  })

  it('near misses and warnings are reported whatever else is wrong', () => {
    let error: unknown
    try {
      parseConfig({
        input: name => ({ swr_path: 'org/img:1', arch: 'x86' })[name] ?? '',
        env: { INPUT_SERVICE_TYP: 'TRAIN', INPUT_KUBECONFIG: 'x' },
        mask: () => undefined
      })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    const { problems, warnings } = error as ConfigError
    expect(problems[0]).toMatch(/^service_typ is not an input: did you mean service_type\?/)
    expect(problems.some(p => p.startsWith('arch: '))).toBe(true)
    expect(problems.some(p => p.startsWith('credentials: none given'))).toBe(true)
    expect(warnings).toEqual([expect.stringMatching(/^unknown input kubeconfig is ignored/)])
  })

  it('reaches the log as an error in a real run, before any request', async () => {
    const emulator = await startEmulator({ lifecycleFor: () => lifecycles.activeAtOnce() })
    try {
      const run = await runAgainst(emulator, { inputs: { service_typ: 'TRAIN' } })
      expect(run.failed).toBe(true)
      expect(run.log).toContain('::error::service_typ is not an input: did you mean service_type?')
      expect(emulator.requests).toEqual([])
    } finally {
      await emulator.close()
    }
  })
})

describe('messages that say what to do', () => {
  it('swr_path with a scheme: drop it; and no second error about the region', () => {
    expect(problemsOf({ ...KEYS, swr_path: `https://${PATH}` })).toEqual([
      `swr_path: "https://${PATH}" starts with https://: an image path has no scheme; drop it and give ${PATH}; ` +
        'expected registry/namespace/name:tag, e.g. swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0'
    ])
  })

  it.each(['linux/arm64', 'ARM64', 'aarch64'])('arch %s is accepted as AARCH64', arch => {
    const config = parseConfig({
      input: name => ({ ...KEYS, swr_path: PATH, arch })[name] ?? '',
      env: {},
      mask: () => undefined
    })
    expect(config.attributes.arch).toBe('AARCH64')
  })

  it('a wrong arch lists every accepted spelling', () => {
    expect(problemsOf({ ...KEYS, swr_path: PATH, arch: 'x86' })).toEqual([
      'arch: X86_64 or AARCH64; also accepted, in any case: amd64, linux/amd64, arm64, linux/arm64; got "x86"'
    ])
  })

  it('a key id input with the secret only in the environment says they are not mixed', () => {
    expect(
      problemsOf(
        { swr_path: PATH, access_key_id: TEST_AK },
        { HUAWEI_CLOUD_SECRET_ACCESS_KEY: TEST_SK }
      )
    ).toEqual([
      'secret_access_key: required when access_key_id is given; HUAWEI_CLOUD_SECRET_ACCESS_KEY is set but not used: ' +
        "inputs and environment are never mixed, so give secret_access_key as an input too (or drop access_key_id to use the environment's pair)"
    ])
  })

  it('a registry that is not SWR gets a warning that ModelArts registers from SWR', () => {
    expect(
      warningsOf({ ...KEYS, swr_path: 'docker.io/library/ubuntu:22.04', region: 'cn-north-4' })
    ).toContain(
      "swr_path's registry docker.io is not SWR: ModelArts registers images from SWR (swr.{region}.myhuaweicloud.com); push the image there and register that path"
    )
  })

  it.each([
    ['127.0.0.1:5000', false],
    ['LOCALHOST:5000', false],
    ['127.example.com', true]
  ])(
    'a loopback registry is no warning (an emulator, a local mirror): %s warned %s',
    (registry, warned) => {
      const warnings = warningsOf({
        ...KEYS,
        swr_path: `${registry}/org/image:1`,
        region: 'cn-north-4'
      })
      expect(warnings.some(warning => warning.includes(`registry ${registry} is not SWR`))).toBe(
        warned
      )
    }
  )

  it('the site follows the region: an EU registry with a region of the other site is an error', () => {
    expect(
      problemsOf({
        ...KEYS,
        swr_path: 'swr.eu-west-101.myhuaweicloud.eu/my-org/my-image:1.0.0',
        region: 'cn-north-4'
      })
    ).toEqual([
      "region: cn-north-4 is on the international site, but swr_path's registry is on the European one (eu-west-101); " +
        "ModelArts in a region pulls from that site's SWR: set region: eu-west-101, or push to swr.cn-north-4.myhuaweicloud.com"
    ])
    const config = parseConfig({
      input: name =>
        ({ ...KEYS, swr_path: 'swr.eu-west-101.myhuaweicloud.eu/my-org/my-image:1.0.0' })[name] ??
        '',
      env: {},
      mask: () => undefined
    })
    expect(config.endpoint).toBe('https://modelarts.eu-west-101.myhuaweicloud.eu')
  })

  it.each([
    ['a.b|c/org/img:1', 'registry "a.b|c" must be a host name'],
    ['host?x#y.io/org/img:1', 'registry "host?x#y.io" must be a host name'],
    ['registry.example.com:99999999/org/img:1', 'with an optional port from 1 to 65535'],
    ['registry.example.com:0/org/img:1', 'with an optional port from 1 to 65535'],
    ['swr.cn-north-4.myhuaweicloud.com/org/img:1\r\n::error::x', 'must not contain line breaks']
  ])('swr_path %j: its registry part is validated', (swrPath, problem) => {
    const problems = problemsOf({ ...KEYS, swr_path: swrPath, region: 'cn-north-4' })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(problem)
    expect(problems[0]).not.toMatch(/[\r\n]/)
  })
})

describe('against the emulator', () => {
  const emulator = useEmulator(ACTIVE_AT_ONCE)

  describe('a region that is not known', () => {
    it('a misspelt one (cn-nort-4) is refused before any request, naming the region meant', async () => {
      const run = await runAgainst(emulator, {
        inputs: { region: 'cn-nort-4', check_image: 'false' }
      })
      expect(run.failed).toBe(true)
      expect(errorLine(run.log)).toBe(
        'region cn-nort-4 is not a Huawei Cloud region: did you mean cn-north-4?'
      )
      expect(emulator.requests).toEqual([])
    })

    it("any other (cn-north-13) is used: IAM's empty answer leads to an error that names the closest", async () => {
      const run = await runAgainst(emulator, {
        inputs: { region: 'cn-north-13', check_image: 'false' }
      })
      expect(run.failed).toBe(true)
      expect(errorLine(run.log)).toContain('IAM has no project named cn-north-13')
      expect(errorLine(run.log)).toContain('did you mean cn-north-1?')
    })
  })

  describe('warnings reach the job summary', () => {
    it('an unknown input is a warning in the log and in the summary', async () => {
      const run = await runAgainst(emulator, { inputs: { ...INPUTS, colourful_output: 'yes' } })
      expect(run.failed).toBe(false)
      expect(run.log).toContain('::warning::unknown input colourful_output')
      expect(run.summary).toContain('**Warnings:**')
      expect(run.summary).toContain('unknown input colourful_output')
    })
  })
})
