/**
 * Find or register: never registers the same swr_path twice. Judges the registrations of the path
 * (listed beside the SWR check, before the arch was known), applies if_exists (replace never deletes a concurrent run's registration: it waits on it),
 * and when a registration's answer is lost (timeout, reset, 5xx), is not this image, or conflicts,
 * looks again before sending it anew; an answer that does not say which image it is is read back
 * with ShowImage. Every record it adopts has passed the one verdict (decide/verdict.ts). Returns
 * what it learned, and notes in `writes` what it left half done (a deleted registration not yet
 * replaced, a POST whose answer was lost); decides nothing about how the step ends.
 */
import {
  AlreadyRegisteredError,
  ApiError,
  ServiceStateError,
  TagRegisteredElsewhereError,
  isTransient,
  messageOf
} from '../base/errors.js'
import type { Logger, Runtime } from '../base/runtime.js'
import { splitRegistry } from '../base/docker-path.js'
import type { Budget } from '../budget.js'
import { unreadableAnswer } from '../cloud/answer.js'
import { type ModelArtsClient, isConflict, isInUse, isNotFound } from '../cloud/modelarts.js'
import { lookUpPath } from './path-look-up.js'
import type { IfExists } from '../config/config.js'
import {
  type Verdict,
  type Wanted,
  holdsTag,
  inUseByAnotherRun,
  judge,
  madeByThisRun,
  saysWhatItIs
} from '../decide/verdict.js'
import { DELETED, FAILED_STATUSES, type Image, archOrDefault } from '../model/image.js'
import type { Registration, RegistrationPlan, Writes } from '../model/run.js'

export interface RegistrationContext {
  client: ModelArtsClient
  /** Registering needs the path and the body. */
  wanted: Wanted & Required<Pick<Wanted, 'image' | 'body'>>
  /** The registrations holding the path's tag, as first listed (beside the SWR check). */
  listed: Promise<readonly Image[]>
  ifExists: IfExists
  log: Logger
  runtime: Runtime
  budget: Budget
  /** Epoch ms when the step started: a registration made after it is a concurrent run's. */
  startedAt: number
  /** What was written and not finished, filled in as it happens: the step's end reports it. */
  writes?: Writes
  /** A dry run: planning only; every write refuses (defence in depth). */
  dryRun?: boolean
}

/** A registration of the path that passed identity: the same image, or one that differs. */
type Found = Extract<Verdict, { kind: 'same' | 'differs' }>

/** Registrations sent at most, when answers are lost and the look-up finds nothing. */
const MAX_REGISTER_ATTEMPTS = 3

/** Reuses, fails on or replaces an existing registration per if_exists; otherwise registers. */
export async function findOrRegister(ctx: RegistrationContext): Promise<Registration> {
  const plan = await planRegistration(ctx)
  switch (plan.action) {
    case 'reuse':
      ctx.log.info(`${alreadyRegistered(ctx, plan.image)}: reusing it (${plan.why})`)
      return { image: plan.image, arch: plan.arch, created: false }
    case 'replace':
      ctx.log.info(
        `${alreadyRegistered(ctx, plan.image)}: deleting it and registering again (${plan.why})`
      )
      if (!(await deleteAndConfirm(ctx, plan.image.id))) {
        // In use: it cannot be replaced; the step goes on with it (and fails if it failed).
        ctx.log.warning(
          `image ${plan.image.id} kept: in use (ModelArts refused to delete it); waiting on it instead of replacing it`
        )
        return { image: plan.image, arch: String(archOrDefault(plan.image)), created: false }
      }
      if (ctx.writes) ctx.writes.deletedId = plan.image.id
      return register(ctx, plan.seen)
    case 'register':
      return register(ctx, plan.seen)
  }
}

/**
 * Judges the listed registrations and decides, writing nothing: what a dry run reports, and what a
 * real run does. Throws AlreadyRegisteredError where the step must fail before any write.
 */
export async function planRegistration(ctx: RegistrationContext): Promise<RegistrationPlan> {
  const { found: existing, seen } = judgeListed(await ctx.listed, ctx.wanted)
  if (!existing) return { action: 'register', seen }
  const { image } = existing
  const what = alreadyRegistered(ctx, image)
  if (ctx.ifExists === 'fail')
    throw new AlreadyRegisteredError(
      image,
      existing.arch,
      'if-exists-fail',
      `${what}, and if_exists is fail`
    )
  const failed = FAILED_STATUSES.has(image.status)
  // A sibling job's registration (being made, or made just now) is waited on even with replace:
  // deleting it would undo that job's work.
  const inUse = ctx.ifExists === 'replace' ? inUseByAnotherRun(image, ctx.startedAt) : undefined
  if (!failed && (ctx.ifExists === 'reuse' || inUse)) {
    assertSame(ctx, existing)
    const why = inUse ? `not replaced: ${inUse}` : 'if_exists: reuse'
    return { action: 'reuse', image, arch: existing.arch, why }
  }
  const why =
    ctx.ifExists === 'replace' ? 'if_exists: replace' : 'a failed registration helps no one'
  return { action: 'replace', image, why, seen }
}

