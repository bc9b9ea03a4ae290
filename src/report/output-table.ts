/**
 * Every output of the action, declared once: its name and action.yml's description, in
 * action.yml's order. outputs.ts sets outputs only by these names (OutputName); tests keep
 * action.yml's outputs, the README's outputs table and what a run sets in step with it.
 */

export const OUTPUT_TABLE = [
  {
    name: 'image_id',
    description: 'The ModelArts image id, set as soon as it is known, before waiting.'
  },
  {
    name: 'status',
    description: 'The last status seen: INIT, CREATING, ACTIVE, CREATE_FAILED, ERROR or DELETED.'
  },
  { name: 'name', description: 'The image name as ModelArts reports it.' },
  { name: 'namespace', description: 'The SWR organization as ModelArts reports it.' },
  { name: 'tag', description: 'The image tag as ModelArts reports it.' },

  { name: 'swr_path', description: 'The registered SWR path.' },
  { name: 'status_message', description: "ModelArts' status message, mostly set on failure." },
  {
    name: 'created',
    description:
      'true when this run registered the image, false when the registration existed before this run.'
  },
  { name: 'image', description: 'The last image record, as JSON.' },
  {
    name: 'digest',
    description:
      'The manifest digest of the tag in SWR (sha256:…), when the image was checked; empty otherwise.'
  },
  {
    name: 'arch',
    description: "The architecture registered or reused, in the API's spelling (X86_64, AARCH64)."
  },
  {
    name: 'deleted_image_ids',
    description:
      'JSON array of the registrations keep_last deleted, as confirmed by a look-up after the deletes ([] when it deleted none); empty when keep_last is not given.'
  }
] as const satisfies readonly { name: string; description: string }[]

/** The name of an output: only these can be set. */
export type OutputName = (typeof OUTPUT_TABLE)[number]['name']
