/**
 * Config, the record every input is read into, and the inputs read one by one: one typed line per
 * input, its default written there. parseConfig (inputs.ts) adds those read together and the checks.
 */
import type { CredentialConfig } from './credential-inputs.js'
import {
  optionalEnum,
  optionalList,
  parseBoolean,
  parseDuration,
  parseEndpoint,
  parseEnum
} from './parsers.js'
import type { ImageReference } from './swr-path.js'
import {
  maxLength,
  parseArch,
  parseImageId,
  parseKeepLast,
  parseKeepTags,
  parseProjectId,
  parseReadMe,
  parseSwrInstanceId,
  parseWorkspaceId
} from './value-parsers.js'

/** The inputs, in action.yml's order: the unknown-input check's list. */
export const INPUT_NAMES: readonly string[] = [
  ...['swr_path', 'arch', 'description', 'origin', 'resource_category', 'service_type'],
  ...['services', 'visibility', 'workspace_id', 'flavor_type', 'read_me', 'swr_instance_id'],
  ...['image_id', 'keep_last', 'keep_tags', 'region', 'project_id', 'access_key_id'],
  ...['secret_access_key', 'security_token', 'auth_token', 'identity_provider', 'audience'],
  ...['agency_urn', 'provider_urn', 'sts_endpoint', 'endpoint', 'iam_endpoint', 'swr_endpoint'],
  ...['check_image', 'dry_run', 'if_exists', 'wait', 'timeout', 'poll_interval']
]

/**
 * Reads one input with its parser: the value trimmed, or `fallback` (the input's default) when
 * empty. A refusal is collected (and its undefined never reaches a Config: parseConfig throws).
 */
export type Take = <T>(name: string, parse: (value: string) => T, fallback?: string) => T

/** What a parser may need besides its own value. */
export interface ReadContext {
  env: Readonly<Record<string, string | undefined>>
  /** The region's default endpoints; undefined when the region is not known. */
  defaults: { modelarts: string; iam: string; swr: string; sts: string } | undefined
  /** A warning about an input that is used all the same (a read_me that is cut). */
  warn: (message: string) => void
}

const IF_EXISTS = ['reuse', 'fail', 'replace'] as const

/** Whole seconds; a job's own limit is 6 h. */
const DURATION_BOUNDS = { min: 1, max: 6 * 3600 }
/** The RegisterImage page lists NOTEBOOK and SSH; the current API (the Go SDK's enum) the rest. */
const SERVICES = ['NOTEBOOK', 'SSH', 'WEB_IDE', 'TENSOR_BOARD', 'AI_FLOW', 'MA_STUDIO']

/** The RegisterImage body's pass-through fields, each under the API's name (absent: not sent). */
export function readAttributes(take: Take, { warn }: ReadContext) {
  return {
    arch: take('arch', parseArch),
    origin: take('origin', v => optionalEnum('origin', v, ['CUSTOMIZE', 'IMAGE_SAVE'])),
    resource_category: take('resource_category', v =>
      optionalList('resource_category', v, ['CPU', 'GPU', 'ASCEND'])
    ),
    service_type: take('service_type', v =>
      optionalEnum('service_type', v, ['COMMON', 'INFERENCE', 'TRAIN', 'DEV', 'UNKNOWN'])
    ),
    services: take('services', v => optionalList('services', v, SERVICES)),
    visibility: take('visibility', v => optionalEnum('visibility', v, ['PRIVATE', 'PUBLIC'])),
    flavor_type: take('flavor_type', v =>
      optionalEnum('flavor_type', v, ['ASCEND_SNT9', 'ASCEND_SNT9B', 'ASCEND_SNT3'])
    ),
    /** The image's guide in ModelArts, sent as given (several lines allowed). */
    read_me: take('read_me', v => parseReadMe(v, warn)),
    /** The SWR Enterprise Edition instance that holds the image. */
    swr_instance_id: take('swr_instance_id', parseSwrInstanceId)
  }
}

/** The image attributes given as inputs, in the API's spelling; absent ones are not sent. */
export type ImageAttributes = {
  [K in keyof ReturnType<typeof readAttributes>]?: NonNullable<ReturnType<typeof readAttributes>[K]>
}

/** The inputs read alone into Config's fields. */
export function readFields(take: Take, { env, defaults }: ReadContext) {
  return {
    /** undefined means "build the provenance line". */
    description: take('description', v => maxLength('description', v, 512) || undefined),
    /** workspace_id as given, sent only when given. */
    workspaceInput: take('workspace_id', parseWorkspaceId),
    /** image_id: wait on this existing registration instead of registering. */
    imageId: take('image_id', parseImageId),
    /** keep_last: after success, keep only the newest N registrations of this image. */
    keepLast: take('keep_last', parseKeepLast),
    /** keep_tags (RE2 syntax, compiled by compileKeepTags): matching tags are never deleted. */
    keepTags: take('keep_tags', parseKeepTags),
    projectId: take('project_id', v => parseProjectId(v, env)),
    stsEndpoint: take('sts_endpoint', v => parseEndpoint('sts_endpoint', v, defaults?.sts) ?? ''),
    endpoint: take('endpoint', v => parseEndpoint('endpoint', v, defaults?.modelarts) ?? ''),
    iamEndpoint: take('iam_endpoint', v => parseEndpoint('iam_endpoint', v, defaults?.iam) ?? ''),
    swrEndpoint: take('swr_endpoint', v => parseEndpoint('swr_endpoint', v, defaults?.swr) ?? ''),
    /** check_image as given; Config's checkImage is the decision. */
    checkImage: take('check_image', v => parseBoolean('check_image', v), 'true'),
    /** Do every check and look-up, write nothing. */
    dryRun: take('dry_run', v => parseBoolean('dry_run', v), 'false'),
    ifExists: take('if_exists', v => parseEnum('if_exists', v, IF_EXISTS), 'reuse'),
    wait: take('wait', v => parseBoolean('wait', v), 'true'),
    timeoutMs: take('timeout', v => parseDuration('timeout', v, DURATION_BOUNDS), '15m'),
    pollIntervalMs: take(
      'poll_interval',
      v => parseDuration('poll_interval', v, DURATION_BOUNDS),
      '10s'
    )
  }
}

/** The workspace the image lives in: workspace_id as given, else ModelArts' default, "0". */
export function workspaceOf(config: Pick<Config, 'workspaceInput'>): string {
  return config.workspaceInput ?? '0'
}

export interface Config extends ReturnType<typeof readFields> {
  /** The image; undefined only when image_id is given without swr_path (a wait on that id). */
  image: ImageReference | undefined
  attributes: ImageAttributes
  region: string
  credentials: CredentialConfig
  /**
   * Whether to check the image first, decided once: check_image is on, no image_id, and the image
   * is in the region's shared SWR (or swr_endpoint says where its API is), or in the Enterprise
   * Edition instance swr_instance_id names. True means `image` is set.
   */
  checkImage: boolean
  /** Things worth a warning that are not errors. */
  warnings: readonly string[]
  /** Things worth an info line. */
  notes: readonly string[]
}
