/**
 * Every way to provide credentials, through whole runs against the emulator (which checks
 * signatures, temporary keys, IAM tokens and the OIDC exchange for real).
 */
import { describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import {
  type Fault,
  TEST_AK,
  TEST_AUDIENCE,
  TEST_IDP,
  TEST_PROJECT_ID,
  TEST_SK
} from '../tools/emulator/server.js'
import { errorLine, expectMaskedBeforeAnswer, oidcEnv, runAgainst } from './helpers/run-action.js'
import { ACTIVE_AT_ONCE, answer, useEmulator } from './helpers/emulator.js'

const emulator = useEmulator(ACTIVE_AT_ONCE)

/** The emulator's temporary key HST3EXAMPLETEMPAK001 (secret `tempSecret`) with `securityToken`. */
function addTemporaryKey(securityToken: string): void {
  emulator.temporaryKeys.set('HST3EXAMPLETEMPAK001', {
    secretAccessKey: 'tempSecret',
    securityToken
  })
}

const PROJECTS = /^\/v3\/projects$/
const AUTH_PROJECTS = /^\/v3\/auth\/projects$/
const IAM = /^\/v3\//

describe('access keys', () => {
  it('from HUAWEI_CLOUD_* (what huaweicloud/auth-action exports), with region and project', async () => {
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: { swr_path: 'my-org/my-image:2.0' },
      env: {
        HUAWEI_CLOUD_ACCESS_KEY_ID: TEST_AK,
        HUAWEI_CLOUD_SECRET_ACCESS_KEY: TEST_SK,
        HUAWEI_CLOUD_REGION: 'cn-north-4',
        HUAWEI_CLOUD_PROJECT_ID: TEST_PROJECT_ID
      }
    })
    expect(errorLine(run.log)).toBeUndefined()
    expect(run.outputs.swr_path).toBe('swr.cn-north-4.myhuaweicloud.com/my-org/my-image:2.0')
    expect(run.log).toContain('access key from HUAWEI_CLOUD_*')
    expect(emulator.count('GET', PROJECTS)).toBe(0)
  })

  it('from HUAWEICLOUD_SDK_* with a temporary key and its signed security token', async () => {
    addTemporaryKey('gQpjbi1ub3J0aC00-token')
    const run = await runAgainst(emulator, {
      withKeys: false,
      env: {
        HUAWEICLOUD_SDK_AK: 'HST3EXAMPLETEMPAK001',
        HUAWEICLOUD_SDK_SK: 'tempSecret',
        HUAWEICLOUD_SDK_SECURITY_TOKEN: 'gQpjbi1ub3J0aC00-token',
        HUAWEICLOUD_SDK_PROJECT_ID: TEST_PROJECT_ID
      }
    })
    expect(errorLine(run.log)).toBeUndefined()
    expect(run.log).toContain('temporary access key from HUAWEICLOUD_SDK_*')
    const post = emulator.requests.find(r => r.method === 'POST')
    expect(post?.headers['x-security-token']).toBe('gQpjbi1ub3J0aC00-token')
    expect(post?.headers.authorization).toContain('x-security-token')
  })

  it('a temporary key without its security token is refused by the service, not retried', async () => {
    addTemporaryKey('tok')
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: { access_key_id: 'HST3EXAMPLETEMPAK001', secret_access_key: 'tempSecret' }
    })
    expect(errorLine(run.log)).toMatch(
      /failed: HTTP 401 APIGW.0301: Incorrect IAM authentication information/
    )
    expect(emulator.requests).toHaveLength(1)
  })

  it('finds the project among those the credentials can use (no permission needed), by region name', async () => {
    emulator.options.projects = [
      { id: 'ffff0000ffff0000ffff0000ffff0000', name: 'cn-north-4_team' },
      { id: TEST_PROJECT_ID, name: 'cn-north-4' },
      { id: 'eeee0000eeee0000eeee0000eeee0000', name: 'ap-southeast-3' }
    ]
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(false)
    expect(run.log).toContain(
      `project_id not given: IAM says region cn-north-4 is project ${TEST_PROJECT_ID}`
    )
    expect(emulator.count('GET', AUTH_PROJECTS)).toBe(1)
    expect(emulator.count('GET', PROJECTS)).toBe(0)
  })

  it.each<[string, Partial<Fault>]>([
    ['refuses GET /v3/auth/projects', { status: 403, errorCode: 'IAM.0002' }],
    ['lists no project of that name there', { status: 200, body: { projects: [] } }]
  ])('asks GET /v3/projects?name= when IAM %s', async (_, fault) => {
    emulator.inject({ kind: 'status', method: 'GET', path: AUTH_PROJECTS, ...fault })
    const run = await runAgainst(emulator)
    expect(run.failed).toBe(false)
    const lookup = emulator.requests.find(r => PROJECTS.test(r.path))
    expect(lookup?.query.get('name')).toBe('cn-north-4')
    expect(run.outputs.image_id).toBeTruthy()
  })

  it.each([
    ['no project', []],
    [
      '2 projects (aaa, bbb)',
      [
        { id: 'aaa', name: 'cn-north-4' },
        { id: 'bbb', name: 'cn-north-4' }
      ]
    ]
  ])('fails naming the region when IAM has %s', async (found, projects) => {
    emulator.options.projects = projects
    const run = await runAgainst(emulator)
    expect(errorLine(run.log)).toContain(`IAM has ${found}`)
    expect(errorLine(run.log)).toContain('named cn-north-4 for these credentials; set project_id')
    expect(emulator.requests.filter(r => !IAM.test(r.path))).toHaveLength(0)
  })

  it('names iam:projects:listProjects when IAM refuses both look-ups', async () => {
    for (const path of [AUTH_PROJECTS, PROJECTS])
      emulator.inject(answer('GET', path, 403, { errorCode: 'IAM.0002' }))
    const run = await runAgainst(emulator)
    expect(errorLine(run.log)).toMatch(/project of region cn-north-4 failed: HTTP 403 IAM\.0002: /)
    expect(errorLine(run.log)).toContain('; grant iam:projects:listProjects')
    expect(emulator.count('GET', PROJECTS)).toBe(1)
    expect(emulator.requests.filter(r => !IAM.test(r.path))).toHaveLength(0)
  })
})

