/**
 * Reading the status of the registration being waited on, always through the verdict, and the
 * existing registration that image_id names (its path, and every attribute given, compared as for
 * a reuse).
 */
import { ServiceStateError, messageOf } from '../base/errors.js'
import type { Budget } from '../budget.js'
import { unreadableAnswer } from '../cloud/answer.js'
import { type ModelArtsClient, isNotFound } from '../cloud/modelarts.js'
import { type Wanted, judge } from '../decide/verdict.js'
import { DELETED, type Image, type JudgedImage } from '../model/image.js'
import type { Registration } from '../model/run.js'

/**
 * ShowImage through the verdict: a record for another id, path, workspace, type or arch is not
 * this image, and is reported as an unreadable answer (the wait tries again), never adopted.
 */
async function showJudged(
  client: ModelArtsClient,
  wanted: Wanted,
  id: string,
  options: { budget?: Budget } = {}
): Promise<JudgedImage> {
  const record = await client.show(id, options.budget)
  const verdict = judge(record, wanted)
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
export async function existingRegistration(
  client: ModelArtsClient,
  wanted: Wanted,
  id: string
): Promise<Registration> {
  let record: Image
  try {
    record = await client.show(id)
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
export async function showOrDeleted(
  client: ModelArtsClient,
  wanted: Wanted,
  current: Image,
  budget: Budget
): Promise<Image> {
  try {
    return await showJudged(client, wanted, current.id, { budget })
  } catch (error) {
    if (!isNotFound(error)) throw error
    return {
      ...current,
      status: DELETED,
      status_message: `deleted while waiting (${messageOf(error)})`
    }
  }
}
