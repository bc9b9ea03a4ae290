/** The session asked of STS (its length and name), the claims shown on a refusal, the expiration read. */
import { describe, expect, it } from '@jest/globals'
import { claimsOf, sessionDuration, sessionName } from '../../src/steps/agency.js'
import { parseExpiration } from '../../src/cloud/sts.js'

describe('sessionDuration: the step timeout and five minutes, 900 to 43200 s', () => {
  it.each([
    [1_000, 900],
    [300_000, 900],
    [600_000, 900],
    [600_001, 901],
    [900_000, 1200],
    [3_300_000, 3600],
    [3_300_001, 3601],
    [7_200_000, 7500],
    [42_900_000, 43_200],
    [42_900_001, 43_200],
    [21_600_000, 21_900]
  ])('timeout %i ms → %i s', (timeoutMs, seconds) => {
    expect(sessionDuration(timeoutMs)).toBe(seconds)
  })
})

describe('sessionName: the run, in [A-Za-z0-9_.-], 2 to 128 characters', () => {
  it.each([
    [{ repository: 'octo-org/app', runId: '4242', runAttempt: '1' }, 'octo-org-app-4242-1'],
    [{ repository: 'octo-org/app', runId: '4242' }, 'octo-org-app-4242'],
    [{ repository: 'Octo.Org/my_app' }, 'Octo.Org-my_app'],
    [{ repository: 'ünïcode/répo', runId: '7' }, 'n-code-r-po-7'],
    [{ runId: '99', runAttempt: '2' }, 'modelarts-register-image-99-2'],
    [{}, 'modelarts-register-image'],
    [{ repository: '/' }, 'modelarts-register-image'],
    [{ repository: 'x' }, 'modelarts-register-image'],
    [{ repository: 'ab' }, 'ab']
  ])('%j → %s', (provenance, name) => {
    expect(sessionName(provenance)).toBe(name)
  })

  it('cuts the repository, never the run id, to 128 characters', () => {
    const name = sessionName({
      repository: `o/${'r'.repeat(200)}`,
      runId: '123456789012',
      runAttempt: '3'
    })
    expect(name).toHaveLength(128)
    expect(name).toMatch(/^o-r+-123456789012-3$/)
  })
})

describe('claimsOf: sub and aud from the payload, sanitised', () => {
  const jwt = (payload: unknown): string =>
    `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`

  it.each([
    [
      { sub: 'repo:o/r:ref:refs/heads/main', aud: 'huaweicloud' },
      { sub: 'repo:o/r:ref:refs/heads/main', aud: 'huaweicloud' }
    ],
    [
      { sub: 'repo:o/r:pull_request', aud: ['a', 'b'] },
      { sub: 'repo:o/r:pull_request', aud: 'a' }
    ],
    // Control characters (an escape sequence, a line break) become spaces: a claim is shown in the log.
    [
      { sub: 'x\u001b[31m\ny', aud: 5 },
      { sub: 'x [31m y', aud: undefined }
    ],
    [{}, { sub: undefined, aud: undefined }],
    ['a string', { sub: undefined, aud: undefined }]
  ])('%j', (payload, claims) => {
    const read = claimsOf(jwt(payload))
    expect(read).toEqual(claims)
  })

  it.each(['', 'not a jwt', 'a.%%%.c', 'a.bm90IGpzb24.c'])('reads nothing from %j', token => {
    expect(claimsOf(token)).toEqual({ sub: undefined, aud: undefined })
  })
})

describe('parseExpiration: milliseconds or microseconds, anything else undefined', () => {
  it.each([
    ['2026-09-07T03:27:51.158Z', '2026-09-07T03:27:51.158Z'],
    ['2026-09-07T03:27:51.158000Z', '2026-09-07T03:27:51.158Z'],
    ['2026-09-07T03:27:51Z', '2026-09-07T03:27:51.000Z'],
    ['2026-09-07T03:27:51.1Z', '2026-09-07T03:27:51.100Z']
  ])('%s', (text, iso) => {
    expect(parseExpiration(text)?.toISOString()).toBe(iso)
  })

  it.each([
    undefined,
    5,
    '',
    '2026-09-07 03:27:51Z',
    '2026-09-07T03:27:51.158+08:00',
    '2026-13-07T03:27:51Z',
    'x2026-09-07T03:27:51Z'
  ])('%j is undefined', value => {
    expect(parseExpiration(value)).toBeUndefined()
  })
})
