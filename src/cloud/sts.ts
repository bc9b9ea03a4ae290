/**
 * STS AssumeAgencyWithOIDC: unsigned (the id token is the proof); its temporary credentials read
 * as data and masked.
 */
import { isObject } from '../base/json.js'
import { type ApiResponse, type HttpApi, noAuth } from './http.js'
import { unreadableAnswer } from './answer.js'

export interface AssumeRequest {
  idToken: string
  providerUrn: string
  agencyUrn: string
  sessionName: string
  durationSeconds: number
}

/** A temporary key pair with its security token, and when it expires (when STS said so readably). */
export interface TemporaryCredentials {
  accessKeyId: string
  secretAccessKey: string
  securityToken: string
  expiresAt: Date | undefined
}

/**
 * POST /v5/agencies/assume-with-oidc, unsigned; the secrets of the answer go to `mask` before
 * anything of it is written or read.
 */
export async function assumeAgencyWithOidc(
  http: HttpApi,
  stsEndpoint: string,
  request: AssumeRequest,
  mask: (secret: string) => void
): Promise<TemporaryCredentials> {
  const what = `assume agency ${request.agencyUrn} with the GitHub OIDC token at STS`
  return http.send(
    {
      what,
      method: 'POST',
      endpoint: stsEndpoint,
      path: '/v5/agencies/assume-with-oidc',
      body: {
        id_token: request.idToken,
        provider_urn: request.providerUrn,
        agency_urn: request.agencyUrn,
        agency_session_name: request.sessionName,
        duration_seconds: request.durationSeconds
      },
      auth: noAuth,
      // Assuming twice harms nothing: retried like a look-up (429, 5xx, a garbled answer).
      retry: 'transient',
      answerSecrets: {
        of: ({ body }) => [
          credentialsOf(body).secret_access_key,
          credentialsOf(body).security_token
        ],
        mask
      }
    },
    response => readCredentials(what, response)
  )
}

/** The fields of the answer's `credentials`, unchecked ({} when there are none). */
function credentialsOf(body: unknown): Record<string, unknown> {
  const credentials = isObject(body) ? body.credentials : undefined
  return isObject(credentials) ? credentials : {}
}

/** The answer's credentials (its secrets masked already): each a one-line string. */
function readCredentials(what: string, response: ApiResponse): TemporaryCredentials {
  const fields = credentialsOf(response.body)
  const { access_key_id: ak, secret_access_key: sk, security_token: token } = fields
  const missing = [
    typeof ak === 'string' && /^[A-Za-z0-9]{1,128}$/.test(ak) ? '' : 'access_key_id',
    oneLine(sk) ? '' : 'secret_access_key',
    oneLine(token) ? '' : 'security_token'
  ].filter(Boolean)
  if (missing.length)
    throw unreadableAnswer(
      what,
      response,
      `the answer has no valid ${missing.map(field => `credentials.${field}`).join(', ')}`
    )
  return {
    accessKeyId: ak as string,
    secretAccessKey: sk as string,
    securityToken: token as string,
    expiresAt: parseExpiration(fields.expiration)
  }
}

/** Visible ASCII only: these go into signed headers, where any other character fails every call. */
function oneLine(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]+$/.test(value)
}

/**
 * ISO 8601 in UTC, with milliseconds (`.158Z`) or microseconds (`.158000Z`: the Java SDK accepts
 * both); anything else is undefined, never an error: the expiration is only reported.
 */
export function parseExpiration(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(value)
  if (!match) return undefined
  const millis = (match[2] ?? '').padEnd(3, '0').slice(0, 3)
  const date = new Date(`${match[1]}.${millis}Z`)
  return Number.isNaN(date.getTime()) ? undefined : date
}
