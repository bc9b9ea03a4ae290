/**
 * The step's outputs, from what the run learned alone, redacted like the log: a secret a server
 * echoed (into `status_message`, say) never reaches a later step.
 */
import type { Image } from '../model/image.js'
import type { RunResult } from '../model/run.js'
import type { OutputName } from './output-table.js'

/** Outputs by name: only the names of the output table (a misspelt name does not compile). */
type Outputs = Partial<Record<OutputName, string>>

/** GitHub accepts outputs up to 1 MiB; the image record is cut down well below that. */
const MAX_IMAGE_OUTPUT_CHARS = 64 * 1024

/** Every output the run knows, name → value. */
function outputsOf(result: RunResult): Outputs {
  const { image } = result
  const outputs: Outputs = {}
  if (result.facts?.digest) outputs.digest = result.facts.digest
  if (result.arch && (image || result.outcome.kind === 'dry-run')) outputs.arch = result.arch
  if (result.config?.keepLast !== undefined)
    outputs.deleted_image_ids = JSON.stringify((result.retention?.deleted ?? []).map(i => i.id))
  if (image) return { ...outputs, ...imageOutputs(result, image) }
  if (result.outcome.kind === 'dry-run') outputs.created = 'false'
  return outputs
}

/** The outputs that describe the image record. */
function imageOutputs(result: RunResult, image: Image): Outputs {
  return {
    image_id: image.id,
    status: image.status,
    name: image.name ?? '',
    namespace: image.namespace ?? '',
    tag: image.tag ?? '',
    swr_path: image.swr_path ?? result.config?.image?.swrPath ?? '',
    status_message: image.status_message ?? '',
    created: String(result.created ?? false),
    image: imageJson(image)
  }
}

/** Sets each output, redacted. */
export function setOutputs(
  result: RunResult,
  setOutput: (name: OutputName, value: string) => void,
  redact: (text: string) => string
): void {
  for (const [name, value] of Object.entries(outputsOf(result)) as [OutputName, string][])
    setOutput(name, redact(value))
}

/** The record as JSON; a record too large for an output keeps only the fields the action knows. */
function imageJson(image: Image): string {
  const whole = JSON.stringify(image)
  if (whole.length <= MAX_IMAGE_OUTPUT_CHARS) return whole
  const { id, status, name, namespace, tag, swr_path, status_message, workspace_id } = image
  const known = { id, status, name, namespace, tag, swr_path, status_message, workspace_id }
  return JSON.stringify(known)
}
