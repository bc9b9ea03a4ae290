/**
 * Keyless with an agency: the session asked of STS (its length and name) and refusals that say
 * what to change in the trust policy, the provider or the inputs.
 */
import { ApiError, ServiceStateError } from '../base/errors.js'
import { isObject } from '../base/json.js'
import type { Logger } from '../base/runtime.js'
import { serverText } from '../base/text.js'
import type { HttpApi } from '../cloud/http.js'
import { type TemporaryCredentials, assumeAgencyWithOidc } from '../cloud/sts.js'
import type { Provenance } from '../model/run.js'

/** What every agency allows (its max_session_duration is 3600 s unless raised). */
const SAFE_DURATION_S = 3600
const MIN_DURATION_S = 900
const MAX_DURATION_S = 43_200
/** Past the step's timeout: the last status read and the outputs still need valid credentials. */
const MARGIN_S = 300

/** The session length asked for: the step's timeout and five minutes, within what STS accepts. */
export function sessionDuration(timeoutMs: number): number {
  const wanted = Math.ceil(timeoutMs / 1000) + MARGIN_S
  return Math.min(MAX_DURATION_S, Math.max(MIN_DURATION_S, wanted))
}

/**
 * The session's name, for the audit trail: repository, run id and attempt, in the characters STS
 * is known to take ([A-Za-z0-9_.-], 2 to 128), the repository cut first so the run id survives.
 */
export function sessionName(provenance: Provenance): string {
  const clean = (text: string): string => text.replace(/[^A-Za-z0-9_.-]+/g, '-')
  const run = [provenance.runId, provenance.runAttempt].filter(Boolean).join('-')
  const tail = clean(run ? `-${run}` : '').slice(0, 64)
  const head = clean(provenance.repository ?? 'modelarts-register-image').slice(
    0,
    128 - tail.length
  )
  const name = `${head}${tail}`.replace(/^-+/, '')
  return name.length >= 2 ? name : 'modelarts-register-image'
}

/** The claims of an id token that say who asked: not secrets, and shown only sanitised. */
export interface TokenClaims {
  sub: string | undefined
  aud: string | undefined
}

/** Reads the JWT's payload locally (no verification: only to say what STS saw). */
export function claimsOf(idToken: string): TokenClaims {
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'))
  } catch {
    payload = undefined
  }
  const claims = isObject(payload) ? payload : {}
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' ? serverText(value, 256) : undefined
  const aud = Array.isArray(claims.aud) ? claims.aud.find(a => typeof a === 'string') : claims.aud
  return { sub: text(claims.sub), aud: text(aud) }
}

export interface AgencyRequest {
  stsEndpoint: string
  agencyUrn: string
  providerUrn: string
  idToken: string
  timeoutMs: number
  provenance: Provenance
}

/**
 * Assumes the agency for the step's length; when STS refuses a session longer than every agency
 * allows (any 4xx: the code for it is unconfirmed), asks once more for 3600 s and warns.
 */
export async function assumeAgency(
  http: HttpApi,
  request: AgencyRequest,
  { log, mask }: { log: Logger; mask: (secret: string) => void }
): Promise<TemporaryCredentials & { sessionName: string }> {
  const name = sessionName(request.provenance)
  const durationSeconds = sessionDuration(request.timeoutMs)
  const assume = (seconds: number): Promise<TemporaryCredentials> =>
    assumeAgencyWithOidc(
      http,
      request.stsEndpoint,
      { ...request, sessionName: name, durationSeconds: seconds },
      mask
    )
  try {
    try {
      return { ...(await assume(durationSeconds)), sessionName: name }
    } catch (error) {
      if (!(durationSeconds > SAFE_DURATION_S && isRefusal(error))) throw error
      const again = await assume(SAFE_DURATION_S)
      log.warning(
        `STS refused a session of ${durationSeconds} s (${refusalText(error)}): the agency allows less (its maximum session duration); ` +
          `got ${SAFE_DURATION_S} s instead, so a step longer than an hour may end with expired credentials: ` +
          `raise the agency's maximum session duration, or shorten timeout`
      )
      return { ...again, sessionName: name }
    }
  } catch (error) {
    throw isRefusal(error) ? refusal(error, request) : error
  }
}

/** A 4xx other than throttling (429 is retried until the deadline by the HTTP client). */
function isRefusal(error: unknown): error is ApiError {
  return (
    error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429
  )
}

function refusalText(error: ApiError): string {
  return `HTTP ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}: ${error.errorMsg}`
}

/** STS's refusal, with what to change: the trust policy for this token, the audience, or a URN. */
function refusal(error: ApiError, request: AgencyRequest): ServiceStateError {
  const { sub, aud } = claimsOf(request.idToken)
  const said = `STS refused (${refusalText(error)}${error.requestId ? `, request id ${error.requestId}` : ''})`
  const claims = `the id token has sub ${JSON.stringify(sub ?? '?')} and aud ${JSON.stringify(aud ?? '?')}`
  const text = `${error.errorCode} ${error.errorMsg}`.toLowerCase()
  let advice: string
  if (error.errorCode === 'STS5.2001' || /\baud(ience)?\b|client.?id/.test(text))
    advice = `${claims}: add ${JSON.stringify(aud ?? '?')} to the client ids of provider ${request.providerUrn}, or set audience to one of them`
  else if (error.status === 403 || error.errorCode === 'STS5.1001')
    advice =
      `${claims}: the trust policy of agency ${request.agencyUrn} does not allow it. ` +
      `Allow it with a condition such as "StringMatch": {"oidc:sub": [${JSON.stringify(sub ?? '?')}]}` +
      ` and "StringEquals": {"oidc:aud": [${JSON.stringify(aud ?? '?')}]}, or run from a branch or environment the policy names`
  else if (/provider/.test(text))
    advice = `check provider_urn: ${request.providerUrn} (the OIDC provider's URN in the new IAM)`
  else if (/agency/.test(text))
    advice = `check agency_urn: ${request.agencyUrn} (the agency's URN in the new IAM)`
  else
    advice = `check agency_urn (${request.agencyUrn}), provider_urn (${request.providerUrn}) and the agency's trust policy; ${claims}`
  return new ServiceStateError(error.what, `${said}; ${advice}`)
}
