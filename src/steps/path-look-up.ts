/**
 * Is this swr_path registered in the workspace? A look-up that siblings registering and deleting
 * in the same repository cannot break: a changing list is read again, never a failed step.
 */
import { formatDuration } from '../base/runtime.js'
import { bestEffortSliceMs } from '../budget.js'
import { type BackoffLimits, backoffMs } from '../cloud/retry.js'
import type { ImageReference } from '../config/swr-path.js'
import { whyNotThisImage } from '../decide/same-image.js'
import { holdsTag } from '../decide/verdict.js'
import { DELETED, type Image } from '../model/image.js'
import type { Run } from './run.js'

/** The pauses between readings of a changing list: full jitter, so siblings do not re-read in step. */
const REREAD_PAUSES: BackoffLimits = { baseMs: 1_000, maxMs: 8_000 }

/**
 * The records holding this path's namespace, name and tag (from any registry), from every reading.
 * A record of the path seen in any reading is found: the look-up ends there. Absence needs a
 * reading that did not change; while readings keep changing, the list is read again after a
 * jittered pause, within a best-effort slice of the budget (sized on what is left of it). When
 * the slice ends unsettled, the records seen are returned all the same: registering is then safe,
 * since ModelArts refuses a duplicate and the conflict path looks the registration up again.
 */
export async function lookUpPath(run: Run, image: ImageReference): Promise<readonly Image[]> {
  const { modelArts: client, workspaceId, budget, log } = run
  const slice = budget.slice(bestEffortSliceMs(budget.remainingMs()))
  const seen = new Map<string, Image>()
  for (let reading = 1; ; reading++) {
    const { images, changed } = await client.readList(image, workspaceId, record =>
      holdsTag(record, image)
    )
    for (const record of images) seen.set(record.id, record)
    const records = [...seen.values()]
    if (!changed || records.some(record => isRegistration(record, image, workspaceId)))
      return records
    const pause = backoffMs(reading, undefined, REREAD_PAUSES, run.runtime.random)
    if (pause >= slice.remainingMs()) {
      log.info(
        `the image list kept changing while it was read (${reading} readings; other runs registering or deleting): going on without a settled reading; ModelArts refuses a duplicate`
      )
      return records
    }
    log.info(
      `the image list changed while it was read (other runs registering or deleting): reading it again in ${formatDuration(pause)}`
    )
    await slice.pause(pause, 'look up existing registration')
  }
}

/** A record of the path that still stands: found, whatever a later reading shows. */
function isRegistration(record: Image, image: ImageReference, workspaceId: string): boolean {
  return whyNotThisImage(record, image, workspaceId) === undefined && record.status !== DELETED
}
