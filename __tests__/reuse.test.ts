/**
 * One verdict on every record, end to end: a buggy or hostile ModelArts cannot make a green step
 * reuse or adopt another image; the service's answers are injected over real HTTP.
 */
import { describe, expect, it } from '@jest/globals'
import { TEST_PROJECT_ID, TEST_SK } from '../tools/emulator/server.js'
import { errorLine, runAgainst } from './helpers/run-action.js'
import {
  ACTIVE_AT_ONCE,
  IMAGES,
  IMAGE_BY_ID,
  INPUTS,
  PATH,
  BLOB,
  answer,
  answerRegister,
  useEmulator
} from './helpers/emulator.js'

const emulator = useEmulator(ACTIVE_AT_ONCE)

const posts = () => emulator.requests.filter(r => r.method === 'POST' && IMAGES.test(r.path))
const listAnswer = (data: unknown[], total = data.length) => ({
  kind: 'status' as const,
  status: 200,
  method: 'GET',
  path: IMAGES,
  body: { data, total }
})
const old = (fields: Record<string, unknown> = {}) => ({
  id: 'old-registration-1',
  status: 'ACTIVE',
  swr_path: PATH,
  type: 'DEDICATED',
  workspace_id: '0',
  arch: 'X86_64',
  create_at: Date.now() - 24 * 3600_000,
  ...fields
})

describe('after a lost register answer, the look-up is judged like a reuse', () => {
  it('an older registration with other attributes is not adopted', async () => {
    emulator.inject(listAnswer([]))
    emulator.inject(answer('POST', IMAGES, 503))
    emulator.inject({
      ...listAnswer([old({ arch: 'AARCH64', service_type: 'INFERENCE', visibility: 'PUBLIC' })]),
      times: Infinity
    })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, arch: 'X86_64', service_type: 'TRAIN', visibility: 'PRIVATE' }
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toContain(
      'arch is AARCH64 (this run: X86_64); service_type is INFERENCE (this run: TRAIN); visibility is PUBLIC (this run: PRIVATE)'
    )
    expect(run.outputs.created).toBe('false')
  })

  it('an older registration that matches is reused, not claimed: created is false', async () => {
    emulator.inject(listAnswer([]))
    emulator.inject(answer('POST', IMAGES, 503))
    emulator.inject({ ...listAnswer([old()]), times: Infinity })
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.failed).toBe(false)
    expect(run.outputs.image_id).toBe('old-registration-1')
    expect(run.outputs.created).toBe('false')
  })

  it('with if_exists: fail, an older registration found after the lost answer fails the step', async () => {
    emulator.inject(listAnswer([]))
    emulator.inject(answer('POST', IMAGES, 503))
    emulator.inject({ ...listAnswer([old()]), times: Infinity })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, if_exists: 'fail' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toContain('not by this run, and if_exists is fail')
  })

  it('a registration this run committed is adopted: created is true', async () => {
    emulator.inject({ kind: 'commit-then-status', status: 503, method: 'POST', path: IMAGES })
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.failed).toBe(false)
    expect(run.outputs.created).toBe('true')
    expect(posts()).toHaveLength(1)
  })
})

describe('a register answer that is not the image asked for is never adopted', () => {
  it.each<[string, Record<string, unknown>]>([
    ['another swr_path', { swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/other:9' }],
    ['another arch', { swr_path: PATH, arch: 'AARCH64' }],
    ['an arch that is no arch', { swr_path: PATH, arch: 'X86_64\n::error::x' }],
    ['another workspace', { swr_path: PATH, workspace_id: 'f'.repeat(32) }],
    ['a preset image', { swr_path: PATH, type: 'BUILD_IN' }]
  ])('%s: looked up like a lost answer, then registered for real', async (_, fields) => {
    emulator.inject(answerRegister(200, { id: 'wrong-image', status: 'ACTIVE', ...fields }))
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.failed).toBe(false)
    expect(run.outputs.image_id).not.toBe('wrong-image')
    expect(run.outputs.arch).toBe('X86_64')
    expect(run.outputs.swr_path).toBe(PATH)
    expect(run.log).toContain('the answer is not the image asked for')
  })
})

describe('reuse compares everything it hands on', () => {
  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['a record without arch when AARCH64 is asked for', { arch: undefined }, { arch: 'AARCH64' }],
    ['another visibility', { visibility: 'PUBLIC' }, { visibility: 'PRIVATE' }],
    ['another origin', { origin: 'IMAGE_SAVE' }, { origin: 'CUSTOMIZE' }],
    ['another flavor_type', { flavor_type: 'ASCEND_SNT3' }, { flavor_type: 'ASCEND_SNT9' }],
    ['other dev_services', { dev_services: ['SSH'] }, { services: 'NOTEBOOK' }]
  ])('%s fails before any write', async (_, fields, inputs) => {
    emulator.inject({ ...listAnswer([old(fields)]), times: Infinity })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, ...inputs } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toContain('differs from what this run would register')
    expect(posts()).toHaveLength(0)
  })

  it.each<[string, Record<string, unknown>]>([
    ['another workspace_id', { workspace_id: 'a'.repeat(32) }],
    ['type BUILD_IN', { type: 'BUILD_IN' }],
    ['a lower-case deleted status', { status: 'deleted' }]
  ])('a listed record with %s is not reused: the path is registered', async (_, fields) => {
    emulator.inject(listAnswer([old(fields)]))
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.failed).toBe(false)
    expect(run.outputs.image_id).not.toBe('old-registration-1')
    expect(run.outputs.created).toBe('true')
    expect(posts()).toHaveLength(1)
  })
})

