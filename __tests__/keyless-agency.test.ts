/**
 * Keyless with an agency, whole runs against the emulator: the runner's RS256 id token, STS
 * verifying it against the JWKS and the trust policy, and the temporary credentials that ModelArts,
 * IAM and SWR accept only with their security token.
 */
import { describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { echoedForms } from '../src/base/secrets.js'
import {
  TEST_AGENCY_URN,
  TEST_AUDIENCE,
  TEST_PROJECT_ID,
  TEST_PROVIDER_URN,
  lifecycles
} from '../tools/emulator/server.js'
import {
  type ActionRun,
  errorLine,
  expectMaskedBeforeAnswer,
  expectOutcome,
  oidcEnv,
  runAgainst
} from './helpers/run-action.js'
import { answer, useEmulator } from './helpers/emulator.js'

const emulator = useEmulator({ lifecycleFor: () => lifecycles.activeAfter(1500) })

const STS = /^\/v5\/agencies\/assume-with-oidc$/

/** A keyless run: the two URNs, STS on the emulator, and the runner's id-token service. */
function keyless(inputs: Record<string, string> = {}, env = oidcEnv(emulator)): Promise<ActionRun> {
  return runAgainst(emulator, {
    withKeys: false,
    inputs: {
      agency_urn: TEST_AGENCY_URN,
      provider_urn: TEST_PROVIDER_URN,
      audience: TEST_AUDIENCE,
      sts_endpoint: emulator.url,
      ...inputs
    },
    env
  })
}

const stsRequests = () => emulator.requests.filter(r => r.method === 'POST' && STS.test(r.path))

/** The issued temporary key: its AK, SK and security token. */
function issuedKey(): { ak: string; sk: string; token: string } {
  const [entry] = [...emulator.temporaryKeys]
  if (!entry) throw new Error('STS issued no credentials')
  return { ak: entry[0], sk: entry[1].secretAccessKey, token: entry[1].securityToken }
}

describe("the answer's secrets are masked before anything of it is written", () => {
  it('a request id that echoes the new security token', async () => {
    const key = {
      ak: `HSTA${randomBytes(10).toString('hex').toUpperCase()}`,
      sk: randomBytes(30).toString('base64url'),
      token: `gQ${randomBytes(600).toString('base64')}`
    }
    emulator.temporaryKeys.set(key.ak, { secretAccessKey: key.sk, securityToken: key.token })
    emulator.inject(
      answer('POST', STS, 200, {
        body: {
          credentials: {
            access_key_id: key.ak,
            secret_access_key: key.sk,
            security_token: key.token,
            expiration: new Date(Date.now() + 3_600_000).toISOString()
          }
        },
        headers: { 'X-Request-Id': key.token }
      })
    )
    const run = await keyless()
    expectOutcome(run, { failed: false, status: 'ACTIVE' })
    expectMaskedBeforeAnswer(run.log, key.token, 'POST /v5/agencies/assume-with-oidc -> 200')
  })
})

describe('keyless with an agency', () => {
  it('assumes the agency unsigned, then registers and waits with the temporary key and its token', async () => {
    const run = await keyless()
    expectOutcome(run, { failed: false, status: 'ACTIVE', created: 'true' })
    const [assume, ...more] = stsRequests()
    expect(more).toHaveLength(0)
    // Unsigned: only Content-Type (and Accept); the id token is the proof.
    for (const header of [
      'authorization',
      'x-sdk-date',
      'x-security-token',
      'x-project-id',
      'x-auth-token'
    ])
      expect(assume?.headers[header]).toBeUndefined()
    expect(assume?.headers['content-type']).toBe('application/json')
    const body = JSON.parse(assume?.body ?? '{}') as Record<string, unknown>
    expect(body).toEqual({
      id_token: [...emulator.idTokens.keys()][0],
      provider_urn: TEST_PROVIDER_URN,
      agency_urn: TEST_AGENCY_URN,
      agency_session_name: 'octo-org-app-4242-1',
      // The default timeout (15 min) and five minutes.
      duration_seconds: 1200
    })
    const { ak, token } = issuedKey()
    expect(ak).toMatch(/^HSTA/)
    // Every later call (IAM's project look-up, SWR, ModelArts) is signed with it and carries the token.
    const later = emulator.requests.filter(
      r => !STS.test(r.path) && !r.path.startsWith('/_runner/')
    )
    expect(later.map(r => r.path)).toEqual(
      expect.arrayContaining(['/v3/auth/projects', `/v1/${TEST_PROJECT_ID}/images`])
    )
    expect(later.some(r => r.path.startsWith('/v2/manage/'))).toBe(true)
    for (const request of later) {
      expect(request.headers.authorization).toContain(`Access=${ak},`)
      expect(request.headers.authorization).toContain('x-security-token')
      expect(request.headers['x-security-token']).toBe(token)
    }
    expect(run.log).toContain(`assumed agency ${TEST_AGENCY_URN} as session octo-org-app-4242-1`)
  })

  it('reads an expiration with microseconds, and skips the project look-up when project_id is given', async () => {
    emulator.options.stsMicroseconds = true
    const run = await keyless({ project_id: TEST_PROJECT_ID })
    expectOutcome(run, { failed: false, status: 'ACTIVE' })
    expect(run.log).toMatch(
      /temporary credentials until \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/
    )
    expect(emulator.count('GET', /^\/v3\/projects$/)).toBe(0)
  })

  it('takes any 2xx from STS (its success status is unconfirmed)', async () => {
    const key = { secretAccessKey: 'tempSecret000000000000000000', securityToken: 'tempToken+/=' }
    emulator.temporaryKeys.set('HSTAEXAMPLE0000000001', key)
    emulator.inject(
      answer('*', STS, 201, {
        body: {
          credentials: {
            access_key_id: 'HSTAEXAMPLE0000000001',
            secret_access_key: key.secretAccessKey,
            security_token: key.securityToken,
            expiration: 'not a date'
          }
        }
      })
    )
    const run = await keyless()
    expectOutcome(run, { failed: false, status: 'ACTIVE' })
    // An expiration that cannot be read is not reported, and not an error.
    expect(run.log).toContain(`session octo-org-app-4242-1: temporary credentials\n`)
  })

  it('says to add permissions: id-token: write when the job cannot get an id token', async () => {
    const run = await keyless({}, {})
    expect(errorLine(run.log)).toBe(
      'agency_urn: this job cannot request a GitHub OIDC token. Add "permissions: id-token: write" to the job ' +
        '(pull requests from forks never get one; use access keys there)'
    )
    expect(emulator.requests).toHaveLength(0)
  })

  it('names the token sub and aud, and the condition that would trust it, when the trust policy does not', async () => {
    emulator.agencies.set(TEST_AGENCY_URN, {
      providerUrn: TEST_PROVIDER_URN,
      sub: ['repo:octo-org/app:ref:refs/heads/main'],
      aud: [],
      maxSessionDuration: 3600
    })
    emulator.idTokenClaims.sub = 'repo:octo-org/app:environment:prod'
    const run = await keyless()
    expectOutcome(run, { failed: true })
    const error = errorLine(run.log) ?? ''
    expect(error).toContain('HTTP 403 STS5.1001')
    expect(error).toContain(
      'the id token has sub "repo:octo-org/app:environment:prod" and aud "huaweicloud": ' +
        `the trust policy of agency ${TEST_AGENCY_URN} does not allow it. ` +
        'Allow it with a condition such as "StringMatch": {"oidc:sub": ["repo:octo-org/app:environment:prod"]}'
    )
    // A refusal that is not about the duration (1200 s asked) is not asked again.
    expect(stsRequests()).toHaveLength(1)
    expect(emulator.count('POST', /\/images$/)).toBe(0)
  })

  it('names the audience to add when the provider does not accept it', async () => {
    const run = await keyless({ audience: 'sts.amazonaws.com' })
    expect(errorLine(run.log)).toContain(
      `STS5.2001: the audience of the id token is not a client id of the provider`
    )
    expect(errorLine(run.log)).toContain(
      `add "sts.amazonaws.com" to the client ids of provider ${TEST_PROVIDER_URN}, or set audience to one of them`
    )
  })

  it.each([
    [
      'agency',
      { agency_urn: `iam::${TEST_PROJECT_ID}:agency:nobody` },
      `check agency_urn: iam::${TEST_PROJECT_ID}:agency:nobody`
    ],
    [
      'provider',
      { provider_urn: `iam::${TEST_PROJECT_ID}:oidcProvider:gitlab` },
      `check provider_urn: iam::${TEST_PROJECT_ID}:oidcProvider:gitlab`
    ]
  ])('names the URN of an unknown %s', async (_kind, inputs, advice) => {
    const run = await keyless(inputs)
    expect(errorLine(run.log)).toContain('HTTP 404')
    expect(errorLine(run.log)).toContain(advice)
  })

  it.each([
    ['agency_urn alone', { provider_urn: '' }, /^provider_urn: required with agency_urn/],
    ['provider_urn alone', { agency_urn: '' }, /^agency_urn: required with provider_urn/]
  ])('refuses %s before any request', async (_name, inputs, message) => {
    const run = await keyless(inputs)
    expect(errorLine(run.log)).toMatch(message)
    expect(emulator.requests).toHaveLength(0)
  })

  it('refuses the agency with another kind of credentials, before any request', async () => {
    const run = await runAgainst(emulator, {
      inputs: { agency_urn: TEST_AGENCY_URN, provider_urn: TEST_PROVIDER_URN },
      env: oidcEnv(emulator)
    })
    expect(errorLine(run.log)).toMatch(
      /^credentials: give one kind of credentials, not agency_urn\/provider_urn and access_key_id\/secret_access_key/
    )
    expect(emulator.requests).toHaveLength(0)
  })

  it('asks again for 3600 s, with a warning, when the agency refuses the longer session', async () => {
    const run = await keyless({ timeout: '2h' })
    expectOutcome(run, { failed: false, status: 'ACTIVE' })
    const asked = stsRequests().map(
      r => (JSON.parse(r.body) as { duration_seconds: number }).duration_seconds
    )
    expect(asked).toEqual([7500, 3600])
    expect(run.log).toContain(
      "::warning::STS refused a session of 7500 s (HTTP 400 STS5.0005: duration_seconds exceeds the agency's max_session_duration): " +
        'the agency allows less'
    )
    expect(run.summary).toContain('STS refused a session of 7500 s')
  })

  it('asks once for a long session when the agency allows it, with no warning', async () => {
    const agency = emulator.agencies.get(TEST_AGENCY_URN)
    if (agency) agency.maxSessionDuration = 43_200
    const run = await keyless({ timeout: '2h' })
    expectOutcome(run, { failed: false, status: 'ACTIVE' })
    expect(stsRequests()).toHaveLength(1)
    expect(run.log).not.toContain('::warning::')
  })

  it('does not ask again when a 3600 s session is refused', async () => {
    emulator.inject(answer('*', STS, 400, { errorCode: 'STS5.0005', times: 5 }))
    const run = await keyless({ timeout: '50m' })
    expectOutcome(run, { failed: true })
    expect(stsRequests()).toHaveLength(1)
  })

  it('retries STS when it is throttled or failing', async () => {
    emulator.inject(answer('*', STS, 429, { retryAfter: '0' }))
    emulator.inject(answer('*', STS, 503))
    const run = await keyless()
    expectOutcome(run, { failed: false, status: 'ACTIVE' })
    expect(stsRequests()).toHaveLength(3)
  })

  it('asks again after an STS answer without usable credentials, masking what it held', async () => {
    const secret = 'leakedSecretKey0000000000000'
    emulator.inject(
      answer('*', STS, 200, {
        body: {
          credentials: { access_key_id: 'HSTA 1', secret_access_key: secret, security_token: 5 }
        }
      })
    )
    const run = await keyless()
    expectOutcome(run, { failed: false, status: 'ACTIVE' })
    expect(run.log).toMatch(
      /HTTP 200: the answer has no valid credentials\.access_key_id, credentials\.security_token \(request id [^)]+\); retry 1 of 4/
    )
    expect(run.log).toContain(`::add-mask::${secret}\n`)
    expect(stsRequests()).toHaveLength(2)
  })

  it('asks again when STS hands out a key that cannot go into a header (not visible ASCII)', async () => {
    emulator.inject({
      kind: 'status',
      status: 200,
      path: STS,
      body: {
        credentials: {
          access_key_id: 'HSTA1',
          secret_access_key: 'sk with space',
          security_token: 'tok\u4e2d'
        }
      }
    })
    const run = await keyless()
    expectOutcome(run, { failed: false, status: 'ACTIVE' })
    expect(run.log).toMatch(
      /the answer has no valid credentials\.secret_access_key, credentials\.security_token/
    )
    expect(stsRequests()).toHaveLength(2)
  })

  it('never shows the id token, the secret key or the security token, in any form', async () => {
    const success = await keyless()
    const idToken = [...emulator.idTokens.keys()][0] ?? ''
    const { sk, token } = issuedKey()
    // Then a run whose registration is refused with an answer that echoes that run's secrets.
    const echo = (): string => {
      const last = [...emulator.temporaryKeys.values()].pop()
      const jwt = [...emulator.idTokens.keys()].pop() ?? ''
      const forms = [last?.secretAccessKey ?? '', last?.securityToken ?? '', jwt].flatMap(
        echoedForms
      )
      return `echo ${forms.join(' ')}`
    }
    emulator.inject(
      answer('POST', /\/images$/, 400, {
        body: {
          error_code: 'ModelArts.0001',
          get error_msg() {
            return echo()
          }
        }
      })
    )
    const failure = await keyless({
      swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/other:1.0.0'
    })
    expect(failure.failed).toBe(true)
    expect(errorLine(failure.log)).toMatch(
      /^register image failed: HTTP 400 ModelArts.0001: echo \*\*\* \*\*\*/
    )
    const secondKeys = [...emulator.temporaryKeys.values()].map(k => [
      k.secretAccessKey,
      k.securityToken
    ])
    const secrets = [idToken, ...[...emulator.idTokens.keys()], sk, token, ...secondKeys.flat()]
    for (const run of [success, failure]) {
      const shown = [
        run.log
          .split('\n')
          .filter(line => !line.startsWith('::add-mask::'))
          .join('\n'),
        JSON.stringify(run.outputs),
        run.summary
      ]
      for (const secret of secrets)
        for (const form of echoedForms(secret))
          for (const text of shown) expect(text).not.toContain(form)
    }
    // Masked for the runner the moment they exist, in every form (% escaped in a command).
    for (const form of [...echoedForms(idToken), ...echoedForms(sk), ...echoedForms(token)])
      expect(success.log).toContain(`::add-mask::${form.replace(/%/g, '%25')}\n`)
  })

  it('the temporary key is refused without its security token, and taken with it', async () => {
    await keyless()
    const { ak, sk, token } = issuedKey()
    const without = await runAgainst(emulator, {
      withKeys: false,
      inputs: { access_key_id: ak, secret_access_key: sk, project_id: TEST_PROJECT_ID }
    })
    expect(errorLine(without.log)).toMatch(
      /HTTP 401 APIGW\.0301: Incorrect IAM authentication information/
    )
    const withToken = await runAgainst(emulator, {
      withKeys: false,
      inputs: {
        access_key_id: ak,
        secret_access_key: sk,
        security_token: token,
        project_id: TEST_PROJECT_ID,
        swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/third:1.0.0'
      }
    })
    expectOutcome(withToken, { failed: false, status: 'ACTIVE' })
  })
})
