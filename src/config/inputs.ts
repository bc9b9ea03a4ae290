/**
 * Reads every input and the environment once, validates them all, and returns one frozen Config.
 * Nothing else in the action reads inputs. Every problem is reported at once, each naming the
 * input and what it accepts, before any request is sent.
 */
import {
  type CredentialConfig,
  type CredentialSource,
  parseCredentials
} from './credential-inputs.js'
import { InputError } from '../base/errors.js'
import {
  ProblemCollector,
  optionalEnum,
  optionalList,
  parseBoolean,
  parseDuration,
  parseEndpoint,
  parseEnum
} from './parsers.js'
import { unknownInputWarnings } from './input-names.js'
import { type ImageReference, completeSwrPath, parseSwrPath } from './swr-path.js'
import { defaultEndpoints, parseRegion, siteOfRegistry, siteOfRegion } from './endpoints.js'

/** Where inputs come from; `mask` hides a secret from the log the moment it is read. */
export type InputSource = CredentialSource

/** The image attributes given as inputs, in the API's spelling; absent ones are not sent. */
export interface ImageAttributes {
  arch?: string
  origin?: string
  resource_category?: string[]
  service_type?: string
  services?: string[]
  visibility?: string
  flavor_type?: string
}

export const IF_EXISTS = ['reuse', 'fail', 'replace'] as const
export type IfExists = (typeof IF_EXISTS)[number]

export interface Config {
  image: ImageReference
  attributes: ImageAttributes
  /** The description input; undefined means "build the provenance line". */
  description: string | undefined
  /** The workspace the image lives in ('0' when not given, the service's default). */
  workspaceId: string
  /** workspace_id as given, sent only when given. */
  workspaceInput: string | undefined
  region: string
  projectId: string | undefined
  credentials: CredentialConfig
  endpoint: string
  iamEndpoint: string
  /** The SWR management API. */
  swrEndpoint: string
  /**
   * Whether to check the image in SWR first: on, and the registry is the region's SWR (or
   * swr_endpoint was given, which says where that registry's API is).
   */
  checkImage: boolean
  /** Do every check and look-up, write nothing. */
  dryRun: boolean
  ifExists: IfExists
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
  /** Things worth a warning that are not errors. */
  warnings: readonly string[]
  /** Things worth an info line. */
  notes: readonly string[]
}

/** Docker's platform names too, so a matrix over `amd64`/`arm64` or `linux/arm64` can pass them through. */
const ARCH_SPELLINGS: Record<string, string> = {
  X86_64: 'X86_64',
  AMD64: 'X86_64',
  'LINUX/AMD64': 'X86_64',
  AARCH64: 'AARCH64',
  ARM64: 'AARCH64',
  'LINUX/ARM64': 'AARCH64'
}
/** Whole seconds; a job's own limit is 6 h. */
const TIMEOUT_BOUNDS = { min: 1, max: 6 * 3600 }
const POLL_BOUNDS = { min: 1, max: 6 * 3600 }
const ORIGIN = ['CUSTOMIZE', 'IMAGE_SAVE']
const RESOURCE_CATEGORY = ['CPU', 'GPU', 'ASCEND']
const SERVICE_TYPE = ['COMMON', 'INFERENCE', 'TRAIN', 'DEV', 'UNKNOWN']
const SERVICES = ['NOTEBOOK', 'SSH']
const VISIBILITY = ['PRIVATE', 'PUBLIC']
const FLAVOR_TYPE = ['ASCEND_SNT9', 'ASCEND_SNT9B', 'ASCEND_SNT3']

