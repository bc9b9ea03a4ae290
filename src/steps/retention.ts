/**
 * keep_last, once the step has succeeded: deletes what decide/retention.ts plans, each confirmed
 * gone; its failures are warnings, and only a cancel changes how the step ends.
 */
import { CancelledError, DeadlineError, messageOf } from '../base/errors.js'
import { bestEffortSliceMs } from '../budget.js'
import { sharedRegistryOf } from '../base/hosts.js'
import { isInUse, isNotFound } from '../cloud/modelarts.js'
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
import type { Run } from './run.js'

/** keep_last's confirmations: one a second, until the slice ends. */
const CONFIRMS = { pauseMs: () => 1_000, bestEffort: true }

const describe = (image: Image): string => `image ${image.id} (tag ${tagOf(image) ?? 'unknown'})`

/** Lists every registration of the image, picks the older ones, deletes and confirms them. */
async function keepNewest(
  run: Run,
  rules: RetentionRules,
  planned: Planned | undefined
): Promise<RetentionResult> {
  const { log } = run
  const { dryRun } = run.config
  const { registry, namespace, name } = rules.image
  const reference = { registry, namespace, name, tag: '', swrPath: '' }
  // Only the same image's records are kept from the list: a namespace may hold 20,000.
  const listing = await run.modelArts.readList(reference, rules.workspaceId, record =>
    isSameImage(record, rules)
  )
  const result = emptyResult(dryRun)
  if (listing.changed) {
    log.warning(
      'keep_last: the image list changed while it was read (another run registering or deleting): nothing was deleted; the next run tries again'
    )
    return { ...result, listChanged: true }
  }
  // One planning call for a dry run and a real one: a dry run lists what the real run deletes.
  const plan = planRetention(afterPlan(listing.images, planned), rules)
  Object.assign(result, { chosen: plan.delete, kept: plan.keep, protect: plan.protect })
  log.info(
    `keep_last ${rules.keepLast}: keeping ${plan.keep.length}, ${dryRun ? 'would delete' : 'deleting'} ${plan.delete.length}` +
      (plan.protect.length ? `, ${plan.protect.length} protected` : '')
  )
  if (dryRun) {
    for (const image of plan.delete) log.info(`would delete ${describe(image)}`)
    return result
  }
  const sent = await sendDeletes(run, plan.delete, result)
  await confirmDeletes(run, sent, result)
  return result
}

/** Sends the deletes one by one; returns those the service accepted (or already had not). */
async function sendDeletes(run: Run, chosen: Image[], result: RetentionResult): Promise<Image[]> {
  // Defence in depth: whoever calls this, a dry run sends no DELETE.
  if (run.config.dryRun) throw new Error('internal: keep_last was asked to delete in a dry run')
  const sent: Image[] = []
  for (const [index, image] of chosen.entries()) {
    let sending = false
    try {
      run.budget.assertOpen('delete older registrations')
      sending = true
      await run.modelArts.delete(image.id)
      sent.push(image)
    } catch (error) {
      if (isNotFound(error)) sent.push(image)
      else if (isInUse(error)) keptInUse(run, image, result)
      else if (error instanceof CancelledError || error instanceof DeadlineError) {
        stopSending(run, { left: chosen.slice(index), sending, error }, result)
        break
      } else {
        result.notDeleted.push({ image, kind: 'not deleted', why: messageOf(error) })
        run.log.warning(`keep_last: could not delete ${describe(image)}: ${messageOf(error)}`)
      }
    }
  }
  return sent
}

/** A delete refused because the image is in use: kept (protected), a warning, never a failure. */
function keptInUse(run: Run, image: Image, result: RetentionResult): void {
  const why = 'kept: in use (ModelArts refused to delete it)'
  result.protect.push({ image, reason: 'in-use', why })
  run.log.warning(`keep_last: ${describe(image)} ${why}`)
}

/**
 * A cancel or the timeout while deleting: the delete in flight (its answer cut off) is unknown,
 * the rest are left for the next run. A cancel ends the step cancelled; a timeout leaves it green.
 */
