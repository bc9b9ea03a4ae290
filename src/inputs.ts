/**
 * Reads every input and the environment once, validates them all, and returns one frozen Config.
 * Nothing else in the action reads inputs. Every problem is reported at once, each naming the
 * input and what it accepts, before any request is sent.
 */
import { InputError } from './errors.js'
import {
  optionalEnum,
  optionalList,
  parseBoolean,
  parseDuration,
  parseEndpoint
} from './parsers.js'
import { type ImageReference, completeSwrPath, parseSwrPath } from './swr-path.js'
import {
  type Site,
  defaultEndpoints,
  parseRegion,
  siteOfRegistry,
  siteOfRegion
} from './endpoints.js'

/** Reads one input as the runner passes it ('' when not given). */
export type InputReader = (name: string) => string

/** Where inputs come from; `mask` hides a secret from the log the moment it is read. */
export interface InputSource {
  input: InputReader
  env: Readonly<Record<string, string | undefined>>
  mask: (secret: string) => void
}

/** Which credentials the run uses; exactly one kind. */
export type CredentialConfig =
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

/** The RegisterImage body, with the API's field names; absent fields are not sent. */
export interface RegisterImageBody {
  swr_path: string
  arch?: string
  description?: string
  origin?: string
  resource_category?: string[]
  service_type?: string
  services?: string[]
  visibility?: string
  workspace_id?: string
  flavor_type?: string
}

export type IfExists = 'reuse' | 'fail' | 'replace'

export interface Config {
  image: ImageReference
  registration: RegisterImageBody
  /** The workspace the image lives in ('0' when not given, the service's default). */
  workspaceId: string
  region: string
  site: Site
  projectId: string | undefined
  credentials: CredentialConfig
  endpoint: string
  iamEndpoint: string
  ifExists: IfExists
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
  /** Things worth saying that are not errors. */
  warnings: readonly string[]
}

/** Where the run comes from, for the default description. */
export interface Provenance {
  repository?: string
  sha?: string
  workflow?: string
  runId?: string
  serverUrl?: string
}

const ARCH = ['X86_64', 'AARCH64']
/** Docker's platform names, so a matrix over `amd64`/`arm64` can pass them through. */
const ARCH_ALIASES: Record<string, string> = {
  AMD64: 'X86_64',
  X86_64: 'X86_64',
  ARM64: 'AARCH64',
  AARCH64: 'AARCH64'
}
const ORIGIN = ['CUSTOMIZE', 'IMAGE_SAVE']
const RESOURCE_CATEGORY = ['CPU', 'GPU', 'ASCEND']
const SERVICE_TYPE = ['COMMON', 'INFERENCE', 'TRAIN', 'DEV', 'UNKNOWN']
const SERVICES = ['NOTEBOOK', 'SSH']
const VISIBILITY = ['PRIVATE', 'PUBLIC']
const FLAVOR_TYPE = ['ASCEND_SNT9', 'ASCEND_SNT9B', 'ASCEND_SNT3']
const IF_EXISTS: readonly IfExists[] = ['reuse', 'fail', 'replace']

