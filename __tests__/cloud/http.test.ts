/**
 * The retry layer against the emulator, over real HTTP: what is retried, how long it waits, and
 * that the deadline and cancellation hold whatever the service does.
 */
import { describe, expect, it } from '@jest/globals'
import { ApiError, CancelledError, DeadlineError, NetworkError } from '../../src/base/errors.js'
import { Budget } from '../../src/budget.js'
import { HttpApi, accessKeyAuth, type ApiRequest } from '../../src/cloud/http.js'
import { parseRetryAfter } from '../../src/cloud/answer.js'
import { systemRuntime } from '../../src/base/runtime.js'
import { TEST_AK, TEST_PROJECT_ID, TEST_SK } from '../../tools/emulator/server.js'
import { MemoryLogger } from '../helpers/fake-runtime.js'
import { answer, useEmulator } from '../helpers/emulator.js'

const emulator = useEmulator()

const auth = accessKeyAuth({ accessKeyId: TEST_AK, secretAccessKey: TEST_SK })
const IMAGES = /\/images$/

type ClientOptions = Partial<Omit<ConstructorParameters<typeof HttpApi>[0], 'budget'>> & {
  deadline?: number
  signal?: AbortSignal
}

function client({ deadline, signal, ...options }: ClientOptions = {}) {
  const log = new MemoryLogger()
  const api = new HttpApi({
    runtime: systemRuntime,
    log,
    budget: new Budget(
      systemRuntime,
      deadline ?? Date.now() + 20_000,
      signal ?? new AbortController().signal
    ),
    baseBackoffMs: 50,
    maxBackoffMs: 200,
    ...options
  })
  return { api, log }
}

function list(retry: ApiRequest['retry'] = 'transient'): ApiRequest {
  return {
    what: 'list images',
    method: 'GET',
    endpoint: emulator.url,
    path: `/v1/${TEST_PROJECT_ID}/images`,
    query: { type: 'DEDICATED' },
    auth,
    retry
  }
}

describe('retried: 429, 500, 502, 503, 504, network errors, non-JSON 2xx', () => {
  it.each([429, 500, 502, 503, 504])('HTTP %i, then success', async status => {
    emulator.inject(answer('*', IMAGES, status, { times: 2 }))
    const { api, log } = client()
    const response = await api.send(list())
    api.dispose()
    expect(response.status).toBe(200)
    expect(emulator.count('GET', IMAGES)).toBe(3)
    const retries = log.lines.filter(l => l.startsWith('list images: HTTP'))
    expect(retries).toHaveLength(2)
    expect(retries[0]).toMatch(
      new RegExp(
        `^list images: HTTP ${status} \\S+ \\(request id req-\\d+-\\w+\\); ${status === 429 ? "throttled, retry 1 \\(429 is retried until the step's timeout\\)" : 'retry 1 of 4'} in [\\d.]+s$`
      )
    )
  })

  it.each([
    ['a reset connection', 'reset'],
    ['a 200 that is not JSON', 'non-json']
  ] as const)('%s, then success', async (_name, kind) => {
    emulator.inject({ kind, path: IMAGES })
    const { api, log } = client()
    await expect(api.send(list())).resolves.toMatchObject({ status: 200 })
    api.dispose()
    expect(emulator.count('GET', IMAGES)).toBe(2)
    expect(log.lines.filter(l => l.includes('retry 1 of 4'))).toHaveLength(1)
  })

  it('a silent socket, after the per-request timeout', async () => {
    emulator.inject({ kind: 'silent', path: IMAGES })
    const { api, log } = client({ requestTimeoutMs: 300 })
    const started = Date.now()
    await expect(api.send(list())).resolves.toMatchObject({ status: 200 })
    api.dispose()
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    expect(log.lines).toContainEqual(
      expect.stringMatching(/^list images: no answer within 0.3s; retry 1 of 4/)
    )
  })

  it('honours Retry-After in seconds', async () => {
    emulator.inject(answer('*', IMAGES, 503, { retryAfter: '1' }))
    const { api } = client()
    await api.send(list())
    api.dispose()
    const [first, second] = emulator.requests.filter(r => IMAGES.test(r.path))
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950)
  })

  it('retries 429 past the attempt limit, until the deadline', async () => {
    emulator.inject(answer('*', IMAGES, 429, { times: 9, retryAfter: '0' }))
    const { api, log } = client({ maxAttempts: 5, baseBackoffMs: 5, maxBackoffMs: 20 })
    const response = await api.send(list())
    api.dispose()
    expect(response.status).toBe(200)
    expect(emulator.count('GET', IMAGES)).toBe(10)
    expect(log.lines.filter(l => l.includes('throttled, retry'))).toHaveLength(9)
  })

  it('gives up after the attempt limit with the last error', async () => {
    emulator.inject(
      answer('*', IMAGES, 503, {
        errorCode: 'ModelArts.0010',
        times: Infinity
      })
    )
    const { api } = client({ maxAttempts: 3 })
    const error = await api.send(list()).catch((e: unknown) => e)
    api.dispose()
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(
      /^list images failed: HTTP 503 ModelArts.0010: Injected fault \(request id req-\d+-\w+\)$/
    )
    expect(emulator.count('GET', IMAGES)).toBe(3)
  })
})