function stopSending(
  run: Run,
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
  run.log.warning(
    `keep_last: ${notSent.length} older registration(s) left for the next run${inFlight ? ', 1 unknown (check the image list)' : ''}: ${cause}`
  )
}

/**
 * Confirms the deletes side by side (ShowImage: DELETED or not found) within a quarter of
 * `timeout`, at most a minute; only those confirmed go to `deleted`.
 */
async function confirmDeletes(run: Run, sent: Image[], result: RetentionResult): Promise<void> {
  const slice = run.budget.slice(bestEffortSliceMs(run.config.timeoutMs))
  const answers = await Promise.all(
    sent.map(image => run.modelArts.confirmGone(image.id, slice, CONFIRMS))
  )
  for (const [index, image] of sent.entries()) {
    const answer = answers[index]
    if (answer?.gone) {
      result.deleted.push(image)
      run.log.info(`deleted ${describe(image)}`)
      continue
    }
    const end =
      answer?.stopped === 'cancel' ? 'the step was cancelled' : 'the time to confirm ran out'
    const why = `${answer?.last ?? 'no answer'} when ${end}; the next run deletes it if it is still there`
    result.notDeleted.push({ image, kind: 'not confirmed', why })
    run.log.warning(`keep_last: the delete of ${describe(image)} is not confirmed: ${why}`)
  }
  if (run.budget.signal.aborted) result.cancelled = true
}

/** The registration the run hands out (a dry run: the one it would), and its arch (model/run.ts). */
interface HandedOut {
  image: Image | undefined
  arch: string
  /** A dry run of a register or a replace: the registration it would make is handed out. */
  registers?: { replacing?: string }
}

/** How a dry run names the registration it would make: no image id has brackets or spaces. */
const NEW_REGISTRATION = '(the new registration)'

/** The registration a dry run would make, as keep_last would list it: this path, arch and workspace, now. */
function plannedOf(run: Run, { registers, arch }: HandedOut): Planned | undefined {
  const { config } = run
  if (!registers || !config.image) return undefined
  const record: Image = {
    id: NEW_REGISTRATION,
    status: ACTIVE,
    swr_path: config.image.swrPath,
    tag: config.image.tag,
    arch,
    type: 'DEDICATED',
    workspace_id: run.workspaceId,
    create_at: run.startedAt
  }
  return { registers: record, ...(registers.replacing && { replacing: registers.replacing }) }
}

/**
 * The image whose registrations keep_last prunes: with image_id, the waited-on record's own path
 * (a host-less one in the region's shared SWR); otherwise the path given. Undefined: none usable.
 */
function imageToPrune(
  config: Run['config'],
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
export async function retain(run: Run, handedOut: HandedOut): Promise<RetentionResult | undefined> {
  const { config, log } = run
  const { image } = handedOut
  const { keepLast, dryRun } = config
  if (keepLast === undefined) return undefined
  if (!dryRun && image?.status !== ACTIVE) return undefined
  const shared = sharedRegistryOf(config.region)
  const pruned = imageToPrune(config, image, shared)
  if (!pruned) {
    log.warning(
      `keep_last: image ${image?.id ?? 'unknown'} has no usable swr_path (registry/namespace/name:tag) to know which image to keep: nothing was deleted`
    )
    return undefined
  }
  const planned = dryRun ? plannedOf(run, handedOut) : undefined
  try {
    const rules: RetentionRules = {
      image: pruned,
      arch: handedOut.arch,
      sharedRegistry: shared,
      workspaceId: run.workspaceId,
      keptId: planned?.registers.id ?? image?.id ?? '',
      keepLast,
      ...(run.keepTags && { keepTags: run.keepTags }),
      startedAt: run.startedAt
    }
    return await keepNewest(run, rules, planned)
  } catch (error) {
    log.warning(`keep_last: older registrations were not deleted: ${messageOf(error)}`)
    return error instanceof CancelledError ? { ...emptyResult(dryRun), cancelled: true } : undefined
  }
}

/** A result with nothing in it yet: fresh lists, as the steps fill them in. */
function emptyResult(dryRun: boolean): RetentionResult {
  return { chosen: [], deleted: [], notDeleted: [], kept: [], protect: [], dryRun }
}
