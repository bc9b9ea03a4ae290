/**
 * Find or register, never twice: if_exists applied, a lost answer or a conflict looked up again,
 * every record adopted through the verdict; what is left half done is noted on the run.
 */
import {
  AlreadyRegisteredError,
  type AlreadyRegisteredReason,
  ApiError,
  ServiceStateError,
  TagRegisteredElsewhereError,
  isTransient,
  messageOf
} from '../base/errors.js'
import { splitRegistry } from '../base/docker-path.js'
import { unreadableAnswer } from '../cloud/answer.js'
import { isConflict, isInUse, isNotFound } from '../cloud/modelarts.js'
import { lookUpPath } from './path-look-up.js'
import {
  type Verdict,
  holdsTag,
  inUseByAnotherRun,
  judge,
  madeByThisRun
} from '../decide/verdict.js'
import { saysWhatItIs } from '../decide/same-image.js'
import { DELETED, FAILED_STATUSES, type Image } from '../model/image.js'
import type { Registration, RegistrationPlan } from '../model/run.js'
import type { PathToRegister } from './look-ups.js'
import type { Run } from './run.js'

/** A registration of the path that passed identity: the same image, or one that differs. */
type Found = Extract<Verdict, { kind: 'same' | 'differs' }>

/** Registrations sent at most, when answers are lost and the look-up finds nothing. */
const MAX_REGISTER_ATTEMPTS = 3

/** Reuses, fails on or replaces an existing registration per if_exists; otherwise registers. */
export async function findOrRegister(run: Run, path: PathToRegister): Promise<Registration> {
  const plan = await planRegistration(run, path)
  switch (plan.action) {
    case 'reuse':
      run.log.info(`${alreadyRegistered(path, plan.image)}: reusing it (${plan.why})`)
      return { image: plan.image, arch: plan.arch, created: false }
    case 'replace':
      run.log.info(
        `${alreadyRegistered(path, plan.image)}: deleting it and registering again (${plan.why})`
      )
      if (!(await deleteAndConfirm(run, plan.image.id))) return keptInUse(run, path, plan)
      run.writes.deletedId = plan.image.id
      return register(run, path, plan.seen)
    case 'register':
      return register(run, path, plan.seen)
  }
}

/**
 * Judges the listed registrations and decides, writing nothing: what a dry run reports, and what a
 * real run does. Throws AlreadyRegisteredError where the step must fail before any write.
 */
export async function planRegistration(run: Run, path: PathToRegister): Promise<RegistrationPlan> {
  const { ifExists } = run.config
  const { found: existing, seen } = judgeListed(run, await path.listed)
  if (!existing) return { action: 'register', seen }
  const { image } = existing
  if (ifExists === 'fail')
    stopOn(
      run,
      existing,
      'if-exists-fail',
      `${alreadyRegistered(path, image)}, and if_exists is fail`
    )
  const failed = FAILED_STATUSES.has(image.status)
  // A sibling job's registration (being made, or made just now) is waited on even with replace:
  // deleting it would undo that job's work.
  const inUse = ifExists === 'replace' ? inUseByAnotherRun(image, run.startedAt) : undefined
  if (!failed && (ifExists === 'reuse' || inUse)) {
    assertSame(run, path, existing)
    const why = inUse ? `not replaced: ${inUse}` : 'if_exists: reuse'
    return { action: 'reuse', image, arch: existing.arch, why }
  }
  const why = ifExists === 'replace' ? 'if_exists: replace' : 'a failed registration helps no one'
  const differences = existing.kind === 'differs' ? existing.differences : []
  return { action: 'replace', image, arch: existing.arch, differences, why, seen }
}

/**
 * A replace that ModelArts refused because the image is in use: nothing was deleted, so the step
 * goes on with the registration (and fails if it failed) only when it is the image asked for.
 */
function keptInUse(
  run: Run,
  path: PathToRegister,
  { image, arch, differences }: Extract<RegistrationPlan, { action: 'replace' }>
): Registration {
  if (differences.length)
    stopOn(
      run,
      { image, arch },
      'differs',
      `${differsFrom(path, image, differences)}. It is in use (ModelArts refused to delete it), so it could not be replaced, ` +
        'and going on with it would hand later steps the wrong image: fix the inputs (or the tag), or re-run once nothing uses it'
    )
  run.log.warning(
    `image ${image.id} kept: in use (ModelArts refused to delete it); waiting on it instead of replacing it`
  )
  return { image, arch, created: false }
}

