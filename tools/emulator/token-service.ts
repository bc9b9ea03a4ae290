/**
 * A stand-in for the runner's OIDC id-token service (ACTIONS_ID_TOKEN_REQUEST_URL): it issues
 * JWT-shaped id tokens for an audience and remembers them, so IAM's token exchange can verify them.
 */
import * as crypto from 'node:crypto'
import { RUNNER_REQUEST_TOKEN, type RouteContext } from './context.js'

/** What the id-token service changes. */
export interface TokenServiceState {
  /** Id tokens the runner stand-in issued: token → audience. */
  readonly idTokens: Map<string, string>
}

/** The path the service answers on; the request URL adds `?api-version=2.0`. */
export const ID_TOKEN_PATH = '/_runner/id-token'

/** GET /_runner/id-token?audience=…, authorised by the runner's request token. */
export function issueIdToken(state: TokenServiceState, ctx: RouteContext): void {
  if (ctx.req.headers.authorization !== `Bearer ${RUNNER_REQUEST_TOKEN}`) {
    return ctx.reply(401, { message: 'bad runner request token' })
  }
  const audience = ctx.url.searchParams.get('audience') ?? 'https://github.com/octo-org'
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url')
  const jwt = [
    b64({ alg: 'RS256', typ: 'JWT' }),
    b64({
      iss: 'https://token.actions.githubusercontent.com',
      aud: audience,
      sub: 'repo:octo-org/app:ref:refs/heads/main',
      jti: crypto.randomUUID()
    }),
    crypto.randomBytes(32).toString('base64url')
  ].join('.')
  state.idTokens.set(jwt, audience)
  ctx.reply(200, { value: jwt })
}