describe('the look-up reads every page', () => {
  it('a changing list whose record of the path is a lower-case deleted one is read again: it is no registration', async () => {
    // total 2, then 1 on the next page: the list changed; the only record of the path is deleted.
    emulator.inject(listAnswer([old({ status: 'deleted' })], 2))
    emulator.inject(listAnswer([], 1))
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.failed).toBe(false)
    expect(run.log).toContain('the image list changed while it was read')
    expect(run.outputs.image_id).not.toBe('old-registration-1')
    expect(posts()).toHaveLength(1)
  })

  it('follows pages smaller than the limit until total is reached', async () => {
    const other = old({ id: 'other-1', swr_path: `${PATH}-other` })
    emulator.inject(listAnswer([other], 2))
    emulator.inject(listAnswer([old()], 2))
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.failed).toBe(false)
    expect(run.outputs.image_id).toBe('old-registration-1')
    expect(run.outputs.created).toBe('false')
    expect(posts()).toHaveLength(0)
    const offsets = emulator.requests
      .filter(r => r.method === 'GET' && IMAGES.test(r.path))
      .map(r => r.query.get('offset'))
    expect(offsets).toEqual(['0', '1'])
  })
})

describe('outputs are redacted like the log', () => {
  it('a secret the service echoes into status_message reaches no output', async () => {
    emulator.inject(
      answerRegister(200, {
        id: 'abc-1',
        status: 'CREATE_FAILED',
        swr_path: PATH,
        status_message: `pull refused for key ${TEST_SK}`
      })
    )
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.failed).toBe(true)
    expect(run.outputs.status_message).toBe('pull refused for key ***')
    for (const value of Object.values(run.outputs)) expect(value).not.toContain(TEST_SK)
  })
})

describe('one budget for the step', () => {
  it('a registry that never answers costs its best-effort slice, then a warning, and registration goes on', async () => {
    const path = `${emulator.registryHost}/my-org/classic:1.0`
    emulator.pushClassic(path, 'linux/arm64')
    emulator.inject({ kind: 'silent', path: BLOB, times: Infinity })
    const run = await runAgainst(emulator, {
      inputs: { project_id: TEST_PROJECT_ID, swr_path: path, region: 'cn-north-4', timeout: '8s' }
    })
    expect(run.failed).toBe(false)
    expect(run.log).toMatch(/::warning::the image's platforms were not checked: /)
    expect(run.outputs.status).toBe('ACTIVE')
    // A quarter of 8 s for the registry, then the rest of the run; not the whole timeout.
    expect(run.elapsedMs).toBeLessThan(2000 + 3000)
  })

  it('a silent registration ends at the timeout: the grace is for the last status check only', async () => {
    emulator.inject({ kind: 'silent', method: 'POST', path: IMAGES, times: Infinity })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, timeout: '3s' } })
    expect(run.failed).toBe(true)
    expect(run.elapsedMs).toBeGreaterThanOrEqual(2900)
    expect(run.elapsedMs).toBeLessThan(3000 + 1500)
  })
})

