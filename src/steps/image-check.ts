/**
 * The SWR check before anything is written: the tag, its digest and platforms, and the arch decided
 * once. Only definite facts fail the step; what cannot be read is a warning.
 */
import {
  ApiError,
  ArchRefusedError,
  CancelledError,
  InputError,
  isTransient,
  messageOf
} from '../base/errors.js'
import type { Logger } from '../base/runtime.js'
import { observed } from '../base/promises.js'
import { type Budget, bestEffortSliceMs } from '../budget.js'
import { RegistryClient } from '../cloud/registry.js'
import { type RepoTag, type SwrInstanceApi } from '../cloud/swr.js'
import type { ImageReference } from '../config/swr-path.js'
import { instanceHost, servesRegistry } from '../base/hosts.js'
import { decideArch } from '../decide/arch.js'
import {
  type PlatformSource,
  archOfPlatform,
  platformName,
  platformOf,
  platformSource
} from '../decide/platforms.js'
import type { Platform } from '../model/image.js'
import { PERMISSIONS } from '../model/permissions.js'
import { meaningOf } from '../model/service-codes.js'
import type { ImageFacts } from '../model/run.js'
import type { Run } from './run.js'
import { defaultEndpointsOf } from '../config/endpoints.js'

/** An SWR Enterprise Edition instance (swr_instance_id) and its API. */
interface Instance {
  id: string
  api: SwrInstanceApi
}

/**
 * swr_endpoint is the region's default: a gateway's "no such API" there is the region lacking the
 * call, never the user's endpoint.
 */
const onDefaultEndpoint = ({ config }: Run): boolean =>
  config.swrEndpoint === defaultEndpointsOf(config.region)?.swr

/** The image was not checked; the reason says why and what to do. */
const notChecked = (log: Logger, why: string): undefined => {
  log.warning(`the image was not checked: ${why}`)
  return undefined
}

/** The tag's digest, and how to read its platforms (undefined: read none, a warning said why). */
interface FoundTag {
  digest: string
  platforms: () => Promise<Platform[] | undefined>
}

/**
 * Reads the tag and its platforms, and decides the arch: the one place it is decided (the input's
 * when the image is not checked). Throws only for definite facts.
 */
export async function checkImage(run: Run): Promise<ImageFacts> {
  const { config, log } = run
  const { arch, swr_instance_id: instanceId } = config.attributes
  const given = arch ? { arch } : {}
  const { image } = config
  if (!image || !config.checkImage) return given
  // With swr_instance_id the image is checked in that SWR Enterprise Edition instance.
  const tag = instanceId
    ? await instanceTag(run, image, {
        id: instanceId,
        api: run.swr.instance({ projectId: run.projectId, instanceId })
      })
    : await sharedTag(run, image)
  if (!tag) return given
  const platforms = await tag.platforms()
  if (!platforms) return { digest: tag.digest, ...given }
  const decision = decideArch(image, tag.digest, platforms, arch)
  if (decision.kind === 'refused') {
    // The digest was read before the arch was refused: the summary shows it.
    run.result.facts = { digest: tag.digest }
    throw new ArchRefusedError(decision)
  }
  if (decision.note) log.info(decision.note)
  if (decision.other) log.warning(otherPlatformNote(image, decision.arch, decision.other))
  return {
    digest: tag.digest,
    arch: decision.arch,
    ...(decision.other ? { otherPlatform: decision.other } : {})
  }
}

/** ShowRepoTag in the shared SWR; the platforms from its manifest (and config blob). */
async function sharedTag(run: Run, image: ImageReference): Promise<FoundTag | undefined> {
  const tag = await readSharedTag(run, image)
  if (!tag) return undefined
  run.log.info(`${image.swrPath} is ${tag.digest} in SWR`)
  const { manifest } = tag
  return {
    digest: tag.digest,
    platforms: () => readPlatforms(run, image, platformSource(manifest))
  }
}

/** How a shared-SWR read fails: where, and what a missing tag means. */
const inSharedSwr = (image: ImageReference): Failing => ({
  where: 'SWR',
  missing: () =>
    `swr_path: ${image.swrPath} is not in SWR (organization ${image.namespace}, repository ${image.name}, tag ${image.tag}): ` +
    'push it first, or check the path. An image shared from another account cannot be checked: set check_image: false'
})

/**
 * ShowRepoTag; where the gateway knows no such API (a region whose SWR lacks it), the list of the
 * repository's tags; when that cannot be asked either, as readFailure says. Undefined: not
 * checked (warned).
 */
