/**
 * STS AssumeAgencyWithOIDC: the id token checked against the JWKS, the provider and the agency's
 * trust, then temporary credentials.
 */
import * as crypto from 'node:crypto'
import type { TemporaryKey } from './auth.js'
import { type RouteContext, TEST_AUDIENCE, TEST_PROJECT_ID, parseJson } from './context.js'
import { GITHUB_ISSUER, jwks } from './token-service.js'

export const ASSUME_WITH_OIDC_PATH = '/v5/agencies/assume-with-oidc'
export const TEST_PROVIDER_URN = `iam::${TEST_PROJECT_ID}:oidcProvider:github_com`
export const TEST_AGENCY_URN = `iam::${TEST_PROJECT_ID}:agency:gh-modelarts-register`

/** An OIDC provider of the new IAM: the issuer it trusts and the audiences it accepts. */
export interface OidcProvider {
  url: string
  clientIds: string[]
}

/** A trust agency: which provider may assume it, on which conditions, for how long. */
export interface Agency {
  providerUrn: string
  /** `StringMatch` on `oidc:sub`: `*` any run of characters, `?` one. */
  sub: string[]
  /** `StringEquals` on `oidc:aud`; empty: any audience the provider accepts. */
  aud: string[]
  /** 3600 to 43200 s; STS refuses a longer session with a 4xx. */
  maxSessionDuration: number
}

export interface StsOptions {
  /** `expiration` with microseconds (`.158000Z`) instead of milliseconds (`.158Z`). */
  stsMicroseconds?: boolean
}

/** What STS reads and changes. */
export interface StsState {
  readonly options: StsOptions
  readonly providers: Map<string, OidcProvider>
  readonly agencies: Map<string, Agency>
  readonly temporaryKeys: Map<string, TemporaryKey>
}

/** The test provider and an agency trusting it, for the runner's repository on any ref. */
export function defaultTrust(): {
  providers: [string, OidcProvider][]
  agencies: [string, Agency][]
} {
  return {
    providers: [
      [
        TEST_PROVIDER_URN,
        { url: GITHUB_ISSUER, clientIds: [TEST_AUDIENCE, 'https://github.com/octo-org'] }
      ]
    ],
    agencies: [
      [
        TEST_AGENCY_URN,
        {
          providerUrn: TEST_PROVIDER_URN,
          sub: ['repo:octo-org/app:*'],
          aud: [],
          maxSessionDuration: 3600
        }
      ]
    ]
  }
}

/**
 * Trusts another agency and provider as the test ones are trusted (npm start with the user's own
 * URNs), the audience given accepted too.
 */
export function trustAgency(
  state: StsState,
  urns: { agencyUrn: string; providerUrn: string; audience?: string }
): void {
  const [[, provider], [, agency]] = [defaultTrust().providers[0], defaultTrust().agencies[0]] as [
    [string, OidcProvider],
    [string, Agency]
  ]
  if (urns.audience) provider.clientIds.push(urns.audience)
  state.providers.set(urns.providerUrn, provider)
  state.agencies.set(urns.agencyUrn, { ...agency, providerUrn: urns.providerUrn })
}

interface AssumeBody {
  id_token?: unknown
  provider_urn?: unknown
  agency_urn?: unknown
  agency_session_name?: unknown
  duration_seconds?: unknown
}

