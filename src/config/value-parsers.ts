/**
 * Parsers for single inputs of the table (input-table.ts) that parsers.ts's general ones do not
 * cover. Each refusal names its input and says what it accepts.
 */
import { InputError } from '../base/errors.js'

/** Docker's platform names too, so a matrix over `amd64`/`arm64` or `linux/arm64` can pass them through. */
const ARCH_SPELLINGS: Record<string, string> = {
  X86_64: 'X86_64',
  AMD64: 'X86_64',
  'LINUX/AMD64': 'X86_64',
  AARCH64: 'AARCH64',
  ARM64: 'AARCH64',
  'LINUX/ARM64': 'AARCH64'
}
/** The longest part of an input an error quotes. */
function quoted(value: string): string {
  return `"${value.length > 200 ? `${value.slice(0, 200)}…` : value}"`
}

export function maxLength(name: string, value: string, max: number): string {
  const length = [...value].length
  if (length > max) throw new InputError([`${name}: at most ${max} characters, got ${length}`])
  return value
}

/** ModelArts' longest read_me, in characters. */
export const READ_ME_MAX = 3000

/**
 * read_me within READ_ME_MAX characters: a longer text is cut at the last line break before the
 * limit and ends with a line `…`, and `warn` says how much was cut; it is never refused.
 */
export function parseReadMe(value: string, warn: (message: string) => void): string | undefined {
  if (!value) return undefined
  const chars = [...value]
  if (chars.length <= READ_ME_MAX) return value
  // Room for the closing line: a line break and the ellipsis.
  const head = chars.slice(0, READ_ME_MAX - 2).join('')
  const lastBreak = head.lastIndexOf('\n')
  const kept = (lastBreak > 0 ? head.slice(0, lastBreak) : head).replace(/\r$/, '')
  const cut = `${kept}\n…`
  warn(
    `read_me: ${chars.length} characters, ModelArts takes at most ${READ_ME_MAX}: cut at the last line break before that, ` +
      `${chars.length - [...kept].length} characters left out (the guide ends with a line …)`
  )
  return cut
}

export function parseArch(value: string): string | undefined {
  if (!value) return undefined
  const arch = ARCH_SPELLINGS[value.toUpperCase()]
  if (arch) return arch
  throw new InputError([
    `arch: X86_64 or AARCH64; also accepted, in any case: ${Object.keys(ARCH_SPELLINGS)
      .filter(k => k !== 'X86_64' && k !== 'AARCH64')
      .map(k => k.toLowerCase())
      .join(', ')}; got ${quoted(value)}`
  ])
}

export function parseWorkspaceId(value: string): string | undefined {
  if (!value) return undefined
  if (!/^(0|[0-9a-z]{32})$/.test(value))
    throw new InputError([
      `workspace_id: "0" or 32 characters of 0-9 and a-z, got ${quoted(value)}`
    ])
  return value
}

export function parseSwrInstanceId(value: string): string | undefined {
  if (!value) return undefined
  if (!/^[\x21-\x7e]{1,128}$/.test(value)) {
    throw new InputError([
      `swr_instance_id: the SWR Enterprise Edition instance id, 1 to 128 printable characters without spaces, got ${quoted(value)}`
    ])
  }
  return value
}

export function parseImageId(value: string): string | undefined {
  if (!value) return undefined
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(value)) {
    throw new InputError([
      `image_id: a ModelArts image id, 1 to 128 of A-Z a-z 0-9 _ -, got ${quoted(value)}`
    ])
  }
  return value
}

export function parseKeepLast(value: string): number | undefined {
  if (!value) return undefined
  const count = /^\d{1,4}$/.test(value) ? Number(value) : NaN
  if (!(count >= 1 && count <= 1000))
    throw new InputError([`keep_last: a whole number from 1 to 1000, got ${quoted(value)}`])
  return count
}

export function parseKeepTags(value: string): RegExp | undefined {
  if (!value) return undefined
  try {
    return new RegExp(value)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new InputError([
      `keep_tags: a JavaScript regular expression (e.g. ^v\\d+\\.\\d+\\.\\d+$), got ${quoted(value)}: ${why}`
    ])
  }
}

export function parseProjectId(
  input: string,
  env: Readonly<Record<string, string | undefined>>
): string | undefined {
  const candidates: [string, string | undefined][] = [
    ['project_id', input],
    ['project_id (from HUAWEI_CLOUD_PROJECT_ID)', env.HUAWEI_CLOUD_PROJECT_ID?.trim()],
    ['project_id (from HUAWEICLOUD_SDK_PROJECT_ID)', env.HUAWEICLOUD_SDK_PROJECT_ID?.trim()]
  ]
  const [name, value] = candidates.find(([, v]) => v) ?? ['', undefined]
  if (!value) return undefined
  if (!/^[A-Za-z0-9]{1,64}$/.test(value))
    throw new InputError([`${name}: letters and digits only, got ${quoted(value)}`])
  return value
}
