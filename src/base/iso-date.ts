/**
 * Dates as ISO 8601 text in UTC, built from the getUTC* fields: V8's own date formatting
 * (toISOString, toJSON) loads ICU's time zone data the first time it runs, 1 MiB of a run's RSS.
 */

/** What toISOString gives for years 0 to 9999 (`2026-12-07T13:04:05.678Z`); throws on an invalid date. */
export function isoUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('not a valid date')
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0')
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  return `${day}T${time}.${pad(date.getUTCMilliseconds(), 3)}Z`
}
