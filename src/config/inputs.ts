/**
 * parseConfig, the one reader of the inputs and environment: every problem reported at once, each
 * naming its input and what it accepts, before any request is sent.
 */
import { InputError } from '../base/errors.js'
import {
  OWN_DOMAIN_REGIONS,
  type Site,
  isHuaweiCloudHost,
  isSwrLike,
  siteOfRegion,
  siteOfRegistry
} from '../base/hosts.js'
import {
  type Config,
  INPUT_NAMES,
  type ImageAttributes,
  type ReadContext,
  type Take,
  readAttributes,
  readFields
} from './config.js'
import { type CredentialSource, parseCredentials } from './credential-inputs.js'
import { defaultEndpoints, parseRegion } from './endpoints.js'
import { unknownInputs } from './input-names.js'
import { type Parsed, ProblemCollector } from './parsers.js'
import { misspeltRegion, noModelArtsWarning, regionHint } from './regions.js'
import { type ImageParts, type ImageReference, completeSwrPath, parseSwrPath } from './swr-path.js'

/** Where inputs come from; `mask` hides a secret from the log the moment it is read. */
export type InputSource = CredentialSource

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

/** What the stages find besides values: refusals (all reported at once), warnings, notes. */
interface Findings {
  readonly collect: ProblemCollector
  readonly warnings: string[]
  readonly notes: string[]
}

/** One input as given, trimmed ('' when not given). */
type Read = (name: string) => string

/**
 * Validates all inputs; throws one ConfigError (an InputError) listing every problem. In order:
 * unknown inputs, credentials, location (swr_path and region), the inputs read alone, then what
 * follows from them.
 */
export function parseConfig(source: InputSource): Config {
  const found: Findings = { collect: new ProblemCollector(), warnings: [], notes: [] }
  const read: Read = name => source.input(name).trim()
  checkInputNames(source.env, found)
  // Credentials first: secrets are masked before anything else can print them.
  const credentials = found.collect.take(() => parseCredentials(source))
  const location = parseLocation(read, source.env, found)
  const context: ReadContext = {
    env: source.env,
    defaults: location.defaults,
    warn: message => found.warnings.push(message)
  }
  const refusals = new Map<string, ProblemCollector>()
  const take: Take = (name, parse, fallback = '') => {
    const own = new ProblemCollector()
    refusals.set(name, own)
    const parsed = own.take(() => parse(read(name) || fallback))
    // A refused input's value is never read: a problem means no Config.
    return parsed.ok ? parsed.value : (undefined as never)
  }
  const attributes = definedOnly(readAttributes(take, context))
  const fields = readFields(take, context)
  // Reported in action.yml's order, whichever reader read the input.
  for (const name of INPUT_NAMES)
    for (const p of refusals.get(name)?.problems ?? []) found.collect.add(p)
  checkCombinations(fields, found.collect)
  const { image, region } = location
  if (found.collect.problems.length > 0 || !credentials.ok || !image.ok || !region.ok)
    throw new ConfigError(found.collect.problems, found.warnings)
  return Object.freeze({
    ...fields,
    image: image.value,
    attributes,
    region: region.value,
    credentials: credentials.value,
    checkImage: checkImageDecided(image.value, fields, found.notes, {
      swrEndpointGiven: Boolean(read('swr_endpoint')),
      instanceId: attributes.swr_instance_id
    }),
    warnings: found.warnings,
    notes: found.notes
  })
}

/** The attributes given: one not given is not sent, so it is not there at all. */
function definedOnly(attributes: ReturnType<typeof readAttributes>): ImageAttributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined))
}

/** Unknown inputs: near misses are errors, other keys warnings; reported whatever else is wrong. */
function checkInputNames(env: InputSource['env'], found: Findings): void {
  const unknown = unknownInputs(env)
  for (const problem of unknown.errors) found.collect.add(problem)
  found.warnings.push(...unknown.warnings)
}

/** The image and its region, and the region's default endpoints (for the endpoint inputs). */
interface Location {
  /** Undefined when image_id is given without swr_path (a wait on that id). */
  image: Parsed<ImageReference | undefined>
  region: Parsed<string>
  defaults: ReadContext['defaults']
}

/**
 * swr_path and region, read together: the registry can name the region, the region completes a
 * path without a registry, and the two must be on the same site.
 */
function parseLocation(read: Read, env: InputSource['env'], found: Findings): Location {
  const { collect } = found
  const rawPath = read('swr_path')
  // image_id alone: wait on that registration; there is no path to parse (and none is required).
  const waitOnly = !rawPath && read('image_id') !== ''
  // A scheme is the one mistake here; its error says so, and the region is read past it.
  const registrySite = siteOfRegistry(rawPath.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''))
  // With no swr_path at all, "required" says it; a missing region would only add noise.
  const needsRegion = rawPath || waitOnly || read('region') || env.HUAWEI_CLOUD_REGION
  const region: Parsed<string> = needsRegion
    ? collect.take(() => resolveRegion(read('region'), env, registrySite?.region))
    : { ok: true, value: '' }
  const parts = waitOnly ? { ok: false as const } : collect.take(() => parseSwrPath(rawPath))
  const image: Parsed<ImageReference | undefined> = waitOnly
    ? { ok: true, value: undefined }
    : completeImage(parts, region, collect)
  const regionName = region.ok ? region.value : ''
  // The site (international or EU) follows the region: its endpoints exist only there.
  const site = regionName ? siteOfRegion(regionName) : 'international'
  if (regionName) checkRegion(regionName, site, registrySite, found)
  if (regionName) checkEndpoints(regionName, site, read, found)
  if (parts.ok) checkRegistry(parts.value, registrySite, found.warnings)
  return { image, region, defaults: regionName ? defaultEndpoints(regionName, site) : undefined }
}

