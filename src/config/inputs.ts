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
import { ProblemCollector } from './parsers.js'
import { unknownInputs } from './input-names.js'
import {
  IF_EXISTS,
  INPUT_TABLE,
  type IfExists,
  type InputEntry,
  type ParseContext
} from './input-table.js'
import { regionHint } from './regions.js'
import { type ImageReference, completeSwrPath, parseSwrPath } from './swr-path.js'
import { defaultEndpoints, parseRegion, siteOfRegistry, siteOfRegion } from './endpoints.js'

/** Where inputs come from; `mask` hides a secret from the log the moment it is read. */
export type InputSource = CredentialSource

/**
 * The image attributes given as inputs, in the API's spelling; absent ones are not sent. Exactly
 * the RegisterImage body's pass-through fields (input-table.ts's ATTRIBUTE_FIELDS, checked by tsc).
 */
export interface ImageAttributes {
  arch?: string
  origin?: string
  resource_category?: string[]
  service_type?: string
  services?: string[]
  visibility?: string
  flavor_type?: string
  /** The image's guide in ModelArts, sent as given (several lines allowed). */
  read_me?: string
  /** The SWR Enterprise Edition instance that holds the image. */
  swr_instance_id?: string
}

export { IF_EXISTS, type IfExists }

export interface Config {
  /** The image; undefined only when image_id is given without swr_path (a wait on that id). */
  image: ImageReference | undefined
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
  /** image_id: wait on this existing registration instead of registering. */
  imageId?: string
  /** keep_last: after success, keep only the newest N registrations of this image. */
  keepLast?: number
  /** keep_tags: registrations whose tag matches are never deleted by keep_last. */
  keepTags?: RegExp
  /** Things worth a warning that are not errors. */
  warnings: readonly string[]
  /** Things worth an info line. */
  notes: readonly string[]
}

/**
 * Refused inputs, with the warnings found on the way (unknown inputs, an unknown region), so that
 * both are reported whatever else is wrong.
 */
export class ConfigError extends InputError {
  constructor(
    problems: readonly string[],
    readonly warnings: readonly string[]
  ) {
    super(problems)
  }
}

/** Validates all inputs; throws one ConfigError (an InputError) listing every problem. */
export function parseConfig(
  source: InputSource,
  table: readonly InputEntry[] = INPUT_TABLE
): Config {
  const collect = new ProblemCollector()
  const warnings: string[] = []
  const notes: string[] = []
  const read = (name: string): string => source.input(name).trim()

  // Near misses are errors, and reported whatever else is wrong.
  const unknown = unknownInputs(
    source.env,
    table.map(entry => entry.name)
  )
  for (const problem of unknown.errors) collect.add(problem)
  warnings.push(...unknown.warnings)

  // Credentials first: secrets are masked before anything else can print them.
  const credentials = collect.take(() => parseCredentials(source))

  const rawPath = read('swr_path')
  // image_id alone: wait on that registration; there is no path to parse (and none is required).
  const waitOnly = !rawPath && read('image_id') !== ''
  // A scheme is the one mistake here; its error says so, and the region is read past it.
  const registrySite = siteOfRegistry(rawPath.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''))
  // With no swr_path at all, "required" says it; a missing region would only add noise.
  const needsRegion = rawPath || waitOnly || read('region') || source.env.HUAWEI_CLOUD_REGION
  const region = needsRegion
    ? collect.take(() => resolveRegion(read('region'), source.env, registrySite?.region))
    : collect.take(() => '')
  const parts = waitOnly ? { ok: false as const } : collect.take(() => parseSwrPath(rawPath))
  // A path without a registry needs the region; when that failed, its error already says so.
  const image: { ok: true; value: ImageReference | undefined } | { ok: false } = waitOnly
    ? { ok: true, value: undefined }
    : parts.ok && region.ok && region.value
      ? collect.take(() => completeSwrPath(parts.value, region.value))
      : { ok: false as const }
  const regionName = region.ok ? region.value : undefined
  if (regionName) {
    const hint = regionHint(regionName)
    if (hint) warnings.push(`${hint} (it is used as given)`)
  }
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
  const context: ParseContext = {
    env: source.env,
    defaults: regionName ? defaultEndpoints(regionName, site) : undefined,
    warn: message => warnings.push(message)
  }

  // Every other input, from the table: each parser's value goes to its Config or attribute field.
  const fields: Record<string, unknown> = {}
  const attributes: Record<string, unknown> = {}
  for (const entry of table) {
    const { parse, target } = entry
    if (!parse || target.kind === 'group') continue
    const parsed = collect.take(() => parse(read(entry.name) || entry.default, context))
    if (!parsed.ok || parsed.value === undefined) continue
    if (target.kind === 'attribute') attributes[target.field] = parsed.value
    else fields[target.field] = parsed.value
  }
  if (collect.problems.length > 0 || !credentials.ok || !image.ok || !region.ok)
    throw new ConfigError(collect.problems, warnings)
  const values = fields as Partial<Config>
  // Endpoints always have a value once the region is known; a missing one is a bug, not an input.
  if (!values.endpoint || !values.iamEndpoint || !values.swrEndpoint)
    throw new Error('no default endpoint for the region')
  // Other registries (an SWR enterprise instance, Docker Hub) have no SWR API to ask, unless
  // swr_endpoint says where it is.
  const checkable =
    image.value !== undefined &&
    (Boolean(read('swr_endpoint')) || siteOfRegistry(image.value.swrPath) !== undefined)
  const checkImage = (values.checkImage ?? true) && values.imageId === undefined
  if (checkImage && !checkable && image.value) {
    notes.push(
      `the image is not checked in SWR: ${image.value.registry} is not the region's SWR registry (set swr_endpoint to check another SWR)`
    )
  }

  return Object.freeze({
    image: image.value,
    attributes: attributes as ImageAttributes,
    description: values.description,
    workspaceId: values.workspaceInput ?? '0',
    workspaceInput: values.workspaceInput,
    region: region.value,
    projectId: values.projectId,
    credentials: credentials.value,
    endpoint: values.endpoint,
    iamEndpoint: values.iamEndpoint,
    swrEndpoint: values.swrEndpoint,
    checkImage: checkImage && checkable,
    dryRun: values.dryRun ?? false,
    ifExists: values.ifExists ?? 'reuse',
    wait: values.wait ?? true,
    timeoutMs: values.timeoutMs ?? 15 * 60_000,
    pollIntervalMs: values.pollIntervalMs ?? 10_000,
    ...(values.imageId === undefined ? {} : { imageId: values.imageId }),
    ...(values.keepLast === undefined ? {} : { keepLast: values.keepLast }),
    ...(values.keepTags === undefined ? {} : { keepTags: values.keepTags }),
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

/** SWR's registries, its enterprise instances, and loopback (emulators, local mirrors). */
function isSwrLike(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '')
  return /(^|\.)swr\.|myhuaweicloud\./.test(host) || host === 'localhost' || /^127\./.test(host)
}
