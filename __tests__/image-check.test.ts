/**
 * Knowing the image before registering it: the SWR check against the emulator's SWR
 * management API and registry, over real HTTP; the arch decision; reuse that compares; dry runs.
 */
import { describe, expect, it } from '@jest/globals'
import { TEST_PROJECT_ID, lifecycles } from '../tools/emulator/server.js'
import { FakeRuntime } from './helpers/fake-runtime.js'
import { errorLine, expectMaskedBeforeAnswer, runAgainst } from './helpers/run-action.js'
import {
  ACTIVE_AT_ONCE,
  BLOB,
  IMAGES,
  MODELARTS,
  PATH,
  TAG,
  answer,
  useEmulator
} from './helpers/emulator.js'

const SWR_OR_REGISTRY = /^\/(v2|swr)\//
/** SWR's CreateSecret: the temporary login. */
const SECRET = /\/v2\/manage\/utils\/secret$/

const emulator = useEmulator(ACTIVE_AT_ONCE)

const posts = () => emulator.requests.filter(r => r.method === 'POST' && IMAGES.test(r.path))
const posted = (): Record<string, unknown> =>
  JSON.parse(
    emulator.requests.find(r => r.method === 'POST' && IMAGES.test(r.path))?.body ?? '{}'
  ) as Record<string, unknown>
const swrRequests = (): number => emulator.requests.filter(r => SWR_OR_REGISTRY.test(r.path)).length

