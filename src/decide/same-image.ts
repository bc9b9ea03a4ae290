/**
 * Whether a record is a registration of this image: the one rule the verdict (this tag) and the
 * retention plan (any tag) share.
 */
import { splitRegistry } from '../base/docker-path.js'
import { sameRegistry } from '../base/hosts.js'
import type { Image } from '../model/image.js'

/** The image a record is compared with; without `tag`, any tag. */
export interface ImageOf {
  registry: string
  namespace: string
  name: string
  tag?: string
  /** Whether `registry` is the region's shared SWR: only then is a host-less record this image. */
  sharedSwr?: boolean
}

/** Where a record says it comes from: its registry (none: host-less), repository and tag. */
interface Where {
  registry?: string
  repository: string
  tag: string
}

/**
 * Why a record is not a registration of `image`, or undefined when it is: it must say what it
 * registers, that must be `image` (a host-less record only in the region's shared SWR; registries
 * compared as hosts are, in any case), and it must be in the workspace and DEDICATED when it
 * reports them.
 */
export function whyNotThisImage(
  record: Image,
  image: ImageOf,
  workspaceId: string
): string | undefined {
  if (!saysWhatItIs(record)) return 'does not say which image it registers (no swr_path)'
  if (!registers(record, image)) return `registers ${record.swr_path ?? 'another path'}`
  return notOurs(record, workspaceId)
}

/**
 * Why a record is not one of this run's images whatever its path, or undefined: in another
 * workspace, or not this account's (type not DEDICATED), each when reported.
 */
export function notOurs(record: Image, workspaceId: string): string | undefined {
  if (record.workspace_id !== undefined && record.workspace_id !== workspaceId)
    return `is in workspace ${record.workspace_id}`
  if (record.type !== undefined && String(record.type).toUpperCase() !== 'DEDICATED')
    return "is not a registration of this account's (type is not DEDICATED)"
  return undefined
}

/**
 * Whether a record says which image it registers: its `swr_path`, or all of `namespace`, `name`
 * and `tag`. One that does not is never adopted on its word (a register answer like that is read
 * back with ShowImage).
 */
export function saysWhatItIs(record: Image): boolean {
  return (
    record.swr_path !== undefined ||
    [record.namespace, record.name, record.tag].every(part => part !== undefined)
  )
}

/** Whether the record's path (or its parts) names `image`, and the parts it reports agree. */
function registers(record: Image, image: ImageOf): boolean {
  const where = whereFrom(record)
  if (!where) return false
  const fromRegistry =
    where.registry === undefined
      ? image.sharedSwr === true
      : sameRegistry(where.registry, image.registry)
  return (
    fromRegistry &&
    where.repository === `${image.namespace}/${image.name}` &&
    agrees(where.tag, image.tag) &&
    agrees(record.namespace, image.namespace) &&
    agrees(record.name, image.name) &&
    agrees(record.tag, image.tag)
  )
}

/** A part not reported (or not asked for) agrees; one reported agrees only when equal. */
function agrees(reported: unknown, wanted: string | undefined): boolean {
  return reported === undefined || wanted === undefined || reported === wanted
}

/**
 * Where a record comes from: its swr_path (`[registry/]namespace/name:tag`), else its namespace,
 * name and tag (host-less); undefined when it says neither in that form (a digest, no tag).
 */
export function whereFrom(record: Image): Where | undefined {
  const path = record.swr_path
  if (path === undefined) {
    const { namespace, name, tag } = record
    if (typeof namespace !== 'string' || typeof name !== 'string' || typeof tag !== 'string')
      return undefined
    return { repository: `${namespace}/${name}`, tag }
  }
  if (typeof path !== 'string' || path.includes('@')) return undefined
  const { registry, rest } = splitRegistry(path)
  const colon = rest.lastIndexOf(':')
  if (colon <= rest.lastIndexOf('/') || colon === rest.length - 1) return undefined
  return {
    ...(registry !== undefined && { registry }),
    repository: rest.slice(0, colon),
    tag: rest.slice(colon + 1)
  }
}
