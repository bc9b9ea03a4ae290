/**
 * Checks the image in SWR before anything is written to ModelArts: that the tag was pushed, its
 * digest, and the platforms it was built for, then decides the architecture to register. Only
 * definite facts fail the step (no such tag; an arch the image lacks; no platform ModelArts can
 * run); what cannot be read (no permission, an unknown manifest, a registry that does not answer)
 * is a warning, and registration goes on. The registry part is best effort: it gets a slice of the
 * step's budget, so a registry that never answers costs that slice, not the step.
 */
import { ApiError, CancelledError, InputError, isTransient, messageOf } from '../base/errors.js'
import type { Logger } from '../base/runtime.js'
import { type Budget, bestEffortSliceMs } from '../budget.js'
import type { HttpApi } from '../cloud/http.js'
import { RegistryClient, type SwrClient } from '../cloud/swr.js'
import type { ImageReference } from '../config/swr-path.js'
import { decideArch } from '../decide/arch.js'
import {
  type Platform,
  type PlatformSource,
  archOfPlatform,
  platformName,
  platformSource
} from '../decide/platforms.js'

/** What the check learned; every field is missing when the image was not checked. */
export interface ImageFacts {
  /** The tag's manifest digest (`sha256:…`). */
  digest?: string
  /** The arch to register: the input's, else the image's own. */
  arch?: string
  /** A usable platform of the tag that is not registered (a tag with both architectures). */
  otherPlatform?: Platform
}

export interface ImageCheckContext {
  swr: SwrClient
  http: HttpApi
  budget: Budget
  timeoutMs: number
  image: ImageReference
  region: string
  /** The arch input, in the API's spelling; undefined when not given. */
  arch: string | undefined
  log: Logger
  /** Hides the temporary registry login and the registry's token. */
  mask: (secret: string) => void
}

/** The image was not checked; the reason says why and what to do. */
const notChecked = (log: Logger, why: string): Record<string, never> => {
  log.warning(`the image was not checked: ${why}`)
  return {}
}

/** Reads the tag and its platforms, and decides the arch; throws only for definite facts. */
export async function checkImage(ctx: ImageCheckContext): Promise<ImageFacts> {
  const { image, log } = ctx
  let tag
  try {
    tag = await ctx.swr.showTag(image)
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
  log.info(`${image.swrPath} is ${tag.digest} in SWR`)
  const platforms = await readPlatforms(ctx, platformSource(tag.manifest))
  if (!platforms) return { digest: tag.digest, ...(ctx.arch ? { arch: ctx.arch } : {}) }
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

/** The image is not built for an arch ModelArts can register as asked; carries the digest read. */
export class ArchRefusedError extends InputError {
  constructor(
    message: string,
    readonly digest: string
  ) {
    super([message])
  }
}

/** The platforms of the tag, or undefined (with a warning) when they cannot be read. */
async function readPlatforms(
  ctx: ImageCheckContext,
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
    login = await ctx.swr.temporaryLogin(ctx.region, ctx.image.registry, budget)
  } catch (error) {
    // Refused credentials: more requests would count toward locking the key.
    if (error instanceof ApiError && error.status === 401) throw error
    if (error instanceof CancelledError) throw error
    return unchecked(messageOf(error))
  }
  if (!login) return unchecked(`SWR gave no temporary login for ${ctx.image.registry}`)
  ctx.mask(login)
  ctx.mask(login.slice(login.indexOf(':') + 1))
  ctx.mask(Buffer.from(login).toString('base64'))
  try {
    const registry = new RegistryClient(ctx.http, ctx.image, login, ctx.mask, budget)
    const platform = await registry.configPlatform(source.configDigest)
    return platform ? [platform] : unchecked('its config names no architecture')
  } catch (error) {
    if (error instanceof CancelledError) throw error
    return unchecked(messageOf(error))
  }
}
