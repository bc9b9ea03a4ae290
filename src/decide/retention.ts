/**
 * Which older registrations `keep_last` deletes. Pure: the listed records and the rules in, the
 * records to delete, keep and protect out. Nothing that might be in use or belong to someone else
 * is ever chosen: another image, the one this run hands out, a protected tag, a registration made
 * after the step started (a sibling job's), a record without `create_at`.
 */
import type { ImageReference } from '../config/swr-path.js'
import { DELETED, type Image, type ImageStatus, STATUSES } from '../model/image.js'

export interface RetentionRules {
  image: ImageReference
  workspaceId: string
  /** The registration this run hands out: always kept, and one of the N. */
  keptId: string
  keepLast: number
  keepTags?: RegExp
  /** Epoch ms when the step started. */
  startedAt: number
}

export interface RetentionPlan {
  /** Oldest last. */
  delete: Image[]
  /** The newest N (the handed-out one included), newest first. */
  keep: Image[]
  /** Never deleted, and not counted: why, per record. */
  protect: { image: Image; why: string }[]
}

/** The tag a record registers: its `tag`, else the part of its swr_path after the last `:`. */
export function tagOf(record: Image): string | undefined {
  if (typeof record.tag === 'string' && record.tag) return record.tag
  const path = record.swr_path ?? ''
  const colon = path.lastIndexOf(':')
  return colon > path.lastIndexOf('/') ? path.slice(colon + 1) : undefined
}

/**
 * Whether a listed record is a registration of the same image (any tag): DEDICATED when it says,
 * same workspace when it says, same namespace and name, and the same registry when it reports
 * its path. Another image is never touched.
 */
export function isSameImage(
  record: Image,
  rules: Pick<RetentionRules, 'image' | 'workspaceId'>
): boolean {
  const { image } = rules
  if (record.type !== undefined && String(record.type).toUpperCase() !== 'DEDICATED') return false
  if (record.workspace_id !== undefined && record.workspace_id !== rules.workspaceId) return false
  if (record.namespace !== undefined && record.namespace !== image.namespace) return false
  if (record.name !== undefined && record.name !== image.name) return false
  if (record.swr_path === undefined)
    return record.namespace !== undefined && record.name !== undefined
  const repository = `${image.namespace}/${image.name}:`
  return (
    record.swr_path.startsWith(`${image.registry}/${repository}`) ||
    record.swr_path.startsWith(repository)
  )
}

/** The plan: newest by create_at kept up to N, the rest deleted, the protected left alone. */
export function planRetention(records: readonly Image[], rules: RetentionRules): RetentionPlan {
  const plan: RetentionPlan = { delete: [], keep: [], protect: [] }
  const candidates: (Image & { create_at: number })[] = []
  for (const record of records) {
    if (!isSameImage(record, rules)) continue
    const status = String(record.status).toUpperCase()
    if (status === DELETED) continue
    if (!STATUSES.includes(status as ImageStatus)) {
      plan.protect.push({ image: record, why: 'its status is unknown' })
      continue
    }
    if (record.id === rules.keptId) continue
    const tag = tagOf(record)
    if (rules.keepTags && tag !== undefined && rules.keepTags.test(tag))
      plan.protect.push({ image: record, why: `tag ${tag} matches keep_tags` })
    else if (typeof record.create_at !== 'number')
      plan.protect.push({ image: record, why: 'it has no create_at' })
    else if (record.create_at >= rules.startedAt)
      plan.protect.push({ image: record, why: 'registered after this step started' })
    else candidates.push(record as Image & { create_at: number })
  }
  const kept = records.find(record => record.id === rules.keptId)
  candidates.sort((a, b) => b.create_at - a.create_at)
  const room = Math.max(0, rules.keepLast - 1)
  plan.keep = [...(kept ? [kept] : []), ...candidates.slice(0, room)]
  plan.delete = candidates.slice(room)
  return plan
}
