import { describe, expect, it } from '@jest/globals'
import { type Reading, startReading, takePage } from '../../src/cloud/list-reading.js'

const ids = (...names: string[]) => names.map(id => ({ id }))

/** Reads the pages in order; what a reading ends as, and where it ended. */
function read(pages: { records: { id: string }[]; total?: number }[]) {
  const reading = startReading()
  const fresh: string[] = []
  for (const [index, page] of pages.entries()) {
    const taken = takePage(reading, page)
    fresh.push(...taken.fresh.map(record => record.id))
    if (taken.ended) return { fresh, changed: reading.changed, endedOn: index, reading }
  }
  return { fresh, changed: reading.changed, endedOn: undefined, reading }
}

describe('takePage: one reading of a list that others write to', () => {
  it.each<[string, { records: { id: string }[]; total?: number }[], string[], boolean, number]>([
    ['one page holding total', [{ records: ids('a', 'b'), total: 2 }], ['a', 'b'], false, 0],
    ['an empty list', [{ records: [], total: 0 }], [], false, 0],
    [
      'pages until total is reached',
      [
        { records: ids('a', 'b'), total: 3 },
        { records: ids('c'), total: 3 }
      ],
      ['a', 'b', 'c'],
      false,
      1
    ],
    [
      'without total: until an empty page',
      [{ records: ids('a') }, { records: ids('b') }, { records: [] }],
      ['a', 'b'],
      false,
      2
    ],
    [
      'total changed between pages',
      [
        { records: ids('a', 'b'), total: 4 },
        { records: ids('c', 'd'), total: 5 },
        { records: ids('e'), total: 5 }
      ],
      ['a', 'b', 'c', 'd', 'e'],
      true,
      2
    ],
    [
      'total appears after the first page',
      [{ records: ids('a') }, { records: ids('b'), total: 2 }],
      ['a', 'b'],
      true,
      1
    ],
    [
      'an id on two pages (a record was deleted before the offset)',
      [
        { records: ids('a', 'b'), total: 3 },
        { records: ids('b', 'c'), total: 3 }
      ],
      ['a', 'b', 'c'],
      true,
      1
    ],
    [
      'a page repeated forever ends: it brings nothing new',
      [
        { records: ids('a', 'b'), total: 10 },
        { records: ids('a', 'b'), total: 10 },
        { records: ids('a', 'b'), total: 10 }
      ],
      ['a', 'b'],
      true,
      1
    ],
    [
      'an id twice on one page is one record, not a change',
      [{ records: ids('a', 'a', 'b'), total: 3 }],
      ['a', 'b'],
      false,
      0
    ]
  ])('%s', (_, pages, fresh, changed, endedOn) => {
    expect(read(pages)).toMatchObject({ fresh, changed, endedOn })
  })

  it('asks for the next page after every record served, repeated ones included', () => {
    const { reading } = read([
      { records: ids('a', 'b'), total: 5 },
      { records: ids('b', 'c'), total: 5 }
    ])
    expect(reading.offset).toBe(4)
    expect([...reading.seen]).toEqual(['a', 'b', 'c'])
  })

  it('reads a list of any length to its end: 300 pages of 100', () => {
    const reading: Reading = startReading()
    let pages = 0
    for (;;) {
      const records = ids(...Array.from({ length: 100 }, (_, i) => `r${reading.offset + i}`))
      pages++
      if (takePage(reading, { records, total: 30_000 }).ended) break
    }
    expect({ pages, changed: reading.changed, seen: reading.seen.size }).toEqual({
      pages: 300,
      changed: false,
      seen: 30_000
    })
  })
})
