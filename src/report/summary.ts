/**
 * The job summary: one short table of what happened, written on every exit path. Text is masked
 * first (known secrets become ***), then shortened, then put in code spans: a code span keeps a
 * quoted secret's characters together, where backslash escapes (`\_`) would split it so that the
 * runner's masking no longer finds it.
 */
import type { Conclusion, RunResult } from '../decide/outcome.js'
import { runUrl } from '../steps/provenance.js'
import { formatDuration } from '../base/runtime.js'
import { serverText } from '../base/text.js'

/** A Markdown summary of `result`, under the headline `conclusion` gives. */
export function summaryMarkdown(
  result: RunResult,
  conclusion: Conclusion,
  redact: (text: string) => string = text => text
): string {
  const { image, config } = result
  const cell = (text: string | undefined, max = 2000): string =>
    text ? codeSpan(serverText(redact(text), max)) : '—'
  const field = (name: string): string | undefined => {
    const value = image?.[name]
    if (Array.isArray(value)) return value.filter(v => typeof v === 'string').join(', ')
    return typeof value === 'string' ? value : undefined
  }
  const rows: [string, string][] = [
    ['Image', cell(config?.image.swrPath ?? image?.swr_path)],
    ['Image id', cell(image?.id)],
    ['Status', cell(image?.status)],
    [
      'Registration',
      result.created === undefined
        ? '—'
        : result.created
          ? 'created by this run'
          : 'existing, reused'
    ],
    ['Architecture', cell((field('arch') ?? result.arch)?.toUpperCase())],
    ['Digest', cell(result.facts?.digest)],
    ['Service type', cell(field('service_type'))],
    ['Visibility', cell(field('visibility'))],
    ['Region', cell(config?.region)],
    ['Elapsed', formatDuration(result.elapsedMs)]
  ]
  const url = result.provenance ? runUrl(result.provenance) : undefined
  if (url) rows.push(['Run', `[${codeSpan(result.provenance?.runId ?? 'run')}](${url})`])
  if (conclusion.failure && image?.status_message)
    rows.push(['Status message', cell(image.status_message)])
  if (conclusion.failure) rows.push(['Error', cell(conclusion.failure)])
  const table = ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n')
  return `### ${conclusion.headline}\n\n${table}\n`
}

/** Literal text in a table cell: a code span fenced past its own backticks; `|` escaped for GFM tables. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`
}
