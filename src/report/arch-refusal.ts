/** The error line of an image that cannot be registered as asked: what it is built for, and what to do. */
import type { ArchRefusal } from '../base/errors.js'

/** The platform to build for an arch (`AARCH64` → `linux/arm64`). */
const platformFor = (arch: string): string => (arch === 'AARCH64' ? 'linux/arm64' : 'linux/amd64')

export function archRefusalLine(refusal: ArchRefusal): string {
  const { asked, swrPath, digest, platforms, usable } = refusal
  const builtFor = platforms.length ? platforms.join(', ') : 'no platform'
  const image = `${swrPath} (${digest})`
  if (!asked)
    return `${image} is built for ${builtFor}, and ModelArts runs linux/amd64 (X86_64) or linux/arm64 (AARCH64) only: build and push one of those`
  const alternative = usable[0] ? `set arch: ${usable[0]}, or ` : ''
  return `arch is ${asked} but ${image} is built for ${builtFor} only: ${alternative}build and push ${platformFor(asked)}`
}
