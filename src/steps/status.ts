/**
 * The status of the registration waited on, always read through the verdict; and the registration
 * image_id names (its path and every attribute given compared as for a reuse).
 */
import { ServiceStateError, messageOf } from '../base/errors.js'
import type { Budget } from '../budget.js'
import { unreadableAnswer } from '../cloud/answer.js'
import { isNotFound } from '../cloud/modelarts.js'
import { judge } from '../decide/verdict.js'
import { ACTIVE, DELETED, type Image, type JudgedImage, isFinal } from '../model/image.js'
import type { Registration } from '../model/run.js'
import type { Run } from './run.js'

/**
 * ShowImage through the verdict: a record for another id, path, workspace, type or arch is not
 * this image, and is reported as an unreadable answer (the wait tries again), never adopted.
 */
async function showJudged(run: Run, id: string, budget: Budget): Promise<JudgedImage> {
  const record = await run.modelArts.show(id, budget)
  const verdict = judge(record, run.wanted)
  if (verdict.kind === 'same') return verdict.image
  const why = verdict.kind === 'differs' ? verdict.differences.join('; ') : verdict.why
  throw unreadableAnswer(
    'check image status',
    { status: 200 },
    `the answer is not the image asked for (${why})`
  )
}

/**
 * image_id: the existing registration to wait on, checked to be a registration of swr_path with
 * the attributes given (no SWR check, no look-up, no write). Fails naming the id when ModelArts
 * has no such image, and naming each field (both values) when the record differs.
 */
export async function existingRegistration(run: Run, id: string): Promise<Registration> {
  const { wanted } = run
  let record: Image
  try {
    record = await run.modelArts.show(id)
  } catch (error) {
    if (isNotFound(error))
      throw new ServiceStateError(
        'find image_id',
        `ModelArts has no image ${id} in this project (${messageOf(error)}): check image_id`
      )
    throw error
  }
  const verdict = judge(record, wanted)
  if (verdict.kind === 'not-this-image')
    throw new ServiceStateError(
      'find image_id',
      `image ${id} is not a registration of ${wanted.image?.swrPath ?? 'this path'}: ${verdict.why}`
    )
  if (verdict.kind === 'differs')
    throw new ServiceStateError(
      'find image_id',
      `image ${id} differs from the inputs: ${verdict.differences.join('; ')}; waiting on it would hand later steps another image: fix the inputs or image_id`
    )
  return { image: verdict.image, arch: verdict.arch, created: false }
}

/**
 * ShowImage, where "not found" means the registration was deleted while we waited: a final status
 * to report like the others, not an error.
 */
export async function showOrDeleted(run: Run, current: Image, budget: Budget): Promise<Image> {
  try {
    return await showJudged(run, current.id, budget)
  } catch (error) {
    if (!isNotFound(error)) throw error
    return {
      ...current,
      status: DELETED,
      status_message: `deleted while waiting (${messageOf(error)})`
    }
  }
}

/**
 * A dry run's plan with image_id: the record it names, judged as for a real wait: one that has
 * failed or is gone fails the wait (and keep_last never runs).
 */
export async function planWait(run: Run, id: string): Promise<Registration> {
  const registration = await existingRegistration(run, id)
  const { image } = registration
  if (isFinal(image.status) && image.status !== ACTIVE) {
    const message = image.status_message ? `: ${image.status_message}` : ''
    throw new ServiceStateError('wait on image_id', `image ${id} is ${image.status}${message}`)
  }
  return registration
}
