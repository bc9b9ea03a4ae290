/**
 * Trust no answer: servers that send control characters, records for other images, unreadable
 * lists, oversized bodies and endless throttling; secrets quoted back; a runner token service that
 * never answers; a missing output file. Each case is a way a server could make the action misbehave.
 */
import { describe, expect, it } from '@jest/globals'
import { parseConfig } from '../src/config/inputs.js'
import { conclude } from '../src/report/conclusion.js'
import { Secrets, echoedForms } from '../src/base/secrets.js'
import { serverText } from '../src/base/text.js'
import { summaryMarkdown } from '../src/report/summary.js'
import {
  TEST_AGENCY_URN,
  TEST_AK,
  TEST_PROJECT_ID,
  TEST_PROVIDER_URN,
  TEST_SK,
  lifecycles
} from '../tools/emulator/server.js'
import { FakeRuntime } from './helpers/fake-runtime.js'
import { type ActionRun, errorLine, oidcEnv, runAgainst } from './helpers/run-action.js'
import {
  IMAGES,
  IMAGE_BY_ID,
  KEYS,
  PATH,
  answer,
  answerRegister,
  useEmulator
} from './helpers/emulator.js'

const emulator = useEmulator({ lifecycleFor: () => lifecycles.activeAfter(300) })

/** Workflow commands in the log that the action did not mean to issue. */
function injectedCommands(run: ActionRun): string[] {
  return run.log
    .split('\n')
    .filter(line => /^::/.test(line))
    .filter(line => !/^::(debug|warning|error)::/.test(line))
    .filter(line => !echoedForms(TEST_SK).some(form => line === `::add-mask::${form}`))
}

describe('server text cannot start a workflow command', () => {
  const evil = 'x\n::add-mask::ModelArts\r\n::set-output name=image_id::evil\n::error::pwned'

  it('in an error message, an error code and a request id that reach info lines', async () => {
    emulator.inject(
      answer('GET', IMAGES, 503, {
        body: { error_code: `ModelArts.0010${evil}`, error_msg: evil, request_id: `r1${evil}` }
      })
    )
    emulator.inject(answerRegister(400, { error_code: 'ModelArts.6737', error_msg: evil }))
    const run = await runAgainst(emulator, { inputs: KEYS })
    expect(injectedCommands(run)).toEqual([])
    expect(run.log).toContain('HTTP 503 ModelArts.0010x ::add-mask::ModelArts')
    expect(run.outputs.image_id ?? '').not.toContain('evil')
  })

  it('in a status message and a description', async () => {
    emulator.inject(
      answerRegister(200, {
        id: 'abc-123',
        status: 'INIT',
        swr_path: PATH,
        description: evil,
        status_message: evil
      })
    )
    emulator.inject(
      answer('GET', IMAGE_BY_ID, 200, {
        body: { id: 'abc-123', status: 'CREATE_FAILED', swr_path: PATH, status_message: evil },
        times: Infinity
      })
    )
    const run = await runAgainst(emulator, { inputs: KEYS })
    expect(injectedCommands(run)).toEqual([])
    expect(run.outputs.status).toBe('CREATE_FAILED')
    expect(run.outputs.status_message).not.toMatch(/[\r\n]/)
    expect(run.summary).not.toMatch(/\n::/)
  })

  it('in a status or a name: the record is not this image, and is never adopted', async () => {
    emulator.inject(
      answerRegister(200, { id: 'abc-123', status: `INIT${evil}`, status_message: evil })
    )
    emulator.inject(answerRegister(200, { id: 'abc-124', status: 'INIT', name: evil }))
    const run = await runAgainst(emulator, { inputs: KEYS })
    expect(injectedCommands(run)).toEqual([])
    // Both answers say no path: read back, unknown to ShowImage, so unreadable like lost ones:
    // looked up, not found, sent again.
    expect(run.failed).toBe(false)
    expect(run.outputs.image_id).not.toMatch(/^abc-12/)
    expect(run.outputs.status).toBe('ACTIVE')
    expect(run.log).toContain('the answer names image abc-123, which ModelArts does not show')
    expect(run.log).toContain('the answer names image abc-124, which ModelArts does not show')
  })

  it('an image id that is not an id is never adopted or used in a path', async () => {
    for (const id of ['a\nb', '..', 'a/b', { x: 1 }, 'x'.repeat(129)]) {
      emulator.inject(answerRegister(200, { id, status: 'ACTIVE' }))
    }
    const run = await runAgainst(emulator, { inputs: KEYS })
    // Each unreadable answer is treated as lost: look up, find nothing, send again (3 at most).
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(
      /^register image failed: HTTP 200: an image record has no valid id/
    )
    expect(run.outputs.image_id).toBeUndefined()
    expect(emulator.requests.some(r => /\/images\/(\.\.|a|\[object)/.test(r.path))).toBe(false)
  })
})

it('a ShowImage answer for another id is not adopted', async () => {
  emulator.options.lifecycleFor = () => lifecycles.activeAfter(60_000)
  emulator.inject(
    answer('GET', IMAGE_BY_ID, 200, {
      body: { id: 'someone-elses-image', status: 'ACTIVE', name: 'other' },
      times: Infinity
    })
  )
  const run = await runAgainst(emulator, { inputs: { ...KEYS, timeout: '2s' } })
  expect(run.failed).toBe(true)
  expect(run.outputs.status).toBe('INIT')
  expect(run.outputs.image_id).not.toBe('someone-elses-image')
  expect(errorLine(run.log)).toMatch(
    /the last check failed: .*the answer is for image someone-elses-image/
  )
})

describe('list answers are validated', () => {
  it.each([
    ['a null entry', [null]],
    ['an entry without an id', [{ status: 'ACTIVE', swr_path: PATH }]],
    ['an object id', [{ id: { x: 1 }, status: 'ACTIVE', swr_path: PATH }]],
    ['an id of ..', [{ id: '..', status: 'ACTIVE', swr_path: PATH }]],
    ['no data list', undefined]
  ])('%s is an error naming the call, and nothing is registered', async (_name, data) => {
    emulator.inject(
      answer('GET', IMAGES, 200, {
        body: { data, total: 1 }
      })
    )
    const run = await runAgainst(emulator, { inputs: KEYS })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^look up existing registration failed: HTTP 200: /)
    expect(emulator.count('POST', IMAGES)).toBe(0)
    expect(emulator.requests.filter(r => IMAGE_BY_ID.test(r.path))).toEqual([])
    expect(run.outputs.image_id).toBeUndefined()
    expect(run.outputs.status).toBeUndefined()
  })
})

