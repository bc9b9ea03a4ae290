/**
 * keep_last: once the step has succeeded, delete the older registrations of the same image and
 * keep the newest N (decide/retention.ts picks them). A list that changed while it was read
 * deletes nothing. Deletes are never forced and each is confirmed (ShowImage: DELETED or not
 * found), side by side within a best-effort slice of the budget; a delete that fails is a warning,
 * never a failed step. A cancel while deleting ends the step cancelled.
 */
import { CancelledError, DeadlineError, messageOf } from '../base/errors.js'
import type { Logger } from '../base/runtime.js'
import { type Budget, bestEffortSliceMs } from '../budget.js'
import type { Config } from '../config/config.js'
import type { KeepTags } from '../config/value-parsers.js'
import { sharedRegistryOf } from '../base/hosts.js'
import { type ModelArtsClient, isInUse, isNotFound } from '../cloud/modelarts.js'
import {
  type Planned,
  type RetentionRules,
  afterPlan,
  isSameImage,
  planRetention,
  repositoryOf,
  tagOf
} from '../decide/retention.js'
import { ACTIVE, type Image } from '../model/image.js'
import type { RetentionResult } from '../model/run.js'

interface RetentionContext {
  client: ModelArtsClient
  rules: RetentionRules
  budget: Budget
  timeoutMs: number
  log: Logger
  dryRun: boolean
  /** A dry run's registration to be (and the one a replace deletes first). */
  planned?: Planned
}

/** The pause between two confirmations of the same delete. */
const CONFIRM_PAUSE_MS = 1_000

const describe = (image: Image): string => `image ${image.id} (tag ${tagOf(image) ?? 'unknown'})`

/** Lists every registration of the image, picks the older ones, deletes and confirms them. */
async function keepNewest(ctx: RetentionContext): Promise<RetentionResult> {
  const { client, rules, log } = ctx
  const { registry, namespace, name } = rules.image
  const reference = { registry, namespace, name, tag: '', swrPath: '' }
  // Only the same image's records are kept from the list: a namespace may hold 20,000.
  const listing = await client.readList(reference, rules.workspaceId, record =>
    isSameImage(record, rules)
  )
  const result = emptyResult(ctx.dryRun)
  if (listing.changed) {
    log.warning(
      'keep_last: the image list changed while it was read (another run registering or deleting): nothing was deleted; the next run tries again'
    )
    return { ...result, listChanged: true }
  }
  // One planning call for a dry run and a real one: a dry run lists what the real run deletes.
  const plan = planRetention(afterPlan(listing.images, ctx.planned), rules)
  Object.assign(result, { chosen: plan.delete, kept: plan.keep, protect: plan.protect })
  log.info(
    `keep_last ${rules.keepLast}: keeping ${plan.keep.length}, ${ctx.dryRun ? 'would delete' : 'deleting'} ${plan.delete.length}` +
      (plan.protect.length ? `, ${plan.protect.length} protected` : '')
  )
  if (ctx.dryRun) {
    for (const image of plan.delete) log.info(`would delete ${describe(image)}`)
    return result
  }
  const sent = await sendDeletes(ctx, plan.delete, result)
  await confirmDeletes(ctx, sent, result)
  return result
}

/** Sends the deletes one by one; returns those the service accepted (or already had not). */
async function sendDeletes(
  ctx: RetentionContext,
  chosen: Image[],
  result: RetentionResult
): Promise<Image[]> {
  // Defence in depth: whoever calls this, a dry run sends no DELETE.
  if (ctx.dryRun) throw new Error('internal: keep_last was asked to delete in a dry run')
  const sent: Image[] = []
  for (const [index, image] of chosen.entries()) {
    let sending = false
    try {
      ctx.budget.assertOpen('delete older registrations')
      sending = true
      await ctx.client.delete(image.id)
      sent.push(image)
    } catch (error) {
      if (isNotFound(error)) sent.push(image)
      else if (isInUse(error)) keptInUse(ctx, image, result)
      else if (error instanceof CancelledError || error instanceof DeadlineError) {
        stopSending(ctx, { left: chosen.slice(index), sending, error }, result)
        break
      } else {
        result.notDeleted.push({ image, kind: 'not deleted', why: messageOf(error) })
        ctx.log.warning(`keep_last: could not delete ${describe(image)}: ${messageOf(error)}`)
      }
    }
  }
  return sent
}

