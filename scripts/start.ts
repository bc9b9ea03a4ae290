/**
 * `npm start`: runs the bundled action (dist/index.js) against the built-in emulator, the way a
 * runner would, and shows its log as the runner renders it (annotations, masks; ::debug:: lines
 * only with RUNNER_DEBUG=1), then its outputs and job summary. No cloud account needed.
 *
 *   npm start                 register, wait through INIT → CREATING → ACTIVE
 *   npm start -- failed       the image ends CREATE_FAILED
 *   npm start -- rerun        a second run reuses the first registration
 *   npm start -- dry-run      checks and looks up, says what it would do, writes nothing
 *   npm start -- wrong-arch   arch: AARCH64 for an image built for linux/amd64 only
 */
import { TEST_AK, TEST_SK, lifecycles, startEmulator } from '../tools/emulator/server.js'
import { renderLog, runProcess } from '../tools/runner.js'

const scenario = process.argv[2] ?? 'success'
const SCENARIOS = ['success', 'failed', 'rerun', 'dry-run', 'wrong-arch']
if (!SCENARIOS.includes(scenario)) {
  console.error(`unknown scenario "${scenario}": use ${SCENARIOS.join(', ')}`)
  process.exit(2)
}
const debug = process.env.RUNNER_DEBUG === '1'

const emulator = await startEmulator({
  lifecycleFor: () =>
    scenario === 'failed' ? lifecycles.failAfter(2500) : lifecycles.activeAfter(2500)
})
// Pushed as `docker buildx` pushes a multi-arch image: the action reads its platforms in SWR.
emulator.pushBuildx(
  'swr.cn-north-4.myhuaweicloud.com/my-org/my-training-image:1.0.0',
  scenario === 'wrong-arch' ? ['linux/amd64'] : ['linux/amd64', 'linux/arm64']
)
console.log(`emulator (ModelArts + IAM + SWR) listening on ${emulator.url}\n`)

async function runOnce(title: string): Promise<number> {
  console.log(`── ${title}: node dist/index.js ──`)
  const run = await runProcess({
    inputs: {
      swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/my-training-image:1.0.0',
      access_key_id: TEST_AK,
      secret_access_key: TEST_SK,
      endpoint: emulator.url,
      iam_endpoint: emulator.url,
      swr_endpoint: emulator.url,
      resource_category: 'CPU,GPU',
      service_type: 'TRAIN',
      ...(scenario === 'dry-run' ? { dry_run: 'true' } : {}),
      ...(scenario === 'wrong-arch' ? { arch: 'AARCH64' } : {})
    },
    env: debug ? { RUNNER_DEBUG: '1' } : {}
  })
  console.log(renderLog(run.stdout, debug))
  console.log(`── outputs (exit code ${run.code}) ──`)
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}=${value}`)
  console.log('\n── job summary ──')
  console.log(run.summary)
  return run.code ?? 1
}

let code = await runOnce(scenario === 'rerun' ? 'first run' : 'run')
if (scenario === 'rerun') code = await runOnce('second run (same swr_path)')
await emulator.close()
// The failing scenarios fail on purpose: npm start itself succeeds when they show it.
process.exitCode = scenario === 'failed' || scenario === 'wrong-arch' ? 0 : code
