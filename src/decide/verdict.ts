/**
 * The one verdict on a ModelArts record: is it the image this run asked for? Every record is judged
 * before it is adopted, reused, waited on or written to an output: a green step hands on no other.
 */
import { splitRegistry } from '../base/docker-path.js'
import type { ImageAttributes } from '../config/config.js'
import type { ImageReference } from '../config/swr-path.js'
import {
  ARCHES,
  type Image,
  archOrDefault,
  type JudgedImage,
  type RegisterImageBody,
  STATUSES
} from '../model/image.js'
import { notOurs, whyNotThisImage } from './same-image.js'
/** How far the service's clock may be behind ours before a record counts as older than the step. */
const CLOCK_SKEW_MS = 2 * 60_000

/** What the run asked for. */
export interface Wanted {
  /** Undefined only for a wait on image_id without swr_path: any path is then accepted. */
  image?: ImageReference
  /** The workspace the image lives in ('0' when not given). */
  workspaceId: string
  /** The RegisterImage body: arch and every attribute given; undefined: none asked for. */
  body?: RegisterImageBody
  /**
   * A wait on image_id: the attributes given as inputs, compared as for a reuse (arch only when
   * given: the registration is not this run's, so there is no service default to stand for).
   */
  given?: ImageAttributes
}

export type Verdict =
  /** It is the image asked for. */
  | { kind: 'same'; image: JudgedImage; arch: string }
  /** It registers this path, but not as asked: the fields that differ, with both values. */
  | { kind: 'differs'; image: JudgedImage; arch: string; differences: string[] }
  /** It is not a registration of this image at all (another path, workspace, type, or garbled). */
  | { kind: 'not-this-image'; why: string }

/** Attributes as the record names them, when they differ from the request's. */
const RECORD_FIELDS: Record<string, readonly string[]> = {
  resource_category: ['resource_categories', 'resource_category'],
  services: ['dev_services', 'services']
}

/** The attributes a reuse compares, besides arch; read_me and description are not compared. */
const COMPARED_ATTRIBUTES = [
  'service_type',
  'visibility',
  'resource_category',
  'services',
  'origin',
  'flavor_type'
] as const

/** Identity, then attributes: the whole verdict on `record`. */
export function judge(record: Image, wanted: Wanted): Verdict {
  const identity = identityOf(record, wanted)
  if (identity.kind === 'not-this-image') return identity
  const { image, arch } = identity
  const differences = wanted.body
    ? attributeDifferences(image, arch, wanted.body)
    : wanted.given
      ? attributeDifferences(image, arch, wanted.given, true)
      : []
  return differences.length === 0
    ? { kind: 'same', image, arch }
    : { kind: 'differs', image, arch, differences }
}

/**
 * Whether the record is a registration of the path asked for (same-image.ts: this tag), and
 * readable enough to hand on: a known status; a known arch.
 */
export function identityOf(
  record: Image,
  wanted: Pick<Wanted, 'image' | 'workspaceId'>
): { kind: 'ok'; image: JudgedImage; arch: string } | { kind: 'not-this-image'; why: string } {
  const not = (why: string) => ({ kind: 'not-this-image' as const, why })
  const why = wanted.image
    ? whyNotThisImage(record, wanted.image, wanted.workspaceId)
    : notOurs(record, wanted.workspaceId)
  if (why) return not(`image ${record.id} ${why}`)
  const status = knownValue(record.status, STATUSES)
  if (!status) return not(`image ${record.id} has an unknown status`)
  const arch = knownValue(archOrDefault(record), ARCHES)
  if (!arch) return not(`image ${record.id} has an unknown arch`)
  const image: JudgedImage = { ...record, status }
  if (record.arch !== undefined && record.arch !== null) image.arch = arch
  return { kind: 'ok', image, arch }
}

/**
 * Whether a record registers the same namespace, name and tag as `image`, from any registry (the
 * shared SWR's host-less record, another Enterprise Edition instance): what ModelArts keys a
 * registration on, so such a record holds the tag in the workspace.
 */
