/**
 * Mask first, then shorten: an IAM token of several KB that a server echoes (in status_message, an
 * error code, an error message, a request id) leaves no piece of itself in the outputs, the log, the
 * error line or the summary, however the text around it is cut.
 */
import { describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { TEST_PROJECT_ID, lifecycles } from '../tools/emulator/server.js'
import { type ActionRun, errorLine, runAgainst } from './helpers/run-action.js'
import { useEmulator } from './helpers/emulator.js'

/** An IAM token's size and alphabet (base64: + / = are there to be URL-encoded). */
const TOKEN = `MIIZ${randomBytes(4800).toString('base64')}`
const PIECE = 40

const emulator = useEmulator({ lifecycleFor: () => lifecycles.failAfter(300) }, started => {
  started.tokens.set(TOKEN, TEST_PROJECT_ID)
})

/** The first piece of the token (PIECE characters) found in `text`, if any. */
function pieceOfToken(text: string): string | undefined {
  const pieces = new Set<string>()
  for (let at = 0; at + PIECE <= TOKEN.length; at++) pieces.add(TOKEN.slice(at, at + PIECE))
  for (let at = 0; at + PIECE <= text.length; at++) {
    const piece = text.slice(at, at + PIECE)
    if (pieces.has(piece)) return piece
  }
  return undefined
}

/** What a reader of the run sees: the outputs, the log (the runner's own mask commands aside), the summary, the error line. */
function visible(run: ActionRun): Record<string, string> {
  return {
    outputs: Object.values(run.outputs).join('\n'),
    log: run.log
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n'),
    summary: run.summary,
    error: errorLine(run.log) ?? ''
  }
}

const run = () =>
  runAgainst(emulator, {
    withKeys: false,
    inputs: { auth_token: TOKEN, project_id: TEST_PROJECT_ID, check_image: 'false' }
  })

describe('a several-KB token echoed by the server leaves no piece of itself', () => {
  it('in status_message (cut at 2,048 characters)', async () => {
    emulator.options.echoTokenInStatusMessage = true
    const result = await run()
    expect(result.failed).toBe(true)
    // The message did reach every place, masked.
    expect(result.outputs.status_message).toContain("the request's token *** was refused")
    expect(errorLine(result.log)).toContain('***')
    for (const [where, text] of Object.entries(visible(result)))
      expect([where, pieceOfToken(text)]).toEqual([where, undefined])
  })

  it('in the error code, the error message and the request id (cut at 64, 512 and 128)', async () => {
    emulator.inject({ kind: 'echo-token', method: 'POST', path: /\/images$/, times: Infinity })
    const result = await run()
    expect(result.failed).toBe(true)
    expect(errorLine(result.log)).toMatch(
      /HTTP 400 ModelArts\.\*\*\*: token \*\*\* is not valid \(request id \*\*\*\)/
    )
    for (const [where, text] of Object.entries(visible(result)))
      expect([where, pieceOfToken(text)]).toEqual([where, undefined])
  })
})
