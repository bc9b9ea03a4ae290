/**
 * How a request is authenticated: AK/SK signing (a temporary key with its token), an IAM token, or
 * nothing.
 */
import { type AccessKey, type SignableRequest, signRequest } from './signer.js'

/** Turns a request into the headers that authenticate it. Called anew for every attempt. */
export type Authenticator = (request: SignableRequest, now: Date) => Record<string, string>

/** AK/SK signing; a temporary key also sends its signed X-Security-Token. */
export function accessKeyAuth(key: AccessKey): Authenticator {
  return (request, now) => signRequest(request, key, now)
}

/** An IAM token, sent as X-Auth-Token with no signature. */
export function tokenAuth(token: string): Authenticator {
  return () => ({ 'X-Auth-Token': token })
}

/** No authentication (the OIDC exchange carries its own proof in the body). */
export const noAuth: Authenticator = () => ({})
