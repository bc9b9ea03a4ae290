/**
 * Strict parsers shared by the inputs: each refusal names the input and what it accepts, and none
 * guesses (`yes` is not a boolean, `15 minutes` is not a duration).
 */
import { InputError } from '../base/errors.js'
import { isLoopbackHost } from '../base/hosts.js'

/** The longest part of an input an error quotes; a longer one is cut and ends in an ellipsis. */
const QUOTE_MAX = 200

/** An input as an error quotes it: in double quotes, at most QUOTE_MAX characters of it. */
export function quoted(value: string): string {
  return `"${value.length > QUOTE_MAX ? `${value.slice(0, QUOTE_MAX)}…` : value}"`
}

/** An https:// endpoint; http:// only on a loopback host, for local emulators. */
export function parseEndpoint(
  name: string,
  value: string,
  fallback: string | undefined
): string | undefined {
  if (!value) return fallback
  // Never echo what may hold a password: a URL's user:password part, up to the last @ (across
  // the newlines the URL parser drops), is shown as ***. A value without @ matches nothing; the
  // match starts at the value's start, the scheme being optional, so no ^ is needed.
  const shown = value.replace(
    /([a-z][a-z0-9+.-]*:\/\/)?.*@/is,
    (_match, scheme?: string) => `${scheme ?? ''}***@`
  )
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError([
      `${name}: an https:// URL like https://modelarts.cn-north-4.myhuaweicloud.com, got ${quoted(shown)}`
    ])
  }
  if (url.hostname.startsWith('[')) {
    // @actions/http-client hands the bracketed name to DNS, so an IPv6 literal cannot connect.
    throw new InputError([
      `${name}: an IPv6 address cannot be used as the host; give a host name or 127.0.0.1, got ${quoted(shown)}`
    ])
  }
  const loopback = isLoopbackHost(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InputError([
      `${name}: must be https:// (http:// is allowed only for 127.0.0.1 or localhost), got ${quoted(shown)}`
    ])
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InputError([
      `${name}: a plain endpoint URL without credentials, query or fragment, got ${quoted(shown)}`
    ])
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** A parse that either produced a value or added its problems to the collector. */
export type Parsed<T> = { ok: true; value: T } | { ok: false }

/**
 * Collects the problems of many parses, so that every bad input is reported at once.
 */
export class ProblemCollector {
  readonly problems: string[] = []

  /** Runs one parse; an InputError's problems are collected, anything else is thrown. */
  take<T>(parse: () => T): Parsed<T> {
    try {
      return { ok: true, value: parse() }
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      this.problems.push(...error.problems)
      return { ok: false }
    }
  }

  add(problem: string): void {
    this.problems.push(problem)
  }
}

/** One of `allowed` in any case, returned in the API's spelling; undefined when empty. */
export function optionalEnum(
  name: string,
  value: string,
  allowed: readonly string[]
): string | undefined {
  if (!value) return undefined
  const upper = value.toUpperCase()
  if (!allowed.includes(upper))
    throw new InputError([`${name}: one of ${allowed.join(', ')}, got ${quoted(value)}`])
  return upper
}

/**
 * One of `allowed` in any case, returned as spelled there. An empty value is refused like any other
 * that is not allowed: the input's default (config.ts's) is given in its place.
 */
export function parseEnum<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find(option => option.toLowerCase() === value.toLowerCase())
  if (!found) throw new InputError([`${name}: one of ${allowed.join(', ')}, got ${quoted(value)}`])
  return found
}

/** A list by commas or newlines; each item checked; duplicates dropped. */
export function optionalList(
  name: string,
  value: string,
  allowed: readonly string[]
): string[] | undefined {
  const items = value
    .split(/[,\n]/)
    .map(item => item.trim())
    .filter(Boolean)
  if (items.length === 0) return undefined
  const bad = items.filter(item => !allowed.includes(item.toUpperCase()))
  if (bad.length) {
    throw new InputError([
      `${name}: a list (commas or newlines) of ${allowed.join(', ')}; not allowed: ${bad.map(quoted).join(', ')}`
    ])
  }
  return [...new Set(items.map(item => item.toUpperCase()))]
}

/**
 * `true` or `false` in any case; anything else, empty included, is refused rather than guessed (the
 * input's default, config.ts's, is given in place of an empty value).
 */
export function parseBoolean(name: string, value: string): boolean {
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  throw new InputError([`${name}: true or false, got ${quoted(value)}`])
}

/** Hours, minutes and seconds, each at most once and in that order; or bare digits, seconds. */
const UNITS = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$|^(\d+)$/

/** Duration bounds, in seconds. */
export interface DurationBounds {
  min: number
  max: number
}

/**
 * `90` (seconds), `90s`, `15m`, `1h`, `1h30m` (each unit at most once, in the order h, m, s;
 * `30m1h` and `1h30m30m` are refused): whole seconds only, between the bounds. `500ms` and
 * `0.5` are refused rather than rounded: a sub-second poll would flood the API, and a sub-second
 * timeout cannot complete a request.
 */
export function parseDuration(name: string, value: string, bounds: DurationBounds): number {
  const limits = `at least ${formatSeconds(bounds.min)}, at most ${formatSeconds(bounds.max)}`
  const accepted = `whole seconds like 90 (seconds), 90s, 15m, 1h or 1h30m (${limits})`
  const trimmed = value.trim().toLowerCase()
  const units = UNITS.exec(trimmed)
  if (!trimmed || !units) throw new InputError([`${name}: ${accepted}, got ${quoted(value)}`])
  const [, hours, minutes, secs, bare] = units
  const seconds = Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(secs ?? bare ?? 0)
  if (seconds < bounds.min || seconds > bounds.max)
    throw new InputError([`${name}: ${limits}, got ${quoted(value)}`])
  return seconds * 1000
}

function formatSeconds(seconds: number): string {
  return seconds % 3600 === 0
    ? `${seconds / 3600}h`
    : seconds % 60 === 0
      ? `${seconds / 60}m`
      : `${seconds}s`
}
