/**
 * The look-ups before anything is written, side by side: the SWR check and ModelArts' list of the
 * path's registrations; neither waits for the other. Then what the run asks for, decided once.
 */
import { observed } from '../base/promises.js'
import type { ImageReference } from '../config/swr-path.js'
import { type Image, type RegisterImageBody, archOrDefault } from '../model/image.js'
import type { ImageFacts, Provenance } from '../model/run.js'
import { checkImage } from './image-check.js'
import { lookUpPath } from './path-look-up.js'
import { provenanceDescription } from './provenance.js'
import type { Run } from './run.js'

/** A path to find or register: its registrations (listed beside the check), the body to send. */
export interface PathToRegister {
  image: ImageReference
  /** Still under way, or failed: its error is met where the list is judged. */
  listed: Promise<readonly Image[]>
  body: RegisterImageBody
}

/**
 * Starts the SWR check and the list, waits for the check, and records what it learned and what the
 * run asks for. A cancel or the deadline ends both (they share the budget); a look-up left running
 * when the other fails is observed, never an unhandled rejection, and ends with the step.
 */
export async function lookUp(
  run: Run,
  provenance: Promise<Provenance>
): Promise<PathToRegister | { imageId: string }> {
  const { subject, workspaceId, config } = run
  if ('imageId' in subject) {
    // image_id: no look-up; the attributes given are compared with the record as for a reuse.
    const facts = await learned(run, checkImage(run), provenance)
    const body = config.image && asked(run, config.image, facts)
    if (body) record(run, body)
    run.wanted = { image: config.image, workspaceId, given: config.attributes }
    return subject
  }
  const { image } = subject
  const checking = observed(checkImage(run))
  const listed = observed(lookUpPath(run, image))
  const facts = await learned(run, checking, provenance, 'look up existing registration')
  const body = asked(run, image, facts)
  record(run, body)
  run.wanted = { image, workspaceId, body }
  return { image, listed, body }
}

/**
 * What the SWR check learned, and where the run comes from, on the run's result. `deadline`: the
 * list may have come back long before the check ended; the deadline is met here, where the list
 * would have gone out after the check, so a check that ran past it ends the step as timed out (its
 * registry part only warns), never a decision taken after the step's time.
 */
async function learned(
  run: Run,
  checking: Promise<ImageFacts>,
  provenance: Promise<Provenance>,
  deadline?: string
): Promise<ImageFacts> {
  const facts = await checking
  if (deadline) run.budget.assertOpen(deadline)
  Object.assign(run.result, { facts, provenance: await provenance })
  return facts
}

/** The body decided, on the run's result. */
function record(run: Run, body: RegisterImageBody): void {
  Object.assign(run.result, { arch: archOrDefault(body), body: { ...body } })
}

/** The RegisterImage body, built once: the path, the attributes given, the arch decided, a description. */
function asked(
  { config, result }: Run,
  image: ImageReference,
  facts: ImageFacts
): RegisterImageBody {
  return {
    swr_path: image.swrPath,
    ...config.attributes,
    ...(facts.arch ? { arch: facts.arch } : {}),
    description: config.description ?? provenanceDescription(result.provenance ?? {}, facts.digest),
    ...(config.workspaceInput ? { workspace_id: config.workspaceInput } : {})
  }
}