/** A path without a registry needs the region; when that failed, its error already says so. */
function completeImage(
  parts: Parsed<ImageParts>,
  region: Parsed<string>,
  collect: ProblemCollector
): Parsed<ImageReference> {
  return parts.ok && region.ok && region.value
    ? collect.take(() => completeSwrPath(parts.value, region.value))
    : { ok: false }
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

/**
 * A misspelt region (a known region's number, its words one or two edits off) is an error; any other
 * region Huawei Cloud does not list is used as given, with a warning naming the closest; a registry
 * on the other site is an error, one in another region a warning.
 */
function checkRegion(
  region: string,
  site: Site,
  registrySite: { region: string; site: Site } | undefined,
  found: Findings
): void {
  const meant = misspeltRegion(region)
  if (meant) {
    found.collect.add(`region ${region} is not a Huawei Cloud region: did you mean ${meant}?`)
    return
  }
  const hint = regionHint(region)
  if (hint) found.warnings.push(`${hint} (it is used as given)`)
  if (registrySite && registrySite.site !== site) {
    found.collect.add(
      `region: ${region} is on the ${SITE_NAMES[site]} site, but swr_path's registry is on the ` +
        `${SITE_NAMES[registrySite.site]} one (${registrySite.region}); ModelArts in a region pulls from that ` +
        `site's SWR: set region: ${registrySite.region}, or push to ${defaultEndpoints(region, site).registry}`
    )
  } else if (registrySite && registrySite.region !== region) {
    found.warnings.push(
      `region is ${region} but swr_path's registry is in ${registrySite.region}; ModelArts in ${region} may not be able to pull it`
    )
  }
}

/**
 * A region of a cloud with its own domains (Open Telekom Cloud's eu-de) is used only with its
 * endpoints given (and swr_endpoint for the check); a region without ModelArts gets a warning
 * naming the nearest that has it, unless endpoint says where ModelArts is.
 */
function checkEndpoints(region: string, site: Site, read: Read, found: Findings): void {
  if (site === 'own-domain') {
    const needed = ['endpoint', 'iam_endpoint']
    if (read('check_image') !== 'false') needed.push('swr_endpoint')
    for (const name of needed.filter(input => !read(input)))
      found.collect.add(
        `${name}: required with region ${region}, of a cloud built on Huawei Cloud with its own domains ` +
          `(${OWN_DOMAIN_REGIONS[region] ?? ''}): give endpoint, iam_endpoint` +
          (needed.includes('swr_endpoint') ? ' and swr_endpoint (or set check_image: false)' : '')
      )
    return
  }
  const warning = read('endpoint') ? undefined : noModelArtsWarning(region)
  if (warning) found.warnings.push(warning)
}

const SITE_NAMES: Record<Site, string> = {
  international: 'international',
  eu: 'European',
  'own-domain': "own domains'"
}

/** A registry that is not SWR's gets a warning: ModelArts registers images from SWR. */
function checkRegistry(
  parts: ImageParts,
  registrySite: { region: string; site: Site } | undefined,
  warnings: string[]
): void {
  if (parts.registry && !registrySite && !isSwrLike(parts.registry)) {
    warnings.push(
      `swr_path's registry ${parts.registry} is not SWR: ModelArts registers images from SWR (swr.{region}.myhuaweicloud.com); push the image there and register that path`
    )
  }
}

/** Inputs that are each valid but cannot go together. */
function checkCombinations(
  fields: Pick<Config, 'keepLast' | 'wait'>,
  collect: ProblemCollector
): void {
  if (fields.keepLast !== undefined && fields.wait === false)
    collect.add(
      'keep_last: needs wait: true (it deletes only once the image is ACTIVE, which wait: false never sees); remove keep_last or wait: false'
    )
}

/**
 * What follows from the inputs, decided once: whether to check the image (and where). The
 * shared SWR's registries are checked there; with swr_instance_id, the image in that instance. Other registries have no SWR API to ask, unless swr_endpoint says where it is;
 * but a Huawei Cloud host that is not the shared SWR's is an instance's, which the shared SWR's
 * calls do not know, whatever swr_endpoint says.
 */
function checkImageDecided(
  image: ImageReference | undefined,
  values: Pick<Config, 'checkImage' | 'imageId'>,
  notes: string[],
  where: { swrEndpointGiven: boolean; instanceId: string | undefined }
): boolean {
  const shared = image !== undefined && siteOfRegistry(image.swrPath) !== undefined
  const instanceImage = image !== undefined && !shared && isHuaweiCloudHost(image.registry)
  const checkable =
    image !== undefined &&
    (Boolean(where.instanceId) || (!instanceImage && (where.swrEndpointGiven || shared)))
  const wanted = values.checkImage && values.imageId === undefined
  if (wanted && !checkable && image) {
    notes.push(
      instanceImage
        ? `the image is not checked: ${image.registry} is not the region's shared SWR; if it is an SWR Enterprise Edition instance's, give swr_instance_id to check the image there`
        : `the image is not checked in SWR: ${image.registry} is not the region's SWR registry (set swr_endpoint to check another SWR)`
    )
  }
  return wanted && checkable
}
