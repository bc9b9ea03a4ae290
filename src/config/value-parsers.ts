/**
 * Parsers for single inputs (read in config.ts) that parsers.ts's general ones do not
 * cover. Each refusal names its input and says what it accepts.
 */
import { InputError } from '../base/errors.js'
import { IMAGE_ID, PROJECT_ID } from '../base/ids.js'
import { quoted } from './parsers.js'

/** Docker's platform names too, so a matrix over `amd64`/`arm64` or `linux/arm64` can pass them through. */
const ARCH_SPELLINGS: Record<string, string> = {
  X86_64: 'X86_64',
  AMD64: 'X86_64',
  'LINUX/AMD64': 'X86_64',
  AARCH64: 'AARCH64',
  ARM64: 'AARCH64',
  'LINUX/ARM64': 'AARCH64'
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
  if (!IMAGE_ID.test(value)) {
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

/** What RE2 syntax has not, by how it starts: back-references and look-around need backtracking. */
const NOT_RE2: [RegExp, string][] = [
  [/^\\[1-9]/, 'back-reference'],
  [/^\\k</, 'named back-reference'],
  [/^\(\?<?[=!]/, 'look-around'],
  [/^\(\?>/, 'atomic group'],
  [/^[*+?}]\+/, 'possessive quantifier']
]

/** The first construct of `source` that RE2 syntax has not (outside a character class), if any. */
export function unsupportedByRe2(source: string): string | undefined {
  let inClass = false
  for (let at = 0; at < source.length; at++) {
    const rest = source.slice(at)
    const found = inClass ? undefined : NOT_RE2.find(([pattern]) => pattern.test(rest))
    if (found) {
      const text = (found[0].exec(rest) as RegExpExecArray)[0]
      return `${found[1]} ${text.startsWith('(') ? `${text}…)` : text}`
    }
    if (rest.startsWith('\\')) at++
    else if (rest.startsWith('[')) inClass = true
    else if (rest.startsWith(']')) inClass = false
  }
  return undefined
}

const KEEP_TAGS_ACCEPTS =
  'regular expressions in RE2 syntax, one a line (e.g. ^v\\d+\\.\\d+\\.\\d+$ and ^stable$)'

/** keep_tags' expressions: each non-empty line one of its own, with its line number (from 1). */
function keepTagLines(value: string): { line: number; source: string }[] {
  return value
    .split(/\r?\n/)
    .map((text, index) => ({ line: index + 1, source: text.trim() }))
    .filter(({ source }) => source !== '')
}

/** How an error names the expression: the line too, when there are several. */
function keepTagsName(line: number, several: boolean): string {
  return several ? `keep_tags (line ${line})` : 'keep_tags'
}

/**
 * keep_tags, each line checked for what RE2 syntax has not (cheaply, with no engine loaded); the
 * expressions are compiled by `compileKeepTags`, which main awaits before any request.
 */
export function parseKeepTags(value: string): string | undefined {
  const lines = keepTagLines(value)
  if (!lines.length) return undefined
  const problems: string[] = []
  for (const { line, source } of lines) {
    const construct = unsupportedByRe2(source)
    if (construct)
      problems.push(
        `${keepTagsName(line, lines.length > 1)}: ${construct} is not supported by RE2 syntax (it needs backtracking, which can make a step hang); got ${quoted(source)}: give ${KEEP_TAGS_ACCEPTS}`
      )
  }
  if (problems.length) throw new InputError(problems)
  return value
}

/** Whether a tag matches keep_tags. */
export type KeepTags = (tag: string) => boolean

/**
 * keep_tags as a linear-time matcher (re2js, loaded only here: runs without keep_tags never load
 * it): no tag a server returns can make the step hang. A tag is kept when any line's expression
 * matches anywhere in it, as RegExp.test.
 */
export async function compileKeepTags(value: string): Promise<KeepTags> {
  const { RE2JS } = await import('re2js')
  const lines = keepTagLines(value)
  const problems: string[] = []
  const expressions: InstanceType<typeof RE2JS>[] = []
  for (const { line, source } of lines) {
    try {
      expressions.push(RE2JS.compile(source))
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      problems.push(
        `${keepTagsName(line, lines.length > 1)}: not RE2 syntax (${why}), got ${quoted(source)}: give ${KEEP_TAGS_ACCEPTS}`
      )
    }
  }
  if (problems.length) throw new InputError(problems)
  return tag => expressions.some(expression => expression.test(tag))
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
  const found = candidates.find((candidate): candidate is [string, string] => Boolean(candidate[1]))
  if (!found) return undefined
  const [name, value] = found
  if (!PROJECT_ID.test(value))
    throw new InputError([`${name}: letters and digits only, got ${quoted(value)}`])
  return value
}
