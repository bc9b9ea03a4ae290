/**
 * Checks the image in SWR before anything is written to ModelArts: that the tag was pushed, its
 * digest, and the platforms it was built for, then decides the architecture to register. Only
 * definite facts fail the step (no such tag; an arch the image lacks; no platform ModelArts can
 * run); what cannot be read (no permission, an unknown manifest, a registry that does not answer)
 * is a warning, and registration goes on.
 */
import { ApiError, InputError, isTransient, messageOf } from '../base/errors.js'
import type { Logger } from '../base/runtime.js'
import {
  type Platform,
  RegistryClient,
  type SwrClient,
  platformName,
  platformSource
} from '../cloud/swr.js'
import type { HttpApi } from '../cloud/http.js'
import type { ImageReference } from '../config/swr-path.js'

/** Docker's architecture names → ModelArts' `arch`. */
const ARCH_OF: Record<string, string> = { amd64: 'X86_64', arm64: 'AARCH64' }

/** What the check learned; every field is missing when the image was not checked. */
export interface ImageFacts {
  /** The tag's manifest digest (`sha256:…`). */
  digest?: string
  /** The platforms the image is built for; undefined when they could not be read. */
  platforms?: Platform[]
  /** The arch to register: the input's, else the image's own. */
  arch?: string
}

export interface ImageCheckContext {
  swr: SwrClient
  http: HttpApi
  image: ImageReference
  region: string
  /** The arch input, in the API's spelling; undefined when not given. */
  arch: string | undefined
  log: Logger
  /** Hides the temporary registry login. */
  mask: (secret: string) => void
}

/** Reads the tag and its platforms, and decides the arch; throws only for definite facts. */
export async function checkImage(ctx: ImageCheckContext): Promise<ImageFacts> {
  const { image, log } = ctx
  let tag
  try {
    tag = await ctx.swr.showTag(image)
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      throw new InputError([
        `swr_path: ${image.swrPath} is not in SWR (organization ${image.namespace}, repository ${image.name}, tag ${image.tag}): ` +
          'push it first, or check the path. An image shared from another account cannot be checked: set check_image: false'
      ])
    }
    if (error instanceof ApiError && error.status === 403) {
      log.warning(
        `the image was not checked: no permission to read it in SWR (${messageOf(error)}). Grant SWR read permission (swr:repo:getRepo, swr:repository:getTag) or set check_image: false`
      )
      return {}
    }
    if (isTransient(error)) {
      log.warning(`the image was not checked: SWR did not answer (${messageOf(error)})`)
      return {}
    }
    throw error
  }
  log.info(`${image.swrPath} is ${tag.digest} in SWR`)
  const facts: ImageFacts = { digest: tag.digest }
  const platforms = await readPlatforms(ctx, platformSource(tag.manifest))
  if (!platforms) return { ...facts, arch: ctx.arch }
  return { ...facts, platforms, arch: decideArch(image, tag.digest, platforms, ctx.arch, log) }
}

/** The platforms of the tag, or undefined (with a warning) when they cannot be read. */
async function readPlatforms(
  ctx: ImageCheckContext,
  source: ReturnType<typeof platformSource>
): Promise<Platform[] | undefined> {
  const { log } = ctx
  if (source.kind === 'index') return source.platforms
  if (source.kind === 'unknown') {
    log.warning(`the image's platforms were not checked: ${source.why}`)
    return undefined
  }
  const unchecked = (why: string): undefined =>
    void log.warning(`the image's platforms were not checked: ${why}`)
  let login: string | undefined
  try {
    login = await ctx.swr.temporaryLogin(ctx.region, ctx.image.registry)
  } catch (error) {
    // Refused credentials: more requests would count toward locking the key.
    if (error instanceof ApiError && error.status === 401) throw error
    return unchecked(messageOf(error))
  }
  if (!login) return unchecked(`SWR gave no temporary login for ${ctx.image.registry}`)
  ctx.mask(login)
  ctx.mask(login.slice(login.indexOf(':') + 1))
  ctx.mask(Buffer.from(login).toString('base64'))
  try {
    const registry = new RegistryClient(ctx.http, ctx.image, login)
    const platform = await registry.configPlatform(source.configDigest)
    return platform ? [platform] : unchecked('its config names no architecture')
  } catch (error) {
    return unchecked(messageOf(error))
  }
}

/** The arch to register, or an InputError naming what the image is built for. */
export function decideArch(
  image: ImageReference,
  digest: string,
  platforms: Platform[],
  given: string | undefined,
  log: Logger
): string {
  const names = platforms.map(platformName)
  const usable = [
    ...new Set(platforms.map(p => ARCH_OF[p.architecture]).filter(a => a !== undefined))
  ]
  const builtFor = names.length ? names.join(', ') : 'no platform'
  if (given) {
    if (usable.includes(given)) return given
    const wanted = given === 'AARCH64' ? 'linux/arm64' : 'linux/amd64'
    const alternative = usable[0] ? `set arch: ${usable[0]}, or ` : ''
    throw new InputError([
      `arch is ${given} but ${image.swrPath} (${digest}) is built for ${builtFor} only: ${alternative}build and push ${wanted}`
    ])
  }
  const [first] = usable
  if (!first) {
    throw new InputError([
      `${image.swrPath} (${digest}) is built for ${builtFor}, and ModelArts runs linux/amd64 (X86_64) or linux/arm64 (AARCH64) only: build and push one of those`
    ])
  }
  const arch = usable.includes('X86_64') ? 'X86_64' : first
  log.info(`arch not given: registering as ${arch}, from the image's platforms (${builtFor})`)
  return arch
}
