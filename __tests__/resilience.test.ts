/**
 * The step's promises under a hostile service: the deadline holds, cancel is prompt and writes what
 * is known, and no secret ever reaches the log, the outputs or the summary.
 */
import { describe, expect, it } from '@jest/globals'
import {
  TEST_AUDIENCE,
  TEST_IDP,
  TEST_PROJECT_ID,
  TEST_SK,
  lifecycles
} from '../tools/emulator/server.js'
import { FakeRuntime } from './helpers/fake-runtime.js'
import { type ActionRun, errorLine, oidcEnv, runAgainst } from './helpers/run-action.js'
import { IMAGES, IMAGE_BY_ID, answer, useEmulator } from './helpers/emulator.js'

const TWO_SECONDS = { timeout: '2s', project_id: TEST_PROJECT_ID }

const emulator = useEmulator({ lifecycleFor: () => lifecycles.activeAfter(60_000) })

describe('the deadline holds whatever the service does', () => {
  it('with status checks answered 503 forever', async () => {
    emulator.inject(answer('GET', IMAGE_BY_ID, 503, { times: Infinity }))
    // On a fake clock: the bound is exact, whatever the machine's load.
    const runtime = new FakeRuntime(Date.now())
    const started = runtime.now()
    const run = await runAgainst(emulator, {
      runtime,
      inputs: { timeout: '3s', project_id: TEST_PROJECT_ID }
    })
    expect(run.failed).toBe(true)
    expect(runtime.now() - started).toBeLessThanOrEqual(3000 + 3000)
    expect(errorLine(run.log)).toMatch(
      /^timed out after [\d.]+s \(timeout 3s\): image \S+ is still INIT; the last check failed: check image status failed: HTTP 503/
    )
    expect(run.outputs.image_id).toBeDefined()
  })

  it('sends no status request after the deadline: the grace is for the last answer, not its retries', async () => {
    emulator.inject(answer('GET', IMAGE_BY_ID, 502, { times: 50 }))
    // On a fake clock only pauses move time: a retry after the deadline needs a pause past it.
    const runtime = new FakeRuntime(Date.now(), 0.9)
    const started = runtime.now()
    const checksAt: number[] = []
    const at = runtime.sleep
    runtime.sleep = async (ms, signal) => {
      await at(ms, signal)
      checksAt.push(runtime.now() - started)
    }
    const run = await runAgainst(emulator, {
      runtime,
      inputs: { timeout: '6s', project_id: TEST_PROJECT_ID }
    })
    expect(run.failed).toBe(true)
    expect(Math.max(...checksAt)).toBeLessThanOrEqual(6000)
    expect(errorLine(run.log)).toMatch(
      /^timed out after 6(\.0)?s \(timeout 6s\): image \S+ is still INIT/
    )
  })

  it('with a status check that never answers', async () => {
    emulator.inject({ kind: 'silent', method: 'GET', path: IMAGE_BY_ID, times: Infinity })
    const run = await runAgainst(emulator, { inputs: TWO_SECONDS })
    expect(run.failed).toBe(true)
    expect(run.elapsedMs).toBeLessThan(2000 + 3000 + 4000) // timeout, grace, a loaded machine's slack
    expect(errorLine(run.log)).toMatch(
      /^timed out after [\d.]+s \(timeout 2s\): image \S+ is still INIT/
    )
  })

  it('with a registration that never answers', async () => {
    emulator.inject({ kind: 'silent', method: 'POST', path: IMAGES, times: Infinity })
    const run = await runAgainst(emulator, { inputs: TWO_SECONDS })
    expect(run.failed).toBe(true)
    expect(run.elapsedMs).toBeLessThan(2000 + 3000 + 4000) // timeout, grace, a loaded machine's slack
    expect(errorLine(run.log)).toMatch(/^timed out after [\d.]+s: /)
  })

  it('a silent socket is given up after the per-request timeout, and the step goes on', async () => {
    emulator.options.lifecycleFor = () => lifecycles.activeAfter(300)
    emulator.inject({ kind: 'silent', method: 'GET', path: IMAGE_BY_ID })
    const run = await runAgainst(emulator, {
      requestTimeoutMs: 500,
      inputs: { project_id: TEST_PROJECT_ID }
    })
    expect(run.failed).toBe(false)
    expect(run.outputs.status).toBe('ACTIVE')
    expect(run.log).toContain('check image status: no answer within 0.5s; retry 1 of 4')
  })
})