/**
 * The registration of the path among the listed records, judged; and every id the list showed, so
 * that a record found later can be told from one that existed already.
 */
function judgeListed(run: Run, records: readonly Image[]): { found?: Found; seen: Set<string> } {
  const seen = new Set(records.map(record => record.id))
  for (const record of records) {
    const verdict = judge(record, run.wanted)
    if (verdict.kind !== 'not-this-image' && verdict.image.status !== DELETED)
      return { found: verdict, seen }
  }
  return { seen }
}

function alreadyRegistered({ image: path }: PathToRegister, image: Image): string {
  return `${path.swrPath} is already registered as image ${image.id} (status ${image.status})`
}

/** The registration that stops the step, recorded on the run's result: the summary shows it. */
function stopOn(
  run: Run,
  { image, arch }: Pick<Found, 'image' | 'arch'>,
  reason: AlreadyRegisteredReason,
  message: string
): never {
  Object.assign(run.result, { image, arch, created: false })
  throw new AlreadyRegisteredError(reason, message)
}

/** The registration, and each field in which it differs from what this run would register. */
function differsFrom(path: PathToRegister, image: Image, differences: readonly string[]): string {
  return `${alreadyRegistered(path, image)}, but it differs from what this run would register: ${differences.join('; ')}`
}

/** Reuse hands later steps an existing registration, so it must be the one asked for. */
function assertSame(
  run: Run,
  path: PathToRegister,
  found: Found
): asserts found is Extract<Found, { kind: 'same' }> {
  if (found.kind === 'same') return
  stopOn(
    run,
    found,
    'differs',
    `${differsFrom(path, found.image, found.differences)}. ` +
      'Reusing it would hand later steps the wrong image: fix the inputs (or the tag), or set if_exists: replace to register it again'
  )
}

async function register(
  run: Run,
  path: PathToRegister,
  seenBefore: ReadonlySet<string>
): Promise<Registration> {
  const { log } = run
  let answerLost = false
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await send(run, path)
      const verdict = judge(answer, run.wanted)
      if (verdict.kind !== 'same') {
        const why = verdict.kind === 'differs' ? verdict.differences.join('; ') : verdict.why
        throw unreadableAnswer(
          'register image',
          { status: 200 },
          `the answer is not the image asked for (${why})`
        )
      }
      log.info(
        `registered ${path.image.swrPath} as image ${verdict.image.id} (status ${verdict.image.status})`
      )
      done(run)
      return { image: verdict.image, arch: verdict.arch, created: true }
    } catch (error) {
      const conflict = isConflict(error)
      if (!conflict && !isTransient(error)) throw error
      log.info(
        `${messageOf(error)}; looking up whether ${conflict ? 'it is registered already' : 'the registration was committed anyway'}`
      )
      // Looked up again as the first look-up did.
      const again = await lookUpPath(run, path.image)
      const { found } = judgeListed(run, again)
      if (found)
        return adopt(
          run,
          path,
          found,
          (!conflict || answerLost) && madeByThisRun(found.image, seenBefore, run.startedAt)
        )
      if (conflict) throw await conflictUnexplained(run, path, again, messageOf(error))
      answerLost = true
      if (attempt >= MAX_REGISTER_ATTEMPTS) throw error
      const pause = 1000 * attempt * (0.5 + run.runtime.random() / 2)
      log.info(`not registered: sending the registration again in ${(pause / 1000).toFixed(1)}s`)
      await run.budget.pause(pause, 'register image')
    }
  }
}

/**
 * A conflict that no registration of the path explains. A record listed (first or now) that holds
 * the same namespace, name and tag from another registry is the cause: named. Otherwise ModelArts
 * does not list what it says is there (an Enterprise Edition registration, perhaps).
 */