async function readSharedTag(run: Run, image: ImageReference): Promise<RepoTag | undefined> {
  const how = inSharedSwr(image)
  try {
    return await run.swr.showTag(image)
  } catch (error) {
    if (!isNoSuchApi(error)) return readFailure(run, image, error, how)
  }
  run.log.info(
    "SWR's ShowRepoTag is not offered here: the tag is read from the repository's tag list"
  )
  let listed
  try {
    listed = await run.swr.findTag(image)
  } catch (error) {
    return readFailure(run, image, error, how)
  }
  if (!listed) throw new InputError([how.missing()])
  return listed
}

/**
 * ShowInstance and ListInstanceTags, side by side (neither needs the other): the instance must
 * serve the swr_path's registry, and hold the tag. The platforms come from its registry.
 */
async function instanceTag(
  run: Run,
  image: ImageReference,
  instance: Instance
): Promise<FoundTag | undefined> {
  const where = `SWR Enterprise Edition instance ${instance.id}`
  const [address, listed] = await Promise.allSettled([
    instance.api.accessAddress(),
    instance.api.findTag(image)
  ])
  if (address.status === 'rejected') {
    return readFailure(run, image, address.reason, {
      where,
      missing: () =>
        `swr_instance_id: instance ${instance.id} was not found in region ${run.config.region} (check swr_instance_id and region)`
    })
  }
  if (!servesRegistry(address.value, image.registry)) {
    throw new InputError([
      `swr_path's registry is ${image.registry}, but instance ${instance.id} serves ${instanceHost(address.value) ?? address.value}: ` +
        'push the image to the instance and use its address in swr_path, or check swr_instance_id'
    ])
  }
  const missing = (): string =>
    `swr_path: ${image.swrPath} is not in ${where} (namespace ${image.namespace}, repository ${image.name}, tag ${image.tag}): ` +
    'push it first, or check the path'
  if (listed.status === 'rejected')
    return readFailure(run, image, listed.reason, { where, missing })
  if (!listed.value) throw new InputError([missing()])
  const { digest } = listed.value
  run.log.info(`${image.swrPath} is ${digest} in ${where}`)
  return { digest, platforms: () => instancePlatforms(run, image, instance.api, digest) }
}

/** Where a read failed, and what "not found" means there. */
interface Failing {
  where: string
  missing: () => string
}

/** The gateway (shared APIGW., dedicated APIG.) knows no such API at this endpoint. */
function isNoSuchApi(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status === 404 &&
    meaningOf(error.errorCode) === 'no-such-api'
  )
}

/**
 * What a failed SWR read means: a definite fact fails the step (no such API at a swr_endpoint the
 * user gave, no such tag or instance); no permission (the error names it), no such API on the
 * region's default endpoint, or an SWR that keeps failing, is a warning (undefined).
 */
function readFailure(run: Run, image: ImageReference, error: unknown, how: Failing): undefined {
  if (isNoSuchApi(error)) {
    if (onDefaultEndpoint(run))
      return notChecked(run.log, `the region's SWR could not be asked (${messageOf(error)})`)
    throw new InputError([
      `swr_endpoint: SWR's API is not at this endpoint (${messageOf(error)}); check swr_endpoint, or set check_image: false`
    ])
  }
  if (error instanceof ApiError && error.status === 404) throw new InputError([how.missing()])
  if (error instanceof ApiError && error.status === 403) {
    return notChecked(
      run.log,
      `no permission to read it in ${how.where} (${messageOf(error)}), or set check_image: false`
    )
  }
  if (isTransient(error))
    return notChecked(run.log, `${how.where} did not answer (${messageOf(error)})`)
  throw error
}

/**
 * ModelArts registers one arch per tag: the other platform of a multi-arch tag needs a tag of its
 * own. The exact command that gives it one, then the arch to register it with.
 */
function otherPlatformNote(image: ImageReference, registered: string, other: Platform): string {
  const arch = archOfPlatform(other)
  const suffix = other.architecture
  const repository = `${image.registry}/${image.namespace}/${image.name}`
  const source = other.digest
    ? `${repository}@${other.digest}`
    : `${image.swrPath} (its ${platformName(other)} manifest)`
  return (
    `${image.swrPath} also holds ${platformName(other)}, which is not registered (registered: ${registered}). ` +
    `To register it, give it a tag of its own: docker buildx imagetools create --tag ${repository}:${image.tag}-${suffix} ${source} ` +
    `and register that tag with arch: ${arch}`
  )
}

