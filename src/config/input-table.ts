/**
 * Every input of the action, declared once: its name, action.yml's default, where its value goes
 * (an ImageAttributes field sent in the RegisterImage body, a Config field, or a group parsed
 * together), and its parser. INPUT_NAMES, the unknown-input check, parseConfig and the docs
 * tests all derive from this table; tests keep action.yml and the README in step with it.
 */
import { type Config, IF_EXISTS, type ImageAttributes, type TableFields } from './config.js'
import {
  optionalEnum,
  optionalList,
  parseBoolean,
  parseDuration,
  parseEndpoint,
  parseEnum
} from './parsers.js'
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

/** What a parser may need besides its own value. */
export interface ParseContext {
  env: Readonly<Record<string, string | undefined>>
  /** The region's default endpoints; undefined when the region is not known. */
  defaults: { modelarts: string; iam: string; swr: string; sts: string } | undefined
  /** A warning about an input that is used all the same (a read_me that is cut). */
  warn?: (message: string) => void
}

/** Where an input's value goes. */
type InputTarget =
  /** A field of the RegisterImage body, passed through as Config.attributes[field]. */
  | { kind: 'attribute'; field: keyof ImageAttributes }
  /** A Config field, set from this input alone. */
  | { kind: 'config'; field: keyof TableFields }
  /** Parsed with the other inputs of its group (the image and region; the credentials). */
  | { kind: 'group'; group: 'location' | 'credentials'; field: keyof Config }

export interface InputEntry {
  readonly name: string
  /**
   * action.yml's default: what an input that is not given means ('' for none). The one default:
   * the parser gets it in place of an empty value, and has none of its own.
   */
  readonly default: string
  /** action.yml's `required`. */
  readonly required?: boolean
  readonly target: InputTarget
  /**
   * Parses the value (trimmed; the default when empty); an InputError names the input. Group
   * entries have none: their group's parser reads them.
   */
  readonly parse?: (value: string, context: ParseContext) => unknown
  /** A valid value that is not the default, for the tests (and a reader). */
  readonly example: string
}

/** The RegisterImage body's pass-through fields: exactly the keys of ImageAttributes (tsc checks). */
export const ATTRIBUTE_FIELDS = {
  arch: true,
  origin: true,
  resource_category: true,
  service_type: true,
  services: true,
  visibility: true,
  flavor_type: true,
  read_me: true,
  swr_instance_id: true
} as const satisfies { [K in keyof Required<ImageAttributes>]: true }

/** Whole seconds; a job's own limit is 6 h. */
const TIMEOUT_BOUNDS = { min: 1, max: 6 * 3600 }
const POLL_BOUNDS = { min: 1, max: 6 * 3600 }
const ORIGIN = ['CUSTOMIZE', 'IMAGE_SAVE']
const RESOURCE_CATEGORY = ['CPU', 'GPU', 'ASCEND']
const SERVICE_TYPE = ['COMMON', 'INFERENCE', 'TRAIN', 'DEV', 'UNKNOWN']
/** The RegisterImage page lists NOTEBOOK and SSH; the current API (the Go SDK's enum) the rest. */
const SERVICES = ['NOTEBOOK', 'SSH', 'WEB_IDE', 'TENSOR_BOARD', 'AI_FLOW', 'MA_STUDIO']
const VISIBILITY = ['PRIVATE', 'PUBLIC']
const FLAVOR_TYPE = ['ASCEND_SNT9', 'ASCEND_SNT9B', 'ASCEND_SNT3']

const attribute = (field: keyof ImageAttributes): InputTarget => ({ kind: 'attribute', field })
const config = (field: keyof TableFields): InputTarget => ({ kind: 'config', field })
const credentials: InputTarget = { kind: 'group', group: 'credentials', field: 'credentials' }

