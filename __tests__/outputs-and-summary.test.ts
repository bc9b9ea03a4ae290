/**
 * How a run ends, seen from the workflow: each outcome's headline, error line, outputs and
 * summary.
 */
import { describe, expect, it } from '@jest/globals'
import { lifecycles } from '../tools/emulator/server.js'
import { errorLine, runAgainst } from './helpers/run-action.js'
import { PATH, useEmulator } from './helpers/emulator.js'

describe('outcomes, each with its own headline and outputs', () => {
  const emulator = useEmulator({ lifecycleFor: () => lifecycles.activeAfter(60_000) })

  it('a timeout is not a failed registration, and says how to go on', async () => {
    const run = await runAgainst(emulator, { inputs: { timeout: '2s' } })
    expect(run.summary).toMatch(/^### ⏱️ Timed out waiting for ACTIVE: status `INIT`/)
    expect(run.summary).not.toContain('registration failed')
    expect(errorLine(run.log)).toMatch(
      /re-run the job to wait again \(the registration is reused\), or raise timeout$/
    )
  })

  it('reused, registered without waiting, cancelled: each says so', async () => {
    const waitFalse = await runAgainst(emulator, { inputs: { wait: 'false' } })
    expect(waitFalse.summary).toMatch(/^### ✅ Registered, not waited for: status `INIT`/)
    emulator.options.lifecycleFor = () => lifecycles.activeAtOnce()
    const path = 'swr.cn-north-4.myhuaweicloud.com/my-org/other:1.0'
    emulator.seed(path)
    const reused = await runAgainst(emulator, { inputs: { swr_path: path } })
    expect(reused.summary).toMatch(/^### ✅ Reused: the existing registration is ACTIVE/)
    const cancel = new AbortController()
    cancel.abort()
    const cancelled = await runAgainst(emulator, { signal: cancel.signal })
    expect(cancelled.summary).toMatch(/^### ⏹️ Cancelled/)
  })

  it('the summary table tells matrix jobs apart: architecture, service type, visibility, digest', async () => {
    emulator.options.lifecycleFor = () => lifecycles.activeAtOnce()
    const tag = emulator.pushBuildx(PATH, ['linux/arm64'])
    const run = await runAgainst(emulator, {
      inputs: { service_type: 'train', visibility: 'public' }
    })
    expect(run.summary).toContain('| Architecture | `AARCH64` |')
    expect(run.summary).toContain('| Service type | `TRAIN` |')
    expect(run.summary).toContain('| Visibility | `PUBLIC` |')
    expect(run.summary).toContain(`| Digest | \`${tag.digest}\` |`)
  })
})