describe('the tag', () => {
  it.each(['current', 'legacy'] as const)(
    'a tag nobody pushed (SWR’s 404, %s error body) fails before anything is written, naming it',
    async format => {
      emulator.options.swrErrorFormat = format
      const run = await runAgainst(emulator, {
        inputs: { project_id: TEST_PROJECT_ID },
        seed: false
      })
      expect(run.failed).toBe(true)
      expect(errorLine(run.log)).toBe(
        `swr_path: ${PATH} is not in SWR (organization my-org, repository my-image, tag 1.0.0): push it first, or check the path. ` +
          'An image shared from another account cannot be checked: set check_image: false'
      )
      // ModelArts' look-up runs beside the check; nothing is written.
      expect(emulator.requests.filter(r => MODELARTS.test(r.path) && r.method !== 'GET')).toEqual(
        []
      )
    }
  )

  it("ModelArts' look-up goes out beside the check; the check's error still ends the step, even when the look-up fails too", async () => {
    emulator.inject(answer('GET', IMAGES, 403, { errorCode: 'ModelArts.4204' }))
    const run = await runAgainst(emulator, { inputs: { project_id: TEST_PROJECT_ID }, seed: false })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^swr_path: .* is not in SWR/)
    expect(emulator.requests.map(r => `${r.method} ${r.status}`).sort()).toEqual([
      'GET 403',
      'GET 404'
    ])
  })

  it('when only the look-up beside the check fails, the step ends with its error', async () => {
    emulator.pushBuildx(PATH)
    emulator.inject(answer('GET', IMAGES, 403, { errorCode: 'ModelArts.4204' }))
    const run = await runAgainst(emulator, { inputs: { project_id: TEST_PROJECT_ID } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^look up existing registration failed: HTTP 403/)
    // The check had finished: its digest is reported.
    expect(run.outputs.digest).toMatch(/^sha256:/)
  })

  it('no permission to read it is a warning, and registration goes on', async () => {
    emulator.inject(answer('*', TAG, 403, { errorCode: 'SVCSTG.SWR.4030001' }))
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(false)
    expect(run.log).toMatch(/::warning::the image was not checked: no permission to read it in SWR/)
    expect(run.outputs.digest).toBeUndefined()
    expect(posted().arch).toBeUndefined()
  })

  it('refused credentials (401) fail like any other call, with no further request', async () => {
    emulator.inject(answer('*', TAG, 401, { errorCode: 'APIGW.0301' }))
    const run = await runAgainst(emulator, { inputs: { project_id: TEST_PROJECT_ID } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^read the tag in SWR failed: HTTP 401 APIGW.0301/)
    // The tag is not asked again; only ModelArts' look-up, sent beside it, went out too.
    expect(swrRequests()).toBe(1)
    expect(emulator.requests.every(r => r.method === 'GET')).toBe(true)
    expect(emulator.requests.length).toBeLessThanOrEqual(2)
  })

  it('an SWR that keeps failing is a warning after the retries', async () => {
    emulator.inject(answer('*', TAG, 503, { times: Infinity }))
    const run = await runAgainst(emulator, { runtime: new FakeRuntime(Date.now()) })
    expect(run.failed).toBe(false)
    expect(emulator.count('GET', TAG)).toBe(5)
    expect(run.log).toMatch(/::warning::the image was not checked: SWR did not answer/)
  })

  it('check_image: false sends no SWR request', async () => {
    const run = await runAgainst(emulator, { inputs: { check_image: 'false' } })
    expect(run.failed).toBe(false)
    expect(swrRequests()).toBe(0)
    expect(run.outputs.digest).toBeUndefined()
  })

  it('another registry is not checked, and the log says so', async () => {
    const run = await runAgainst(emulator, {
      inputs: {
        swr_path: 'swr.cn-north-4.example.internal/my-org/my-image:1.0.0',
        region: 'cn-north-4',
        swr_endpoint: ''
      }
    })
    expect(run.failed).toBe(false)
    expect(swrRequests()).toBe(0)
    expect(run.log).toContain(
      'the image is not checked in SWR: swr.cn-north-4.example.internal is not the region'
    )
  })

  it('a repository name with / is written with $ in ShowRepoTag and listed without the name filter', async () => {
    const path = 'swr.cn-north-4.myhuaweicloud.com/my-org/team/trainer:2.0'
    emulator.pushBuildx(path)
    const run = await runAgainst(emulator, { inputs: { swr_path: path } })
    expect(run.failed).toBe(false)
    expect(emulator.requests.find(r => TAG.test(r.path))?.path).toBe(
      '/v2/manage/namespaces/my-org/repos/team$trainer/tags/2.0'
    )
    const list = emulator.requests.find(r => r.method === 'GET' && IMAGES.test(r.path))
    expect(list?.query.get('name')).toBeNull()
    expect(list?.query.get('namespace')).toBe('my-org')
    // A re-run finds it by an exact comparison, not by name.
    const again = await runAgainst(emulator, { inputs: { swr_path: path } })
    expect(again.outputs).toMatchObject({ image_id: run.outputs.image_id, created: 'false' })
  })
})

describe('platforms from a docker buildx index (one extra request)', () => {
  it('arch not given: the image’s own, X86_64 when amd64 is among several', async () => {
    const tag = emulator.pushBuildx(PATH, ['linux/amd64', 'linux/arm64'])
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(false)
    expect(swrRequests()).toBe(1)
    expect(posted().arch).toBe('X86_64')
    expect(run.outputs).toMatchObject({ digest: tag.digest, arch: 'X86_64' })
    expect(run.log).toContain(
      "arch not given: registering as X86_64, from the image's platforms (linux/amd64, linux/arm64)"
    )
    expect(run.summary).toContain(`| Digest | \`${tag.digest}\` |`)
    expect(run.summary).toContain('| Architecture | `X86_64` |')
    expect(String(posted().description)).toMatch(new RegExp(`${tag.digest}$`))
  })

  it('arch not given and an arm64-only image: AARCH64', async () => {
    emulator.pushBuildx(PATH, ['linux/arm64'])
    const run = await runAgainst(emulator)
    expect(posted().arch).toBe('AARCH64')
    expect(run.outputs.arch).toBe('AARCH64')
  })

  it('arch given and present: kept', async () => {
    emulator.pushBuildx(PATH, ['linux/amd64', 'linux/arm64'])
    const run = await runAgainst(emulator, { inputs: { arch: 'arm64' } })
    expect(run.failed).toBe(false)
    expect(posted().arch).toBe('AARCH64')
  })

  it('arch given and missing: fails before any write, naming both', async () => {
    const tag = emulator.pushBuildx(PATH, ['linux/amd64'])
    const run = await runAgainst(emulator, { inputs: { arch: 'AARCH64' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toBe(
      `arch is AARCH64 but ${PATH} (${tag.digest}) is built for linux/amd64 only: set arch: X86_64, or build and push linux/arm64`
    )
    expect(emulator.count('POST', IMAGES)).toBe(0)
  })

  it('no platform ModelArts can run fails, naming the platforms', async () => {
    emulator.pushBuildx(PATH, ['linux/ppc64le', 'linux/s390x'])
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(
      /is built for linux\/ppc64le, linux\/s390x, and ModelArts runs linux\/amd64 \(X86_64\) or linux\/arm64 \(AARCH64\) only/
    )
    expect(emulator.count('POST', IMAGES)).toBe(0)
  })
})

describe('platforms from a single manifest’s config blob (the registry)', () => {
  const classicPath = (): string => `${emulator.registryHost}/my-org/classic:1.0`
  /** A run for the classic image in the region's shared SWR; `inputs` adds to its inputs. */
  const runClassic = (inputs: Record<string, string> = {}) =>
    runAgainst(emulator, { inputs: { swr_path: classicPath(), region: 'cn-north-4', ...inputs } })

  it('reads the config through the Bearer flow, masks the login, registers its arch', async () => {
    emulator.pushClassic(classicPath(), 'linux/arm64')
    const run = await runClassic()
    expect(errorLine(run.log)).toBeUndefined()
    expect(posted().arch).toBe('AARCH64')
    // ShowRepoTag, CreateSecret, the blob's 401 challenge, the token, the blob.
    expect(swrRequests()).toBe(5)
    const [user, password] = [...emulator.registryLogins.entries()][0] ?? []
    expect(run.log).toContain(`::add-mask::${password}`)
    expect(run.log).toContain(`::add-mask::${user}:${password}`)
    // Basic credentials went to the token realm only.
    const basic = emulator.requests.filter(r => r.headers.authorization?.startsWith('Basic '))
    expect(basic.map(r => r.path)).toEqual(['/swr/auth/v2/registry/auth/'])
  })

  it('follows a blob redirect to another host without Authorization', async () => {
    emulator.options.blobRedirect = true
    emulator.pushClassic(classicPath(), 'linux/amd64')
    const run = await runClassic({ arch: 'x86_64' })
    expect(errorLine(run.log)).toBeUndefined()
    expect(emulator.blobStoreRequests).toHaveLength(1)
    expect(emulator.blobStoreRequests[0]?.headers.authorization).toBeUndefined()
    expect(emulator.blobStoreRequests[0]?.query.get('signature')).toBe('ok')
  })

  it('never sends the login to a token realm on another host: a warning instead', async () => {
    emulator.pushClassic(classicPath(), 'linux/arm64')
    emulator.inject(
      answer('*', /\/blobs\//, 401, {
        body: { errors: [] },
        headers: { 'WWW-Authenticate': 'Bearer realm="https://attacker.example/token",service="x"' }
      })
    )
    const run = await runClassic()
    expect(run.failed).toBe(false)
    expect(run.log).toMatch(
      /::warning::the image's platforms were not checked: .*not on the registry's own host/
    )
    expect(emulator.requests.some(r => r.headers.authorization?.startsWith('Basic '))).toBe(false)
    expect(posted().arch).toBeUndefined()
  })

  it('masks the login before anything of its answer is written: a request id that echoes it', async () => {
    const [user, password] = ['cn-north-4@TEMPECHO', 'echoed-password-0123456789abcdef']
    emulator.registryLogins.set(user, password)
    const auth = Buffer.from(`${user}:${password}`).toString('base64')
    emulator.inject(
      answer('POST', SECRET, 200, {
        body: { auths: { [emulator.registryHost]: { auth } } },
        headers: { 'X-Request-Id': password }
      })
    )
    emulator.pushClassic(classicPath(), 'linux/arm64')
    const run = await runAgainst(emulator, {
      inputs: { swr_path: classicPath(), region: 'cn-north-4' },
      env: { RUNNER_DEBUG: '1' }
    })
    expect(posted().arch).toBe('AARCH64')
    expectMaskedBeforeAnswer(run.log, password, 'POST /v2/manage/utils/secret')
  })

  it.each([
    ['the temporary SWR login', 'get a temporary SWR login', SECRET, 'auths'],
    ['the registry token', 'get a registry token', /^\/swr\/auth\/v2\/registry\/auth\/?$/, 'token']
  ])(
    '%s in a 2xx that is not JSON: retried, never quoted, the secret nowhere',
    async (_, what, path, field) => {
      const secret = 'answer-secret-0123456789abcdefABCDEF'
      const auth = Buffer.from(`u:${secret}`).toString('base64')
      const value =
        field === 'auths' ? `{"${emulator.registryHost}":{"auth":"${auth}"}}` : `"${secret}"`
      // A BOM before otherwise valid JSON: nothing of it can be read, so nothing masked.
      emulator.inject(answer('*', path, 200, { body: `\uFEFF{"${field}":${value}}` }))
      emulator.pushClassic(classicPath(), 'linux/arm64')
      const run = await runClassic()
      expect(run.failed).toBe(false)
      expect(posted().arch).toBe('AARCH64')
      for (const text of [run.log, run.summary, JSON.stringify(run.outputs)])
        for (const form of [secret, auth]) expect(text).not.toContain(form.slice(0, 16))
      expect(run.log).toMatch(
        new RegExp(
          `^${what}: HTTP 200: the answer was not JSON \\(not quoted: it may carry credentials\\) \\(request id [^)]+\\); retry 1 of 4`,
          'm'
        )
      )
    }
  )

  it('a refused temporary login (401) fails; a forbidden one (403) is a warning', async () => {
    emulator.pushClassic(classicPath(), 'linux/arm64')
    emulator.inject(answer('*', SECRET, 401, { errorCode: 'APIGW.0301' }))
    const refused = await runClassic()
    expect(refused.failed).toBe(true)
    expect(errorLine(refused.log)).toMatch(/^get a temporary SWR login failed: HTTP 401 APIGW.0301/)
    expect(emulator.count('POST', IMAGES)).toBe(0)

    emulator.inject(answer('*', SECRET, 403, { errorCode: 'SVCSTG.SWR.4030001' }))
    const forbidden = await runClassic()
    expect(forbidden.failed).toBe(false)
    expect(forbidden.log).toMatch(
      /::warning::the image's platforms were not checked: get a temporary SWR login failed: HTTP 403/
    )
  })

  it("the registry's challenge goes out beside the temporary login; a login that fails still wins", async () => {
    emulator.pushClassic(classicPath(), 'linux/arm64')
    emulator.inject(answer('*', SECRET, 403, { errorCode: 'SVCSTG.SWR.4030001' }))
    const run = await runClassic()
    expect(run.failed).toBe(false)
    expect(run.log).toMatch(/::warning::the image's platforms were not checked: get a temporary/)
    // The challenge needs no login: it was sent without waiting for one, and carried none.
    const blobs = emulator.requests.filter(r => r.path.includes('/blobs/'))
    expect(blobs.map(r => `${r.status} ${r.headers.authorization ?? 'none'}`)).toEqual(['401 none'])
    expect(emulator.requests.some(r => r.headers.authorization?.startsWith('Basic '))).toBe(false)
  })

  it('a login that fails stops the read beside it: no request of the check goes out after the registration', async () => {
    emulator.options.lifecycleFor = () => lifecycles.activeAfter(3000)
    emulator.pushClassic(classicPath(), 'linux/arm64')
    emulator.inject(answer('*', SECRET, 403, { errorCode: 'SVCSTG.SWR.4030001' }))
    // The challenge itself keeps failing: left running, it would retry during the wait.
    emulator.inject(answer('*', /\/blobs\//, 503, { times: Infinity }))
    const run = await runClassic()
    expect(run.failed).toBe(false)
    const post = emulator.requests.find(r => r.method === 'POST' && IMAGES.test(r.path))
    expect(post).toBeDefined()
    const after = emulator.requests.filter(
      r => SWR_OR_REGISTRY.test(r.path) && r.at > (post?.at ?? 0)
    )
    expect(after).toEqual([])
    expect(run.log).not.toMatch(/read the image config in the registry: HTTP 503/)
  })

  it('a check that runs past the deadline ends the step as timed out, though the look-up beside it came back in time', async () => {
    // SWR's API answers after 1.6 s of a 2 s timeout: the login does too, so the registry part
    // (best effort: it only warns) ends past the step's deadline.
    emulator.options.answerDelayMs = { 'swr-api': 1600 }
    emulator.pushClassic(classicPath(), 'linux/amd64')
    emulator.seed(classicPath(), { fields: { arch: 'X86_64' } })
    const run = await runClassic({ timeout: '2s' })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toBe(
      "timed out after 2s: look up existing registration did not finish before the step's timeout"
    )
    expect(run.log).not.toMatch(/reusing it/)
  })

  it('more than 3 redirects: a warning, and registration goes on', async () => {
    emulator.pushClassic(classicPath(), 'linux/arm64')
    const loop = { Location: `${emulator.url}/v2/my-org/classic/blobs/loop` }
    emulator.inject(
      answer('*', /\/blobs\//, 307, {
        body: '',
        headers: loop,
        times: 10
      })
    )
    const run = await runClassic()
    expect(run.failed).toBe(false)
    expect(run.log).toMatch(
      /::warning::the image's platforms were not checked: .*more than 3 redirects/
    )
  })
})

describe('reuse compares what it reuses', () => {
  it('an existing registration for another arch fails before any write, naming the fields', async () => {
    emulator.pushBuildx(PATH, ['linux/amd64'])
    const old = emulator.seed(PATH, {
      ageMs: 60_000,
      fields: { arch: 'AARCH64', service_type: 'INFERENCE' }
    })
    const run = await runAgainst(emulator, { inputs: { service_type: 'TRAIN' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toBe(
      `${PATH} is already registered as image ${old.id} (status ACTIVE), but it differs from what this run would register: ` +
        'arch is AARCH64 (this run: X86_64); service_type is INFERENCE (this run: TRAIN). ' +
        'Reusing it would hand later steps the wrong image: fix the inputs (or the tag), or set if_exists: replace to register it again'
    )
    expect(emulator.count('POST', IMAGES)).toBe(0)
    expect(emulator.count('DELETE', /images\//)).toBe(0)
    expect(run.outputs).toMatchObject({ image_id: old.id, status: 'ACTIVE', created: 'false' })
  })

  it('lists compare as sets, case-insensitively; unset inputs are not compared', async () => {
    emulator.pushBuildx(PATH)
    const old = emulator.seed(PATH, {
      ageMs: 60_000,
      fields: { resource_category: ['GPU', 'CPU'], service_type: 'INFERENCE' }
    })
    const run = await runAgainst(emulator, { inputs: { resource_category: 'cpu, gpu' } })
    expect(run.failed).toBe(false)
    expect(run.outputs).toMatchObject({ image_id: old.id, created: 'false', arch: 'X86_64' })
  })

  it.each(['ModelArts.6737', 'ModelArts.2884'])(
    'a concurrent registration found after %s is compared too',
    async code => {
      emulator.options.conflictCode = code
      emulator.pushBuildx(PATH, ['linux/amd64'])
      // The look-up finds nothing; a sibling registers before our POST arrives.
      emulator.inject(
        answer('GET', IMAGES, 200, {
          body: { data: [], total: 0 }
        })
      )
      emulator.seed(PATH, { ageMs: 0, fields: { arch: 'AARCH64' } })
      const run = await runAgainst(emulator)
      expect(run.failed).toBe(true)
      expect(errorLine(run.log)).toMatch(
        /differs from what this run would register: arch is AARCH64/
      )
    }
  )
})

describe('dry_run', () => {
  it('checks and looks up, writes nothing, and says it would register', async () => {
    const tag = emulator.pushBuildx(PATH, ['linux/arm64'])
    const run = await runAgainst(emulator, { inputs: { dry_run: 'true' } })
    expect(run.failed).toBe(false)
    expect(emulator.requests.filter(r => r.method !== 'GET')).toEqual([])
    expect(run.log).toContain(`dry run: would register ${PATH} as AARCH64; nothing was written`)
    expect(run.summary).toContain(`### 🧪 Dry run: would register \`${PATH}\` as \`AARCH64\``)
    expect(run.outputs).toEqual({ digest: tag.digest, arch: 'AARCH64', created: 'false' })
  })

  it('would reuse an existing registration, with its outputs', async () => {
    emulator.pushBuildx(PATH)
    const old = emulator.seed(PATH)
    const run = await runAgainst(emulator, { inputs: { dry_run: 'true' } })
    expect(run.failed).toBe(false)
    expect(run.log).toContain(`dry run: would reuse image ${old.id} (ACTIVE)`)
    expect(run.outputs).toMatchObject({ image_id: old.id, status: 'ACTIVE', created: 'false' })
  })

  it('would delete and register again with replace, and deletes nothing', async () => {
    emulator.pushBuildx(PATH)
    const old = emulator.seed(PATH, { ageMs: 3_600_000 })
    const run = await runAgainst(emulator, { inputs: { dry_run: 'true', if_exists: 'replace' } })
    expect(run.log).toContain(`dry run: would delete image ${old.id} and register again`)
    expect(emulator.count('DELETE', /images\//)).toBe(0)
  })

  it('fails exactly where a real run would fail before writing', async () => {
    emulator.pushBuildx(PATH)
    emulator.seed(PATH)
    const run = await runAgainst(emulator, { inputs: { dry_run: 'true', if_exists: 'fail' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^dry run: would fail: .* is already registered as image/)
    expect(run.summary).toContain('### 🧪 Dry run: would fail')
  })
})

describe('the SWR check', () => {
  it("a gateway's 404 APIGW.0101 (to the tag and to the tag list) is a wrong swr_endpoint, not a missing tag", async () => {
    emulator.inject(
      answer('*', /^\/v2\/manage\/namespaces\/[^/]+\/repos\/[^/]+\/tags(\/[^/]+)?$/, 404, {
        times: 2,
        body: {
          error_code: 'APIGW.0101',
          error_msg: 'The API does not exist or has not been published'
        }
      })
    )
    const run = await runAgainst(emulator, { inputs: { project_id: TEST_PROJECT_ID } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^swr_endpoint: SWR's API is not at this endpoint/)
    expect(posts()).toHaveLength(0)
  })

  it('a tag answer of 200 without a digest is retried like any unreadable answer', async () => {
    emulator.inject({ kind: 'status', status: 200, path: TAG, body: { name: '1.0.0' } })
    const run = await runAgainst(emulator, { inputs: { project_id: TEST_PROJECT_ID } })
    expect(run.failed).toBe(false)
    expect(run.log).toContain('HTTP 200: the tag has no sha256 digest (request id')
    expect(run.log).toMatch(/the tag has no sha256 digest.*; retry 1 of 4/)
    expect(run.log).not.toContain('the image was not checked')
    expect(run.outputs.digest).toMatch(/^sha256:/)
  })

  it('a config blob that does not match its digest leaves the image unchecked, with a warning', async () => {
    const path = `${emulator.registryHost}/my-org/classic:1.0`
    emulator.pushClassic(path, 'linux/arm64')
    emulator.inject(
      answer('*', BLOB, 200, {
        body: { architecture: 'amd64', os: 'linux' },
        times: Infinity
      })
    )
    const run = await runAgainst(emulator, {
      inputs: { project_id: TEST_PROJECT_ID, swr_path: path, region: 'cn-north-4' }
    })
    expect(run.log).toMatch(
      /::warning::the image's platforms were not checked: .*does not match its digest/
    )
    expect(run.outputs.arch).toBe('X86_64')
    const posted = JSON.parse(posts()[0]?.body ?? '{}') as Record<string, unknown>
    expect(posted.arch).toBeUndefined()
  })

  it('blob requests carry no Content-Type', async () => {
    const path = `${emulator.registryHost}/my-org/classic:1.0`
    emulator.pushClassic(path, 'linux/arm64')
    const run = await runAgainst(emulator, {
      inputs: { project_id: TEST_PROJECT_ID, swr_path: path, region: 'cn-north-4' }
    })
    expect(run.outputs.arch).toBe('AARCH64')
    const blobs = emulator.requests.filter(r => BLOB.test(r.path))
    expect(blobs.length).toBeGreaterThan(0)
    for (const blob of blobs) expect(blob.headers['content-type']).toBeUndefined()
  })
})

describe('a tag that holds both architectures', () => {
  it('registers X86_64 and says how to register the arm64 image under a tag of its own', async () => {
    const tag = emulator.pushBuildx(PATH, ['linux/amd64', 'linux/arm64'])
    const index = JSON.parse(tag.manifest) as {
      manifests: { digest: string; platform: { architecture: string } }[]
    }
    const arm64 = index.manifests.find(m => m.platform.architecture === 'arm64')?.digest ?? ''
    expect(arm64).toMatch(/^sha256:/)
    const run = await runAgainst(emulator, { inputs: { project_id: TEST_PROJECT_ID } })
    expect(run.failed).toBe(false)
    expect(run.outputs.arch).toBe('X86_64')
    expect(run.log).toContain(
      `${PATH} also holds linux/arm64, which is not registered (registered: X86_64). To register it, give it a tag of its own: ` +
        `docker buildx imagetools create --tag swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0-arm64 ` +
        `swr.cn-north-4.myhuaweicloud.com/my-org/my-image@${arm64} and register that tag with arch: AARCH64`
    )
    expect(run.summary).toContain('**Warnings:**')
    expect(run.summary).toContain(`docker buildx imagetools create --tag `)
    expect(run.summary).toContain(arm64)
  })

  it('says nothing of the kind when arch is given', async () => {
    emulator.pushBuildx(PATH, ['linux/amd64', 'linux/arm64'])
    const run = await runAgainst(emulator, {
      inputs: { project_id: TEST_PROJECT_ID, arch: 'arm64' }
    })
    expect(run.outputs.arch).toBe('AARCH64')
    expect(run.log).not.toContain('imagetools')
  })
})
