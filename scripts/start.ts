/**
 * `npm start`: runs the bundled action (dist/index.js) against the built-in emulator, the way a
 * runner would, and prints its log, outputs and job summary. No cloud account needed.
 *
 *   npm start                 register, wait through INIT → CREATING → ACTIVE
 *   npm start -- failed       the image ends CREATE_FAILED
 *   npm start -- rerun        a second run reuses the first registration
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TEST_AK, TEST_SK, lifecycles, startEmulator } from '../__tests__/emulator/server.js'

const scenario = process.argv[2] ?? 'success'
if (!['success', 'failed', 'rerun'].includes(scenario)) {
  console.error(`unknown scenario "${scenario}": use success, failed or rerun`)
  process.exit(2)
}

const emulator = await startEmulator({
  lifecycleFor: () =>
    scenario === 'failed' ? lifecycles.failAfter(2500) : lifecycles.activeAfter(2500)
})
console.log(`emulator (ModelArts + IAM) listening on ${emulator.url}\n`)

async function runOnce(title: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'modelarts-action-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const inputs: Record<string, string> = {
    swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/my-training-image:1.0.0',
    access_key_id: TEST_AK,
    secret_access_key: TEST_SK,
    endpoint: emulator.url,
    iam_endpoint: emulator.url,
    resource_category: 'CPU,GPU',
    service_type: 'TRAIN'
  }
  console.log(`── ${title}: node dist/index.js ──`)
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/index.js'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        ...Object.fromEntries(
          Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])
        ),
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        GITHUB_REPOSITORY: process.env.GITHUB_REPOSITORY ?? 'octo-org/ml-images',
        GITHUB_SHA: process.env.GITHUB_SHA ?? '9f1c2ab7e4d3c0ffee',
        GITHUB_WORKFLOW: process.env.GITHUB_WORKFLOW ?? 'build-and-register',
        GITHUB_RUN_ID: process.env.GITHUB_RUN_ID ?? '1'
      }
    })
    child.on('error', reject)
    child.on('close', status => resolve(status ?? 1))
  })
  console.log(`\n── outputs (exit code ${code}) ──`)
  console.log(
    readFileSync(outputFile, 'utf8').replace(
      /^(\w+)<<(ghadelimiter_\S+)\n([\s\S]*?)\n\2$/gm,
      '$1=$3'
    )
  )
  console.log('── job summary ──')
  console.log(readFileSync(summaryFile, 'utf8'))
  return code
}

let code = await runOnce(scenario === 'rerun' ? 'first run' : 'run')
if (scenario === 'rerun') code = await runOnce('second run (same swr_path)')
await emulator.close()
process.exitCode = scenario === 'failed' ? 0 : code
