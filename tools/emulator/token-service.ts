/**
 * A stand-in for the runner's OIDC id-token service: RS256 tokens with GitHub's claims, its key
 * published as a JWKS.
 */
import * as crypto from 'node:crypto'
import { RUNNER_REQUEST_TOKEN, type RouteContext } from './context.js'
import { RUN_CONTEXT } from '../runner.js'

/** GitHub's issuer: `iss` of every id token, and the URL an OIDC provider is configured with. */
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

/** What the id-token service changes. */
export interface TokenServiceState {
  /** Id tokens the runner stand-in issued: token → audience. */
  readonly idTokens: Map<string, string>
  /** Claims that replace the defaults in the next tokens (a job on another branch, an environment). */
  readonly idTokenClaims: Record<string, unknown>
}

/** The path the service answers on; the request URL adds `?api-version=2.0`. */
export const ID_TOKEN_PATH = '/_runner/id-token'
/** Where the signing keys are published (GitHub's is `{issuer}/.well-known/jwks`). */
export const JWKS_PATH = '/_runner/.well-known/jwks'

interface SigningKey {
  kid: string
  privateKey: crypto.KeyObject
  jwk: crypto.JsonWebKey
}

let signingKey: SigningKey | undefined

/** One RSA key per process: making one takes tens of milliseconds, and every emulator shares it. */
function key(): SigningKey {
  if (!signingKey) {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
    const kid = crypto.randomBytes(8).toString('hex')
    signingKey = { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid } }
  }
  return signingKey
}

/** The published keys: `{keys: [{kty: 'RSA', n, e, kid, alg, use}]}`. */
export function jwks(): { keys: crypto.JsonWebKey[] } {
  return { keys: [{ ...key().jwk, alg: 'RS256', use: 'sig' }] }
}

/** GitHub's claims for the runner's run (RUN_CONTEXT), a job on main. */
function defaultClaims(audience: string): Record<string, unknown> {
  const repository = RUN_CONTEXT.GITHUB_REPOSITORY as string
  const now = Math.floor(Date.now() / 1000)
  return {
    iss: GITHUB_ISSUER,
    aud: audience,
    sub: `repo:${repository}:ref:refs/heads/main`,
    repository,
    repository_owner: repository.split('/')[0],
    ref: 'refs/heads/main',
    ref_type: 'branch',
    sha: RUN_CONTEXT.GITHUB_SHA,
    workflow: RUN_CONTEXT.GITHUB_WORKFLOW,
    run_id: RUN_CONTEXT.GITHUB_RUN_ID,
    run_attempt: RUN_CONTEXT.GITHUB_RUN_ATTEMPT,
    event_name: 'push',
    jti: crypto.randomUUID(),
    iat: now,
    nbf: now - 5,
    exp: now + 300
  }
}

/** An RS256 JWT over `claims`, signed with the published key. */
function signIdToken(claims: Record<string, unknown>): string {
  const { kid, privateKey } = key()
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url')
  const signed = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`
  const signature = crypto.sign('RSA-SHA256', Buffer.from(signed), privateKey)
  return `${signed}.${signature.toString('base64url')}`
}

/** GET /_runner/id-token?audience=…, authorised by the runner's request token. */
export function issueIdToken(state: TokenServiceState, ctx: RouteContext): void {
  if (ctx.req.headers.authorization !== `Bearer ${RUNNER_REQUEST_TOKEN}`) {
    return ctx.reply(401, { message: 'bad runner request token' })
  }
  const audience = ctx.url.searchParams.get('audience') ?? 'https://github.com/octo-org'
  const jwt = signIdToken({ ...defaultClaims(audience), ...state.idTokenClaims })
  state.idTokens.set(jwt, audience)
  ctx.reply(200, { value: jwt })
}