/** The inputs, in action.yml's order. */
export const INPUT_TABLE: readonly InputEntry[] = [
  {
    name: 'swr_path',
    default: '',
    // Required unless image_id is given; parseConfig says so when both are missing.
    target: { kind: 'group', group: 'location', field: 'image' },
    example: 'swr.cn-north-4.myhuaweicloud.com/other-org/other-image:2.0.0'
  },
  { name: 'arch', default: '', target: attribute('arch'), parse: parseArch, example: 'arm64' },
  {
    name: 'description',
    default: '',
    target: config('description'),
    parse: value => maxLength('description', value, 512) || undefined,
    example: 'built by CI'
  },
  {
    name: 'origin',
    default: '',
    target: attribute('origin'),
    parse: value => optionalEnum('origin', value, ORIGIN),
    example: 'image_save'
  },
  {
    name: 'resource_category',
    default: '',
    target: attribute('resource_category'),
    parse: value => optionalList('resource_category', value, RESOURCE_CATEGORY),
    example: 'CPU, ASCEND'
  },
  {
    name: 'service_type',
    default: '',
    target: attribute('service_type'),
    parse: value => optionalEnum('service_type', value, SERVICE_TYPE),
    example: 'train'
  },
  {
    name: 'services',
    default: '',
    target: attribute('services'),
    parse: value => optionalList('services', value, SERVICES),
    example: 'notebook\nweb_ide'
  },
  {
    name: 'visibility',
    default: '',
    target: attribute('visibility'),
    parse: value => optionalEnum('visibility', value, VISIBILITY),
    example: 'public'
  },
  {
    name: 'workspace_id',
    default: '',
    target: config('workspaceInput'),
    parse: parseWorkspaceId,
    example: '0123456789abcdefghijklmnopqrstuv'
  },
  {
    name: 'flavor_type',
    default: '',
    target: attribute('flavor_type'),
    parse: value => optionalEnum('flavor_type', value, FLAVOR_TYPE),
    example: 'ascend_snt9b'
  },
  {
    name: 'read_me',
    default: '',
    target: attribute('read_me'),
    parse: (value, context) => parseReadMe(value, context.warn ?? (() => undefined)),
    example: '## Release 2.0\n\n  - how to use it'
  },
  {
    name: 'swr_instance_id',
    default: '',
    target: attribute('swr_instance_id'),
    parse: parseSwrInstanceId,
    example: 'a1b2c3d4-instance'
  },
  {
    name: 'image_id',
    default: '',
    target: config('imageId'),
    parse: parseImageId,
    example: 'b4f9a2c0-1d2e-4f5a-8b9c-0d1e2f3a4b5c'
  },
  {
    name: 'keep_last',
    default: '',
    target: config('keepLast'),
    parse: parseKeepLast,
    example: '5'
  },
  {
    name: 'keep_tags',
    default: '',
    target: config('keepTags'),
    parse: parseKeepTags,
    example: '^v\\d+\\.\\d+\\.\\d+$'
  },
  {
    name: 'region',
    default: '',
    target: { kind: 'group', group: 'location', field: 'region' },
    example: 'cn-east-3'
  },
  {
    name: 'project_id',
    default: '',
    target: config('projectId'),
    parse: (value, { env }) => parseProjectId(value, env),
    example: '0123456789abcdef0123456789abcdef'
  },
  { name: 'access_key_id', default: '', target: credentials, example: 'HPUAEXAMPLEAK0000002' },
  {
    name: 'secret_access_key',
    default: '',
    target: credentials,
    example: 'otherSecretKey00000000000000000000000000'
  },
  { name: 'security_token', default: '', target: credentials, example: 'a-security-token' },
  { name: 'auth_token', default: '', target: credentials, example: 'an-iam-token' },
  { name: 'identity_provider', default: '', target: credentials, example: 'github-oidc' },
  { name: 'audience', default: '', target: credentials, example: 'my-client-id' },
  {
    name: 'agency_urn',
    default: '',
    target: credentials,
    example: 'iam::0123456789abcdef0123456789abcdef:agency:ci/gh-modelarts-register'
  },
  {
    name: 'provider_urn',
    default: '',
    target: credentials,
    example: 'iam::0123456789abcdef0123456789abcdef:oidcProvider:github_com'
  },
  {
    name: 'sts_endpoint',
    default: '',
    target: config('stsEndpoint'),
    parse: (value, { defaults }) => parseEndpoint('sts_endpoint', value, defaults?.sts),
    example: 'http://127.0.0.1:8083'
  },
  {
    name: 'endpoint',
    default: '',
    target: config('endpoint'),
    parse: (value, { defaults }) => parseEndpoint('endpoint', value, defaults?.modelarts),
    example: 'http://127.0.0.1:8080'
  },
  {
    name: 'iam_endpoint',
    default: '',
    target: config('iamEndpoint'),
    parse: (value, { defaults }) => parseEndpoint('iam_endpoint', value, defaults?.iam),
    example: 'http://127.0.0.1:8081'
  },
  {
    name: 'swr_endpoint',
    default: '',
    target: config('swrEndpoint'),
    parse: (value, { defaults }) => parseEndpoint('swr_endpoint', value, defaults?.swr),
    example: 'http://127.0.0.1:8082'
  },
  {
    name: 'check_image',
    default: 'true',
    target: config('checkImage'),
    parse: value => parseBoolean('check_image', value),
    example: 'false'
  },
  {
    name: 'dry_run',
    default: 'false',
    target: config('dryRun'),
    parse: value => parseBoolean('dry_run', value),
    example: 'true'
  },
  {
    name: 'if_exists',
    default: 'reuse',
    target: config('ifExists'),
    parse: value => parseEnum('if_exists', value, IF_EXISTS),
    example: 'replace'
  },
  {
    name: 'wait',
    default: 'true',
    target: config('wait'),
    parse: value => parseBoolean('wait', value),
    example: 'false'
  },
  {
    name: 'timeout',
    default: '15m',
    target: config('timeoutMs'),
    parse: value => parseDuration('timeout', value, TIMEOUT_BOUNDS),
    example: '1h30m'
  },
  {
    name: 'poll_interval',
    default: '10s',
    target: config('pollIntervalMs'),
    parse: value => parseDuration('poll_interval', value, POLL_BOUNDS),
    example: '30s'
  }
]

/** The table's problems against action.yml's input names: missing either way, or out of order. */
export function tableProblems(
  table: readonly InputEntry[],
  actionInputs: readonly string[]
): string[] {
  const names = table.map(entry => entry.name)
  const problems = [
    ...actionInputs
      .filter(name => !names.includes(name))
      .map(name => `${name}: in action.yml, not in the table`),
    ...names
      .filter(name => !actionInputs.includes(name))
      .map(name => `${name}: in the table, not in action.yml`),
    ...names.filter((name, i) => names.indexOf(name) !== i).map(name => `${name}: declared twice`)
  ]
  if (problems.length === 0 && names.join() !== actionInputs.join())
    problems.push('the table and action.yml list the inputs in different orders')
  return problems
}
