/**
 * The emulator's STS and token service, asked directly: tokens verified against the JWKS and the
 * trust policy, and temporary keys that IAM, SWR and ModelArts take only with their security token.
 */
import { describe, expect, it } from '@jest/globals'
import * as crypto from 'node:crypto'
import { signRequest } from '../src/cloud/signer.js'
import {
  RUNNER_REQUEST_TOKEN,
  TEST_AGENCY_URN,
  TEST_AUDIENCE,
  TEST_PROJECT_ID,
  TEST_PROVIDER_URN
} from '../tools/emulator/server.js'
import { useEmulator } from './helpers/emulator.js'

const emulator = useEmulator({}, started => {
  started.pushBuildx('swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0')
})

async function idToken(audience = TEST_AUDIENCE): Promise<string> {
  const answer = await fetch(`${emulator.idTokenRequestUrl}&audience=${audience}`, {
    headers: { Authorization: `Bearer ${RUNNER_REQUEST_TOKEN}` }
  })
  return ((await answer.json()) as { value: string }).value
}

interface StsAnswer {
  error_code?: string
  subject_from_id_token?: string
  credentials: {
    access_key_id: string
    secret_access_key: string
    security_token: string
    expiration: string
  }
}

async function assume(
  token: string,
  body: Record<string, unknown> = {}
): Promise<{ status: number; body: StsAnswer }> {
  const answer = await fetch(`${emulator.url}/v5/agencies/assume-with-oidc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      id_token: token,
      provider_urn: TEST_PROVIDER_URN,
      agency_urn: TEST_AGENCY_URN,
      agency_session_name: 'octo-org-app-1-1',
      ...body
    })
  })
  return { status: answer.status, body: (await answer.json()) as StsAnswer }
}

describe('the token service', () => {
  it('issues RS256 id tokens with GitHub claims, verifiable with the published JWKS', async () => {
    const token = await idToken()
    const [header = '', payload = '', signature = ''] = token.split('.')
    const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >
    expect(head).toMatchObject({ alg: 'RS256', typ: 'JWT' })
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: TEST_AUDIENCE,
      sub: 'repo:octo-org/app:ref:refs/heads/main',
      repository: 'octo-org/app',
      ref: 'refs/heads/main'
    })
    const jwks = (await (await fetch(`${emulator.url}/_runner/.well-known/jwks`)).json()) as {
      keys: crypto.JsonWebKey[]
    }
    const jwk = jwks.keys.find(k => k.kid === head.kid)
    const key = crypto.createPublicKey({ key: jwk as crypto.JsonWebKey, format: 'jwk' })
    const data = Buffer.from(`${header}.${payload}`)
    expect(crypto.verify('RSA-SHA256', data, key, Buffer.from(signature, 'base64url'))).toBe(true)
  })
})

describe('STS', () => {
  it('issues HSTA temporary credentials until now + duration_seconds', async () => {
    const { status, body } = await assume(await idToken(), { duration_seconds: 900 })
    expect(status).toBe(200)
    expect(body.credentials.access_key_id).toMatch(/^HSTA[0-9A-F]{20}$/)
    const expires = Date.parse(body.credentials.expiration)
    expect(Math.abs(expires - (Date.now() + 900_000))).toBeLessThan(5_000)
    expect(body.subject_from_id_token).toBe('repo:octo-org/app:ref:refs/heads/main')
  })

  it.each([
    ['a token whose signature is not the JWKS key', (t: string) => `${t.slice(0, -4)}AAAA`, 400],
    [
      'a token signed by none (alg none)',
      (t: string) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${t.split('.')[1]}.`,
      400
    ],
    ['not a token', () => 'abc', 400]
  ])('refuses %s', async (_name, forge, status) => {
    expect((await assume(forge(await idToken()))).status).toBe(status)
  })

  it('refuses a sub the trust policy does not name (StringMatch wildcards), and an audience the provider does not take', async () => {
    const agency = emulator.agencies.get(TEST_AGENCY_URN)
    if (agency) agency.sub = ['repo:octo-org/app:ref:refs/tags/v*']
    const refused = await assume(await idToken())
    expect(refused).toMatchObject({ status: 403, body: { error_code: 'STS5.1001' } })
    emulator.idTokenClaims.sub = 'repo:octo-org/app:ref:refs/tags/v1.2.0'
    expect((await assume(await idToken())).status).toBe(200)
    expect((await assume(await idToken('someone-else'))).body.error_code).toBe('STS5.2001')
    if (agency) agency.aud = ['only-this']
    expect((await assume(await idToken())).body.error_code).toBe('STS5.1001')
  })

  it('refuses a session longer than the agency allows with a 4xx', async () => {
    const refused = await assume(await idToken(), { duration_seconds: 3601 })
    expect(refused.status).toBeGreaterThanOrEqual(400)
    expect(refused.status).toBeLessThan(500)
    expect((await assume(await idToken(), { duration_seconds: 3600 })).status).toBe(200)
  })
})

describe('temporary credentials', () => {
  const paths: [string, string, Record<string, string>][] = [
    ['IAM', '/v3/projects', { name: 'cn-north-4' }],
    ['SWR', '/v2/manage/namespaces/my-org/repos/my-image/tags/1.0.0', {}],
    ['ModelArts', `/v1/${TEST_PROJECT_ID}/images`, {}]
  ]

  async function signedGet(
    path: string,
    query: Record<string, string>,
    key: { accessKeyId: string; secretAccessKey: string; securityToken?: string },
    extra: Record<string, string> = {}
  ): Promise<number> {
    const host = new URL(emulator.url).host
    const headers = signRequest(
      { method: 'GET', host, path, query, headers: {}, body: '' },
      key,
      new Date()
    )
    const search = new URLSearchParams(query).toString()
    const answer = await fetch(`${emulator.url}${path}${search ? `?${search}` : ''}`, {
      headers: { ...headers, ...extra }
    })
    return answer.status
  }

  it.each(paths)(
    '%s takes them only with their security token, signed',
    async (_service, path, query) => {
      const { body } = await assume(await idToken())
      const {
        access_key_id: accessKeyId,
        secret_access_key: secretAccessKey,
        security_token: securityToken
      } = body.credentials
      expect(await signedGet(path, query, { accessKeyId, secretAccessKey })).toBe(401)
      // The token sent but not signed is refused too.
      expect(
        await signedGet(
          path,
          query,
          { accessKeyId, secretAccessKey },
          { 'X-Security-Token': securityToken }
        )
      ).toBe(401)
      expect(
        await signedGet(path, query, {
          accessKeyId,
          secretAccessKey,
          securityToken: `${securityToken}x`
        })
      ).toBe(401)
      expect(await signedGet(path, query, { accessKeyId, secretAccessKey, securityToken })).toBe(
        200
      )
    }
  )
})