describe('secrets quoted back by a server stay masked', () => {
  it('a non-JSON error body is redacted before it is shortened', async () => {
    emulator.inject(
      answer('GET', IMAGES, 400, {
        body: `<html>${'y'.repeat(100)} ${TEST_SK} trailing</html>`
      })
    )
    const run = await runAgainst(emulator, { inputs: KEYS })
    const message = errorLine(run.log) ?? ''
    expect(message).toMatch(/^look up existing registration failed: HTTP 400/)
    expect(message).toContain('***')
    expect(message).not.toContain(TEST_SK.slice(0, 8))
    expect(run.summary).not.toContain(TEST_SK.slice(0, 8))
  })

  it('the summary neither splits a secret with escapes nor shows it', () => {
    const secret = 'quoted_secret*value'
    const secrets = new Secrets(() => undefined)
    secrets.add(secret)
    const result = {
      outcome: { kind: 'error' as const, error: new Error(`refused token ${secret} | and _more_`) },
      elapsedMs: 10
    }
    const markdown = summaryMarkdown(result, conclude(result), text => secrets.redact(text))
    expect(markdown).not.toContain('quoted')
    expect(markdown).toContain('`refused token *** | and _more_`')
    // An unknown secret (one the runner masks but the action never saw) stays whole in a code span.
    const other = summaryMarkdown(result, conclude(result))
    expect(other).toContain(secret)
  })
})

describe.each([
  ['identity_provider', { identity_provider: 'github-actions', audience: 'huaweicloud' }],
  ['agency_urn', { agency_urn: TEST_AGENCY_URN, provider_urn: TEST_PROVIDER_URN }]
])('the OIDC id-token request (%s) obeys the deadline and cancellation', (_kind, keyless) => {
  const oidcInputs = { ...keyless, project_id: TEST_PROJECT_ID }

  it('a runner token service that never answers ends at the timeout', async () => {
    const runtime = new FakeRuntime(Date.now())
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: { ...oidcInputs, timeout: '5m' },
      env: oidcEnv(emulator),
      runtime,
      getIdToken: () => new Promise<string>(() => undefined)
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(
      /^timed out after 5m 00s: get the GitHub OIDC id token from the runner did not finish before the step's timeout$/
    )
    expect(emulator.requests).toEqual([])
  })

  it('a cancel stops waiting for it at once', async () => {
    const cancel = new AbortController()
    setTimeout(() => cancel.abort(), 100)
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: oidcInputs,
      env: oidcEnv(emulator),
      signal: cancel.signal,
      getIdToken: () => new Promise<string>(() => undefined)
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^cancelled after/)
  })
})

