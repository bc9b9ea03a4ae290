/**
 * Whether a record is a registration of this image: the one rule the verdict (this tag) and the
 * retention plan (any tag) share.
 */
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

/**
 * Whether the record names `image`: by its swr_path when it has one (its parts, when reported,
 * agreeing with it and the image), else by namespace, name and tag, from any registry (ModelArts keys a registration by
 * them).
 */
function registers(record: Image, image: ImageOf): boolean {
  const path = record.swr_path
  const parts =
    agrees(record.namespace, image.namespace) &&
    agrees(record.name, image.name) &&
    agrees(record.tag, image.tag)
  if (path === undefined) return parts && [record.namespace, record.name, record.tag].every(isText)
  const tag = typeof path === 'string' ? tagIn(path, image) : undefined
  return parts && tag !== undefined && agrees(tag, image.tag) && agrees(record.tag, tag)
}

const isText = (part: unknown): boolean => typeof part === 'string'

/** A part not reported (or not asked for) agrees; one reported agrees only when equal. */
function agrees(reported: unknown, wanted: string | undefined): boolean {
  return reported === undefined || wanted === undefined || reported === wanted
}

/**
 * The tag `path` names in `image`'s repository, or undefined when it names another: as
 * `registry/namespace/name:tag` (the host in any case), or host-less in the shared SWR only. Read
 * against the image, not parsed alone: `my.org/app:1` is a host-less path of namespace `my.org`.
 */
function tagIn(path: string, image: ImageOf): string | undefined {
  const host = `${image.registry}/`
  const hosted = path.slice(0, host.length).toLowerCase() === host.toLowerCase()
  const rest = hosted ? path.slice(host.length) : image.sharedSwr === true ? path : undefined
  const repository = `${image.namespace}/${image.name}:`
  if (rest === undefined || !rest.startsWith(repository)) return undefined
  const tag = rest.slice(repository.length)
  return /^[^/:@]+$/.test(tag) ? tag : undefined
}