describe('auth_token', () => {
  it('is sent as X-Auth-Token with no signature', async () => {
    emulator.tokens.set('MIIexample-iam-token', TEST_PROJECT_ID)
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: { auth_token: 'MIIexample-iam-token', project_id: TEST_PROJECT_ID }
    })
    expect(errorLine(run.log)).toBeUndefined()
    const post = emulator.requests.find(r => r.method === 'POST')
    expect(post?.headers['x-auth-token']).toBe('MIIexample-iam-token')
    expect(post?.headers.authorization).toBeUndefined()
  })

  it('a bad token is a 401 with the gateway message', async () => {
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: { auth_token: 'expired', project_id: TEST_PROJECT_ID }
    })
    expect(errorLine(run.log)).toMatch(
      /^read the tag in SWR failed: HTTP 401 APIGW.0301: Incorrect IAM authentication information: decrypt token fail/
    )
  })
})

describe('keyless OIDC', () => {
  it('exchanges the runner id token at IAM and uses the token it returns, with its project', async () => {
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: { identity_provider: TEST_IDP, audience: TEST_AUDIENCE },
      env: oidcEnv(emulator)
    })
    expect(errorLine(run.log)).toBeUndefined()
    expect(run.log).toContain(`project ${TEST_PROJECT_ID}, OIDC (identity provider ${TEST_IDP})`)
    const exchange = emulator.requests.find(r => r.path === '/v3.0/OS-AUTH/id-token/tokens')
    expect(exchange?.headers['x-idp-id']).toBe(TEST_IDP)
    expect(JSON.parse(exchange?.body ?? '{}')).toMatchObject({
      auth: { scope: { project: { name: 'cn-north-4' } } }
    })
    const token = [...emulator.tokens.keys()][0]
    expect(
      emulator.requests.find(r => r.method === 'POST' && r.path.endsWith('/images'))?.headers[
        'x-auth-token'
      ]
    ).toBe(token)
    expect(emulator.count('GET', PROJECTS)).toBe(0)
  })

  it("masks the answer's token before anything of the answer is written (a request id that echoes it)", async () => {
    const token = `MIIt${randomBytes(600).toString('base64')}`
    emulator.tokens.set(token, TEST_PROJECT_ID)
    emulator.inject(
      answer('POST', /^\/v3\.0\/OS-AUTH\/id-token\/tokens$/, 201, {
        body: { token: { project: { id: TEST_PROJECT_ID } } },
        headers: { 'X-Subject-Token': token, 'X-Request-Id': token }
      })
    )
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: { identity_provider: TEST_IDP, audience: TEST_AUDIENCE },
      env: oidcEnv(emulator)
    })
    expect(errorLine(run.log)).toBeUndefined()
    expectMaskedBeforeAnswer(run.log, token, 'POST /v3.0/OS-AUTH/id-token/tokens -> 201')
  })

  it('scopes the exchange to project_id when given', async () => {
    await runAgainst(emulator, {
      withKeys: false,
      inputs: { identity_provider: TEST_IDP, audience: TEST_AUDIENCE, project_id: TEST_PROJECT_ID },
      env: oidcEnv(emulator)
    })
    const exchange = emulator.requests.find(r => r.path === '/v3.0/OS-AUTH/id-token/tokens')
    expect(JSON.parse(exchange?.body ?? '{}')).toMatchObject({
      auth: { scope: { project: { id: TEST_PROJECT_ID } } }
    })
  })

  it('says to add id-token: write when the job cannot get an id token', async () => {
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: { identity_provider: TEST_IDP }
    })
    expect(errorLine(run.log)).toMatch(
      /^identity_provider: this job cannot request a GitHub OIDC token\. Add "permissions: id-token: write"/
    )
    expect(emulator.requests).toHaveLength(0)
  })

  it('reports an audience that is not the identity provider client id', async () => {
    const run = await runAgainst(emulator, {
      withKeys: false,
      inputs: { identity_provider: TEST_IDP, audience: 'sts.amazonaws.com' },
      env: oidcEnv(emulator)
    })
    expect(errorLine(run.log)).toMatch(
      /^exchange the GitHub OIDC token at IAM \(identity provider github-actions\) failed: HTTP 401 IAM.0011: id token audience sts.amazonaws.com is not the client id/
    )
  })
})