export function holdsTag(record: Image, image: ImageReference): boolean {
  const wanted = `${image.namespace}/${image.name}:${image.tag}`
  // A host-less path is read as the wanted one first: `my.org/app:1` is namespace my.org.
  if (record.swr_path !== undefined)
    return record.swr_path === wanted || splitRegistry(record.swr_path).rest === wanted
  return `${record.namespace}/${record.name}:${record.tag}` === wanted
}

/**
 * The fields in which the record differs from what this run would register, each with both
 * values: arch (the record's, or the service default it stands for) and every attribute given,
 * case-insensitive, lists as sets. An attribute the record does not report is not compared.
 * `onlyGiven`: only what was given as inputs is compared, arch too (a wait on image_id).
 */
export function attributeDifferences(
  record: Image,
  recordArch: string,
  wanted: ImageAttributes,
  onlyGiven = false
): string[] {
  const found: string[] = []
  const wantedArch = onlyGiven ? wanted.arch : archOrDefault(wanted)
  if (wantedArch !== undefined && normalized(recordArch) !== normalized(wantedArch))
    found.push(`arch is ${normalized(recordArch)} (this run: ${normalized(wantedArch)})`)
  for (const field of COMPARED_ATTRIBUTES) {
    const want = wanted[field]
    if (want === undefined) continue
    const have = (RECORD_FIELDS[field] ?? [field])
      .map(name => record[name])
      .find(value => value !== undefined && value !== null)
    if (have === undefined) continue
    if (normalized(have) !== normalized(want))
      found.push(`${field} is ${normalized(have)} (this run: ${normalized(want)})`)
  }
  return found
}

/**
 * Whether a record found after a lost answer or a conflict was made by this run: the look-up
 * before the registration did not show it, and it is not older than the step (allowing for the
 * service's clock being a little behind). Otherwise it is an existing registration.
 */
export function madeByThisRun(
  record: Pick<Image, 'id' | 'create_at'>,
  seenBefore: ReadonlySet<string>,
  startedAt: number
): boolean {
  if (seenBefore.has(record.id)) return false
  return record.create_at === undefined || record.create_at >= startedAt - CLOCK_SKEW_MS
}

/** Statuses of a registration still being made: a concurrent run is waiting on it. */
const IN_PROGRESS: ReadonlySet<string> = new Set(['INIT', 'CREATING'])

/**
 * Why `replace` must not delete this registration, or undefined when it may: one still being made
 * (INIT, CREATING), one that does not say when it was made, or one created less than two minutes
 * before the step started or after it (a sibling job's, allowing for a service clock that is behind
 * ours). Such a one is waited on instead.
 */
export function inUseByAnotherRun(
  record: Pick<Image, 'status' | 'create_at'>,
  startedAt: number
): string | undefined {
  // Records arrive with their status in upper case (cloud/modelarts.ts reads them).
  const { status } = record
  if (IN_PROGRESS.has(status)) return `it is still ${status}: a concurrent run may be waiting on it`
  // In doubt, keep: a record that does not say when it was made may be a sibling's of a moment ago.
  if (typeof record.create_at !== 'number' || !Number.isFinite(record.create_at))
    return 'it does not say when it was registered (no create_at): it may be a concurrent run’s'
  if (record.create_at >= startedAt - CLOCK_SKEW_MS)
    return 'it was registered less than two minutes before this step started, or after: a concurrent run’s'
  return undefined
}

/** The value in the API's spelling when it is one of `known` in any case, else undefined. */
function knownValue<T extends string>(value: unknown, known: readonly T[]): T | undefined {
  if (typeof value !== 'string') return undefined
  const upper = value.toUpperCase()
  return known.find(k => k === upper)
}

function normalized(value: unknown): string {
  return (Array.isArray(value) ? value.map(String) : [String(value)])
    .map(v => v.toUpperCase())
    .sort()
    .join(', ')
}