describe('cancel', () => {
  it('stops waiting at once and writes outputs and summary', async () => {
    const cancel = new AbortController()
    setTimeout(() => cancel.abort(), 800)
    const run = await runAgainst(emulator, {
      signal: cancel.signal,
      inputs: { project_id: TEST_PROJECT_ID }
    })
    expect(run.failed).toBe(true)
    expect(run.elapsedMs).toBeLessThan(800 + 4000)
    expect(errorLine(run.log)).toMatch(/^cancelled after [\d.]+s; image \S+ was (INIT|CREATING)$/)
    expect(run.outputs).toMatchObject({
      image_id: expect.any(String),
      status: expect.stringMatching(/INIT|CREATING/)
    })
    expect(run.summary).toContain('cancelled after')
  })

  it('stops a request in flight', async () => {
    emulator.inject({ kind: 'silent', method: 'GET', path: IMAGES })
    const cancel = new AbortController()
    setTimeout(() => cancel.abort(), 300)
    const run = await runAgainst(emulator, {
      signal: cancel.signal,
      inputs: { project_id: TEST_PROJECT_ID }
    })
    expect(run.elapsedMs).toBeLessThan(300 + 4000)
    expect(errorLine(run.log)).toMatch(/^cancelled after [\d.]+s$/)
  })
})

describe('secrets never reach the log, outputs or summary, not even in debug mode', () => {
  const debug = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' }

  /** Everything a user could see, minus the ::add-mask:: commands that tell the runner what to hide. */
  function visible(run: ActionRun): string {
    const log = run.log
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    return [log, JSON.stringify(run.outputs), run.summary].join('\n')
  }

  function maskedBeforeFirstRequest(run: ActionRun, secret: string): boolean {
    const lines = run.log.split('\n')
    const mask = lines.indexOf(`::add-mask::${secret}`)
    const firstRequest = lines.findIndex(l => /^::debug::(GET|POST|DELETE) /.test(l))
    return mask !== -1 && (firstRequest === -1 || mask < firstRequest)
  }

  it('access key, temporary key and security token, on success and on failure', async () => {
    emulator.temporaryKeys.set('HST3EXAMPLETEMPAK001', {
      secretAccessKey: 'tempSecretValue42',
      securityToken: 'securityTokenValue42'
    })
    emulator.options.lifecycleFor = () => lifecycles.failAfter(300)
    const runs = [
      await runAgainst(emulator, { env: debug }),
      await runAgainst(emulator, {
        env: debug,
        withKeys: false,
        inputs: {
          access_key_id: 'HST3EXAMPLETEMPAK001',
          secret_access_key: 'tempSecretValue42',
          security_token: 'securityTokenValue42'
        }
      }),
      await runAgainst(emulator, {
        env: debug,
        inputs: { secret_access_key: 'wrongSecretValue43' }
      })
    ]
    for (const run of runs) {
      expect(run.log).toContain('::debug::')
      for (const secret of [
        TEST_SK,
        'tempSecretValue42',
        'securityTokenValue42',
        'wrongSecretValue43'
      ]) {
        expect(visible(run)).not.toContain(secret)
      }
    }
    expect(maskedBeforeFirstRequest(runs[0] as ActionRun, TEST_SK)).toBe(true)
    expect(maskedBeforeFirstRequest(runs[1] as ActionRun, 'securityTokenValue42')).toBe(true)
  })

  it('IAM token, OIDC id token and the token IAM returns', async () => {
    emulator.options.lifecycleFor = () => lifecycles.activeAtOnce()
    emulator.tokens.set('MIIauthTokenValue44', TEST_PROJECT_ID)
    const tokenRun = await runAgainst(emulator, {
      env: debug,
      withKeys: false,
      inputs: { auth_token: 'MIIauthTokenValue44' }
    })
    expect(visible(tokenRun)).not.toContain('MIIauthTokenValue44')
    expect(maskedBeforeFirstRequest(tokenRun, 'MIIauthTokenValue44')).toBe(true)

    const oidcRun = await runAgainst(emulator, {
      env: { ...debug, ...oidcEnv(emulator) },
      withKeys: false,
      inputs: { identity_provider: TEST_IDP, audience: TEST_AUDIENCE }
    })
    const idToken = [...emulator.idTokens.keys()][0] as string
    const iamToken = [...emulator.tokens.keys()].find(t => t !== 'MIIauthTokenValue44') as string
    expect(idToken).toBeDefined()
    expect(iamToken).toBeDefined()
    for (const secret of [idToken, iamToken, ...idToken.split('.')])
      expect(visible(oidcRun)).not.toContain(secret)
    expect(oidcRun.log).toContain(`::add-mask::${iamToken}`)
  })
})