/** POST /v5/agencies/assume-with-oidc, unsigned: the id token is the proof. */
export function assumeAgencyWithOidc(state: StsState, ctx: RouteContext): void {
  const body = parseJson<AssumeBody | null>(ctx.body)
  const refuse = (status: number, code: string, message: string): void =>
    ctx.error(status, code, message)
  if (!body || typeof body !== 'object') return refuse(400, 'STS5.0001', 'invalid request body')
  const { id_token: idToken, provider_urn: providerUrn, agency_urn: agencyUrn } = body
  const name = body.agency_session_name
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.@=,+-]{2,128}$/.test(name))
    return refuse(400, 'STS5.0001', 'agency_session_name is invalid')
  const duration = body.duration_seconds ?? 3600
  if (
    typeof duration !== 'number' ||
    !Number.isInteger(duration) ||
    duration < 900 ||
    duration > 43200
  )
    return refuse(400, 'STS5.0001', 'duration_seconds must be 900 to 43200')
  const provider = state.providers.get(String(providerUrn))
  if (!provider)
    return refuse(404, 'STS5.0404', `the OIDC provider ${String(providerUrn)} does not exist`)
  const agency = state.agencies.get(String(agencyUrn))
  if (!agency) return refuse(404, 'STS5.0404', `the agency ${String(agencyUrn)} does not exist`)
  const claims = typeof idToken === 'string' ? verifyJwt(idToken) : undefined
  if (!claims)
    return refuse(400, 'STS5.0002', 'the id token is invalid (signature, format or expiry)')
  if (claims.iss !== provider.url)
    return refuse(400, 'STS5.0003', 'the id token issuer is not the provider url')
  const aud = typeof claims.aud === 'string' ? claims.aud : ''
  if (!provider.clientIds.includes(aud))
    return refuse(
      400,
      'STS5.2001',
      'the audience of the id token is not a client id of the provider'
    )
  const sub = typeof claims.sub === 'string' ? claims.sub : ''
  const trusted =
    agency.providerUrn === providerUrn &&
    agency.sub.some(pattern => matches(pattern, sub)) &&
    (agency.aud.length === 0 || agency.aud.includes(aud))
  if (!trusted)
    return refuse(403, 'STS5.1001', 'no identity-based policy allows sts:agencies:assumeWithOIDC')
  if (duration > agency.maxSessionDuration)
    return refuse(400, 'STS5.0005', `duration_seconds exceeds the agency's max_session_duration`)
  issue(state, ctx, { agencyUrn: String(agencyUrn), name, duration, claims })
}

/** Fresh temporary credentials, accepted by the other services only with their security token. */
function issue(
  state: StsState,
  ctx: RouteContext,
  session: { agencyUrn: string; name: string; duration: number; claims: Record<string, unknown> }
): void {
  const accessKeyId = `HSTA${crypto.randomBytes(10).toString('hex').toUpperCase()}`
  const secretAccessKey = crypto.randomBytes(30).toString('base64url')
  // Real security tokens are long and base64-like, with characters that URL-encoding changes.
  const securityToken = `gQ${crypto.randomBytes(600).toString('base64')}`
  state.temporaryKeys.set(accessKeyId, { secretAccessKey, securityToken })
  const expires = new Date(Date.now() + session.duration * 1000).toISOString()
  const expiration = state.options.stsMicroseconds ? expires.replace(/Z$/, '000Z') : expires
  const agencyName = session.agencyUrn.split(':').pop() ?? ''
  ctx.reply(200, {
    credentials: {
      access_key_id: accessKeyId,
      secret_access_key: secretAccessKey,
      security_token: securityToken,
      expiration
    },
    assumed_agency: {
      urn: `sts::${TEST_PROJECT_ID}::assumed-agency:${agencyName}/${session.name}`,
      id: `agency-id:${session.name}`
    },
    audience: session.claims.aud,
    provider: GITHUB_ISSUER,
    subject_from_id_token: session.claims.sub
  })
}

/** The claims of an RS256 JWT signed by a key of the JWKS, not yet expired; else undefined. */
function verifyJwt(token: string): Record<string, unknown> | undefined {
  const [header, payload, signature] = token.split('.')
  if (!header || !payload || !signature || token.split('.').length !== 3) return undefined
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >
    const jwk = jwks().keys.find(k => k.kid === head.kid)
    if (head.alg !== 'RS256' || !jwk) return undefined
    const publicKey = crypto.createPublicKey({ key: jwk, format: 'jwk' })
    const data = Buffer.from(`${header}.${payload}`)
    if (!crypto.verify('RSA-SHA256', data, publicKey, Buffer.from(signature, 'base64url')))
      return undefined
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >
    const now = Date.now() / 1000
    return typeof claims.exp === 'number' && claims.exp > now ? claims : undefined
  } catch {
    return undefined
  }
}

/** StringMatch: `*` any run of characters, `?` one; the rest literal. */
function matches(pattern: string, value: string): boolean {
  const regex = pattern
    .split('')
    .map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${regex}$`).test(value)
}