async function conflictUnexplained(
  run: Run,
  path: PathToRegister,
  again: readonly Image[],
  answer: string
): Promise<Error> {
  const { image } = path
  const { workspaceId } = run
  const listed = [...again, ...(await path.listed)]
  const holder = listed.find(record => holdsTag(record, image) && record.status !== DELETED)
  if (holder) {
    const swrPath = holder.swr_path ?? `${holder.namespace}/${holder.name}:${holder.tag}`
    const registry =
      splitRegistry(swrPath).registry ?? 'the shared SWR of the region (no host in its swr_path)'
    return new TagRegisteredElsewhereError(
      { id: holder.id, swrPath, registry },
      image.swrPath,
      workspaceId
    )
  }
  const instance = path.body.swr_instance_id
  return new ServiceStateError(
    'register image',
    `ModelArts reports the tag as registered (${answer}) but does not list a registration of ${image.swrPath} in workspace ${workspaceId}` +
      (instance
        ? ` (swr_instance_id ${instance}: it may not list SWR Enterprise Edition registrations)`
        : '') +
      `, so if_exists: ${run.config.ifExists} could not be applied`
  )
}

/**
 * RegisterImage, its answer read back with ShowImage when it does not say which image it is
 * (`{id, status}`). Until an answer is read, the POST counts as one whose answer was lost.
 */
async function send(run: Run, path: PathToRegister): Promise<Image> {
  refuseInDryRun(run, 'register')
  const { modelArts, writes } = run
  const lostBefore = writes.answerLost === true
  writes.answerLost = true
  let answer: Image
  try {
    answer = await modelArts.register(path.body)
  } catch (error) {
    // An answer the service sent (a refusal, a conflict) is not lost.
    if (error instanceof ApiError && !isTransient(error)) writes.answerLost = lostBefore
    throw error
  }
  writes.answerLost = lostBefore
  if (saysWhatItIs(answer)) return answer
  run.log.info(
    `the register answer for image ${answer.id} does not say which image it is: reading it back`
  )
  try {
    return await modelArts.show(answer.id)
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
function done(run: Run): void {
  Object.assign(run.writes, { deletedId: undefined, answerLost: false })
}

/**
 * A registration found after a lost answer or a conflict. This run's own (the look-up before the
 * POST did not show it, and it is not older than the step) or another's, in which case if_exists
 * applies; either way it is handed on only when it is the image asked for.
 */
function adopt(run: Run, path: PathToRegister, found: Found, ours: boolean): Registration {
  const { image } = found
  const { swrPath } = path.image
  done(run)
  if (!ours && run.config.ifExists === 'fail')
    stopOn(
      run,
      found,
      'if-exists-fail',
      `${swrPath} is registered as image ${image.id}, not by this run, and if_exists is fail`
    )
  if (ours && found.kind === 'differs')
    throw new ServiceStateError(
      'register image',
      `ModelArts registered ${swrPath} as image ${image.id} for this run, but not as asked: ` +
        `${found.differences.join('; ')}. The service registered something else; it is not handed on: ` +
        `check the inputs, then delete image ${image.id} and re-run`
    )
  assertSame(run, path, found)
  run.log.info(
    `found image ${image.id} (status ${image.status}): ${ours ? 'adopting this run’s registration' : 'reusing it'}`
  )
  return { image, arch: found.arch, created: ours }
}

/**
 * Deletes a registration and waits until ModelArts no longer shows it, so the path is free again;
 * false when ModelArts refuses because the image is in use (nothing was deleted).
 */
async function deleteAndConfirm(run: Run, id: string): Promise<boolean> {
  refuseInDryRun(run, `delete image ${id}`)
  try {
    await run.modelArts.delete(id)
  } catch (error) {
    if (isInUse(error)) return false
    if (!isNotFound(error)) throw error
  }
  const gone = await run.modelArts.confirmGone(id, run.budget, REPLACE_CONFIRMS)
  if (gone.gone) return true
  throw new ServiceStateError(
    `delete image ${id}`,
    'ModelArts still shows it after the delete; try again later'
  )
}

/** replace waits for the path to be free: 30 checks, 1 s apart doubling to 5 s, on the step's budget. */
const REPLACE_CONFIRMS = {
  checks: 30,
  pauseMs: (check: number) => Math.min(1000 * 2 ** check, 5000)
}

/** Every write checks dry_run itself, whoever called it. */
function refuseInDryRun(run: Run, what: string): void {
  if (run.config.dryRun) throw new Error(`internal: asked to ${what} in a dry run`)
}
