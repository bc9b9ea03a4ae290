/**
 * The architecture to register, decided once from the `arch` input and the platforms the image is
 * built for. Pure; its answer is what the body, the outputs and the summary all use.
 */
import type { ArchRefusal } from '../base/errors.js'
import type { ImageReference } from '../config/swr-path.js'
import { type Arch, DEFAULT_ARCH, type Platform } from '../model/image.js'
import { archOfPlatform, platformName } from './platforms.js'

export type ArchDecision =
  /** Register with this arch; `note` says why when it was not given. */
  | { kind: 'arch'; arch: string; note?: string; other?: Platform }
  /** The image cannot be registered as asked: the facts report/ words the error line from. */
  | ({ kind: 'refused' } & ArchRefusal)

/**
 * - `given` and built for it: that arch; built for others only: refused.
 * - not given: one usable platform → it; several → X86_64 when amd64 is among them (and the
 *   arm64 platform is reported as `other`, so the user can register it under a tag of its own);
 *   none usable → refused.
 */
export function decideArch(
  image: ImageReference,
  digest: string,
  platforms: readonly Platform[],
  given: string | undefined
): ArchDecision {
  const usable = platforms.filter(p => archOfPlatform(p) !== undefined)
  const arches = [...new Set(usable.map(archOfPlatform))] as Arch[]
  const names = platforms.map(platformName)
  const [first] = arches
  if (given ? !arches.includes(given as Arch) : !first) {
    const refusal = { swrPath: image.swrPath, digest, platforms: names, usable: arches }
    return { kind: 'refused', ...(given ? { asked: given } : {}), ...refusal }
  }
  if (given) return { kind: 'arch', arch: given }
  const arch = arches.includes(DEFAULT_ARCH) ? DEFAULT_ARCH : (first as Arch)
  const other = usable.find(p => archOfPlatform(p) !== arch)
  const builtFor = names.join(', ')
  return {
    kind: 'arch',
    arch,
    note: `arch not given: registering as ${arch}, from the image's platforms (${builtFor})`,
    ...(other ? { other } : {})
  }
}
