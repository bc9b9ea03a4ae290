/**
 * Unit tests of the input parsers (src/config/parsers.ts), one row a case, asserting the exact
 * values and refusals. They are the tests `npm run mutate` runs against every mutant of parsers.ts.
 */
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/base/errors.js'
import { problemsOf } from '../helpers/problems.js'
import {
  ProblemCollector,
  optionalEnum,
  optionalList,
  parseBoolean,
  parseDuration,
  parseEndpoint,
  parseEnum
} from '../../src/config/parsers.js'

const LONG = 'x'.repeat(300)
/** How an error quotes LONG: its first 200 characters and an ellipsis. */
const LONG_QUOTED = `"${'x'.repeat(200)}…"`

describe('parseEndpoint', () => {
  it.each([
    [
      'an empty value gives the fallback',
      '',
      'https://fallback.example.com',
      'https://fallback.example.com'
    ],
    ['an empty value without a fallback gives undefined', '', undefined, undefined],
    [
      'an https URL is kept, its root slash dropped',
      'https://modelarts.example.com',
      undefined,
      'https://modelarts.example.com'
    ],
    [
      'trailing slashes of a path are dropped',
      'https://h.example.com/a/b//',
      undefined,
      'https://h.example.com/a/b'
    ],
    [
      'scheme and host are lower-cased, the default port dropped',
      'HTTPS://Host.Example.COM:443/Api',
      undefined,
      'https://host.example.com/Api'
    ],
    [
      'a non-default port is kept',
      'https://h.example.com:8443/',
      undefined,
      'https://h.example.com:8443'
    ],
    ['http is allowed on 127.0.0.1', 'http://127.0.0.1:8080/', undefined, 'http://127.0.0.1:8080'],
    [
      'http is allowed on any 127.x.y.z address',
      'http://127.10.200.30',
      undefined,
      'http://127.10.200.30'
    ],
    ['http is allowed on localhost', 'http://localhost:9/iam/', undefined, 'http://localhost:9/iam']
  ])('%s', (_behaviour, value, fallback, expected) => {
    expect(parseEndpoint('endpoint', value, fallback)).toBe(expected)
  })

  const URL_LIKE =
    'endpoint: an https:// URL like https://modelarts.cn-north-4.myhuaweicloud.com, got'
  const HTTPS_ONLY =
    'endpoint: must be https:// (http:// is allowed only for 127.0.0.1 or localhost), got'
  const PLAIN = 'endpoint: a plain endpoint URL without credentials, query or fragment, got'
  it.each([
    ['a value that is not a URL', 'not a url', `${URL_LIKE} "not a url"`],
    ['a non-URL, quoting at most 200 characters of it', LONG, `${URL_LIKE} ${LONG_QUOTED}`],
    [
      'an IPv6 literal, which the HTTP client cannot connect to',
      'https://[::1]:8443',
      'endpoint: an IPv6 address cannot be used as the host; give a host name or 127.0.0.1, got "https://[::1]:8443"'
    ],
    [
      'http on a remote host',
      'http://modelarts.example.com',
      `${HTTPS_ONLY} "http://modelarts.example.com"`
    ],
    [
      'http on a host that only starts like 127.0.0.1',
      'http://127.0.0.1.example.com',
      `${HTTPS_ONLY} "http://127.0.0.1.example.com"`
    ],
    [
      'http on a host that only contains localhost',
      'http://localhost.example.com',
      `${HTTPS_ONLY} "http://localhost.example.com"`
    ],
    ['another scheme even on localhost', 'ftp://localhost/', `${HTTPS_ONLY} "ftp://localhost/"`],
    [
      'user and password, shown as ***',
      'https://user:pw@h.example.com',
      `${PLAIN} "https://***@h.example.com"`
    ],
    [
      'a user name alone, shown as ***',
      'https://user@h.example.com',
      `${PLAIN} "https://***@h.example.com"`
    ],
    [
      'a password alone, shown as ***',
      'https://:pw@h.example.com',
      `${PLAIN} "https://***@h.example.com"`
    ],
    [
      'credentials behind an upper-case scheme, shown as ***',
      'HTTPS://u:pw@h.example.com',
      `${PLAIN} "HTTPS://***@h.example.com"`
    ],
    [
      'credentials behind a scheme with + . -, shown as ***',
      'git+s.s-h://u:pw@h',
      `${HTTPS_ONLY} "git+s.s-h://***@h"`
    ],
    [
      'credentials without //, shown as ***',
      'user:pw@h.example.com',
      `${HTTPS_ONLY} "***@h.example.com"`
    ],
    [
      'credentials split by a newline, which the URL parser drops, shown as ***',
      'https://u\n:p\nw@h.example.com',
      `${PLAIN} "https://***@h.example.com"`
    ],
    [
      'credentials up to the last @, shown as ***',
      'https://u@x:p@w@h.example.com',
      `${PLAIN} "https://***@h.example.com"`
    ],
    ['a query', 'https://h.example.com/?a=1', `${PLAIN} "https://h.example.com/?a=1"`],
    ['a fragment', 'https://h.example.com/#top', `${PLAIN} "https://h.example.com/#top"`]
  ])('refuses %s', (_behaviour, value, problem) => {
    expect(
      problemsOf(() => parseEndpoint('endpoint', value, 'https://fallback.example.com'))
    ).toEqual([problem])
  })
})

