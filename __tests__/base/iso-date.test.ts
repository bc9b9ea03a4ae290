import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { isoUtc } from '../../src/base/iso-date.js'

describe('isoUtc', () => {
  it('is what toISOString gives, for any date from year 0 to 9999', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00.000Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true
        }),
        date => expect(isoUtc(date)).toBe(date.toISOString())
      )
    )
  })

  it.each<[string, Date, string]>([
    ['padded fields', new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), '2024-01-02T03:04:05.006Z'],
    [
      'a year below 1000',
      new Date(Date.UTC(999, 11, 31, 23, 59, 59, 999)),
      '0999-12-31T23:59:59.999Z'
    ]
  ])('%s', (_, date, expected) => {
    expect(isoUtc(date)).toBe(expected)
  })

  it('throws on an invalid date, as toISOString does', () => {
    expect(() => isoUtc(new Date(Number.NaN))).toThrow(new RangeError('not a valid date'))
  })
})