describe('never retried', () => {
  it.each([400, 401, 403, 404])('HTTP %i', async status => {
    emulator.inject(answer('*', IMAGES, status, { times: 5 }))
    const { api } = client()
    await expect(api.send(list())).rejects.toMatchObject({ status })
    api.dispose()
    expect(emulator.count('GET', IMAGES)).toBe(1)
  })

  it('a write that is not idempotent, on 5xx or network errors: only 429 is re-sent', async () => {
    const post = {
      ...list('throttled-only'),
      method: 'POST' as const,
      query: {},
      body: { swr_path: 'swr.x.y/a/b:c1234567' }
    }
    emulator.inject({ kind: 'status', status: 503, method: 'POST' })
    const { api } = client()
    await expect(api.send(post)).rejects.toMatchObject({ status: 503 })
    emulator.inject({ kind: 'reset', method: 'POST' })
    await expect(api.send(post)).rejects.toBeInstanceOf(NetworkError)
    emulator.inject({ kind: 'status', status: 429, method: 'POST' })
    await expect(api.send(post)).resolves.toMatchObject({ status: 200 })
    api.dispose()
    expect(emulator.count('POST', IMAGES)).toBe(4)
  })
})

describe('the deadline and cancellation', () => {
  it('does not start a retry whose pause would pass the deadline', async () => {
    emulator.inject(
      answer('*', IMAGES, 503, {
        retryAfter: '30',
        times: Infinity
      })
    )
    const { api, log } = client({ deadline: Date.now() + 2000 })
    const started = Date.now()
    await expect(api.send(list())).rejects.toMatchObject({ status: 503 })
    api.dispose()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(log.lines).toContainEqual(
      expect.stringContaining("no retry: the step's timeout comes first")
    )
  })

  it('cuts a silent request short at the deadline', async () => {
    emulator.inject({ kind: 'silent', path: IMAGES, times: Infinity })
    const { api } = client({ deadline: Date.now() + 500 })
    const started = Date.now()
    await expect(api.send(list())).rejects.toBeInstanceOf(DeadlineError)
    api.dispose()
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it('stops a request in flight when cancelled', async () => {
    emulator.inject({ kind: 'silent', path: IMAGES })
    const cancel = new AbortController()
    const { api } = client({ signal: cancel.signal })
    setTimeout(() => cancel.abort(), 100)
    const started = Date.now()
    await expect(api.send(list())).rejects.toBeInstanceOf(CancelledError)
    api.dispose()
    expect(Date.now() - started).toBeLessThan(2000)
  })
})

describe('answers', () => {
  it('reads IAM-style nested errors', async () => {
    emulator.inject(
      answer('*', IMAGES, 400, {
        body: { error: { code: 'IAM.0001', message: 'bad' } }
      })
    )
    const { api } = client()
    await expect(api.send(list())).rejects.toThrow(
      /^list images failed: HTTP 400 IAM.0001: bad \(request id req-/
    )
    api.dispose()
  })

  it('a 2xx that is not JSON is quoted, unless the request declares that its answer brings secrets', async () => {
    const masked: string[] = []
    const answerSecrets = { of: () => ['never found'], mask: (s: string) => void masked.push(s) }
    emulator.inject({ kind: 'non-json', path: IMAGES, times: 2 })
    const { api } = client({ maxAttempts: 1 })
    const quoted = await api.send(list()).catch((e: unknown) => e)
    const withheld = await api.send({ ...list(), answerSecrets }).catch((e: unknown) => e)
    api.dispose()
    expect([quoted, withheld]).toMatchObject([
      {
        status: 200,
        errorMsg: 'the answer was not JSON: <html><body>502 Bad Gateway (upstream)</body></html>'
      },
      { status: 200, errorMsg: 'the answer was not JSON (not quoted: it may carry credentials)' }
    ])
    // What the request names as its secrets is masked whatever the answer.
    expect(masked).toEqual(['never found'])
  })

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6)
    expect(parseRetryAfter('soon', 0)).toBeUndefined()
    expect(parseRetryAfter(undefined, 0)).toBeUndefined()
  })

  it('logs method, path, status and request id at debug level, never headers', async () => {
    const { api, log } = client()
    await api.send(list())
    api.dispose()
    const line = log.lines.find(l => l.startsWith('debug: GET'))
    expect(line).toMatch(/^debug: GET \/v1\/\w+\/images -> 200 \(request id req-\d+-\w+, \d+ ms\)$/)
    expect(log.lines.join('\n')).not.toMatch(/Authorization|SDK-HMAC|Signature=/i)
  })
})
