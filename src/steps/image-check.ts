/**
 * Checks the image in SWR before anything is written to ModelArts: that the tag was pushed, its
 * digest, and the platforms it was built for, then decides the architecture to register. Only
 * definite facts fail the step (no such tag; an arch the image lacks; no platform ModelArts can
 * run); what cannot be read (no permission, an unknown manifest, a registry that does not answer)
 * is a warning, and registration goes on. The registry part is best effort: it gets a slice of the
 * step's budget, so a registry that never answers costs that slice, not the step.
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
import { type Budget, bestEffortSliceMs } from '../budget.js'
import type { HttpApi } from '../cloud/http.js'
import { RegistryClient, type RepoTag, type SwrClient } from '../cloud/swr.js'
import type { ImageReference } from '../config/swr-path.js'
import { decideArch } from '../decide/arch.js'
import {
  type PlatformSource,
  archOfPlatform,
  platformName,
  platformOf,
  platformSource
} from '../decide/platforms.js'
import type { Platform } from '../model/image.js'
import type { ImageFacts } from '../model/run.js'

export interface ImageCheckContext {
  swr: SwrClient
  http: HttpApi
  budget: Budget
  timeoutMs: number
  /** The image to check; undefined (image_id alone) or `enabled` false: not checked. */
  image: ImageReference | undefined
  enabled: boolean
  region: string
  /** The arch input, in the API's spelling; undefined when not given. */
  arch: string | undefined
  log: Logger
  /** Hides the temporary registry login and the registry's token. */
  mask: (secret: string) => void
}

/** The image was not checked; the reason says why and what to do. */
const notChecked = (log: Logger, why: string): undefined => {
  log.warning(`the image was not checked: ${why}`)
  return undefined
}

/**
 * Reads the tag and its platforms, and decides the arch: the one place it is decided (the input's
 * when the image is not checked). Throws only for definite facts.
 */
export async function checkImage(ctx: ImageCheckContext): Promise<ImageFacts> {
  const { image, log } = ctx
  const given = ctx.arch ? { arch: ctx.arch } : {}
  if (!image || !ctx.enabled) return given
  const tag = await readTag(ctx, image)
  if (!tag) return given
  log.info(`${image.swrPath} is ${tag.digest} in SWR`)
  const platforms = await readPlatforms(ctx, image, platformSource(tag.manifest))
  if (!platforms) return { digest: tag.digest, ...given }
  const decision = decideArch(image, tag.digest, platforms, ctx.arch)
  if (decision.kind === 'refused') throw new ArchRefusedError(decision.message, tag.digest)
  if (decision.note) log.info(decision.note)
  if (decision.other) log.warning(otherPlatformNote(image, decision.arch, decision.other))
  return {
    digest: tag.digest,
    arch: decision.arch,
    ...(decision.other ? { otherPlatform: decision.other } : {})
  }
}

/** ShowRepoTag; undefined (with a warning) when SWR cannot say, an error when the tag is not there. */
async function readTag(
  ctx: ImageCheckContext,
  image: ImageReference
): Promise<RepoTag | undefined> {
  const { log } = ctx
  try {
    return await ctx.swr.showTag(image)
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.errorCode.startsWith('APIGW')) {
      // The gateway knows no such API: the endpoint is not SWR's, whatever the tag.
      throw new InputError([
        `swr_endpoint: SWR's API is not at this endpoint (${messageOf(error)}); check swr_endpoint, or set check_image: false`
      ])
    }
    if (error instanceof ApiError && error.status === 404) {
      throw new InputError([
        `swr_path: ${image.swrPath} is not in SWR (organization ${image.namespace}, repository ${image.name}, tag ${image.tag}): ` +
          'push it first, or check the path. An image shared from another account cannot be checked: set check_image: false'
      ])
    }
    if (error instanceof ApiError && error.status === 403) {
      return notChecked(
        log,
        `no permission to read it in SWR (${messageOf(error)}). Grant SWR read permission (swr:repo:getRepo, swr:repository:getTag) or set check_image: false`
      )
    }
    if (isTransient(error)) return notChecked(log, `SWR did not answer (${messageOf(error)})`)
    throw error
  }
}

/**
 * ModelArts registers one arch per tag: the other platform of a multi-arch tag needs a tag of its
 * own. The exact command that gives it one, then the arch to register it with.
 */
export function otherPlatformNote(
  image: ImageReference,
  registered: string,
  other: Platform
): string {
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

/** The platforms of the tag, or undefined (with a warning) when they cannot be read. */
async function readPlatforms(
  ctx: ImageCheckContext,
  image: ImageReference,
  source: PlatformSource
): Promise<Platform[] | undefined> {
  const { log } = ctx
  const unchecked = (why: string): undefined =>
    void log.warning(`the image's platforms were not checked: ${why}`)
  if (source.kind === 'index') return source.platforms
  if (source.kind === 'unknown') return unchecked(source.why)
  const budget = ctx.budget.slice(bestEffortSliceMs(ctx.timeoutMs))
  let login: string | undefined
  try {
    login = await ctx.swr.temporaryLogin(ctx.region, image.registry, budget)
  } catch (error) {
    // Refused credentials: more requests would count toward locking the key.
    if (error instanceof ApiError && error.status === 401) throw error
    if (error instanceof CancelledError) throw error
    return unchecked(messageOf(error))
  }
  if (!login) return unchecked(`SWR gave no temporary login for ${image.registry}`)
  ctx.mask(login)
  ctx.mask(login.slice(login.indexOf(':') + 1))
  ctx.mask(Buffer.from(login).toString('base64'))
  try {
    const registry = new RegistryClient(ctx.http, image, login, ctx.mask, budget)
    const platform = platformOf(await registry.configBlob(source.configDigest))
    return platform ? [platform] : unchecked('its config names no architecture')
  } catch (error) {
    if (error instanceof CancelledError) throw error
    return unchecked(messageOf(error))
  }
}
