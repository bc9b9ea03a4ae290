/**
 * The platforms a tag's manifest says it is built for, and which ModelArts runs. Pure; what cannot
 * be read for certain is `unknown`, which the image check turns into a warning, never a failure.
 */
import { isObject } from '../base/json.js'
import { type Arch, DIGEST, type Platform } from '../model/image.js'

/** Where the platforms of a tag come from, once its manifest is known. */
export type PlatformSource =
  | { kind: 'index'; platforms: Platform[] }
  | { kind: 'config'; configDigest: string }
  | { kind: 'unknown'; why: string }

const INDEX_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json'
])
const MANIFEST_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json'
])

/** Reads a manifest: an index lists its platforms; an image manifest names its config blob. */
export function platformSource(manifest: Record<string, unknown> | undefined): PlatformSource {
  if (!manifest) return { kind: 'unknown', why: 'SWR returned no readable manifest' }
  const mediaType = typeof manifest.mediaType === 'string' ? manifest.mediaType : ''
  if (INDEX_TYPES.has(mediaType) || (!mediaType && 'manifests' in manifest))
    return indexPlatforms(manifest.manifests)
  if (MANIFEST_TYPES.has(mediaType) || (!mediaType && isObject(manifest.config))) {
    const config = isObject(manifest.config) ? manifest.config.digest : undefined
    if (typeof config === 'string' && DIGEST.test(config))
      return { kind: 'config', configDigest: config }
    return { kind: 'unknown', why: 'the image manifest names no config blob' }
  }
  return {
    kind: 'unknown',
    why: `manifest type ${mediaType || 'unknown'} is not one the action reads`
  }
}

/**
 * An index's platforms, leaving out the attestation manifests `docker buildx` adds. An entry
 * without a readable platform, or a nested index, makes the whole list unreadable: the platform
 * it hides could be the one asked for.
 */
function indexPlatforms(entries: unknown): PlatformSource {
  if (!Array.isArray(entries)) return { kind: 'unknown', why: 'the index lists no manifests' }
  const platforms: Platform[] = []
  for (const entry of entries as unknown[]) {
    if (!isObject(entry)) return { kind: 'unknown', why: 'an index entry is not an object' }
    if (typeof entry.mediaType === 'string' && INDEX_TYPES.has(entry.mediaType))
      return { kind: 'unknown', why: 'the index holds another index' }
    if (isAttestation(entry)) continue
    const platform = platformOf(isObject(entry.platform) ? entry.platform : undefined)
    if (!platform) return { kind: 'unknown', why: 'an index entry names no platform' }
    const digest =
      typeof entry.digest === 'string' && DIGEST.test(entry.digest) ? entry.digest : undefined
    platforms.push(digest ? { ...platform, digest } : platform)
  }
  return { kind: 'index', platforms }
}

/** `docker buildx` adds attestation manifests (platform unknown/unknown): not platforms. */
function isAttestation(entry: Record<string, unknown>): boolean {
  const annotations = isObject(entry.annotations) ? entry.annotations : {}
  if (annotations['vnd.docker.reference.type'] === 'attestation-manifest') return true
  const platform = isObject(entry.platform) ? entry.platform : {}
  return platform.os === 'unknown' && platform.architecture === 'unknown'
}

/** A platform from `{os, architecture, variant}` (an index entry's or a config blob's). */
export function platformOf(value: Record<string, unknown> | undefined): Platform | undefined {
  if (!value) return undefined
  const { os, architecture, variant } = value
  if (typeof os !== 'string' || typeof architecture !== 'string') return undefined
  const clean = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 32)
  if (!clean(os) || !clean(architecture)) return undefined
  return {
    os: clean(os),
    architecture: clean(architecture),
    ...(typeof variant === 'string' && clean(variant) ? { variant: clean(variant) } : {})
  }
}

/** `linux/arm64/v8`. */
export function platformName(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
}

/**
 * ModelArts' `arch` for a platform it can run: Linux only, `amd64` → X86_64, `arm64` (any variant
 * v8 or none) → AARCH64; undefined for anything else (`windows/amd64`, `linux/arm/v7`, `linux/s390x`).
 */
export function archOfPlatform(p: Platform): Arch | undefined {
  if (p.os !== 'linux') return undefined
  if (p.architecture === 'amd64') return 'X86_64'
  if (p.architecture === 'arm64' && (p.variant === undefined || p.variant === 'v8'))
    return 'AARCH64'
  return undefined
}