describe('throttling', () => {
  // 429 retried past the error count, until the deadline: cloud/http.test.ts (the retry layer alone).
  it('other transient errors keep their bounded count', async () => {
    emulator.inject(answer('*', IMAGES, 503, { times: Infinity }))
    const run = await runAgainst(emulator, { inputs: KEYS, runtime: new FakeRuntime(Date.now()) })
    expect(run.failed).toBe(true)
    expect(emulator.count('GET', IMAGES)).toBe(5)
  })
})

describe('size limits', () => {
  it('an answer over 1 MiB is refused as unreadable', async () => {
    emulator.inject(
      answer('GET', IMAGES, 200, {
        body: { data: [], total: 0, padding: 'x'.repeat(1024 * 1024 + 1) }
      })
    )
    const run = await runAgainst(emulator, { inputs: KEYS, runtime: new FakeRuntime(Date.now()) })
    expect(errorLine(run.log)).toBeUndefined()
    // Refused, retried, then the next (normal) answer is read.
    expect(run.log).toContain('the answer is larger than 1 MiB')
    expect(emulator.count('GET', IMAGES)).toBe(2)
  })

  it('the image output stays far below what GitHub accepts', async () => {
    emulator.inject(
      answerRegister(200, {
        id: 'big-1',
        status: 'ACTIVE',
        swr_path: PATH,
        description: 'd'.repeat(300_000)
      })
    )
    const run = await runAgainst(emulator, { inputs: KEYS })
    expect(run.failed).toBe(false)
    expect(run.outputs.image?.length).toBeLessThanOrEqual(64 * 1024)
    expect(JSON.parse(run.outputs.image ?? '{}')).toMatchObject({ id: 'big-1', status: 'ACTIVE' })
  })
})

describe('every pause ends at the deadline', () => {
  it('confirming a delete that ModelArts never confirms', async () => {
    const old = emulator.seed(PATH, { lifecycle: lifecycles.failAfter(0) })
    emulator.inject(
      answer('GET', IMAGE_BY_ID, 200, {
        body: { id: old.id, status: 'CREATE_FAILED', swr_path: PATH },
        times: Infinity
      })
    )
    const runtime = new FakeRuntime(Date.now())
    const started = runtime.now()
    const run = await runAgainst(emulator, { inputs: { ...KEYS, timeout: '20s' }, runtime })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(
      /confirm the delete of image \S+ did not finish before the step's timeout/
    )
    expect(runtime.now() - started).toBeLessThanOrEqual(20_000 + 3_000)
  })

  it('sending a lost registration again', async () => {
    emulator.inject({ kind: 'reset', method: 'POST', path: IMAGES, times: Infinity })
    const runtime = new FakeRuntime(Date.now())
    const started = runtime.now()
    const run = await runAgainst(emulator, { inputs: { ...KEYS, timeout: '1s' }, runtime })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/register image did not finish before the step's timeout/)
    expect(runtime.now() - started).toBeLessThanOrEqual(1_000 + 3_000)
  })
})

it('a missing GITHUB_OUTPUT file still ends in an error line and a summary', async () => {
  const run = await runAgainst(emulator, {
    inputs: KEYS,
    env: { GITHUB_OUTPUT: '/nonexistent/dir/output' }
  })
  expect(run.failed).toBe(true)
  expect(errorLine(run.log)).toMatch(/could not write the step's outputs: Missing file/)
  expect(run.summary).toContain('### ')
})

describe('inputs that hold credentials are never echoed', () => {
  it.each([
    'https://user:hunter2@modelarts.example.com',
    'http://user:hunter2@10.0.0.1',
    'not a url user:hunter2@'
  ])('endpoint %s', endpoint => {
    const problems = (() => {
      try {
        parseConfig({
          input: name =>
            ({ swr_path: PATH, endpoint, access_key_id: TEST_AK, secret_access_key: TEST_SK })[
              name
            ] ?? '',
          env: {},
          mask: () => undefined
        })
      } catch (error) {
        return String(error)
      }
      return ''
    })()
    expect(problems).toMatch(/^InputError: endpoint: /)
    expect(problems).not.toContain('hunter2')
  })

  it('a token with a line break is an input error, and nothing is sent', async () => {
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: { auth_token: 'MIIabc\nMIIdef' }
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^auth_token: holds a line break/)
    expect(emulator.requests).toEqual([])
    const unmasked = run.log.split('\n').filter(l => !l.startsWith('::add-mask::'))
    expect(unmasked.filter(l => l.includes('MIIabc'))).toEqual([])
    expect(run.log).toContain('::add-mask::MIIabc\n')
  })
})