describe('ProblemCollector', () => {
  it('hands back the value of a parse that succeeds', () => {
    const collect = new ProblemCollector()
    expect(collect.take(() => 42)).toStrictEqual({ ok: true, value: 42 })
    expect(collect.problems).toEqual([])
  })

  it('collects every problem of an InputError and marks the parse failed', () => {
    const collect = new ProblemCollector()
    expect(
      collect.take(() => {
        throw new InputError(['a: bad', 'b: bad'])
      })
    ).toStrictEqual({ ok: false })
    expect(collect.problems).toEqual(['a: bad', 'b: bad'])
  })

  it('rethrows an error that is not an InputError, collecting nothing', () => {
    const collect = new ProblemCollector()
    expect(() =>
      collect.take(() => {
        throw new TypeError('a bug')
      })
    ).toThrow(new TypeError('a bug'))
    expect(collect.problems).toEqual([])
  })
})

describe('optionalEnum', () => {
  it('reads an empty value as not given', () => {
    expect(optionalEnum('kind', '', ['CPU'])).toBeUndefined()
  })
})

describe('parseEnum', () => {
  const ALLOWED = ['reuse', 'fail', 'replace'] as const
  it.each([
    ['the first option is found', 'reuse', 'reuse'],
    ['a later option is found', 'fail', 'fail'],
    ['an option in upper case is returned as spelled in the list', 'REPLACE', 'replace'],
    ['an option in mixed case is returned as spelled in the list', 'Fail', 'fail']
  ])('%s', (_behaviour, value, expected) => {
    expect(parseEnum('if_exists', value, ALLOWED)).toBe(expected)
  })

  it('refuses an empty value (the table gives the default in its place)', () => {
    expect(problemsOf(() => parseEnum('if_exists', '', ALLOWED))).toEqual([
      'if_exists: one of reuse, fail, replace, got ""'
    ])
  })
})

describe.each([
  ['optionalEnum', optionalEnum],
  ['parseEnum', parseEnum]
])('%s over a list in the API spelling (CPU, GPU, ASCEND)', (_parser, parse) => {
  const read = (value: string) => parse('kind', value, ['CPU', 'GPU', 'ASCEND'])
  it('returns the API spelling of a value in any case', () => {
    expect(['gpu', 'Ascend', 'CPU'].map(read)).toEqual(['GPU', 'ASCEND', 'CPU'])
  })

  it.each([
    ['a value not allowed, quoted as given', 'tpu', '"tpu"'],
    ['a long value, quoting at most 200 characters of it', LONG, LONG_QUOTED]
  ])('refuses %s, naming the input and what it accepts', (_behaviour, value, quotedValue) => {
    expect(problemsOf(() => read(value))).toEqual([
      `kind: one of CPU, GPU, ASCEND, got ${quotedValue}`
    ])
  })
})

describe('optionalList', () => {
  const ALLOWED = ['CPU', 'GPU', 'ASCEND']
  it.each([
    ['an empty value is undefined', '', undefined],
    ['only separators and blanks is undefined', ' , \n ,', undefined],
    ['one item is returned in upper case', 'gpu', ['GPU']],
    [
      'items by commas and newlines, trimmed, in order',
      ' cpu , Ascend\ngpu ',
      ['CPU', 'ASCEND', 'GPU']
    ],
    ['empty items are skipped', 'cpu,,\n\ngpu', ['CPU', 'GPU']],
    ['duplicates in any case are dropped', 'cpu,CPU\nCpu,gpu', ['CPU', 'GPU']]
  ])('%s', (_behaviour, value, expected) => {
    expect(optionalList('resource_category', value, ALLOWED)).toEqual(expected)
  })

  const PREFIX = 'resource_category: a list (commas or newlines) of CPU, GPU, ASCEND; not allowed:'
  it.each([
    ['an item not allowed, quoted as given', 'cpu,tpu', `${PREFIX} "tpu"`],
    ['every item not allowed, each quoted', 'tpu\ncpu, npu', `${PREFIX} "tpu", "npu"`],
    ['a long item, quoting at most 200 characters of it', `cpu,${LONG}`, `${PREFIX} ${LONG_QUOTED}`]
  ])('refuses %s', (_behaviour, value, problem) => {
    expect(problemsOf(() => optionalList('resource_category', value, ALLOWED))).toEqual([problem])
  })
})