describe('outputs known before a failure are set', () => {
  it('the checked digest, when the architecture then fails', async () => {
    const tag = emulator.pushBuildx(PATH, ['linux/amd64'])
    const run = await runAgainst(emulator, {
      inputs: { project_id: TEST_PROJECT_ID, arch: 'AARCH64' }
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^arch is AARCH64 but /)
    expect(run.outputs.digest).toBe(tag.digest)
    expect(posts()).toHaveLength(0)
  })
})

describe('secrets that arrive in answers', () => {
  it("the registry's Bearer token is masked the moment it is read", async () => {
    const path = `${emulator.registryHost}/my-org/classic:1.0`
    emulator.pushClassic(path, 'linux/arm64')
    const run = await runAgainst(emulator, {
      inputs: { project_id: TEST_PROJECT_ID, swr_path: path, region: 'cn-north-4' }
    })
    const tokens = [...emulator.registryTokens]
    expect(tokens).toHaveLength(1)
    expect(run.log).toContain(`::add-mask::${tokens[0]}`)
    expect(run.outputs.arch).toBe('AARCH64')
  })
})

describe('a host-less record is the shared SWR’s image, never an Enterprise Edition one', () => {
  const TEAM = 'team-registry.swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0'
  const teamInputs = {
    ...INPUTS,
    swr_path: TEAM,
    region: 'cn-north-4',
    swr_instance_id: 'instance-1'
  }

  it('an image in an Enterprise Edition registry is not reused from a host-less org/app:1.0 record', async () => {
    emulator.inject({
      ...listAnswer([old({ id: 'hostless-1', swr_path: 'my-org/my-image:1.0.0' })]),
      times: 1
    })
    const run = await runAgainst(emulator, { inputs: teamInputs })
    expect(run.failed).toBe(false)
    expect(run.outputs.image_id).not.toBe('hostless-1')
    expect(run.outputs.created).toBe('true')
    expect(run.outputs.swr_path).toBe(TEAM)
    expect(posts()).toHaveLength(1)
  })

  it('an image in the region’s shared SWR is reused from its host-less record', async () => {
    emulator.inject({
      ...listAnswer([old({ id: 'hostless-1', swr_path: 'my-org/my-image:1.0.0' })]),
      times: 1
    })
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.outputs.image_id).toBe('hostless-1')
    expect(run.outputs.created).toBe('false')
    expect(posts()).toHaveLength(0)
  })
})

describe('a register answer that does not say what it is is read back, never taken on its word', () => {
  it('{id, status} is followed by a ShowImage of that id, judged like any answer', async () => {
    emulator.options.registerAnswer = record => ({ id: record.id, status: record.status })
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.failed).toBe(false)
    expect(run.log).toContain('does not say which image it is: reading it back')
    const show = emulator.requests.findIndex(r => r.method === 'GET' && IMAGE_BY_ID.test(r.path))
    const post = emulator.requests.findIndex(r => r.method === 'POST')
    expect(show).toBeGreaterThan(post)
    expect(run.outputs.swr_path).toBe(PATH)
    expect(run.outputs.created).toBe('true')
  })

  it('when ShowImage says nothing either, it is not adopted: the look-up decides', async () => {
    emulator.options.registerAnswer = record => ({ id: record.id, status: record.status })
    emulator.inject(
      answer('GET', IMAGE_BY_ID, 200, {
        body: { id: 'placeholder', status: 'ACTIVE' }
      })
    )
    const seen: string[] = []
    emulator.options.registerAnswer = record => {
      seen.push(String(record.id))
      const fault = emulator.faults.find(f => f.method === 'GET')
      if (fault) fault.body = { id: record.id, status: 'ACTIVE' }
      return { id: record.id, status: record.status }
    }
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.failed).toBe(false)
    expect(run.log).toContain('does not say which image it registers')
    expect(run.log).toContain('looking up whether the registration was committed anyway')
    expect(run.outputs.image_id).toBe(seen[0])
    expect(run.outputs.created).toBe('true')
    expect(posts()).toHaveLength(1)
  })
})

describe('a service that registers something else is not blamed on an existing registration', () => {
  it('another arch than asked: the error says the service registered something else', async () => {
    emulator.options.registerAs = body => ({ ...body, arch: 'AARCH64' })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, arch: 'X86_64' } })
    expect(run.failed).toBe(true)
    const error = errorLine(run.log) ?? ''
    expect(error).toContain('for this run, but not as asked: arch is AARCH64 (this run: X86_64)')
    expect(error).toContain('The service registered something else')
    expect(error).not.toContain('already registered')
    expect(run.summary).not.toContain('already registered')
  })
})

describe('a host-less registration in an organization whose name has a dot', () => {
  it('is reused like any host-less record of the shared SWR, not registered again', async () => {
    const dotted = 'swr.cn-north-4.myhuaweicloud.com/my.org/my-image:1.0.0'
    emulator.inject({
      ...listAnswer([old({ id: 'hostless-1', swr_path: 'my.org/my-image:1.0.0' })]),
      times: 1
    })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, swr_path: dotted } })
    expect(run.failed).toBe(false)
    expect(run.outputs.image_id).toBe('hostless-1')
    expect(posts()).toHaveLength(0)
  })
})