describe('secrets are registered in the forms a server may echo them in', () => {
  it('echoedForms: as given, URL-encoded and base64', () => {
    expect(echoedForms('a+b/c=d&e')).toEqual(['a+b/c=d&e', 'a%2Bb%2Fc%3Dd%26e', 'YStiL2M9ZCZl'])
    expect(echoedForms('plain')).toEqual(['plain', 'cGxhaW4='])
  })

  it('Secrets masks and redacts every form', () => {
    const masked: string[] = []
    const secrets = new Secrets(secret => masked.push(secret))
    secrets.add('a+b/c=d&e')
    secrets.add('a+b/c=d&e')
    expect(masked).toEqual(['a+b/c=d&e', 'a%2Bb%2Fc%3Dd%26e', 'YStiL2M9ZCZl'])
    expect(secrets.redact('x a%2Bb%2Fc%3Dd%26e y YStiL2M9ZCZl z a+b/c=d&e')).toBe(
      'x *** y *** z ***'
    )
  })

  it('a security token echoed URL-encoded and in base64 reaches neither the outputs, the log nor the summary', async () => {
    const token = 'tok+en/with=chars&more'
    emulator.temporaryKeys.set('HST3EXAMPLETEMPAK001', {
      secretAccessKey: 'tempSecret',
      securityToken: token
    })
    const encoded = encodeURIComponent(token)
    const base64 = Buffer.from(token).toString('base64')
    emulator.inject(
      answerRegister(200, {
        id: 'img-echo',
        status: 'CREATE_FAILED',
        swr_path: PATH,
        type: 'DEDICATED',
        status_message: `pull failed: GET /v2/token?token=${encoded} (Authorization: Basic ${base64})`
      })
    )
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: {
        access_key_id: 'HST3EXAMPLETEMPAK001',
        secret_access_key: 'tempSecret',
        security_token: token,
        project_id: TEST_PROJECT_ID,
        check_image: 'false'
      }
    })
    expect(run.failed).toBe(true)
    expect(run.outputs.status_message).toContain('***')
    const log = run.log
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    for (const form of [encoded, base64]) {
      expect(JSON.stringify(run.outputs)).not.toContain(form)
      expect(run.summary).not.toContain(form)
      expect(log).not.toContain(form)
      // The workflow command escapes % (as @actions/core does); the runner reads it back.
      expect(run.log).toContain(`::add-mask::${form.replace(/%/g, '%25')}`)
    }
  })
})

describe('server text loses bidirectional overrides and isolates', () => {
  it.each([
    ['an override', 'image\u202Eevil', 'imageevil'],
    ['an embedding', 'a\u202Ab\u202Cc', 'abc'],
    ['an isolate', 'x\u2066y\u2069z', 'xyz'],
    ['several in a row', 'a\u202D\u2067\u2068b', 'ab'],
    ['beside a line break', 'a\u202E\nb', 'a b'],
    ['the marks left alone', 'a\u200Eb\u200Fc', 'a\u200Eb\u200Fc']
  ])('%s', (_, text, expected) => {
    expect(serverText(text)).toBe(expected)
  })

  it('an error message with an override reaches the log without it', async () => {
    emulator.inject(
      answer('POST', IMAGES, 400, {
        errorCode: 'ModelArts.0104',
        body: { error_code: 'ModelArts.0104', error_msg: 'refused \u202Egnp.exe' }
      })
    )
    const run = await runAgainst(emulator, { inputs: { ...KEYS, check_image: 'false' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toContain('refused gnp.exe')
    expect(run.log).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
    expect(run.summary).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
  })
})
