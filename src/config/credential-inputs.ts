/**
 * Which credentials a run uses: exactly one kind, from the inputs or the environment, never mixed
 * within a kind (a key id from one place and a secret from another signs with a stale key).
 */
import { InputError } from '../base/errors.js'
import { hasControl } from '../base/text.js'

/** Which credentials the run uses; exactly one kind. */
export type CredentialConfig =
  /** Keyless with an agency: the runner's id token for STS temporary credentials. */
  | { kind: 'agency'; agencyUrn: string; providerUrn: string; audience: string | undefined }
  | { kind: 'oidc'; identityProvider: string; audience: string | undefined }
  | { kind: 'token'; token: string }
  | {
      kind: 'access-key'
      accessKeyId: string
      secretAccessKey: string
      securityToken: string | undefined
      /** Where the pair came from, for the log: 'inputs', 'HUAWEI_CLOUD_*' or 'HUAWEICLOUD_SDK_*'. */
      source: string
    }

export interface CredentialSource {
  /** Reads one input as the runner passes it ('' when not given). */
  input: (name: string) => string
  env: Readonly<Record<string, string | undefined>>
  /** Hides a secret from the log. */
  mask: (secret: string) => void
}

const ENV_KEY_PAIRS = [
  {
    id: 'HUAWEI_CLOUD_ACCESS_KEY_ID',
    secret: 'HUAWEI_CLOUD_SECRET_ACCESS_KEY',
    token: 'HUAWEI_CLOUD_SECURITY_TOKEN',
    label: 'HUAWEI_CLOUD_*'
  },
  {
    id: 'HUAWEICLOUD_SDK_AK',
    secret: 'HUAWEICLOUD_SDK_SK',
    token: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
    label: 'HUAWEICLOUD_SDK_*'
  }
] as const

/** The one kind of credentials given; throws an InputError that says what to do otherwise. */
export function parseCredentials(source: CredentialSource): CredentialConfig {
  const given = readInputs(source)
  checkOneKind(given)
  if (given.agencyUrn || given.providerUrn) return agency(given)
  if (given.identityProvider) return oidc(given.identityProvider, given.audience)
  if (given.token) return { kind: 'token', token: given.token }
  if (given.accessKeyId || given.secretAccessKey || given.securityToken)
    return inputKeyPair(given, source.env)
  return environmentKeyPair(source)
}

/** The credential inputs, trimmed ('' or undefined when not given); secrets masked as they are read. */
interface CredentialInputs {
  agencyUrn: string
  providerUrn: string
  identityProvider: string
  audience: string
  token: string | undefined
  accessKeyId: string
  secretAccessKey: string | undefined
  securityToken: string | undefined
}

function readInputs({ input, mask }: CredentialSource): CredentialInputs {
  const read = (name: string): string => input(name).trim()
  return {
    agencyUrn: read('agency_urn'),
    providerUrn: read('provider_urn'),
    identityProvider: read('identity_provider'),
    audience: read('audience'),
    token: secret(mask, 'auth_token', input('auth_token')),
    accessKeyId: read('access_key_id'),
    secretAccessKey: secret(mask, 'secret_access_key', input('secret_access_key')),
    securityToken: secret(mask, 'security_token', input('security_token'))
  }
}

/** Masks a secret at once; a secret with a line break inside is refused, never sent. */
function secret(
  mask: CredentialSource['mask'],
  name: string,
  value: string | undefined
): string | undefined {
  const trimmed = value?.trim()
  if (!trimmed) return undefined
  mask(trimmed)
  for (const line of trimmed.split(/[\r\n]+/)) if (line.trim()) mask(line.trim())
  if (hasControl(trimmed)) {
    throw new InputError([
      `${name}: holds a line break or another control character; give the value alone, on one line`
    ])
  }
  return trimmed
}

/** One kind of credentials at most; audience only with a keyless kind. */
function checkOneKind(given: CredentialInputs): void {
  const kinds = [
    (given.agencyUrn || given.providerUrn) && 'agency_urn/provider_urn',
    given.identityProvider && 'identity_provider',
    given.token && 'auth_token',
    (given.accessKeyId || given.secretAccessKey || given.securityToken) &&
      'access_key_id/secret_access_key'
  ].filter(Boolean)
  if (kinds.length > 1) {
    throw new InputError([`credentials: give one kind of credentials, not ${kinds.join(' and ')}`])
  }
  if (given.audience && !given.identityProvider && !given.agencyUrn && !given.providerUrn) {
    throw new InputError([
      'audience: only used with identity_provider or agency_urn (keyless OIDC); remove it or set one of them'
    ])
  }
}

/** An OIDC provider's URN, as IAM's CreateOIDCProviderV5 returns it. */
const PROVIDER_URN = /^iam::[A-Za-z0-9]{1,64}:oidcProvider:[A-Za-z0-9_-]{1,64}$/
/** An agency's URN: an optional path of segments each ending in `/`, then the agency's name. */
const AGENCY_URN =
  /^iam::[A-Za-z0-9]{1,64}:agency:(?:[A-Za-z0-9_+=,.@-]+\/)*[A-Za-z0-9_+=,.@-]{1,64}$/
const MAX_URN = 1500

