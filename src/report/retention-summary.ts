/**
 * The job summary's keep_last section: what was kept, deleted (or, in a dry run, would be), not
 * deleted and never deleted. Ids, tags and reasons come from the service: code spans only.
 */
import { serverText } from '../base/text.js'
import { codeSpan } from '../decide/outcome.js'
import { tagOf } from '../decide/retention.js'
import type { Image } from '../model/image.js'
import type { RetentionResult } from '../model/run.js'

/** Markdown for the section, or undefined when keep_last did not run. */
export function retentionMarkdown(
  retention: RetentionResult | undefined,
  redact: (text: string) => string
): string | undefined {
  if (!retention) return undefined
  const literal = (text: string): string => codeSpan(serverText(redact(text), 256))
  const item = (image: Image, note?: string): string =>
    `- image ${literal(image.id)} (tag ${literal(tagOf(image) ?? 'unknown')})${note ? `: ${literal(note)}` : ''}`
  const section = (title: string, items: string[]): string[] =>
    items.length ? [`${title}:`, '', ...items, ''] : []
  const lines = [
    '**keep_last:**',
    '',
    ...section(
      'Kept',
      retention.kept.map(i => item(i))
    ),
    ...(retention.dryRun
      ? section(
          'Would delete',
          retention.chosen.map(i => item(i))
        )
      : section(
          'Deleted',
          retention.deleted.map(i => item(i))
        )),
    ...section(
      'Not deleted',
      retention.notDeleted.map(n => item(n.image, n.why))
    ),
    ...section(
      'Never deleted',
      retention.protect.map(p => item(p.image, p.why))
    )
  ]
  if (!retention.chosen.length) lines.push('Nothing older to delete.')
  return lines.join('\n').trimEnd()
}
