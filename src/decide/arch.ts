/**
 * The architecture to register, decided once from the `arch` input and the platforms the image is
 * built for. Pure; its answer is what the body, the outputs and the summary all use.
 */
import type { ImageReference } from '../config/swr-path.js'
import { type Arch, DEFAULT_ARCH, type Platform } from '../model/image.js'
import { archOfPlatform, platformName } from './platforms.js'

export type ArchDecision =
  /** Register with this arch; `note` says why when it was not given. */
  | { kind: 'arch'; arch: string; note?: string; other?: Platform }
  /** The image cannot be registered as asked: the message names what it is built for. */
  | { kind: 'refused'; message: string }

/**
 * - `given` and built for it: that arch; built for others only: refused, naming both.
 * - not given: one usable platform → it; several → X86_64 when amd64 is among them (and the
 *   arm64 platform is reported as `other`, so the user can register it under a tag of its own);
 *   none usable → refused, naming the platforms.
 */
export function decideArch(
  image: ImageReference,
  digest: string,
  platforms: readonly Platform[],
  given: string | undefined
): ArchDecision {
  const usable = platforms.filter(p => archOfPlatform(p) !== undefined)
  const arches = [...new Set(usable.map(archOfPlatform))]
  const names = platforms.map(platformName)
  const builtFor = names.length ? names.join(', ') : 'no platform'
  if (given) {
    if (arches.includes(given as Arch)) return { kind: 'arch', arch: given }
    const wanted = given === 'AARCH64' ? 'linux/arm64' : 'linux/amd64'
    const alternative = arches[0] ? `set arch: ${arches[0]}, or ` : ''
    return {
      kind: 'refused',
      message: `arch is ${given} but ${image.swrPath} (${digest}) is built for ${builtFor} only: ${alternative}build and push ${wanted}`
    }
  }
  const [first] = arches
  if (!first) {
    return {
      kind: 'refused',
      message: `${image.swrPath} (${digest}) is built for ${builtFor}, and ModelArts runs linux/amd64 (X86_64) or linux/arm64 (AARCH64) only: build and push one of those`
    }
  }
  const arch = arches.includes(DEFAULT_ARCH) ? DEFAULT_ARCH : first
  const other = usable.find(p => archOfPlatform(p) !== arch)
  return {
    kind: 'arch',
    arch,
    note: `arch not given: registering as ${arch}, from the image's platforms (${builtFor})`,
    ...(other ? { other } : {})
  }
}
