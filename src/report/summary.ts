/**
 * The job summary, on every exit path. Server text is masked, shortened, then put in code spans
 * (which keep a quoted secret whole for the runner's masking); the whole stays under 64 KiB.
 */
import { InputError } from '../base/errors.js'
import type { Conclusion } from './conclusion.js'
import { codeSpan } from './markdown.js'
import type { Platform } from '../model/image.js'
import { type RunResult, runUrl } from '../model/run.js'
import type { OutputName } from './output-table.js'
import { retentionMarkdown } from './retention-summary.js'
import { formatDuration } from '../base/runtime.js'
import { serverText } from '../base/text.js'

/** A Markdown summary of `result`, under the headline `conclusion` gives. */
export function summaryMarkdown(
  result: RunResult,
  conclusion: Conclusion,
  redact: (text: string) => string = text => text
): string {
  const literal = (text: string, max = 2000): string => codeSpan(serverText(redact(text), max))
  const parts = [`### ${conclusion.headline}`]
  const why = reason(result, conclusion)
  if (why.length === 1) parts.push(`**Why:** ${literal(why[0] ?? '')}`)
  if (why.length > 1)
    parts.push(`**Why:** ${why.length} inputs are invalid:\n\n${list(why, literal)}`)
  const where = whereText(result, conclusion)
  if (where) parts.push(where)
  if (conclusion.nextStep) parts.push(`**Next:** ${conclusion.nextStep}`)
  const warnings = result.warnings ?? []
  if (warnings.length) parts.push(`**Warnings:**\n\n${list(warnings, literal)}`)
  parts.push(table(['What', 'Value'], knownRows(result, conclusion, literal)))
  const retention = retentionMarkdown(result.retention, redact)
  if (retention) parts.push(retention)
  const body = bodyRows(result, conclusion, literal)
  if (body.length)
    parts.push(`**Attributes it would register:**\n\n${table(['Attribute', 'Value'], body)}`)
  return capped(`${parts.join('\n\n')}\n`)
}

/** GitHub shows a step's summary up to 1 MiB; this one stays under 64 KiB. */
const SUMMARY_MAX_BYTES = 64 * 1024

/** `markdown` within SUMMARY_MAX_BYTES: whole lines up to the cap, then a note of what was cut. */
function capped(markdown: string, max = SUMMARY_MAX_BYTES): string {
  if (Buffer.byteLength(markdown) < max) return markdown
  const lines = markdown.split('\n')
  const room = max - 200
  let bytes = 0
  let kept = 0
  while (kept < lines.length && bytes + Buffer.byteLength(lines[kept] ?? '') + 1 <= room)
    bytes += Buffer.byteLength(lines[kept++] ?? '') + 1
  const cut = lines.length - kept
  return `${lines.slice(0, kept).join('\n')}\n\n_The summary was cut at ${max / 1024} KiB: ${cut} more lines are not shown; the step's log has them._\n`
}

/** The failure, one problem an item: an InputError's several problems, else the error line. */
function reason(result: RunResult, conclusion: Conclusion): string[] {
  const { outcome } = result
  if (outcome.kind === 'error' && outcome.error instanceof InputError) {
    const { problems } = outcome.error
    if (problems.length > 1) return [...problems]
  }
  return conclusion.failure ? [conclusion.failure] : []
}

