/**
 * Parses `[registry[:port]]/namespace/name:tag` the way Docker reads image references, and puts the
 * region's SWR registry in front when none is given.
 */
import { InputError } from './errors.js'
import { defaultEndpoints, siteOfRegion } from './endpoints.js'

export interface ImageReference {
  /** The full path as registered, registry included. */
  swrPath: string
  registry: string
  /** SWR organization. */
  namespace: string
  /** Repository name; may contain `/`. */
  name: string
  tag: string
}

// Docker's path component grammar: lower-case alphanumerics separated by ., _, __ or dashes.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
const ACCEPTS = 'registry/namespace/name:tag, e.g. swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0'

/** Parses and completes an swr_path; `region` supplies the registry when the path has none. */
export function parseSwrPath(value: string, region: string | undefined): ImageReference {
  const fail = (why: string): never => {
    throw new InputError([`swr_path: ${why}; expected ${ACCEPTS}`])
  }
  const path = value.trim()
  if (!path) fail('required')
  if (/\s/.test(path)) fail(`must not contain spaces, got "${path}"`)
  if (path.includes('@')) {
    fail(`"${path}" is a digest reference; ModelArts registers tags: push a tag and give that (docker push registry/namespace/name:tag)`)
  }
  const parts = path.split('/')
  const first = parts[0] as string
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')
  let registry: string
  if (hasRegistry) {
    registry = parts.shift() as string
  } else {
    if (!region) fail(`"${path}" has no registry and no region is known to choose swr.{region}.myhuaweicloud.com`)
    registry = defaultEndpoints(region as string, siteOfRegion(region as string)).registry
  }
  if (parts.length < 2) fail(`"${path}" has no namespace (SWR organization) before the image name`)

  const last = parts.pop() as string
  const colon = last.lastIndexOf(':')
  if (colon < 0) fail(`"${path}" has no tag; give the tag you pushed (":latest" is not assumed)`)
  const tag = last.slice(colon + 1)
  const repositoryParts = [...parts, last.slice(0, colon)]
  const namespace = repositoryParts.shift() as string
  const name = repositoryParts.join('/')

  if (!TAG.test(tag)) fail(`tag "${tag}" must be 1 to 128 of A-Z a-z 0-9 _ . - and not start with . or -`)
  for (const component of [namespace, ...repositoryParts]) {
    if (!COMPONENT.test(component)) {
      fail(`"${component}" must be lower-case letters and digits, separated by single ".", "_", "__" or "-"`)
    }
  }
  if (namespace.length > 64) fail(`namespace "${namespace}" is longer than 64 characters`)
  const swrPath = `${registry}/${namespace}/${name}:${tag}`
  if (swrPath.length < 16 || swrPath.length > 2048) {
    fail(`must be 16 to 2048 characters with the registry, got ${swrPath.length} ("${swrPath.slice(0, 80)}")`)
  }
  return { swrPath, registry, namespace, name, tag }
}
