/**
 * Parses `[registry[:port]]/namespace/name:tag` the way Docker reads image references, and puts the
 * region's SWR registry in front when none is given.
 */
import { InputError } from '../base/errors.js'
import { splitRegistry } from '../base/docker-path.js'
import { sameRegistry, sharedRegistryOf } from '../base/hosts.js'
import { hasControl } from '../base/text.js'

/** The parts of an swr_path as given; `registry` is undefined when the path has none. */
export interface ImageParts {
  registry: string | undefined
  /** SWR organization. */
  namespace: string
  /** Repository name; may contain `/`. */
  name: string
  tag: string
}

/** A complete reference: the registry is known and `swrPath` is what gets registered. */
export interface ImageReference extends ImageParts {
  registry: string
  swrPath: string
  /**
   * Whether the registry is the region's shared SWR (`swr.{region}.myhuaweicloud.com` or `.eu`):
   * only then does a host-less record (`org/name:tag`) register this image.
   */
  sharedSwr?: boolean
}

// Docker's path component grammar: lower-case alphanumerics separated by ., _, __ or dashes.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
const ACCEPTS =
  'registry/namespace/name:tag, e.g. swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0'

function refuse(why: string): never {
  throw new InputError([`swr_path: ${why}; expected ${ACCEPTS}`])
}

/** Checks the syntax of an swr_path and splits it; the registry may be missing. */
export function parseSwrPath(value: string): ImageParts {
  const path = value.trim()
  if (!path) refuse('required')
  if (hasControl(path)) refuse('must not contain line breaks or other control characters')
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(path)
  if (scheme) {
    refuse(
      `"${path}" starts with ${scheme[1]}://: an image path has no scheme; drop it and give ${path.slice(scheme[0].length)}`
    )
  }
  if (/\s/.test(path)) refuse(`must not contain spaces, got "${path}"`)
  if (path.includes('@')) {
    refuse(
      `"${path}" is a digest reference; ModelArts registers tags: push a tag and give that (docker push registry/namespace/name:tag)`
    )
  }
  const { registry, rest } = splitRegistry(path)
  const parts = rest.split('/')
  if (registry !== undefined) checkRegistry(registry)
  if (parts.length < 2)
    refuse(`"${path}" has no namespace (SWR organization) before the image name`)

  const last = parts.pop() as string
  const colon = last.lastIndexOf(':')
  if (colon < 0) refuse(`"${path}" has no tag; give the tag you pushed (":latest" is not assumed)`)
  const tag = last.slice(colon + 1)
  if (!tag) {
    refuse(
      `"${path}" ends in ":": the tag is empty (built from an expression that is empty, like \${{ github.ref_name }} outside a tag push?)`
    )
  }
  const repositoryParts = [...parts, last.slice(0, colon)]
  const namespace = repositoryParts.shift() as string

  if (!TAG.test(tag))
    refuse(`tag "${tag}" must be 1 to 128 of A-Z a-z 0-9 _ . - and not start with . or -`)
  for (const component of [namespace, ...repositoryParts]) {
    if (!COMPONENT.test(component)) {
      refuse(
        `"${component}" must be lower-case letters and digits, separated by single ".", "_", "__" or "-"`
      )
    }
  }
  if (namespace.length > 64) refuse(`namespace "${namespace}" is longer than 64 characters`)
  return { registry, namespace, name: repositoryParts.join('/'), tag }
}

/** A host name or IPv4 address, with an optional port 1 to 65535. */
const REGISTRY =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::(\d{1,5}))?$/i

function checkRegistry(registry: string): void {
  const match = REGISTRY.exec(registry)
  const port = match?.[1] === undefined ? undefined : Number(match[1])
  if (!match || (port !== undefined && (port < 1 || port > 65535))) {
    refuse(
      `registry "${registry}" must be a host name (letters, digits, - and .) with an optional port from 1 to 65535`
    )
  }
}

/** Puts the region's registry in front when the path has none, and checks the API's length rule. */
export function completeSwrPath(parts: ImageParts, region: string): ImageReference {
  const shared = sharedRegistryOf(region)
  const registry = parts.registry ?? shared
  const swrPath = `${registry}/${parts.namespace}/${parts.name}:${parts.tag}`
  if (swrPath.length < 16 || swrPath.length > 2048) {
    refuse(
      `must be 16 to 2048 characters with the registry, got ${swrPath.length} ("${swrPath.slice(0, 80)}")`
    )
  }
  return { ...parts, registry, swrPath, sharedSwr: sameRegistry(registry, shared) }
}