function knownRows(
  result: RunResult,
  conclusion: Conclusion,
  literal: (text: string, max?: number) => string
): [string, string][] {
  const { image, config } = result
  const field = (name: string): string | undefined => {
    const value = image?.[name]
    if (Array.isArray(value))
      return value.filter(v => typeof v === 'string').join(', ') || undefined
    return typeof value === 'string' && value ? value : undefined
  }
  const rows: [string, string | undefined][] = [
    ['Image', config?.image?.swrPath ?? image?.swr_path],
    ['Image id', image?.id],
    ['Status', image?.status],
    ['Architecture', result.arch],
    ['Also in the tag, not registered', platformText(result.facts?.otherPlatform)],
    ['Digest', result.facts?.digest],
    ['Service type', field('service_type')],
    ['Visibility', field('visibility')],
    ['Region', config?.region]
  ]
  const out: [string, string][] = []
  for (const [name, value] of rows) if (value) out.push([name, literal(value)])
  if (result.created !== undefined) out.push(['Registration', registrationText(result)])
  const message = statusMessageRow(image?.status_message, conclusion)
  if (message) out.push(['Status message', literal(message)])
  out.push(['Elapsed', formatDuration(result.elapsedMs)])
  const url = result.provenance ? runUrl(result.provenance) : undefined
  if (url) out.push(['Run', `[${codeSpan(result.provenance?.runId ?? 'run')}](${url})`])
  return out
}

/** The cause is said once: a failure's status message gets a row only when the Why does not quote it. */
function statusMessageRow(message: string | undefined, conclusion: Conclusion): string | undefined {
  return conclusion.failure && message && !conclusion.failure.includes(message)
    ? message
    : undefined
}

const SUCCESS: ReadonlySet<Conclusion['kind']> = new Set(['active', 'reused', 'not-waited'])

/** The outputs a success names (checked against the table of outputs), and `image`. */
const WHERE_OUTPUTS: readonly OutputName[] = [
  'image_id',
  'status',
  'name',
  'namespace',
  'tag',
  'swr_path',
  'arch',
  'digest'
]

/** On a success: where the image is in the console, and what the outputs hold. */
function whereText(result: RunResult, conclusion: Conclusion): string | undefined {
  if (!SUCCESS.has(conclusion.kind) || !result.image) return undefined
  const region = result.config?.region ? `, region ${codeSpan(result.config.region)}` : ''
  return (
    `**Where:** ModelArts console → Image Management${region}. The step's outputs hold its ` +
    `${WHERE_OUTPUTS.map(name => `\`${name}\``).join(', ')} and the record as JSON (\`image\`).`
  )
}

/** Where the registration came from; a dry run says what it would do with an existing one. */
function registrationText(result: RunResult): string {
  if (result.created) return 'created by this run'
  if (result.outcome.kind !== 'dry-run') return 'existing, reused'
  const action = result.outcome.plan.action
  return `existing, would be ${action === 'wait' ? 'waited on' : action === 'replace' ? 'replaced' : 'reused'}`
}

/** A dry run's RegisterImage body, one attribute a row. */
function bodyRows(
  result: RunResult,
  conclusion: Conclusion,
  literal: (text: string, max?: number) => string
): [string, string][] {
  if (conclusion.kind !== 'dry-run' || !result.body) return []
  const action = result.outcome.kind === 'dry-run' ? result.outcome.plan.action : undefined
  if (action === 'reuse' || action === 'wait') return []
  const rows: [string, string][] = []
  for (const [name, value] of Object.entries(result.body)) {
    if (value === undefined || value === null || value === '') continue
    const text =
      typeof value === 'string'
        ? value
        : Array.isArray(value) && value.every(v => typeof v === 'string')
          ? value.join(', ')
          : JSON.stringify(value)
    rows.push([codeSpan(name), literal(text)])
  }
  return rows
}

function platformText(platform: Platform | undefined): string | undefined {
  if (!platform) return undefined
  const variant = platform.variant ? `/${platform.variant}` : ''
  const digest = platform.digest ? ` (${platform.digest})` : ''
  return `${platform.os}/${platform.architecture}${variant}${digest}`
}

function list(items: readonly string[], literal: (text: string) => string): string {
  return items.map(item => `- ${literal(item)}`).join('\n')
}

function table(header: [string, string], rows: [string, string][]): string {
  return [
    `| ${header[0]} | ${header[1]} |`,
    '|---|---|',
    ...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`)
  ].join('\n')
}

/** A table cell's text: `|` would end the cell, even inside a code span, so it is escaped. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|')
}
