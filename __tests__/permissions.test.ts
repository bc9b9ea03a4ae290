/**
 * The README's policy, parsed from the README itself, against the emulator enforcing it per API
 * with Huawei's action names: the quick start's inputs (read from the README's quick-start
 * workflow) run green with the image checked; without any one action the step either warns naming
 * it or fails naming it; and every 403 the step reports names the permission its call needs.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { load } from 'js-yaml'
import { PERMISSIONS, REGISTER_DEPENDENCIES } from '../src/model/permissions.js'
import { API_ACTIONS } from '../tools/emulator/policy.js'
import { TEST_AK, TEST_SK } from '../tools/emulator/server.js'
import { errorLine, expectOutcome, runAgainst } from './helpers/run-action.js'
import { DAY, answer, useEmulator } from './helpers/emulator.js'

const readme = readFileSync('README.md', 'utf8')

/**
 * What DeleteImage lists as its dependencies under a classic policy (keep_last, replace). The
 * action never forces a delete, the only case said to use them; the README lists them all the same
 * (no code sends them, so they live here).
 */
const DELETE_DEPENDENCIES = [
  'swr:repo:listRepoTags',
  'swr:repo:deleteRepoTag',
  'swr:repository:getTag',
  'swr:repository:deleteTag'
] as const

/** The text under a `## heading` of the README, up to the next one. */
function section(heading: string): string {
  const found = readme.split(/^## /m).find(s => s.startsWith(`${heading}\n`))
  if (!found) throw new Error(`README has no "## ${heading}" section`)
  return found
}

/** The first fenced block of `language` in a section. */
function fenced(heading: string, language: string): string {
  const block = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(section(heading))
  if (!block?.[1]) throw new Error(`"## ${heading}" has no \`\`\`${language} block`)
  return block[1]
}

interface PolicyDocument {
  Version: string
  Statement: { Effect: string; Action: string[] }[]
}
const policy = JSON.parse(fenced('Permissions', 'json')) as PolicyDocument
const actions = policy.Statement.flatMap(statement => statement.Action)

interface Workflow {
  jobs: Record<
    string,
    { env?: Record<string, string>; steps: { uses?: string; with?: Record<string, string> }[] }
  >
}

const SHA = '3f786850e387550fdab836ed7e6dc881de23001b'

/** The quick start's `with:` for this action, its expressions filled in as a runner would. */
function quickStartInputs(): { inputs: Record<string, string>; env: Record<string, string> } {
  const workflow = load(fenced('Quick start', 'yaml')) as Workflow
  const job = Object.values(workflow.jobs)[0]
  const step = job?.steps.find(s => s.uses?.includes('modelarts-register-image-action'))
  if (!job || !step?.with) throw new Error('the quick start has no step that uses this action')
  const env = job.env ?? {}
  const values: Record<string, string> = {
    'secrets.HUAWEI_CLOUD_AK': TEST_AK,
    'secrets.HUAWEI_CLOUD_SK': TEST_SK,
    'github.sha': SHA,
    ...Object.fromEntries(Object.entries(env).map(([name, value]) => [`env.${name}`, value]))
  }
  const filled = Object.entries(step.with).map(([name, value]) => [
    name,
    String(value).replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => {
      const known = values[key]
      if (known === undefined) throw new Error(`the quick start uses \${{ ${key} }}`)
      return known
    })
  ])
  return { inputs: Object.fromEntries(filled), env }
}

const emulator = useEmulator()

const withPolicy = (allowed: readonly string[]): void =>
  emulator.usePolicy({ ...policy, Statement: [{ Effect: 'Allow', Action: allowed }] })

/** Every log line that reports a 403 ends with what to grant. */
function expectGrantOn403(log: string): void {
  for (const line of log.split('\n').filter(l => /HTTP 403/.test(l)))
    expect(line).toMatch(/; grant [a-z]+:[a-zA-Z]*:[a-zA-Z]+/)
}