/** A warning that the platforms were not read, and undefined. */
function platformsUnchecked(run: Run, image: ImageReference, why: string): undefined {
  run.log.warning(`the image's platforms were not checked: ${why}`)
  return undefined
}

/**
 * A temporary registry login, or undefined (with a warning). Refused credentials (401) fail the
 * step: more requests would count toward locking the key.
 */
async function loginFor(
  run: Run,
  image: ImageReference,
  login: () => Promise<string>
): Promise<string | undefined> {
  try {
    return await login()
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw error
    if (error instanceof CancelledError) throw error
    return platformsUnchecked(run, image, messageOf(error))
  }
}

/**
 * Reads from the registry while the temporary login is on its way: the first request (the
 * registry's challenge) needs none, so it goes out beside the login's; the token waits for it.
 * The same requests are sent; a login that fails wins (the read is stopped, what it read dropped,
 * the login's warning said). Undefined: nothing read, and a warning said why.
 */
async function readWithLogin<T>(
  run: Run,
  image: ImageReference,
  budget: Budget,
  getLogin: () => Promise<string>,
  read: (registry: RegistryClient) => Promise<T>
): Promise<{ value: T; registry: RegistryClient } | undefined> {
  const permission = run.config.attributes.swr_instance_id
    ? PERMISSIONS.pullInstance
    : PERMISSIONS.pullShared
  const login = observed(loginFor(run, image, getLogin))
  const usable = login.then(value => value ?? Promise.reject(new Error('no temporary login')))
  // Without a login the read is not needed: it is stopped, so no request of the check (nor a
  // retry of its challenge) goes out after its verdict, beside the registration.
  const reader = budget.stoppable()
  const registry = new RegistryClient(
    run.http,
    image,
    observed(usable),
    run.mask,
    reader.budget,
    permission
  )
  const reading = observed(read(registry))
  if ((await login) === undefined) {
    reader.stop()
    return undefined
  }
  try {
    return { value: await reading, registry }
  } catch (error) {
    if (error instanceof CancelledError) throw error
    return platformsUnchecked(run, image, messageOf(error))
  }
}

/** The platforms of a shared-SWR tag, or undefined (with a warning) when they cannot be read. */
async function readPlatforms(
  run: Run,
  image: ImageReference,
  source: PlatformSource
): Promise<Platform[] | undefined> {
  if (source.kind === 'index') return source.platforms
  if (source.kind === 'unknown') return platformsUnchecked(run, image, source.why)
  const budget = run.budget.slice(bestEffortSliceMs(run.config.timeoutMs))
  const blob = await readWithLogin(
    run,
    image,
    budget,
    async () => {
      const login = await run.swr.temporaryLogin(
        run.config.region,
        image.registry,
        run.mask,
        budget
      )
      if (!login) throw new Error(`SWR gave no temporary login for ${image.registry}`)
      return login
    },
    registry => registry.configBlob(source.configDigest)
  )
  return blob && platformsOfBlob(run, image, blob.value)
}

/**
 * The platforms of an instance's tag, from its registry: the temporary credential, the manifest
 * (its bytes must be the digest the instance reported), and for a single manifest its config blob.
 */
async function instancePlatforms(
  run: Run,
  image: ImageReference,
  api: SwrInstanceApi,
  digest: string
): Promise<Platform[] | undefined> {
  const budget = run.budget.slice(bestEffortSliceMs(run.config.timeoutMs))
  const read = await readWithLogin(
    run,
    image,
    budget,
    () => api.temporaryLogin(run.mask, budget),
    // The digest is the reference, as for every instance call; the tag may have moved since.
    registry => registry.manifest(digest)
  )
  if (!read) return undefined
  const { value: manifest, registry } = read
  if (manifest.digest !== digest)
    return platformsUnchecked(
      run,
      image,
      `the registry's manifest of ${image.swrPath} is ${manifest.digest}, not ${digest} as the instance reports`
    )
  const source = platformSource(manifest.manifest)
  if (source.kind === 'index') return source.platforms
  if (source.kind === 'unknown') return platformsUnchecked(run, image, source.why)
  try {
    return platformsOfBlob(run, image, await registry.configBlob(source.configDigest))
  } catch (error) {
    if (error instanceof CancelledError) throw error
    return platformsUnchecked(run, image, messageOf(error))
  }
}

/** A single manifest's platform, from its config blob. */
function platformsOfBlob(
  run: Run,
  image: ImageReference,
  blob: Record<string, unknown> | undefined
): Platform[] | undefined {
  const platform = platformOf(blob)
  return platform ? [platform] : platformsUnchecked(run, image, 'its config names no architecture')
}
