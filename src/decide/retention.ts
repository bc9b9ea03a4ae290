/**
 * Which older registrations keep_last deletes (pure: the one decision that destroys data): the
 * newest N of the same image and arch kept, the handed-out one always, what may be in use never.
 */
import { splitRegistry } from '../base/docker-path.js'
import { sameRegistry } from '../base/hosts.js'
import type { ImageReference } from '../config/swr-path.js'
import { DELETED, type Image, SETTLED_STATUSES, archOrDefault } from '../model/image.js'
import type { ProtectReason, Protected } from '../model/run.js'
import { whyNotThisImage } from './same-image.js'

/** Registrations younger than this before the step started may be a sibling job's: never deleted. */
export const RECENT_MS = 60 * 60_000
/** No ModelArts registration is older than this: an earlier create_at is not a time in ms. */
export const EARLIEST_CREATE_AT = Date.UTC(2018, 0, 1)
/** A create_at more than a day past the step's start is not a time that can be ordered. */
export const FUTURE_ALLOWANCE_MS = 24 * 60 * 60_000
/** The statuses of registrations nobody waits on any more; only these are ever deleted. */
const DELETABLE_STATUSES: ReadonlySet<string> = SETTLED_STATUSES

export interface RetentionRules {
  /** The image whose registrations are pruned (any tag). */
  image: Pick<ImageReference, 'registry' | 'namespace' | 'name'>
  /** The architecture of the registration this run hands out (API spelling). */
  arch: string
  /** The region's shared SWR registry host: where a host-less record's image lives. */
  sharedRegistry: string
  workspaceId: string
  /** The registration this run hands out: always kept. */
  keptId: string
  keepLast: number
  /** Whether a tag matches keep_tags (a linear-time matcher). */
  keepTags?: (tag: string) => boolean
  /** Epoch ms when the step started. */
  startedAt: number
}

export interface RetentionPlan {
  /** Oldest last. */
  delete: Image[]
  /** The handed-out registration (when listed) first, then the newest N, newest first. */
  keep: Image[]
  /** Never deleted: set aside (keep_tags, no order), or counted but past the newest N. */
  protect: Protected[]
}

/** Reasons that set a record aside: never deleted, and not counted in the N. */
const SET_ASIDE: ReadonlySet<ProtectReason> = new Set(['keep_tags', 'no-create-at', 'implausible'])

/**
 * The registration a run would make and hand out, standing in for it before it exists (a dry run
 * of a register or a replace), and the registration a replace deletes first.
 */
export interface Planned {
  registers: Image
  replacing?: string
}

/** The records as keep_last will list them once the plan is carried out. */
export function afterPlan(
  records: readonly Image[],
  planned: Planned | undefined
): readonly Image[] {
  if (!planned) return records
  return [...records.filter(r => r.id !== planned.replacing), planned.registers]
}

/** The tag a record registers: its `tag`, else the part of its swr_path after the last `:`. */
export function tagOf(record: Image): string | undefined {
  if (typeof record.tag === 'string' && record.tag) return record.tag
  const path = record.swr_path
  if (typeof path !== 'string') return undefined
  const colon = path.lastIndexOf(':')
  return colon > path.lastIndexOf('/') ? path.slice(colon + 1) : undefined
}

/** A record's architecture (upper case, as read); a record without one is the default; undefined: not text. */
export function archOf(record: Image): string | undefined {
  const arch = archOrDefault(record)
  return typeof arch === 'string' ? arch : undefined
}

/**
 * The registry and repository (`namespace/name`) a record's swr_path names, a host-less path's
 * registry being the region's shared SWR; undefined when the path is missing or not `…:tag`. A
 * first part that looks like a host is still a namespace when nothing else would be one
 * (`my.org/app:1`) or the record says so (`namespace: my.org`).
 */
export function repositoryOf(
  record: Image,
  sharedRegistry: string
): { registry: string; repository: string } | undefined {
  const path = record.swr_path
  if (typeof path !== 'string' || path.includes('@')) return undefined
  const split = splitRegistry(path)
  const hostless =
    !split.rest.includes('/') ||
    (typeof record.namespace === 'string' && path.startsWith(`${record.namespace}/`))
  const { registry = sharedRegistry, rest } = hostless ? { rest: path } : split
  const colon = rest.lastIndexOf(':')
  if (colon <= rest.lastIndexOf('/') || colon === rest.length - 1) return undefined
  return { registry: registry.toLowerCase(), repository: rest.slice(0, colon) }
}