/** Looks the path up again (after a conflict or a lost answer), as the first look-up did. */
function lookUpAgain(ctx: RegistrationContext): Promise<readonly Image[]> {
  const { client, wanted, budget, runtime, log } = ctx
  return lookUpPath({
    client,
    image: wanted.image,
    workspaceId: wanted.workspaceId,
    budget,
    runtime,
    log
  })
}

/**
 * The registration of the path among the listed records, judged; and every id the list showed, so
 * that a record found later can be told from one that existed already.
 */
function judgeListed(
  records: readonly Image[],
  wanted: RegistrationContext['wanted']
): { found?: Found; seen: Set<string> } {
  const seen = new Set(records.map(record => record.id))
  for (const record of records) {
    const verdict = judge(record, wanted)
    if (verdict.kind !== 'not-this-image' && verdict.image.status !== DELETED)
      return { found: verdict, seen }
  }
  return { seen }
}

function alreadyRegistered(ctx: RegistrationContext, image: Image): string {
  return `${ctx.wanted.image.swrPath} is already registered as image ${image.id} (status ${image.status})`
}

/** Reuse hands later steps an existing registration, so it must be the one asked for. */
function assertSame(
  ctx: RegistrationContext,
  found: Found
): asserts found is Extract<Found, { kind: 'same' }> {
  if (found.kind === 'same') return
  throw new AlreadyRegisteredError(
    found.image,
    found.arch,
    'differs',
    `${alreadyRegistered(ctx, found.image)}, but it differs from what this run would register: ${found.differences.join('; ')}. ` +
      'Reusing it would hand later steps the wrong image: fix the inputs (or the tag), or set if_exists: replace to register it again'
  )
}

async function register(
  ctx: RegistrationContext,
  seenBefore: ReadonlySet<string>
): Promise<Registration> {
  const { log, runtime, wanted } = ctx
  let answerLost = false
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await send(ctx)
      const verdict = judge(answer, wanted)
      if (verdict.kind !== 'same') {
        const why = verdict.kind === 'differs' ? verdict.differences.join('; ') : verdict.why
        throw unreadableAnswer(
          'register image',
          { status: 200 },
          `the answer is not the image asked for (${why})`
        )
      }
      log.info(
        `registered ${wanted.image.swrPath} as image ${verdict.image.id} (status ${verdict.image.status})`
      )
      done(ctx)
      return { image: verdict.image, arch: verdict.arch, created: true }
    } catch (error) {
      const conflict = isConflict(error)
      if (!conflict && !isTransient(error)) throw error
      log.info(
        `${messageOf(error)}; looking up whether ${conflict ? 'it is registered already' : 'the registration was committed anyway'}`
      )
      const again = await lookUpAgain(ctx)
      const { found } = judgeListed(again, wanted)
      if (found)
        return adopt(
          ctx,
          found,
          (!conflict || answerLost) && madeByThisRun(found.image, seenBefore, ctx.startedAt)
        )
      if (conflict) throw await conflictUnexplained(ctx, again, messageOf(error))
      answerLost = true
      if (attempt >= MAX_REGISTER_ATTEMPTS) throw error
      const pause = 1000 * attempt * (0.5 + runtime.random() / 2)
      log.info(`not registered: sending the registration again in ${(pause / 1000).toFixed(1)}s`)
      await ctx.budget.pause(pause, 'register image')
    }
  }
}

/**
 * A conflict that no registration of the path explains. A record listed (first or now) that holds
 * the same namespace, name and tag from another registry is the cause: named. Otherwise ModelArts
 * does not list what it says is there (an Enterprise Edition registration, perhaps).
 */