describe("the README's policy", () => {
  it('is the classic syntax and grants exactly what the quick start calls', () => {
    expect(policy.Version).toBe('1.1')
    expect(section('Permissions')).toContain('classic')
    const called = [
      PERMISSIONS.registerImage,
      PERMISSIONS.showImage,
      PERMISSIONS.listImages,
      PERMISSIONS.showRepoTag,
      PERMISSIONS.createLoginSecret,
      ...REGISTER_DEPENDENCIES
    ]
    expect([...actions].sort()).toEqual([...new Set(called)].sort())
  })

  it('says what keep_last, replace and swr_instance_id add, as the code names them', () => {
    const text = section('Permissions')
    const row = (start: string): string =>
      text.split('\n').find(line => line.startsWith(`| ${start}`)) ?? ''
    const deleting = row('`keep_last`')
    for (const action of [PERMISSIONS.deleteImage, ...DELETE_DEPENDENCIES])
      expect(deleting).toContain(`\`${action}\``)
    const instance = row('`swr_instance_id`')
    for (const action of [
      PERMISSIONS.showInstance,
      PERMISSIONS.listInstanceTags,
      PERMISSIONS.createInstanceTempCredential
    ])
      expect(instance).toContain(`\`${action}\``)
    expect(text).toContain(`\`${PERMISSIONS.listProjects}\``)
    expect(text).toContain('`GET /v3/auth/projects`, which needs no permission')
  })

  it("names each call's action as the emulator, our reading of Huawei's pages, enforces it", () => {
    const enforced = new Set(Object.values(API_ACTIONS))
    // Registry pulls are the registries' (not an API page's), and the emulator does not check them.
    const { pullShared, pullInstance, ...calls } = PERMISSIONS
    for (const action of Object.values(calls)) expect(enforced).toContain(action)
    expect(section('Permissions')).toContain(`\`${pullShared}\``)
    expect(section('Permissions')).toContain(`\`${pullInstance}\``)
  })

  it('runs the quick start green with the image checked (platforms read from the index)', async () => {
    withPolicy(actions)
    const { inputs } = quickStartInputs()
    expect(inputs.swr_path).toBe(`swr.cn-north-4.myhuaweicloud.com/my-org/trainer:${SHA}`)
    const tag = emulator.pushBuildx(inputs.swr_path ?? '', ['linux/amd64'])
    const run = await runAgainst(emulator, { inputs })
    expectOutcome(run, { failed: false, status: 'ACTIVE', digest: tag.digest, arch: 'X86_64' })
    expect(run.log).not.toContain('::warning::')
    expect(emulator.requests.filter(r => r.status === 403)).toEqual([])
  })

  describe('with a single-manifest push (the temporary login reads its config)', () => {
    /**
     * The quick start's inputs with the emulator's registry host in swr_path (the region then
     * given as the job's env names it): a registry the check can reach.
     */
    const classicRun = async () => {
      const { inputs, env } = quickStartInputs()
      const swrPath = (inputs.swr_path ?? '').replace(/^[^/]+/, emulator.registryHost)
      emulator.pushClassic(swrPath, 'linux/arm64')
      return runAgainst(emulator, {
        inputs: { ...inputs, swr_path: swrPath, region: env.REGION ?? '' }
      })
    }

    it('runs green, the platform read through the temporary login', async () => {
      withPolicy(actions)
      const run = await classicRun()
      expectOutcome(run, { failed: false, status: 'ACTIVE', arch: 'AARCH64' })
      expect(run.log).not.toContain('::warning::')
      expect(emulator.count('POST', /\/utils\/secret$/)).toBe(1)
    })

    it.each(actions)('without %s: warns naming it, or fails naming it', async removed => {
      withPolicy(actions.filter(action => action !== removed))
      const run = await classicRun()
      const warnings = run.log.split('\n').filter(line => line.startsWith('::warning::'))
      // The action's own words name it (the answer may not): what to grant, or RegisterImage's
      // classic dependencies when ModelArts cannot read the image.
      const named = (line: string): boolean =>
        line.includes(`; grant ${removed}`) ||
        (line.includes('RegisterImage also needs') && line.includes(removed))
      if (run.failed) expect(named(errorLine(run.log) ?? '')).toBe(true)
      else expect(warnings.some(named)).toBe(true)
      expectGrantOn403(run.log)
    })
  })

  describe('what other inputs add', () => {
    it('keep_last without modelarts:image:delete: green, a warning names it', async () => {
      withPolicy(actions)
      const { inputs } = quickStartInputs()
      const repository = (inputs.swr_path ?? '').replace(/:[^:/]+$/, '')
      emulator.seed(`${repository}:old`, { ageMs: 2 * DAY })
      emulator.seed(`${repository}:older`, { ageMs: 3 * DAY })
      const run = await runAgainst(emulator, { inputs: { ...inputs, keep_last: '1' } })
      expectOutcome(run, { failed: false, status: 'ACTIVE' })
      expect(run.log).toMatch(
        /::warning::keep_last: could not delete .*; grant modelarts:image:delete/
      )
      expectGrantOn403(run.log)
    })

    const EE_ACTIONS = [
      PERMISSIONS.showInstance,
      PERMISSIONS.listInstanceTags,
      PERMISSIONS.createInstanceTempCredential
    ]
    const enterpriseRun = async () => {
      const instance = emulator.addInstance('instance-0001')
      const swrPath = `${instance.host}/team/trainer:${SHA}`
      instance.pushClassic(swrPath, 'linux/arm64')
      const { inputs, env } = quickStartInputs()
      return runAgainst(emulator, {
        inputs: {
          ...inputs,
          swr_path: swrPath,
          region: env.REGION ?? '',
          swr_instance_id: instance.id
        }
      })
    }

    it('swr_instance_id with its three actions: green, the platform read in the instance', async () => {
      withPolicy([...actions, ...EE_ACTIONS])
      const run = await enterpriseRun()
      expectOutcome(run, { failed: false, status: 'ACTIVE', arch: 'AARCH64' })
      expect(run.log).not.toContain('::warning::')
    })

    it.each(EE_ACTIONS)('swr_instance_id without %s: green, a warning names it', async removed => {
      withPolicy([...actions, ...EE_ACTIONS].filter(action => action !== removed))
      const run = await enterpriseRun()
      expect(run.failed).toBe(false)
      const warnings = run.log.split('\n').filter(line => line.startsWith('::warning::'))
      expect(warnings.some(line => line.includes(`grant ${removed}`))).toBe(true)
      expectGrantOn403(run.log)
    })
  })

  describe("a registry's refusal names the pull permission", () => {
    it.each([
      ['the shared SWR', false, 'swr:repo:download'],
      ['an Enterprise Edition instance', true, 'swr:repository:downloadArtifact']
    ])('%s', async (_, enterprise, permission) => {
      emulator.inject(answer('GET', /\/(swr\/auth|service\/token)/, 403))
      const { inputs, env } = quickStartInputs()
      const instance = enterprise ? emulator.addInstance('instance-0001') : undefined
      const host = instance ? instance.host : emulator.registryHost
      const swrPath = `${host}/team/trainer:${SHA}`
      if (instance) instance.pushClassic(swrPath, 'linux/arm64')
      else emulator.pushClassic(swrPath, 'linux/arm64')
      const run = await runAgainst(emulator, {
        inputs: {
          ...inputs,
          swr_path: swrPath,
          region: env.REGION ?? '',
          ...(instance ? { swr_instance_id: instance.id } : {})
        }
      })
      expect(run.failed).toBe(false)
      expect(run.log).toMatch(
        new RegExp(
          `::warning::the image's platforms were not checked: .*HTTP 403.*; grant ${permission}`
        )
      )
      expectGrantOn403(run.log)
    })
  })
})