describe('parseBoolean', () => {
  it.each([
    ['true is true', 'true', true],
    ['TRUE in any case is true', 'TRUE', true],
    ['false is false', 'false', false],
    ['False in any case is false', 'False', false]
  ])('%s', (_behaviour, value, expected) => {
    expect(parseBoolean('wait', value)).toBe(expected)
  })

  it.each([
    [
      'an empty value (the table gives the default in its place)',
      '',
      'wait: true or false, got ""'
    ],
    ['a guess like yes', 'yes', 'wait: true or false, got "yes"'],
    ['a number', '1', 'wait: true or false, got "1"'],
    [
      'a value of exactly 200 characters, quoted whole',
      'y'.repeat(200),
      `wait: true or false, got "${'y'.repeat(200)}"`
    ],
    [
      'a value of 201 characters, quoting its first 200',
      'y'.repeat(201),
      `wait: true or false, got "${'y'.repeat(200)}…"`
    ],
    [
      'a long value, quoting at most 200 characters of it',
      LONG,
      `wait: true or false, got ${LONG_QUOTED}`
    ]
  ])('refuses %s', (_behaviour, value, problem) => {
    expect(problemsOf(() => parseBoolean('wait', value))).toEqual([problem])
  })
})

describe('parseDuration', () => {
  const SIX_HOURS = { min: 1, max: 6 * 3600 }
  it.each([
    ['bare digits are seconds', '90', 90_000],
    ['seconds', '90s', 90_000],
    ['minutes', '15m', 900_000],
    ['hours', '1h', 3_600_000],
    ['hours of two digits', '05h', 18_000_000],
    ['hours and minutes', '1h30m', 5_400_000],
    ['minutes and seconds', '10m30s', 630_000],
    ['hours and seconds', '1h5s', 3_605_000],
    ['hours, minutes and seconds', '1h2m3s', 3_723_000],
    ['a zero unit', '1h0m5s', 3_605_000],
    ['units in upper case', '2H10M', 7_800_000],
    ['surrounding blanks are ignored', ' 90s\n', 90_000],
    ['the lower bound itself', '1', 1_000],
    ['the upper bound itself', '6h', 21_600_000],
    ['leading zeros', '0010s', 10_000]
  ])('reads %s: %s', (_behaviour, value, ms) => {
    expect(parseDuration('timeout', value, SIX_HOURS)).toBe(ms)
  })

  const LIKE =
    'timeout: whole seconds like 90 (seconds), 90s, 15m, 1h or 1h30m (at least 1s, at most 6h), got'
  it.each([
    ['an empty value', '', `${LIKE} ""`],
    ['only blanks', '   ', `${LIKE} "   "`],
    ['a unit given twice', '1h30m30m', `${LIKE} "1h30m30m"`],
    ['minutes before hours', '30m1h', `${LIKE} "30m1h"`],
    ['seconds before minutes', '5s1m', `${LIKE} "5s1m"`],
    ['seconds given twice', '5s5s', `${LIKE} "5s5s"`],
    ['milliseconds', '500ms', `${LIKE} "500ms"`],
    ['a fraction', '0.5', `${LIKE} "0.5"`],
    ['words', '15 minutes', `${LIKE} "15 minutes"`],
    ['a blank between units', '1h 30m', `${LIKE} "1h 30m"`],
    ['an unknown unit', '1d', `${LIKE} "1d"`],
    ['a unit without a number', 'h', `${LIKE} "h"`],
    ['a negative number', '-5', `${LIKE} "-5"`],
    ['digits after a unit', '1h30', `${LIKE} "1h30"`],
    ['text before the digits', 'x90', `${LIKE} "x90"`],
    ['text after the digits', '90x', `${LIKE} "90x"`],
    ['text before the units', 'x1h', `${LIKE} "x1h"`],
    ['text after the units', '1hx', `${LIKE} "1hx"`],
    ['a long value, quoting at most 200 characters of it', LONG, `${LIKE} ${LONG_QUOTED}`],
    ['zero', '0s', 'timeout: at least 1s, at most 6h, got "0s"'],
    ['just above the upper bound', '21601', 'timeout: at least 1s, at most 6h, got "21601"'],
    ['hours above the upper bound', '7H', 'timeout: at least 1s, at most 6h, got "7H"']
  ])('refuses %s', (_behaviour, value, problem) => {
    expect(problemsOf(() => parseDuration('timeout', value, SIX_HOURS))).toEqual([problem])
  })

  it.each([
    ['whole hours', { min: 3600, max: 7200 }, '1s', 'at least 1h, at most 2h'],
    ['whole minutes', { min: 60, max: 300 }, '1s', 'at least 1m, at most 5m'],
    ['minutes that are not whole hours', { min: 120, max: 5400 }, '1s', 'at least 2m, at most 90m'],
    ['seconds', { min: 5, max: 90 }, '1s', 'at least 5s, at most 90s'],
    ['just below the lower bound', { min: 5, max: 90 }, '4s', 'at least 5s, at most 90s']
  ])('states bounds in %s', (_behaviour, bounds, value, limits) => {
    expect(problemsOf(() => parseDuration('poll_interval', value, bounds))).toEqual([
      `poll_interval: ${limits}, got "${value}"`
    ])
  })
})