/** Validates all inputs; throws one InputError listing every problem. */
export function parseConfig(source: InputSource, provenance: Provenance = {}): Config {
  const problems: string[] = []
  const warnings: string[] = []
  const read = (name: string): string => source.input(name).trim()
  const attempt = <T>(parse: () => T): T | undefined => {
    try {
      return parse()
    } catch (error) {
      if (error instanceof InputError) problems.push(...error.problems)
      else throw error
      return undefined
    }
  }

  // Credentials first: secrets are masked before anything else can print them.
  const credentials = attempt(() => parseCredentials(source))

  const rawPath = read('swr_path')
  const registrySite = rawPath ? siteOfRegistry(rawPath) : undefined
  // With no swr_path at all, "required" says it; a missing region would only add noise.
  const needsRegion = rawPath || read('region') || source.env.HUAWEI_CLOUD_REGION
  const region = needsRegion
    ? attempt(() => resolveRegion(read('region'), source.env, registrySite?.region))
    : undefined
  const parts = attempt(() => parseSwrPath(rawPath))
  // A path without a registry needs the region; when that failed, its error already says so.
  const image = parts && region ? attempt(() => completeSwrPath(parts, region)) : undefined
  if (region && registrySite?.region && registrySite.region !== region) {
    warnings.push(
      `region is ${region} but swr_path's registry is in ${registrySite.region}; ModelArts in ${region} may not be able to pull it`
    )
  }
  const site = registrySite?.site ?? (region ? siteOfRegion(region) : 'international')
  const defaults = region ? defaultEndpoints(region, site) : undefined

  const projectId = attempt(() => optionalProjectId(read('project_id'), source.env))
  const endpoint = attempt(() => parseEndpoint('endpoint', read('endpoint'), defaults?.modelarts))
  const iamEndpoint = attempt(() =>
    parseEndpoint('iam_endpoint', read('iam_endpoint'), defaults?.iam)
  )

  const description = read('description')
  if (description.length > 512)
    problems.push(`description: at most 512 characters, got ${description.length}`)
  const workspaceId = read('workspace_id')
  if (workspaceId && !/^(0|[0-9a-z]{32})$/.test(workspaceId)) {
    problems.push(`workspace_id: "0" or 32 characters of 0-9 and a-z, got "${workspaceId}"`)
  }

  const registration: RegisterImageBody = {
    swr_path: image?.swrPath ?? '',
    arch: attempt(() => optionalEnum('arch', read('arch'), ARCH, ARCH_ALIASES)),
    description: description || provenanceDescription(provenance),
    origin: attempt(() => optionalEnum('origin', read('origin'), ORIGIN)),
    resource_category: attempt(() =>
      optionalList('resource_category', read('resource_category'), RESOURCE_CATEGORY)
    ),
    service_type: attempt(() => optionalEnum('service_type', read('service_type'), SERVICE_TYPE)),
    services: attempt(() => optionalList('services', read('services'), SERVICES)),
    visibility: attempt(() => optionalEnum('visibility', read('visibility'), VISIBILITY)),
    workspace_id: workspaceId || undefined,
    flavor_type: attempt(() => optionalEnum('flavor_type', read('flavor_type'), FLAVOR_TYPE))
  }

  const ifExistsRaw = read('if_exists').toLowerCase() || 'reuse'
  if (!IF_EXISTS.includes(ifExistsRaw as IfExists)) {
    problems.push(`if_exists: one of ${IF_EXISTS.join(', ')}, got "${read('if_exists')}"`)
  }
  const wait = attempt(() => parseBoolean('wait', read('wait'), true))
  const timeoutMs = attempt(() => parseDuration('timeout', read('timeout') || '15m'))
  const pollIntervalMs = attempt(() =>
    parseDuration('poll_interval', read('poll_interval') || '10s')
  )

  if (problems.length > 0) throw new InputError(problems)
  return Object.freeze({
    image: image as ImageReference,
    registration: dropUndefined(registration),
    workspaceId: workspaceId || '0',
    region: region as string,
    site,
    projectId,
    credentials: credentials as CredentialConfig,
    endpoint: endpoint as string,
    iamEndpoint: iamEndpoint as string,
    ifExists: ifExistsRaw as IfExists,
    wait: wait as boolean,
    timeoutMs: timeoutMs as number,
    pollIntervalMs: pollIntervalMs as number,
    warnings
  })
}

/**
 * Exactly one kind, in this order: identity_provider, auth_token, an input key pair, then the
 * environment. Inputs and environment never mix within a kind.
 */
