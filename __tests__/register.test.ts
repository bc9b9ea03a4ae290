/**
 * Registering and waiting, end to end: the request sent, re-runs and if_exists, a lost answer never
 * duplicated, errors that name what failed, bad input refused first.
 */
import { describe, expect, it } from '@jest/globals'
import { TEST_PROJECT_ID, lifecycles } from '../tools/emulator/server.js'
import { FakeRuntime } from './helpers/fake-runtime.js'
import { errorLine, expectOutcome, runAgainst } from './helpers/run-action.js'
import { IMAGES, IMAGE_BY_ID, INPUTS, PATH, answer, useEmulator } from './helpers/emulator.js'

const emulator = useEmulator({ lifecycleFor: () => lifecycles.activeAfter(500) })

function dedicatedImages() {
  return [...emulator.images.values()].filter(i => i.type === 'DEDICATED' && !i.deleted)
}

describe('register and wait', () => {
  it('registers, waits through INIT and CREATING to ACTIVE, and sets every output', async () => {
    const run = await runAgainst(emulator)
    expect(errorLine(run.log)).toBeUndefined()
    expect(run.failed).toBe(false)
    const [image] = dedicatedImages()
    expect(image).toBeDefined()
    expect(run.outputs).toMatchObject({
      image_id: image?.id,
      status: 'ACTIVE',
      name: 'my-image',
      namespace: 'my-org',
      tag: '1.0.0',
      swr_path: PATH,
      status_message: '',
      created: 'true'
    })
    expect(JSON.parse(run.outputs.image as string)).toMatchObject({
      id: image?.id,
      status: 'ACTIVE'
    })
    // image_id is written before anything else, i.e. before waiting.
    expect(run.outputOrder[0]).toBe('image_id')
    expect(run.log).toMatch(/status INIT \(elapsed [\d.]+s, next check in (0\.9|1)s\)/)
    expect(run.log).toMatch(/status ACTIVE \(elapsed [\d.]+s\)/)
    expect(run.summary).toContain('### ✅ ACTIVE: registered by this run')
    expect(run.summary).toContain(`| Image id | \`${image?.id}\` |`)
    expect(run.summary).toContain('| Registration | created by this run |')
    expect(run.summary).toContain('| Region | `cn-north-4` |')
    expect(emulator.count('POST', IMAGES)).toBe(1)
  })

  it('sends the API field names and types, and the provenance description', async () => {
    const pushed = emulator.pushBuildx(PATH, ['linux/arm64'])
    await runAgainst(emulator, {
      inputs: {
        arch: 'arm64',
        resource_category: 'CPU,ascend',
        services: 'SSH',
        service_type: 'train',
        visibility: 'public'
      }
    })
    const post = emulator.requests.find(r => r.method === 'POST' && IMAGES.test(r.path))
    expect(JSON.parse(post?.body ?? '{}')).toEqual({
      swr_path: PATH,
      arch: 'AARCH64',
      description:
        'Registered by GitHub Actions from octo-org/app@f00dfeed0123 (release, run 4242) https://github.com/octo-org/app/actions/runs/4242 ' +
        pushed.digest,
      resource_category: ['CPU', 'ASCEND'],
      service_type: 'TRAIN',
      services: ['SSH'],
      visibility: 'PUBLIC'
    })
  })

  it('looks up the existing registration with type=DEDICATED and an exact name', async () => {
    await runAgainst(emulator, { inputs: { workspace_id: 'abcdefghijklmnopqrstuvwxyz012345' } })
    const list = emulator.requests.find(r => r.method === 'GET' && IMAGES.test(r.path))
    expect(Object.fromEntries(list?.query ?? [])).toMatchObject({
      type: 'DEDICATED',
      name: 'my-image',
      name_fuzzy_match: 'false',
      namespace: 'my-org',
      workspace_id: 'abcdefghijklmnopqrstuvwxyz012345'
    })
  })

  it('makes no status request when the registration answers ACTIVE', async () => {
    emulator.options.lifecycleFor = () => lifecycles.activeAtOnce()
    const run = await runAgainst(emulator)
    expect(run.outputs.status).toBe('ACTIVE')
    expect(emulator.count('GET', IMAGE_BY_ID)).toBe(0)
  })

  it('accepts a 201 answer to the registration', async () => {
    emulator.options.registerStatus = 201
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(false)
    expect(run.outputs.status).toBe('ACTIVE')
  })

  it.each(['CREATE_FAILED', 'ERROR'] as const)(
    'fails on %s with the status message, outputs set',
    async status => {
      emulator.options.lifecycleFor = () =>
        lifecycles.failAfter(300, { status, message: 'pull image failed: manifest unknown' })
      const run = await runAgainst(emulator)
      expect(run.failed).toBe(true)
      const id = dedicatedImages()[0]?.id
      expect(errorLine(run.log)).toBe(
        `image ${id} (${PATH}) is ${status}: pull image failed: manifest unknown`
      )
      expect(run.outputs).toMatchObject({
        image_id: id,
        status,
        status_message: 'pull image failed: manifest unknown',
        created: 'true'
      })
      expect(run.summary).toContain(`### ❌ Registration failed: \`${status}\``)
      // The cause is said once, in Why; no table row repeats it.
      expect(run.summary).toContain(
        `**Why:** \`image ${id} (${PATH}) is ${status}: pull image failed: manifest unknown\``
      )
      expect(run.summary).not.toContain('| Status message |')
    }
  )

  it('fails with DELETED when the registration disappears while waiting', async () => {
    emulator.options.lifecycleFor = () => lifecycles.activeAfter(60_000)
    const deleting = setInterval(() => {
      for (const image of dedicatedImages()) image.deleted = true
    }, 50)
    const run = await runAgainst(emulator, { inputs: { timeout: '20s' } }).finally(() =>
      clearInterval(deleting)
    )
    expect(run.failed).toBe(true)
    expect(run.outputs).toMatchObject({
      status: 'DELETED',
      name: 'my-image',
      tag: '1.0.0',
      created: 'true'
    })
    expect(errorLine(run.log)).toMatch(
      /^image \S+ \(\S+\) is DELETED: deleted while waiting \(check image status failed: HTTP 400 ModelArts.6404: /
    )
  })

  it('returns right after registering with wait: false', async () => {
    emulator.options.lifecycleFor = () => lifecycles.activeAfter(60_000)
    const run = await runAgainst(emulator, { inputs: { wait: 'FALSE' } })
    expect(run.failed).toBe(false)
    expect(run.outputs).toMatchObject({ status: 'INIT', created: 'true' })
    expect(emulator.count('GET', IMAGE_BY_ID)).toBe(0)
    expect(run.summary).toContain('Registered, not waited for: status `INIT`')
  })

  it('fails with wait: false when the registration already answers a failed status', async () => {
    emulator.options.lifecycleFor = () => [
      { status: 'CREATE_FAILED', afterMs: 0, message: 'no such image in SWR' }
    ]
    const run = await runAgainst(emulator, { inputs: { wait: 'false' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/is CREATE_FAILED: no such image in SWR$/)
  })

  it('times out naming the last status and the elapsed time', async () => {
    emulator.options.lifecycleFor = () => lifecycles.activeAfter(60_000)
    const runtime = new FakeRuntime(Date.now(), 0)
    const started = runtime.now()
    const run = await runAgainst(emulator, {
      runtime,
      inputs: { timeout: '2s', poll_interval: '1s' }
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(
      /^timed out after 2(\.\d)?s \(timeout 2s\): image [0-9a-f-]+ is still INIT\. ModelArts goes on with it: re-run the job to wait again \(the registration is reused\), or raise timeout$/
    )
    expect(run.outputs.status).toBe('INIT')
    expect(runtime.now() - started).toBeLessThanOrEqual(2000 + 3000)
  })
})

describe('re-runs and if_exists', () => {
  it('reuses an existing registration: same id, created=false, no second registration', async () => {
    const first = await runAgainst(emulator)
    const second = await runAgainst(emulator)
    expect(second.failed).toBe(false)
    expect(second.outputs).toMatchObject({
      image_id: first.outputs.image_id,
      created: 'false',
      status: 'ACTIVE'
    })
    expect(emulator.count('POST', IMAGES)).toBe(1)
    expect(second.summary).toContain('| Registration | existing, reused |')
  })

  it('waits on a reused registration that is not final yet', async () => {
    const seeded = emulator.seed(PATH, { lifecycle: lifecycles.activeAfter(800), ageMs: 0 })
    const run = await runAgainst(emulator)
    expect(run.outputs).toMatchObject({ image_id: seeded.id, created: 'false', status: 'ACTIVE' })
    expect(emulator.count('GET', IMAGE_BY_ID)).toBeGreaterThan(0)
  })

  it.each(['CREATE_FAILED', 'ERROR'] as const)(
    'replaces a %s registration instead of reusing it',
    async status => {
      const failed = emulator.seed(PATH, { lifecycle: [{ status, afterMs: 0 }] })
      const run = await runAgainst(emulator)
      expect(run.failed).toBe(false)
      expect(run.outputs.image_id).not.toBe(failed.id)
      expect(run.outputs.created).toBe('true')
      expect(failed.deleted).toBe(true)
      expect(emulator.forcedDeletes).toBe(0)
    }
  )

  it('fails with if_exists: fail, registering nothing, the existing registration’s outputs set', async () => {
    const existing = emulator.seed(PATH)
    const run = await runAgainst(emulator, { inputs: { if_exists: 'fail' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toBe(
      `${PATH} is already registered as image ${existing.id} (status ACTIVE), and if_exists is fail`
    )
    expect(emulator.count('POST', IMAGES)).toBe(0)
    expect(run.outputs).toMatchObject({
      image_id: existing.id,
      status: 'ACTIVE',
      created: 'false',
      swr_path: PATH
    })
  })

  it('replaces with if_exists: replace, never forcing the delete', async () => {
    const existing = emulator.seed(PATH, { ageMs: 3_600_000 })
    const run = await runAgainst(emulator, { inputs: { if_exists: 'Replace' } })
    expect(run.failed).toBe(false)
    expect(existing.deleted).toBe(true)
    expect(emulator.forcedDeletes).toBe(0)
    const del = emulator.requests.find(r => r.method === 'DELETE')
    expect(JSON.parse(del?.body ?? '{}')).toEqual({ is_force: false })
    expect(run.outputs).toMatchObject({ created: 'true', status: 'ACTIVE' })
    expect(run.outputs.image_id).not.toBe(existing.id)
  })

  it('never mistakes a similar name, another tag, namespace, registry or workspace, or a preset image for ours', async () => {
    emulator.seed('swr.cn-north-4.myhuaweicloud.com/my-org/my-image-dev:1.0.0')
    emulator.seed('swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.1')
    emulator.seed('swr.cn-north-4.myhuaweicloud.com/other-org/my-image:1.0.0')
    emulator.seed('swr.cn-east-3.myhuaweicloud.com/my-org/my-image:1.0.0')
    emulator.seed(PATH, { workspaceId: 'abcdefghijklmnopqrstuvwxyz012345' })
    const run = await runAgainst(emulator)
    expect(run.outputs.created).toBe('true')
    expect(emulator.count('POST', IMAGES)).toBe(1)
  })

  it('recognises a registration made without the registry host (as ma-cli makes them)', async () => {
    const existing = emulator.seed(PATH)
    existing.swr_path = 'my-org/my-image:1.0.0'
    const run = await runAgainst(emulator)
    expect(run.outputs).toMatchObject({ image_id: existing.id, created: 'false' })
    expect(emulator.count('POST', IMAGES)).toBe(0)
  })

  it('treats a conflict answer like a found registration', async () => {
    const existing = emulator.seed(PATH)
    // The first look-up misses it (a list that lags), so the registration meets ModelArts.6737.
    emulator.inject(
      answer('GET', IMAGES, 200, {
        body: { current: 0, data: [], pages: 0, size: 0, total: 0 }
      })
    )
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(false)
    expect(run.outputs).toMatchObject({ image_id: existing.id, created: 'false' })
    expect(run.log).toContain('ModelArts.6737')
  })
})

describe('a registration whose answer is lost is never duplicated', () => {
  it.each([
    ['the connection is reset after the commit', { kind: 'commit-then-reset' as const }],
    ['a 502 comes back after the commit', { kind: 'commit-then-status' as const, status: 502 }],
    ['a 503 comes back after the commit', { kind: 'commit-then-status' as const, status: 503 }],
    ['a 200 that is not JSON comes back', { kind: 'commit-then-non-json' as const }]
  ])('when %s, it adopts the committed registration (created=true)', async (_name, fault) => {
    emulator.inject({ ...fault, method: 'POST', path: IMAGES })
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(false)
    expect(dedicatedImages()).toHaveLength(1)
    expect(run.outputs).toMatchObject({
      image_id: dedicatedImages()[0]?.id,
      created: 'true',
      status: 'ACTIVE'
    })
    expect(emulator.count('POST', IMAGES)).toBe(1)
    expect(run.log).toContain('looking up whether the registration was committed anyway')
  })

  it('sends the registration again when the look-up shows it was not committed', async () => {
    emulator.inject({ kind: 'reset', method: 'POST', path: IMAGES })
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(false)
    expect(emulator.count('POST', IMAGES)).toBe(2)
    expect(dedicatedImages()).toHaveLength(1)
    expect(run.outputs.created).toBe('true')
  })

  it('re-sends after a 429, honouring Retry-After', async () => {
    emulator.inject(answer('POST', IMAGES, 429, { retryAfter: '1' }))
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(false)
    const posts = emulator.requests.filter(r => r.method === 'POST')
    expect(posts).toHaveLength(2)
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950)
    expect(dedicatedImages()).toHaveLength(1)
  })

  it('does not re-send a registration refused with 400', async () => {
    emulator.inject(answer('POST', IMAGES, 400, { errorCode: 'ModelArts.6797' }))
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(true)
    expect(emulator.count('POST', IMAGES)).toBe(1)
    expect(errorLine(run.log)).toMatch(
      /^register image failed: HTTP 400 ModelArts.6797: Injected fault \(request id req-\d+-[0-9a-f]+\); ModelArts could not read the image in SWR: /
    )
  })
})

describe('errors read "what failed: HTTP <status> <error_code>: <error_msg> (request id <id>)"', () => {
  it('for a wrong secret key, without retrying (five bad signatures lock a key)', async () => {
    const run = await runAgainst(emulator, {
      inputs: { secret_access_key: 'wrongSecret000000000000000000000000000ab' }
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(
      /^look up the project of region cn-north-4 failed: HTTP 401 APIGW.0301: Incorrect IAM authentication information: verify aksk signature fail \(request id req-\d+-\w+\)$/
    )
    expect(emulator.requests).toHaveLength(1)
    const withProject = await runAgainst(emulator, {
      inputs: {
        secret_access_key: 'wrongSecret000000000000000000000000000ab',
        project_id: '0123456789abcdef0123456789abcdef'
      }
    })
    expect(errorLine(withProject.log)).toMatch(/^read the tag in SWR failed: HTTP 401 APIGW.0301: /)
    // With the project given, ModelArts' look-up goes out beside the SWR check: each is refused
    // once, and neither is retried.
    expect(emulator.requests.slice(1).map(r => r.status)).toEqual([401, 401])
  })

  it.each([403, 404])('for HTTP %i, without retrying', async status => {
    emulator.inject({
      kind: 'status',
      status,
      errorCode: 'ModelArts.4204',
      method: 'GET',
      path: IMAGES,
      times: 5
    })
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(true)
    expect(emulator.count('GET', IMAGES)).toBe(1)
    expect(errorLine(run.log)).toMatch(
      new RegExp(
        `^look up existing registration failed: HTTP ${status} ModelArts.4204: Injected fault`
      )
    )
  })

  it('writes the summary and no image outputs when no image is known', async () => {
    emulator.inject(answer('GET', IMAGES, 403))
    const run = await runAgainst(emulator)
    expect(Object.keys(run.outputs)).toEqual(['digest'])
    expect(run.summary).toContain('**Why:** `look up existing registration failed: HTTP 403')
  })
})

describe('bad input', () => {
  it('is refused before any request, naming the input', async () => {
    const run = await runAgainst(emulator, {
      inputs: { arch: 'sparc', swr_path: 'my-org/my-image@sha256:abc' }
    })
    expect(run.failed).toBe(true)
    expect(emulator.requests).toHaveLength(0)
    const message = errorLine(run.log)
    expect(message).toContain(
      'arch: X86_64 or AARCH64; also accepted, in any case: amd64, linux/amd64, arm64, linux/arm64; got "sparc"'
    )
    expect(message).toContain('swr_path: "my-org/my-image@sha256:abc" is a digest reference')
    expect(run.summary).toContain('### ❌ Not registered: 3 inputs are invalid')
  })

  it('with no credentials at all sends no request and says how to provide them', async () => {
    const run = await runAgainst(emulator, { withKeys: false })
    expect(emulator.requests).toHaveLength(0)
    expect(errorLine(run.log)).toMatch(
      /^credentials: none given\. Provide one of: access_key_id and secret_access_key/
    )
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