/**
 * Whether a listed record is a registration of the same image (same-image.ts, any tag) and of the
 * same architecture. One without a swr_path is never touched: nothing in it says which registry
 * it is from, and an Enterprise Edition instance's registration looks the same.
 */
export function isSameImage(
  record: Image,
  rules: Pick<RetentionRules, 'image' | 'workspaceId' | 'arch' | 'sharedRegistry'>
): boolean {
  const { image } = rules
  const sharedSwr = sameRegistry(image.registry, rules.sharedRegistry)
  return (
    typeof record.swr_path === 'string' &&
    archOf(record) === rules.arch &&
    whyNotThisImage(record, { ...image, sharedSwr }, rules.workspaceId) === undefined
  )
}

/** Why a candidate is never deleted (set aside, or only counted), or undefined when it may be. */
export function protectionOf(
  record: Image,
  rules: Pick<RetentionRules, 'keepTags' | 'startedAt'>
): Omit<Protected, 'image'> | undefined {
  const tag = tagOf(record)
  if (rules.keepTags && tag !== undefined && rules.keepTags(tag))
    return { reason: 'keep_tags', why: `tag ${tag} matches keep_tags` }
  // What cannot be ordered comes before the status: it cannot be counted either.
  if (!Number.isFinite(record.create_at))
    return { reason: 'no-create-at', why: 'it has no create_at' }
  const created = record.create_at as number
  if (created < EARLIEST_CREATE_AT || created > rules.startedAt + FUTURE_ALLOWANCE_MS)
    return { reason: 'implausible', why: `create_at ${created} is not a plausible time` }
  const { status } = record
  if (!DELETABLE_STATUSES.has(status))
    return { reason: 'status', why: `status ${status}: someone may be waiting on it` }
  if (created > rules.startedAt - RECENT_MS)
    return { reason: 'recent', why: 'registered less than an hour before this step started' }
  return undefined
}

/** Each id once (its first record). */
function oncePerId(records: readonly Image[]): Image[] {
  const seen = new Set<string>()
  return records.filter(record => !seen.has(record.id) && Boolean(seen.add(record.id)))
}

/** Newest first; equal times by id, so a plan never depends on the order of the list. */
function newestFirst(a: Image, b: Image): number {
  return (b.create_at as number) - (a.create_at as number) || (a.id < b.id ? -1 : 1)
}

/**
 * The plan: the newest N of the image by create_at kept, counting every one that can be ordered
 * (the handed-out and the recent ones included), and the handed-out one whatever its place; past
 * the N, what might be in use is protected and the rest deleted; keep_tags matches and records
 * that cannot be ordered are set aside.
 */
export function planRetention(records: readonly Image[], rules: RetentionRules): RetentionPlan {
  const protect: Protected[] = []
  const counted: { image: Image; protection?: Omit<Protected, 'image'> }[] = []
  let handedOut: Image | undefined
  for (const image of oncePerId(records)) {
    if (!isSameImage(image, rules)) continue
    if (image.status === DELETED) continue
    const protection = protectionOf(image, rules)
    const handed = image.id === rules.keptId
    if (handed) handedOut = image
    if (!protection || !SET_ASIDE.has(protection.reason)) counted.push({ image, protection })
    else if (!handed) protect.push({ image, ...protection })
  }
  counted.sort((a, b) => newestFirst(a.image, b.image))
  const newest = counted.slice(0, rules.keepLast).map(c => c.image)
  const older = counted.slice(rules.keepLast).filter(c => c.image !== handedOut)
  for (const { image, protection } of older) if (protection) protect.push({ image, ...protection })
  return {
    delete: older.filter(c => !c.protection).map(c => c.image),
    keep: [...(handedOut ? [handedOut] : []), ...newest.filter(r => r !== handedOut)],
    protect
  }
}