/** Validates all inputs; throws one InputError listing every problem. */
export function parseConfig(source: InputSource): Config {
  const collect = new ProblemCollector()
  const warnings: string[] = []
  const notes: string[] = []
  const read = (name: string): string => source.input(name).trim()

  // Credentials first: secrets are masked before anything else can print them.
  const credentials = collect.take(() => parseCredentials(source))

  const rawPath = read('swr_path')
  // A scheme is the one mistake here; its error says so, and the region is read past it.
  const registrySite = siteOfRegistry(rawPath.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''))
  // With no swr_path at all, "required" says it; a missing region would only add noise.
  const needsRegion = rawPath || read('region') || source.env.HUAWEI_CLOUD_REGION
  const region = needsRegion
    ? collect.take(() => resolveRegion(read('region'), source.env, registrySite?.region))
    : collect.take(() => '')
  const parts = collect.take(() => parseSwrPath(rawPath))
  // A path without a registry needs the region; when that failed, its error already says so.
  const image =
    parts.ok && region.ok && region.value
      ? collect.take(() => completeSwrPath(parts.value, region.value))
      : { ok: false as const }
  const regionName = region.ok ? region.value : undefined
  // The site (international or EU) follows the region: its endpoints exist only there.
  const site = regionName ? siteOfRegion(regionName) : 'international'
  if (regionName && registrySite && registrySite.site !== site) {
    collect.add(
      `region: ${regionName} is on the ${site === 'eu' ? 'European' : 'international'} site, but swr_path's registry is on the ` +
        `${registrySite.site === 'eu' ? 'European' : 'international'} one (${registrySite.region}); ModelArts in a region pulls from that ` +
        `site's SWR: set region: ${registrySite.region}, or push to ${defaultEndpoints(regionName, site).registry}`
    )
  } else if (regionName && registrySite && registrySite.region !== regionName) {
    warnings.push(
      `region is ${regionName} but swr_path's registry is in ${registrySite.region}; ModelArts in ${regionName} may not be able to pull it`
    )
  }
  if (parts.ok && parts.value.registry && !registrySite && !isSwrLike(parts.value.registry)) {
    warnings.push(
      `swr_path's registry ${parts.value.registry} is not SWR: ModelArts registers images from SWR (swr.{region}.myhuaweicloud.com); push the image there and register that path`
    )
  }
  warnings.push(...unknownInputWarnings(source.env))
  const defaults = regionName ? defaultEndpoints(regionName, site) : undefined

  const description = read('description')
  if (description.length > 512)
    collect.add(`description: at most 512 characters, got ${description.length}`)
  const workspaceId = read('workspace_id')
  if (workspaceId && !/^(0|[0-9a-z]{32})$/.test(workspaceId)) {
    collect.add(`workspace_id: "0" or 32 characters of 0-9 and a-z, got "${workspaceId}"`)
  }

  const values = collect.finish({
    credentials,
    image,
    region,
    projectId: collect.take(() => optionalProjectId(read('project_id'), source.env)),
    endpoint: collect.take(() => parseEndpoint('endpoint', read('endpoint'), defaults?.modelarts)),
    iamEndpoint: collect.take(() =>
      parseEndpoint('iam_endpoint', read('iam_endpoint'), defaults?.iam)
    ),
    arch: collect.take(() => parseArch(read('arch'))),
    origin: collect.take(() => optionalEnum('origin', read('origin'), ORIGIN)),
    resourceCategory: collect.take(() =>
      optionalList('resource_category', read('resource_category'), RESOURCE_CATEGORY)
    ),
    serviceType: collect.take(() =>
      optionalEnum('service_type', read('service_type'), SERVICE_TYPE)
    ),
    services: collect.take(() => optionalList('services', read('services'), SERVICES)),
    visibility: collect.take(() => optionalEnum('visibility', read('visibility'), VISIBILITY)),
    flavorType: collect.take(() => optionalEnum('flavor_type', read('flavor_type'), FLAVOR_TYPE)),
    swrEndpoint: collect.take(() =>
      parseEndpoint('swr_endpoint', read('swr_endpoint'), defaults?.swr)
    ),
    checkImage: collect.take(() => parseBoolean('check_image', read('check_image'), true)),
    dryRun: collect.take(() => parseBoolean('dry_run', read('dry_run'), false)),
    ifExists: collect.take(() => parseEnum('if_exists', read('if_exists'), IF_EXISTS, 'reuse')),
    wait: collect.take(() => parseBoolean('wait', read('wait'), true)),
    timeoutMs: collect.take(() =>
      parseDuration('timeout', read('timeout') || '15m', TIMEOUT_BOUNDS)
    ),
    pollIntervalMs: collect.take(() =>
      parseDuration('poll_interval', read('poll_interval') || '10s', POLL_BOUNDS)
    )
  })
  // Endpoints always have a value once the region is known; a missing one is a bug, not an input.
  if (!values.endpoint || !values.iamEndpoint || !values.swrEndpoint)
    throw new Error('no default endpoint for the region')
  // Other registries (an SWR enterprise instance, Docker Hub) have no SWR API to ask, unless
  // swr_endpoint says where it is.
  const checkable =
    Boolean(read('swr_endpoint')) || siteOfRegistry(values.image.swrPath) !== undefined
  if (values.checkImage && !checkable) {
    notes.push(
      `the image is not checked in SWR: ${values.image.registry} is not the region's SWR registry (set swr_endpoint to check another SWR)`
    )
  }

  return Object.freeze({
    image: values.image,
    attributes: dropUndefined({
      arch: values.arch,
      origin: values.origin,
      resource_category: values.resourceCategory,
      service_type: values.serviceType,
      services: values.services,
      visibility: values.visibility,
      flavor_type: values.flavorType
    }),
    description: description || undefined,
    workspaceId: workspaceId || '0',
    workspaceInput: workspaceId || undefined,
    region: values.region,
    projectId: values.projectId,
    credentials: values.credentials,
    endpoint: values.endpoint,
    iamEndpoint: values.iamEndpoint,
    swrEndpoint: values.swrEndpoint,
    checkImage: values.checkImage && checkable,
    dryRun: values.dryRun,
    ifExists: values.ifExists,
    wait: values.wait,
    timeoutMs: values.timeoutMs,
    pollIntervalMs: values.pollIntervalMs,
    warnings,
    notes
  })
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
  const [name, value] = candidates.find(([, v]) => v) ?? ['', undefined]
  if (!value) return undefined
  if (!/^[A-Za-z0-9]{1,64}$/.test(value))
    throw new InputError([`${name}: letters and digits only, got "${value}"`])
  return value
}

/** SWR's registries, its enterprise instances, and loopback (emulators, local mirrors). */
function isSwrLike(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '')
  return /(^|\.)swr\.|myhuaweicloud\./.test(host) || host === 'localhost' || /^127\./.test(host)
}

function parseArch(value: string): string | undefined {
  if (!value) return undefined
  const arch = ARCH_SPELLINGS[value.toUpperCase()]
  if (arch) return arch
  throw new InputError([
    `arch: X86_64 or AARCH64; also accepted, in any case: ${Object.keys(ARCH_SPELLINGS)
      .filter(k => k !== 'X86_64' && k !== 'AARCH64')
      .map(k => k.toLowerCase())
      .join(', ')}; got "${value}"`
  ])
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