/** Both URNs, each in its documented form; one without the other names the other. */
function agency(given: CredentialInputs): CredentialConfig {
  const { agencyUrn, providerUrn, audience } = given
  const problems: string[] = []
  if (!agencyUrn)
    problems.push(
      'agency_urn: required with provider_urn (the agency to assume, iam::{account_id}:agency:{name})'
    )
  else if (agencyUrn.length > MAX_URN || !AGENCY_URN.test(agencyUrn))
    problems.push(
      `agency_urn: the agency's URN, iam::{account_id}:agency:{path}{name} (like iam::0123456789abcdef0123456789abcdef:agency:gh-modelarts-register), got ${shown(agencyUrn)}`
    )
  if (!providerUrn)
    problems.push(
      'provider_urn: required with agency_urn (the OIDC provider for https://token.actions.githubusercontent.com, iam::{account_id}:oidcProvider:{name})'
    )
  else if (providerUrn.length > MAX_URN || !PROVIDER_URN.test(providerUrn))
    problems.push(
      `provider_urn: the OIDC provider's URN, iam::{account_id}:oidcProvider:{name} (like iam::0123456789abcdef0123456789abcdef:oidcProvider:github_com), got ${shown(providerUrn)}`
    )
  if (problems.length) throw new InputError(problems)
  return { kind: 'agency', agencyUrn, providerUrn, audience: audience || undefined }
}

/** A refused URN as the message shows it: quoted, one line, not too long. */
function shown(value: string): string {
  const flat = JSON.stringify(value)
  return flat.length > 120 ? `${flat.slice(0, 117)}…"` : flat
}

function oidc(identityProvider: string, audience: string): CredentialConfig {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(identityProvider)) {
    throw new InputError([
      `identity_provider: the IAM identity provider id (1 to 64 letters, digits, - and _), got "${identityProvider}"`
    ])
  }
  return { kind: 'oidc', identityProvider, audience: audience || undefined }
}

/** The key pair given as inputs: both halves there, or an error that says which is missing. */
function inputKeyPair(given: CredentialInputs, env: CredentialSource['env']): CredentialConfig {
  const { accessKeyId, secretAccessKey, securityToken } = given
  if (!accessKeyId)
    throw new InputError([
      givenEmpty(env, 'access_key_id') ??
        'access_key_id: required when secret_access_key or security_token is given'
    ])
  if (!secretAccessKey) {
    const inEnv = ENV_KEY_PAIRS.map(pair => pair.secret).filter(name => env[name]?.trim())
    throw new InputError([
      (givenEmpty(env, 'secret_access_key') ??
        'secret_access_key: required when access_key_id is given') +
        (inEnv.length
          ? `; ${inEnv.join(' and ')} ${inEnv.length > 1 ? 'are' : 'is'} set but not used: inputs and environment are never mixed, so give secret_access_key as an input too (or drop access_key_id to use the environment's pair)`
          : '')
    ])
  }
  return accessKey(accessKeyId, secretAccessKey, securityToken, 'inputs', 'access_key_id')
}

/**
 * The runner passes an unset secret as an empty string: an input that is there but empty is most
 * likely one, or a run from a fork.
 */
function givenEmpty(env: CredentialSource['env'], name: string): string | undefined {
  const value = env[`INPUT_${name.toUpperCase()}`]
  return value !== undefined && !value.trim()
    ? `${name} is empty: a secret that is not set, or a workflow run from a fork (forks get no secrets)`
    : undefined
}

/** The first whole key pair of the environment (each secret masked as it is read), else none given. */
function environmentKeyPair({ env, mask }: CredentialSource): CredentialConfig {
  const halfSet: string[] = []
  for (const pair of ENV_KEY_PAIRS) {
    const id = env[pair.id]?.trim()
    const sk = secret(mask, pair.secret, env[pair.secret])
    const st = secret(mask, pair.token, env[pair.token])
    if (id && sk) return accessKey(id, sk, st, pair.label, pair.id)
    if (id) halfSet.push(`${pair.id} is set but ${pair.secret} is not`)
    if (sk) halfSet.push(`${pair.secret} is set but ${pair.id} is not`)
  }
  throw new InputError([
    'credentials: none given. Provide one of: access_key_id and secret_access_key (from repository secrets); ' +
      'huaweicloud/auth-action in an earlier step (it sets HUAWEI_CLOUD_ACCESS_KEY_ID and HUAWEI_CLOUD_SECRET_ACCESS_KEY); ' +
      'or keyless OIDC with agency_urn and provider_urn, or identity_provider (and permissions: id-token: write)' +
      (halfSet.length ? `. Note: ${halfSet.join('; ')}` : '') +
      emptyPairNote(env)
  ])
}

function accessKey(
  accessKeyId: string,
  secretAccessKey: string,
  securityToken: string | undefined,
  source: string,
  idName: string
): CredentialConfig {
  if (!/^[A-Za-z0-9]{8,128}$/.test(accessKeyId)) {
    // The key id is not secret, but a malformed one only earns a 401 that counts toward the key's lockout.
    throw new InputError([
      `${idName}: an access key id is letters and digits (like HPUA…), got ${accessKeyId.length} characters that are not`
    ])
  }
  return { kind: 'access-key', accessKeyId, secretAccessKey, securityToken, source }
}

/** For a run where the key inputs are there but empty: what that most likely means. */
function emptyPairNote(env: CredentialSource['env']): string {
  const empty = ['access_key_id', 'secret_access_key'].filter(
    name => env[`INPUT_${name.toUpperCase()}`] !== undefined
  )
  return empty.length
    ? `. ${empty.join(' and ')} ${empty.length > 1 ? 'are' : 'is'} empty: if ${empty.length > 1 ? 'they come' : 'it comes'} from secrets, a secret that is not set, or a workflow run from a fork (forks get no secrets)`
    : ''
}
