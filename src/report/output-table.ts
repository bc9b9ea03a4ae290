/**
 * The name of an output: only these can be set. action.yml declares and describes them (the one
 * place for their words); a test checks that a run sets exactly action.yml's outputs.
 */
export type OutputName =
  | 'image_id'
  | 'status'
  | 'name'
  | 'namespace'
  | 'tag'
  | 'swr_path'
  | 'status_message'
  | 'created'
  | 'image'
  | 'digest'
  | 'arch'
  | 'deleted_image_ids'
