/**
 * keep_last: once the step has succeeded, delete the older registrations of the same image and
 * keep the newest N (decide/retention.ts picks them). Deletes are never forced, draw on the step's
 * budget and stop at its end; a delete that fails is a warning, never a failed step.
 */
import { CancelledError, DeadlineError, messageOf } from '../base/errors.js'
import type { Logger } from '../base/runtime.js'
import type { Budget } from '../budget.js'
import type { Config } from '../config/config.js'
import { type Image, type ModelArtsClient, isNotFound } from '../cloud/modelarts.js'
import { type RetentionRules, planRetention, tagOf } from '../decide/retention.js'

/** What keep_last did (or, in a dry run, would do). */
export interface RetentionResult {
  /** The older registrations chosen for deletion (in a dry run: what would be deleted). */
  chosen: Image[]
  deleted: Image[]
  /** Chosen for deletion but not deleted: failed, or left for the next run at the deadline. */
  notDeleted: { image: Image; why: string }[]
  kept: Image[]
  protect: { image: Image; why: string }[]
  dryRun: boolean
}

export interface RetentionContext {
  client: ModelArtsClient
  rules: RetentionRules
  budget: Budget
  log: Logger
  dryRun: boolean
}

const describe = (image: Image): string => `image ${image.id} (tag ${tagOf(image) ?? 'unknown'})`

/** Lists every registration of the image, picks the older ones and deletes them. */
export async function keepNewest(ctx: RetentionContext): Promise<RetentionResult> {
  const { client, rules, log } = ctx
  const records = await client.listRegistrations(rules.image, rules.workspaceId)
  const plan = planRetention(records, rules)
  const result: RetentionResult = {
    chosen: plan.delete,
    deleted: [],
    notDeleted: [],
    kept: plan.keep,
    protect: plan.protect,
    dryRun: ctx.dryRun
  }
  log.info(
    `keep_last ${rules.keepLast}: keeping ${plan.keep.length}, ${ctx.dryRun ? 'would delete' : 'deleting'} ${plan.delete.length}` +
      (plan.protect.length ? `, ${plan.protect.length} protected` : '')
  )
  for (const [index, image] of plan.delete.entries()) {
    if (ctx.dryRun) {
      log.info(`would delete ${describe(image)}`)
      continue
    }
    try {
      ctx.budget.assertOpen('delete older registrations')
      await client.delete(image.id)
      result.deleted.push(image)
      log.info(`deleted ${describe(image)}`)
    } catch (error) {
      if (error instanceof CancelledError || error instanceof DeadlineError) {
        const left = plan.delete.slice(index)
        for (const rest of left)
          result.notDeleted.push({ image: rest, why: 'left for the next run' })
        log.warning(
          `keep_last: ${left.length} older registration(s) left for the next run: the step's ${error instanceof CancelledError ? 'cancel' : 'timeout'} came first`
        )
        break
      }
      if (isNotFound(error)) {
        // Gone already: a delete whose answer was lost and was retried, or another run's.
        result.deleted.push(image)
        continue
      }
      result.notDeleted.push({ image, why: messageOf(error) })
      log.warning(`keep_last: could not delete ${describe(image)}: ${messageOf(error)}`)
    }
  }
  return result
}

/**
 * keep_last, once the image is ACTIVE (or, in a dry run, what it would delete). Its failures are
 * warnings: the step has succeeded, and the next run tries again.
 */
export async function retain(
  config: Pick<Config, 'image' | 'workspaceId' | 'keepLast' | 'keepTags'>,
  client: ModelArtsClient,
  budget: Budget,
  log: Logger,
  image: Image | undefined,
  startedAt: number,
  dryRun: boolean
): Promise<RetentionResult | undefined> {
  if (config.keepLast === undefined) return undefined
  if (!config.image) {
    log.warning('keep_last needs swr_path to know which image to keep: nothing was deleted')
    return undefined
  }
  if (!dryRun && image?.status !== 'ACTIVE') return undefined
  const rules = {
    image: config.image,
    workspaceId: config.workspaceId,
    keptId: image?.id ?? '',
    keepLast: config.keepLast,
    ...(config.keepTags ? { keepTags: config.keepTags } : {}),
    startedAt
  }
  try {
    return await keepNewest({ client, rules, budget, log, dryRun })
  } catch (error) {
    log.warning(`keep_last: older registrations were not deleted: ${messageOf(error)}`)
    return undefined
  }
}
