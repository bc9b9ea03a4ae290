/** Markdown for text that must be read literally (server text, names, ids). */

/** Text inside a Markdown code span, fenced past its own backticks (a table escapes its own `|`). */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}