function parseCredentials({ input, env, mask }: InputSource): CredentialConfig {
  const read = (name: string): string => input(name).trim()
  const secret = (value: string | undefined): string | undefined => {
    const trimmed = value?.trim()
    if (trimmed) mask(trimmed)
    return trimmed || undefined
  }
  const identityProvider = read('identity_provider')
  const audience = read('audience')
  const token = secret(input('auth_token'))
  const accessKeyId = read('access_key_id')
  const secretAccessKey = secret(input('secret_access_key'))
  const securityToken = secret(input('security_token'))

  const given = [
    identityProvider && 'identity_provider',
    token && 'auth_token',
    (accessKeyId || secretAccessKey || securityToken) && 'access_key_id/secret_access_key'
  ].filter(Boolean)
  if (given.length > 1) {
    throw new InputError([`credentials: give one kind of credentials, not ${given.join(' and ')}`])
  }
  if (audience && !identityProvider) {
    throw new InputError([
      'audience: only used with identity_provider (keyless OIDC); remove it or set identity_provider'
    ])
  }
  if (identityProvider) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(identityProvider)) {
      throw new InputError([
        `identity_provider: the IAM identity provider id (1 to 64 letters, digits, - and _), got "${identityProvider}"`
      ])
    }
    return { kind: 'oidc', identityProvider, audience: audience || undefined }
  }
  if (token) return { kind: 'token', token }
  if (accessKeyId || secretAccessKey || securityToken) {
    if (!accessKeyId)
      throw new InputError([
        'access_key_id: required when secret_access_key or security_token is given'
      ])
    if (!secretAccessKey)
      throw new InputError(['secret_access_key: required when access_key_id is given'])
    return accessKey(accessKeyId, secretAccessKey, securityToken, 'inputs', 'access_key_id')
  }

  const pairs = [
    [
      'HUAWEI_CLOUD_ACCESS_KEY_ID',
      'HUAWEI_CLOUD_SECRET_ACCESS_KEY',
      'HUAWEI_CLOUD_SECURITY_TOKEN',
      'HUAWEI_CLOUD_*'
    ],
    [
      'HUAWEICLOUD_SDK_AK',
      'HUAWEICLOUD_SDK_SK',
      'HUAWEICLOUD_SDK_SECURITY_TOKEN',
      'HUAWEICLOUD_SDK_*'
    ]
  ] as const
  const halfSet: string[] = []
  for (const [idName, secretName, tokenName, label] of pairs) {
    const id = env[idName]?.trim()
    const sk = secret(env[secretName])
    const st = secret(env[tokenName])
    if (id && sk) return accessKey(id, sk, st, label, idName)
    if (id) halfSet.push(`${idName} is set but ${secretName} is not`)
    if (sk) halfSet.push(`${secretName} is set but ${idName} is not`)
  }
  throw new InputError([
    'credentials: none given. Provide one of: access_key_id and secret_access_key (from repository secrets); ' +
      'huaweicloud/auth-action in an earlier step (it sets HUAWEI_CLOUD_ACCESS_KEY_ID and HUAWEI_CLOUD_SECRET_ACCESS_KEY); ' +
      'or keyless OIDC with identity_provider (and permissions: id-token: write)' +
      (halfSet.length ? `. Note: ${halfSet.join('; ')}` : '')
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

function resolveRegion(
  input: string,
  env: InputSource['env'],
  fromRegistry: string | undefined
): string {
  const [value, from] = input
    ? [input, 'region']
    : env.HUAWEI_CLOUD_REGION?.trim()
      ? [env.HUAWEI_CLOUD_REGION.trim(), 'region (from HUAWEI_CLOUD_REGION)']
      : [fromRegistry, 'region']
  if (!value) {
    throw new InputError([
      'region: required (e.g. cn-north-4): set region, HUAWEI_CLOUD_REGION, or give swr_path with its swr.{region}.myhuaweicloud.com registry'
    ])
  }
  return parseRegion(from, value)
}

function optionalProjectId(input: string, env: InputSource['env']): string | undefined {
  const candidates: [string, string | undefined][] = [
    ['project_id', input],
    ['project_id (from HUAWEI_CLOUD_PROJECT_ID)', env.HUAWEI_CLOUD_PROJECT_ID?.trim()],
    ['project_id (from HUAWEICLOUD_SDK_PROJECT_ID)', env.HUAWEICLOUD_SDK_PROJECT_ID?.trim()]
  ]
  const found = candidates.find(([, value]) => value)
  if (!found) return undefined
  const [name, value] = found as [string, string]
  if (!/^[A-Za-z0-9]{1,64}$/.test(value))
    throw new InputError([`${name}: letters and digits only, got "${value}"`])
  return value
}

/** "Registered by GitHub Actions from owner/repo@abc1234 (workflow, run 42): <run url>" */
export function provenanceDescription(p: Provenance): string {
  if (!p.repository) return 'Registered by modelarts-register-image-action'
  const parts = [`Registered by GitHub Actions from ${p.repository}`]
  if (p.sha) parts[0] += `@${p.sha.slice(0, 12)}`
  if (p.workflow || p.runId)
    parts.push(`(${[p.workflow, p.runId && `run ${p.runId}`].filter(Boolean).join(', ')})`)
  if (p.serverUrl && p.runId) parts.push(`${p.serverUrl}/${p.repository}/actions/runs/${p.runId}`)
  return parts.join(' ').slice(0, 512)
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
