/**
 * Reading a paged list others write to, as pure decisions: new records, a change told apart, its
 * end.
 */

/** One reading in progress: the ids seen so far (only ids: records are kept by the caller). */
export interface Reading {
  readonly seen: Set<string>
  /** The first page's `total`, when it gave one. */
  firstTotal?: number
  /** Records asked for so far: the next page's offset. */
  offset: number
  /** The list changed between pages: `total` differs, or an id came back on a later page. */
  changed: boolean
  /** The first page came (so `firstTotal` is the first page's). */
  started: boolean
}

export function startReading(): Reading {
  return { seen: new Set(), offset: 0, changed: false, started: false }
}

/**
 * Takes one page into the reading: returns the records not seen before (the caller keeps what it
 * needs of them) and whether the reading has ended. It ends on an empty page, once `total` is
 * reached, or on a page that brings nothing new (a server repeating a page would otherwise be
 * read forever): that one counts as a change, since what the list holds past it was never seen.
 */
export function takePage<T extends { id: string }>(
  reading: Reading,
  page: { records: readonly T[]; total?: number }
): { fresh: T[]; ended: boolean } {
  const { records, total } = page
  if (!reading.started) {
    reading.started = true
    if (total !== undefined) reading.firstTotal = total
  } else if (total !== reading.firstTotal) reading.changed = true
  const fresh: T[] = []
  for (const record of records) {
    if (reading.seen.has(record.id)) {
      // Twice on one page is the same record; on a later page it means the list shifted.
      if (!fresh.some(taken => taken.id === record.id)) reading.changed = true
      continue
    }
    reading.seen.add(record.id)
    fresh.push(record)
  }
  reading.offset += records.length
  if (records.length === 0) return { fresh, ended: true }
  if (fresh.length === 0) {
    reading.changed = true
    return { fresh, ended: true }
  }
  return { fresh, ended: total !== undefined && reading.offset >= total }
}
