/**
 * The record every input is read into: Config (what parseConfig returns) and its parts. Types, the
 * few lists tsc checks them against, and the workspace when none is given (workspaceOf); no
 * parsing, and nothing from the input table, so that the table and the parsers can both import it.
 */
import type { CredentialConfig } from './credential-inputs.js'
import type { ImageReference } from './swr-path.js'

/**
 * The image attributes given as inputs, in the API's spelling; absent ones are not sent. Exactly
 * the RegisterImage body's pass-through fields (input-table.ts's ATTRIBUTE_FIELDS, checked by tsc).
 */
export interface ImageAttributes {
  arch?: string
  origin?: string
  resource_category?: string[]
  service_type?: string
  services?: string[]
  visibility?: string
  flavor_type?: string
  /** The image's guide in ModelArts, sent as given (several lines allowed). */
  read_me?: string
  /** The SWR Enterprise Edition instance that holds the image. */
  swr_instance_id?: string
}

export const IF_EXISTS = ['reuse', 'fail', 'replace'] as const
type IfExists = (typeof IF_EXISTS)[number]

/** The Config fields the input table sets, each from its one input (input-table.ts's `config(…)`). */
export interface TableFields {
  /** The description input; undefined means "build the provenance line". */
  description: string | undefined
  /** workspace_id as given, sent only when given. */
  workspaceInput: string | undefined
  projectId: string | undefined
  endpoint: string
  iamEndpoint: string
  /** The SWR management API. */
  swrEndpoint: string
  /** STS, for keyless with an agency. */
  stsEndpoint: string
  /** check_image as given; Config's is the decision. */
  checkImage: boolean
  /** Do every check and look-up, write nothing. */
  dryRun: boolean
  ifExists: IfExists
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
  /** image_id: wait on this existing registration instead of registering. */
  imageId?: string
  /** keep_last: after success, keep only the newest N registrations of this image. */
  keepLast?: number
  /** keep_tags (RE2 syntax, compiled by compileKeepTags): matching tags are never deleted by keep_last. */
  keepTags?: string
}

/** The keys of T that are not optional (`?`): every value of T has them, maybe undefined. */
type PresentKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T]

/**
 * TableFields' fields that every Config has, and whether each always has a value ('always': its
 * input has a default in the table, or, for the endpoints, the region's) or is undefined when its
 * input is not given ('when-given'). tsc keeps this list equal to TableFields.
 */
export const PRESENT_FIELDS = {
  description: 'when-given',
  workspaceInput: 'when-given',
  projectId: 'when-given',
  endpoint: 'always',
  iamEndpoint: 'always',
  swrEndpoint: 'always',
  stsEndpoint: 'always',
  checkImage: 'always',
  dryRun: 'always',
  ifExists: 'always',
  wait: 'always',
  timeoutMs: 'always',
  pollIntervalMs: 'always'
} as const satisfies {
  [K in PresentKeys<TableFields>]: undefined extends TableFields[K] ? 'when-given' : 'always'
}

/** The workspace ModelArts puts an image in when workspace_id is not given. */
const DEFAULT_WORKSPACE = '0'

/** The workspace the image lives in: workspace_id as given, else the service's default. */
export function workspaceOf(config: Pick<TableFields, 'workspaceInput'>): string {
  return config.workspaceInput ?? DEFAULT_WORKSPACE
}

export interface Config extends TableFields {
  /** The image; undefined only when image_id is given without swr_path (a wait on that id). */
  image: ImageReference | undefined
  attributes: ImageAttributes
  region: string
  credentials: CredentialConfig
  /**
   * Whether to check the image first, decided once: check_image is on, no image_id, and there is
   * an image whose registry is the region's shared SWR (or swr_endpoint was given, which says
   * where that registry's API is, for a host that is not Huawei Cloud's), or swr_instance_id names
   * the Enterprise Edition instance that holds it. True means `image` is set.
   */
  checkImage: boolean
  /** Things worth a warning that are not errors. */
  warnings: readonly string[]
  /** Things worth an info line. */
  notes: readonly string[]
}