/** A delete refused because the image is in use: kept (protected), a warning, never a failure. */
function keptInUse(ctx: RetentionContext, image: Image, result: RetentionResult): void {
  const why = 'kept: in use (ModelArts refused to delete it)'
  result.protect.push({ image, reason: 'in-use', why })
  ctx.log.warning(`keep_last: ${describe(image)} ${why}`)
}

/**
 * A cancel or the timeout while deleting: the delete in flight (its answer cut off) is unknown,
 * the rest are left for the next run. A cancel ends the step cancelled; a timeout leaves it green.
 */
function stopSending(
  ctx: RetentionContext,
  stop: { left: Image[]; sending: boolean; error: CancelledError | DeadlineError },
  result: RetentionResult
): void {
  const cancelled = stop.error instanceof CancelledError
  if (cancelled) result.cancelled = true
  const [first, ...rest] = stop.left
  const inFlight = stop.sending && first !== undefined
  if (first && inFlight)
    result.notDeleted.push({
      image: first,
      kind: 'unknown',
      why: 'unknown: the delete was sent and its answer cut off; check the image list'
    })
  const notSent = inFlight ? rest : stop.left
  const cause = `the step's ${cancelled ? 'cancel' : 'timeout'} came first`
  for (const image of notSent)
    result.notDeleted.push({ image, kind: 'not deleted', why: `left for the next run: ${cause}` })
  ctx.log.warning(
    `keep_last: ${notSent.length} older registration(s) left for the next run${inFlight ? ', 1 unknown (check the image list)' : ''}: ${cause}`
  )
}

/**
 * Confirms the deletes side by side (ShowImage: DELETED or not found) within a quarter of
 * `timeout`, at most a minute; only those confirmed go to `deleted`.
 */
async function confirmDeletes(
  ctx: RetentionContext,
  sent: Image[],
  result: RetentionResult
): Promise<void> {
  const slice = ctx.budget.slice(bestEffortSliceMs(ctx.timeoutMs))
  const answers = await Promise.all(sent.map(image => confirmGone(ctx.client, image.id, slice)))
  for (const [index, image] of sent.entries()) {
    const why = answers[index]
    if (why === undefined) {
      result.deleted.push(image)
      ctx.log.info(`deleted ${describe(image)}`)
      continue
    }
    result.notDeleted.push({ image, kind: 'not confirmed', why })
    ctx.log.warning(`keep_last: the delete of ${describe(image)} is not confirmed: ${why}`)
  }
  if (ctx.budget.signal.aborted) result.cancelled = true
}

/** Undefined once ShowImage says the image is gone; otherwise why it is not confirmed. */
async function confirmGone(
  client: ModelArtsClient,
  id: string,
  slice: Budget
): Promise<string | undefined> {
  let last = 'no answer'
  for (;;) {
    try {
      const image = await client.showUnlessGone(id, slice)
      if (!image) return undefined
      last = `still listed as ${image.status}`
    } catch (error) {
      if (error instanceof CancelledError) return `${last} when the step was cancelled`
      if (error instanceof DeadlineError) return `${last} when the time to confirm ran out`
      last = messageOf(error)
    }
    try {
      await slice.pause(CONFIRM_PAUSE_MS, 'confirm deletes')
    } catch (error) {
      const end =
        error instanceof CancelledError ? 'the step was cancelled' : 'the time to confirm ran out'
      return `${last} when ${end}; the next run deletes it if it is still there`
    }
  }
}