async function conflictUnexplained(
  ctx: RegistrationContext,
  again: readonly Image[],
  answer: string
): Promise<Error> {
  const { wanted, ifExists } = ctx
  const listed = [...again, ...(await ctx.listed)]
  const holder = listed.find(record => holdsTag(record, wanted.image) && record.status !== DELETED)
  if (holder) {
    const swrPath = holder.swr_path ?? `${holder.namespace}/${holder.name}:${holder.tag}`
    const registry =
      splitRegistry(swrPath).registry ?? 'the shared SWR of the region (no host in its swr_path)'
    return new TagRegisteredElsewhereError(
      { id: holder.id, swrPath, registry },
      wanted.image.swrPath,
      wanted.workspaceId
    )
  }
  const instance = wanted.body.swr_instance_id
  return new ServiceStateError(
    'register image',
    `ModelArts reports the tag as registered (${answer}) but does not list a registration of ${wanted.image.swrPath} in workspace ${wanted.workspaceId}` +
      (instance
        ? ` (swr_instance_id ${instance}: it may not list SWR Enterprise Edition registrations)`
        : '') +
      `, so if_exists: ${ifExists} could not be applied`
  )
}

/**
 * RegisterImage, its answer read back with ShowImage when it does not say which image it is
 * (`{id, status}`). Until an answer is read, the POST counts as one whose answer was lost.
 */
async function send(ctx: RegistrationContext): Promise<Image> {
  refuseInDryRun(ctx, 'register')
  const { client, wanted, writes } = ctx
  const lostBefore = writes?.answerLost === true
  if (writes) writes.answerLost = true
  let answer: Image
  try {
    answer = await client.register(wanted.body)
  } catch (error) {
    // An answer the service sent (a refusal, a conflict) is not lost.
    if (writes && error instanceof ApiError && !isTransient(error)) writes.answerLost = lostBefore
    throw error
  }
  if (writes) writes.answerLost = lostBefore
  if (saysWhatItIs(answer)) return answer
  ctx.log.info(
    `the register answer for image ${answer.id} does not say which image it is: reading it back`
  )
  try {
    return await client.show(answer.id)
  } catch (error) {
    if (!isNotFound(error)) throw error
    // Like an answer that is not this image: looked up, as a lost one is.
    throw unreadableAnswer(
      'register image',
      { status: 200 },
      `the answer names image ${answer.id}, which ModelArts does not show (${messageOf(error)})`
    )
  }
}

/** The registration is made: nothing is left half done. */
function done(ctx: RegistrationContext): void {
  if (ctx.writes) Object.assign(ctx.writes, { deletedId: undefined, answerLost: false })
}

/**
 * A registration found after a lost answer or a conflict. This run's own (the look-up before the
 * POST did not show it, and it is not older than the step) or another's, in which case if_exists
 * applies; either way it is handed on only when it is the image asked for.
 */
function adopt(ctx: RegistrationContext, found: Found, ours: boolean): Registration {
  const { image } = found
  done(ctx)
  if (!ours && ctx.ifExists === 'fail') {
    throw new AlreadyRegisteredError(
      image,
      found.arch,
      'if-exists-fail',
      `${ctx.wanted.image.swrPath} is registered as image ${image.id}, not by this run, and if_exists is fail`
    )
  }
  if (ours && found.kind === 'differs')
    throw new ServiceStateError(
      'register image',
      `ModelArts registered ${ctx.wanted.image.swrPath} as image ${image.id} for this run, but not as asked: ` +
        `${found.differences.join('; ')}. The service registered something else; it is not handed on: ` +
        `check the inputs, then delete image ${image.id} and re-run`
    )
  assertSame(ctx, found)
  ctx.log.info(
    `found image ${image.id} (status ${image.status}): ${ours ? 'adopting this run’s registration' : 'reusing it'}`
  )
  return { image, arch: found.arch, created: ours }
}

/**
 * Deletes a registration and waits until ModelArts no longer shows it, so the path is free again;
 * false when ModelArts refuses because the image is in use (nothing was deleted).
 */
async function deleteAndConfirm(ctx: RegistrationContext, id: string): Promise<boolean> {
  refuseInDryRun(ctx, `delete image ${id}`)
  const { client } = ctx
  try {
    await client.delete(id)
  } catch (error) {
    if (isInUse(error)) return false
    if (!isNotFound(error)) throw error
  }
  for (let check = 0; check < 30; check++) {
    if (!(await client.showUnlessGone(id))) return true
    await ctx.budget.pause(Math.min(1000 * 2 ** check, 5000), `confirm the delete of image ${id}`)
  }
  throw new ServiceStateError(
    `delete image ${id}`,
    'ModelArts still shows it after the delete; try again later'
  )
}

/** Every write checks dry_run itself, whoever called it. */
function refuseInDryRun(ctx: RegistrationContext, what: string): void {
  if (ctx.dryRun) throw new Error(`internal: asked to ${what} in a dry run`)
}
