/**
 * The job summary: one short table of what happened, written on every exit path.
 */
import type { Image } from './modelarts.js'
import { formatDuration } from './runtime.js'

/** What the run knows when it ends; any part may be missing on an early failure. */
export interface RunReport {
  swrPath?: string
  region?: string
  image?: Image
  created?: boolean
  elapsedMs: number
  /** Set when the step fails. */
  failure?: string
}

/** A Markdown summary; plain text in cells is escaped so a message cannot break the table. */
export function summaryMarkdown(report: RunReport): string {
  const status = report.image?.status
  const headline = report.failure
    ? `❌ ModelArts image registration failed`
    : `✅ ModelArts image ${status === 'ACTIVE' ? 'is ACTIVE' : `registered (${status ?? 'unknown'})`}`
  const rows: [string, string][] = [
    ['Image', report.swrPath ? code(report.swrPath) : '—'],
    ['Image id', report.image?.id ? code(report.image.id) : '—'],
    ['Status', status ?? '—'],
    [
      'Registration',
      report.created === undefined
        ? '—'
        : report.created
          ? 'created by this run'
          : 'existing, reused'
    ],
    ['Region', report.region ?? '—'],
    ['Elapsed', formatDuration(report.elapsedMs)]
  ]
  const message = report.image?.status_message
  if (report.failure && message) rows.push(['Status message', escape(message)])
  if (report.failure) rows.push(['Error', escape(report.failure)])
  const table = ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n')
  return `### ${headline}\n\n${table}\n`
}

function escape(text: string): string {
  return text.replace(/[\\|*_`<>[\]]/g, c => `\\${c}`).replace(/\r?\n/g, '<br>')
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``
}