/** What `retain` needs from the run. */
export interface RetainRequest {
  config: Pick<Config, 'image' | 'imageId' | 'keepLast' | 'region' | 'timeoutMs'>
  /** keep_tags, compiled (before any request). */
  keepTags?: KeepTags
  /** The workspace the image lives in. */
  workspaceId: string
  client: ModelArtsClient
  budget: Budget
  log: Logger
  /** The registration this run hands out (in a dry run: the one it would reuse, if any). */
  image: Image | undefined
  /** The run's arch (model/run.ts): the handed-out record's, or the one this run would register. */
  arch: string
  startedAt: number
  dryRun: boolean
  /** A dry run of a register or a replace: the registration it would make is handed out. */
  registers?: { replacing?: string }
}

/** How a dry run names the registration it would make: no image id has brackets or spaces. */
const NEW_REGISTRATION = '(the new registration)'

/** The registration a dry run would make, as keep_last would list it: this path, arch and workspace, now. */
function plannedOf(request: RetainRequest): Planned | undefined {
  const { registers, config } = request
  if (!registers || !config.image) return undefined
  const record: Image = {
    id: NEW_REGISTRATION,
    status: ACTIVE,
    swr_path: config.image.swrPath,
    tag: config.image.tag,
    arch: request.arch,
    type: 'DEDICATED',
    workspace_id: request.workspaceId,
    create_at: request.startedAt
  }
  return { registers: record, ...(registers.replacing && { replacing: registers.replacing }) }
}

/**
 * The image whose registrations keep_last prunes: with image_id, the waited-on record's own path
 * (a host-less one in the region's shared SWR); otherwise the path given. Undefined: none usable.
 */
function imageToPrune(
  config: RetainRequest['config'],
  image: Image | undefined,
  shared: string
): RetentionRules['image'] | undefined {
  if (!config.imageId && config.image) {
    const { registry, namespace, name } = config.image
    return { registry, namespace, name }
  }
  const where = image && repositoryOf(image, shared)
  const slash = where ? where.repository.indexOf('/') : -1
  if (!where || slash < 1) return undefined
  return {
    registry: where.registry,
    namespace: where.repository.slice(0, slash),
    name: where.repository.slice(slash + 1)
  }
}

/**
 * keep_last, once the image is ACTIVE (or, in a dry run, what it would delete). Its failures are
 * warnings: the step has succeeded, and the next run tries again. Only a cancel changes how the
 * step ends (result.cancelled).
 */
export async function retain(request: RetainRequest): Promise<RetentionResult | undefined> {
  const { config, image, log, dryRun } = request
  if (config.keepLast === undefined) return undefined
  if (!dryRun && image?.status !== ACTIVE) return undefined
  const shared = sharedRegistryOf(config.region)
  const pruned = imageToPrune(config, image, shared)
  if (!pruned) {
    log.warning(
      `keep_last: image ${image?.id ?? 'unknown'} has no usable swr_path (registry/namespace/name:tag) to know which image to keep: nothing was deleted`
    )
    return undefined
  }
  const planned = dryRun ? plannedOf(request) : undefined
  try {
    const rules: RetentionRules = {
      image: pruned,
      arch: request.arch,
      sharedRegistry: shared,
      workspaceId: request.workspaceId,
      keptId: planned?.registers.id ?? image?.id ?? '',
      keepLast: config.keepLast,
      ...(request.keepTags && { keepTags: request.keepTags }),
      startedAt: request.startedAt
    }
    const { client, budget, log: logger } = request
    return await keepNewest({
      client,
      rules,
      budget,
      log: logger,
      dryRun,
      timeoutMs: config.timeoutMs,
      ...(planned && { planned })
    })
  } catch (error) {
    log.warning(`keep_last: older registrations were not deleted: ${messageOf(error)}`)
    return error instanceof CancelledError ? { ...emptyResult(dryRun), cancelled: true } : undefined
  }
}

/** A result with nothing in it yet: fresh lists, as the steps fill them in. */
function emptyResult(dryRun: boolean): RetentionResult {
  return { chosen: [], deleted: [], notDeleted: [], kept: [], protect: [], dryRun }
}
