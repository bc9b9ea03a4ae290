/**
 * Release automation's other half against the emulator: waiting on an existing registration
 * (image_id) and keeping the newest registrations (keep_last, keep_tags).
 */
import { describe, expect, it } from '@jest/globals'
import { TEST_PROJECT_ID, lifecycles } from '../tools/emulator/server.js'
import { errorLine, expectOutcome, runAgainst } from './helpers/run-action.js'
import { ACTIVE_AT_ONCE, DAY, IMAGES, INPUTS, PATH, REPO, useEmulator } from './helpers/emulator.js'

const emulator = useEmulator(ACTIVE_AT_ONCE)

const writes = () => emulator.requests.filter(r => r.method !== 'GET')
const deletes = () =>
  emulator.requests.filter(r => r.method === 'DELETE').map(r => r.path.split('/').pop())
const parsedIds = (value: string | undefined) => JSON.parse(value ?? 'null') as unknown

describe('image_id: wait on an existing registration', () => {
  it('waits on it with no SWR check, no look-up and no write; created is false', async () => {
    const existing = emulator.seed(PATH, { lifecycle: lifecycles.activeAfter(1500), ageMs: 0 })
    const run = await runAgainst(emulator, {
      inputs: { project_id: TEST_PROJECT_ID, image_id: existing.id }
    })
    expect(errorLine(run.log)).toBeUndefined()
    expect(run.outputs).toMatchObject({ image_id: existing.id, status: 'ACTIVE', created: 'false' })
    expect(writes()).toEqual([])
    expect(emulator.requests.some(r => IMAGES.test(r.path))).toBe(false)
    expect(emulator.requests.some(r => r.path.startsWith('/v2/'))).toBe(false)
  })

  it('an id that does not exist fails naming it', async () => {
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, image_id: 'no-such-image' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(
      /^find image_id failed: ModelArts has no image no-such-image/
    )
    expect(run.summary.split('\n')[0]).toBe('### ❌ Not found: image `no-such-image`')
    expect(writes()).toEqual([])
  })

  it('a registration of another path is an error', async () => {
    const other = emulator.seed(`${REPO}:9.9.9`)
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, image_id: other.id } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toContain(`image ${other.id} is not a registration of ${PATH}`)
  })

  it('a failed registration fails the step like one it made', async () => {
    const failed = emulator.seed(PATH, { lifecycle: [{ status: 'CREATE_FAILED', afterMs: 0 }] })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, image_id: failed.id } })
    expect(run.failed).toBe(true)
    expect(run.outputs.status).toBe('CREATE_FAILED')
  })
})

describe('keep_last: keep the newest N registrations of the image', () => {
  const seedOlder = () => ({
    v090: emulator.seed(`${REPO}:0.9.0`, { ageMs: 1 * DAY }),
    v080: emulator.seed(`${REPO}:0.8.0`, { ageMs: 2 * DAY }),
    v070: emulator.seed(`${REPO}:0.7.0`, { ageMs: 3 * DAY }),
    release: emulator.seed(`${REPO}:v1.0.0`, { ageMs: 30 * DAY }),
    other: emulator.seed('swr.cn-north-4.myhuaweicloud.com/my-org/other:0.1', { ageMs: 9 * DAY })
  })

  it('deletes the older ones, never forced, and lists them in deleted_image_ids', async () => {
    const old = seedOlder()
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, keep_last: '3', keep_tags: '^v\\d+\\.\\d+\\.\\d+$' }
    })
    expect(errorLine(run.log)).toBeUndefined()
    // keep_last: 3 keeps three: the new one, 0.9.0 and 0.8.0; v1.0.0 matches keep_tags (set aside,
    // not counted); other is another image.
    expect(parsedIds(run.outputs.deleted_image_ids)).toEqual([old.v070.id])
    expect(deletes()).toEqual([old.v070.id])
    expect(emulator.forcedDeletes).toBe(0)
    expect(run.summary).toContain('**keep_last:**')
    expect(run.summary).toContain(`Deleted:\n\n- image \`${old.v070.id}\` (tag \`0.7.0\`)`)
    expect(run.summary).toContain(
      `- image \`${old.release.id}\` (tag \`v1.0.0\`): \`tag v1.0.0 matches keep_tags\``
    )
  })

  it('never deletes a registration made after the step started', async () => {
    const sibling = emulator.seed(`${REPO}:1.1.0`, { ageMs: -5000 })
    const v090 = emulator.seed(`${REPO}:0.9.0`, { ageMs: DAY })
    const old = emulator.seed(`${REPO}:0.8.0`, { ageMs: 2 * DAY })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1' } })
    // keep_last 1 is the new one; the sibling, past the N and made after the start, is protected.
    expect(parsedIds(run.outputs.deleted_image_ids)).toEqual([v090.id, old.id])
    expect(deletes()).not.toContain(sibling.id)
  })

  it('a dry run lists what it would delete and deletes nothing', async () => {
    const old = seedOlder()
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, keep_last: '1', dry_run: 'true' }
    })
    expect(run.failed).toBe(false)
    // keep_last 1 would be the registration this run makes: every older one would go.
    for (const image of [old.v090, old.v080, old.v070, old.release])
      expect(run.log).toContain(`would delete image ${image.id}`)
    expect(run.log).not.toContain(`would delete image ${old.other.id}`)
    expect(run.summary).toContain('Kept:\n\n- image `(the new registration)` (tag `1.0.0`)')
    expect(run.log).toContain(`would delete image ${old.v080.id} (tag 0.8.0)`)
    expect(writes()).toEqual([])
    expect(parsedIds(run.outputs.deleted_image_ids)).toEqual([])
    expect(run.summary).toContain(`Would delete:\n\n- image \`${old.v090.id}\` (tag \`0.9.0\`)`)
  })

  it('deletes nothing when the registration fails', async () => {
    seedOlder()
    emulator.options.lifecycleFor = () => [{ status: 'CREATE_FAILED', afterMs: 0 }]
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1' } })
    expect(run.failed).toBe(true)
    expect(deletes()).toEqual([])
    expect(parsedIds(run.outputs.deleted_image_ids)).toEqual([])
  })

  it('keep_last with wait: false is refused before any request', async () => {
    seedOlder()
    emulator.options.lifecycleFor = () => lifecycles.activeAfter(60_000)
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1', wait: 'false' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/keep_last: needs wait: true/)
    expect(emulator.requests).toEqual([])
  })

  it('a delete that fails is a warning, not a failed step', async () => {
    emulator.seed(`${REPO}:1.0.0-rc1`, { ageMs: DAY / 2 })
    const old = emulator.seed(`${REPO}:0.9.0`, { ageMs: DAY })
    emulator.inject({
      kind: 'status',
      status: 403,
      method: 'DELETE',
      errorCode: 'ModelArts.0203',
      times: Infinity
    })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1' } })
    expect(run.failed).toBe(false)
    expect(run.log).toContain(`::warning::keep_last: could not delete image ${old.id} (tag 0.9.0)`)
    expect(parsedIds(run.outputs.deleted_image_ids)).toEqual([])
  })

  it('leaves deleted_image_ids unset without keep_last', async () => {
    seedOlder()
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.outputs.deleted_image_ids).toBeUndefined()
    expect(deletes()).toEqual([])
  })
})

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

