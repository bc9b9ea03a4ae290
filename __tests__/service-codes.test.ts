/**
 * The services' error codes the user meets, each turned into the next step (where in the console,
 * what to grant, what to check), and throttling codes retried as a 429 is, whatever the status:
 * whole runs against the emulator, and the code table itself.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { CODE_MEANINGS, meaningOf } from '../src/model/service-codes.js'
import { REGISTER_DEPENDENCIES } from '../src/model/permissions.js'
import { errorLine, expectOutcome, runAgainst } from './helpers/run-action.js'
import { ACTIVE_AT_ONCE, IMAGES, answer, answerRegister, useEmulator } from './helpers/emulator.js'
import { casesByValue } from './helpers/cases.js'

const emulator = useEmulator(ACTIVE_AT_ONCE)

/** A run whose RegisterImage answers `status` with `code`. */
async function registerAnswers(status: number, code: string) {
  emulator.inject(answer('POST', IMAGES, status, { errorCode: code }))
  return runAgainst(emulator)
}

describe('ModelArts not authorized for the user (no agency)', () => {
  it.each([
    [403, 'ModelArts.2785'],
    [400, 'ModelArts.6379'],
    [401, 'ModelArts.0428']
  ])(
    '%s %s: says where in the ModelArts console to add the authorization',
    async (status, code) => {
      const run = await registerAnswers(status, code)
      expect(run.failed).toBe(true)
      const line = errorLine(run.log) ?? ''
      expect(line).toContain(`register image failed: HTTP ${status} ${code}`)
      expect(line).toContain('ModelArts is not authorized to use SWR for you in region cn-north-4')
      expect(line).toContain('ModelArts console of that region')
      expect(line).toContain('Settings (Global Configuration) → Add Authorization')
      expect(run.summary).toContain('Add Authorization')
    }
  )

  it("the emulator's ModelArts without an agency answers ModelArts.6379", async () => {
    emulator.options.noAgency = true
    const run = await runAgainst(emulator)
    expect(errorLine(run.log)).toMatch(/HTTP 400 ModelArts\.6379: .*Add Authorization/)
  })
})

describe('ModelArts cannot read the image in SWR', () => {
  it.each(['ModelArts.2885', 'ModelArts.6797', 'ModelArts.2810'])(
    '400 %s: what to check, and every dependency of a classic policy',
    async code => {
      const run = await registerAnswers(400, code)
      const line = errorLine(run.log) ?? ''
      expect(line).toContain('ModelArts could not read the image in SWR')
      expect(line).toContain('check that the tag was pushed, that the SWR organization exists')
      for (const dependency of REGISTER_DEPENDENCIES) expect(line).toContain(dependency)
    }
  )
})

describe('an image too large', () => {
  it.each(['ModelArts.6771', 'ModelArts.2845'])('400 %s: says so', async code => {
    const run = await registerAnswers(400, code)
    expect(errorLine(run.log)).toContain('the image is larger than ModelArts registers')
  })
})

describe('throttling codes are retried as 429 is, whatever the status', () => {
  it.each([
    [400, 'APIG.0308'],
    [403, 'APIGW.0308'],
    [400, 'ModelArts.2799'],
    [500, 'ModelArts.4206'],
    [400, 'ModelArts.6101']
  ])('RegisterImage answering %s %s is sent again, and registers once', async (status, code) => {
    emulator.inject(answer('POST', IMAGES, status, { errorCode: code }))
    const run = await runAgainst(emulator)
    expectOutcome(run, { failed: false, status: 'ACTIVE', created: 'true' })
    expect(emulator.count('POST', IMAGES)).toBe(2)
    expect(run.log).toContain(`throttled, retry 1`)
  })
})

describe('an encoded authorization message', () => {
  it('is shown, cleaned, for the administrator, with what to grant', async () => {
    emulator.inject(
      answerRegister(403, {
        error_code: 'ModelArts.0108',
        error_msg: 'You are not authorized to perform the (modelarts:image:register) operation.',
        encoded_authorization_message: 'ZW5jb2RlZA==\u001b[2J\u0007tail'
      })
    )
    const run = await runAgainst(emulator)
    const line = errorLine(run.log) ?? ''
    expect(line).toContain('encoded authorization message, for your administrator: ZW5jb2RlZA==')
    expect(line).toContain('tail')
    expect([...line].filter(c => c.charCodeAt(0) < 32)).toEqual([])
    expect(line).toMatch(/; grant modelarts:image:register$/)
  })
})

describe('the code table', () => {
  it.each(
    casesByValue({
      'no-agency': ['ModelArts.2785', 'ModelArts.6379', 'ModelArts.0428'],
      'cannot-read-image': ['ModelArts.2885', 'ModelArts.6797', 'ModelArts.2810'],
      'too-large': ['ModelArts.6771', 'ModelArts.2845'],
      throttled: ['APIG.0308', 'APIGW.0308', 'ModelArts.2799', 'ModelArts.4206', 'ModelArts.6101'],
      'no-such-api': ['APIG.0101', 'APIGW.0101']
    })
  )('%s means %s', (code, meaning) => {
    expect(meaningOf(code)).toBe(meaning)
  })

  it.each(['ModelArts.6737', '', 'constructor', 'toString'])('%j means nothing known', code => {
    expect(meaningOf(code)).toBeUndefined()
  })
})

describe('docs/troubleshooting.md', () => {
  const page = readFileSync('docs/troubleshooting.md', 'utf8')

  it.each(Object.keys(CODE_MEANINGS))('explains %s', code => {
    expect(page).toContain(`\`${code}\``)
  })

  it('lists the classic dependencies the code names', () => {
    for (const dependency of REGISTER_DEPENDENCIES) expect(page).toContain(`\`${dependency}\``)
  })
})
