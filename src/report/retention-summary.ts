/**
 * The job summary's keep_last section: kept, deleted (or would be), not deleted, protected and
 * why; each list cut at 20 entries, server text in code spans only.
 */
import { serverText } from '../base/text.js'
import { codeSpan } from './markdown.js'
import { tagOf } from '../decide/retention.js'
import type { Image } from '../model/image.js'
import type { NotDeletedKind, ProtectReason, RetentionResult } from '../model/run.js'

/** The most entries one list shows. */
const LIST_CAP = 20

const NOT_DELETED_TITLES: [NotDeletedKind, string][] = [
  ['not deleted', 'Not deleted'],
  ['not confirmed', 'Not confirmed'],
  ['unknown', 'Unknown: check the image list']
]

/** A titled list, cut at LIST_CAP entries. */
function section(title: string, items: string[]): string[] {
  if (!items.length) return []
  const more = items.length - LIST_CAP
  return [
    `${title}:`,
    '',
    ...items.slice(0, LIST_CAP),
    ...(more > 0 ? [`- and ${more} more`] : []),
    ''
  ]
}

/** Markdown for the section, or undefined when keep_last did not run. */
export function retentionMarkdown(
  retention: RetentionResult | undefined,
  redact: (text: string) => string
): string | undefined {
  if (!retention) return undefined
  const literal = (text: string): string => codeSpan(serverText(redact(text), 256))
  const item = (image: Image, note?: string): string =>
    `- image ${literal(image.id)} (tag ${literal(tagOf(image) ?? 'unknown')})${note ? `: ${literal(note)}` : ''}`
  const reasons = new Map<ProtectReason, number>()
  for (const p of retention.protect) reasons.set(p.reason, (reasons.get(p.reason) ?? 0) + 1)
  const lines = [
    '**keep_last:**',
    '',
    ...section(
      'Kept',
      retention.kept.map(i => item(i))
    ),
    ...section(
      retention.dryRun ? 'Would delete' : 'Deleted',
      (retention.dryRun ? retention.chosen : retention.deleted).map(i => item(i))
    ),
    ...NOT_DELETED_TITLES.flatMap(([kind, title]) =>
      section(
        title,
        retention.notDeleted.filter(n => n.kind === kind).map(n => item(n.image, n.why))
      )
    ),
    ...(retention.protect.length
      ? [
          `Protected, never deleted: ${retention.protect.length} (${[...reasons].map(([reason, n]) => `${n} ${REASONS[reason]}`).join(', ')})`,
          ''
        ]
      : []),
    ...section(
      'Protected',
      retention.protect.map(p => item(p.image, p.why))
    )
  ]
  if (retention.listChanged)
    lines.push(
      'The image list changed while it was read: nothing was deleted; the next run tries again.'
    )
  else if (!retention.chosen.length) lines.push('Nothing older to delete.')
  return lines.join('\n').trimEnd()
}

const REASONS: Record<ProtectReason, string> = {
  keep_tags: 'matching keep_tags',
  status: 'not final (INIT, CREATING, or an unknown status)',
  'no-create-at': 'without create_at',
  implausible: 'with an implausible create_at',
  recent: 'registered less than an hour before the step',
  'in-use': 'in use (ModelArts refused to delete them)'
}