describe('the current RegisterImage fields', () => {
  const posted = (): Record<string, unknown> =>
    JSON.parse(
      emulator.requests.find(r => r.method === 'POST' && IMAGES.test(r.path))?.body ?? '{}'
    ) as Record<string, unknown>

  it('sends read_me as given (several lines), swr_instance_id and the current services', async () => {
    const readMe = '## Release 1.0.0\n\n- faster data loader\n- CUDA 12.4\n'
    const run = await runAgainst(emulator, {
      inputs: {
        ...INPUTS,
        read_me: readMe,
        swr_instance_id: 'instance-0001',
        services: 'NOTEBOOK, WEB_IDE, TENSOR_BOARD, AI_FLOW, MA_STUDIO, SSH'
      }
    })
    expectOutcome(run, { failed: false, status: 'ACTIVE' })
    // Inner lines as given; the trailing newline of a YAML block is the runner's, and is trimmed.
    expect(posted()).toMatchObject({
      read_me: readMe.trimEnd(),
      swr_instance_id: 'instance-0001',
      services: ['NOTEBOOK', 'WEB_IDE', 'TENSOR_BOARD', 'AI_FLOW', 'MA_STUDIO', 'SSH']
    })
    expect(JSON.parse(run.outputs.image ?? '{}')).toMatchObject({ read_me: readMe.trimEnd() })
  })

  it('a re-run does not compare read_me', async () => {
    emulator.seed(PATH, { fields: { read_me: 'old notes' } })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, read_me: 'new notes' } })
    expectOutcome(run, { failed: false, created: 'false' })
  })

  it('the emulator answers an unknown request field naming it', async () => {
    const { HttpApi, accessKeyAuth } = await import('../src/cloud/http.js')
    const { Budget } = await import('../src/budget.js')
    const { systemRuntime } = await import('../src/base/runtime.js')
    const { MemoryLogger } = await import('./helpers/fake-runtime.js')
    const { TEST_AK, TEST_SK } = await import('../tools/emulator/server.js')
    const http = new HttpApi({
      runtime: systemRuntime,
      log: new MemoryLogger(),
      budget: new Budget(systemRuntime, Date.now() + 10_000, new AbortController().signal)
    })
    const answer = http.send({
      what: 'register image',
      method: 'POST',
      endpoint: emulator.url,
      path: `/v1/${TEST_PROJECT_ID}/images`,
      body: { swr_path: PATH, read_me_x: 'typo' },
      headers: { 'X-Project-Id': TEST_PROJECT_ID },
      auth: accessKeyAuth({ accessKeyId: TEST_AK, secretAccessKey: TEST_SK }),
      retry: 'throttled-only'
    })
    await expect(answer).rejects.toMatchObject({
      status: 400,
      errorCode: 'ModelArts.0101',
      errorMsg: expect.stringContaining('unknown field "read_me_x" in the request body')
    })
    http.dispose()
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

describe('image_id without swr_path', () => {
  it('waits on the registration it names, whatever its path', async () => {
    const existing = emulator.seed(PATH, { lifecycle: lifecycles.activeAfter(800), ageMs: 0 })
    const run = await runAgainst(emulator, {
      inputs: {
        project_id: TEST_PROJECT_ID,
        swr_path: '',
        region: 'cn-north-4',
        image_id: existing.id
      }
    })
    expectOutcome(run, { failed: false, image_id: existing.id, status: 'ACTIVE', created: 'false' })
    expect(run.outputs.swr_path).toBe(PATH)
    expect(writes()).toEqual([])
  })

  it('without image_id, swr_path stays required with the same message', async () => {
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, swr_path: '', region: 'cn-north-4' }
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^swr_path: required/)
    expect(emulator.requests).toEqual([])
  })
})
