/**
 * `npm start`: runs the bundled action (dist/index.js) against the built-in emulator, the way a
 * runner would, and shows the `with:` inputs it runs with, its log as the runner renders it
 * (annotations, masks; ::debug:: lines only with RUNNER_DEBUG=1), then its outputs and job summary.
 * No cloud account needed. `npm start -- --help` lists the scenarios.
 */
import { TEST_AK, TEST_SK, lifecycles, startEmulator } from '../tools/emulator/server.js'
import { renderLog, runProcess } from '../tools/runner.js'

/** Each scenario, and what it shows. */
const SCENARIOS: Record<string, string> = {
  success: 'register, wait through INIT → CREATING → ACTIVE; outputs and an ACTIVE summary',
  failed: 'the image ends CREATE_FAILED: the error line, the status message, a failure summary',
  rerun: 'a second run reuses the first registration (created=false, a "Reused" summary)',
  'dry-run': 'checks and looks up, says what it would register, writes nothing',
  'wrong-arch': 'arch: AARCH64 for an image built for linux/amd64 only: refused before registering',
  'keep-last':
    'keep_last: 2 with four older releases registered: keeps the new one, 0.9.1 and 0.8.0 (the newest two) and 0.9.0 (keep_tags); deletes 0.7.0',
  enterprise:
    'an arm64 image in an SWR Enterprise Edition instance (swr_instance_id): checked there, registered AARCH64'
}

const argument = process.argv[2]
if (argument === '--help' || argument === '-h') {
  console.log('npm start [-- <scenario>]: runs dist/index.js against the built-in emulator\n')
  console.log('scenarios:')
  const width = Math.max(...Object.keys(SCENARIOS).map(name => name.length))
  for (const [name, what] of Object.entries(SCENARIOS))
    console.log(`  ${name.padEnd(width)}  ${what}${name === 'success' ? ' (the default)' : ''}`)
  console.log('\nRUNNER_DEBUG=1 npm start shows the ::debug:: lines too.')
  process.exit(0)
}
const scenario = argument ?? 'success'
if (!(scenario in SCENARIOS)) {
  console.error(
    `unknown scenario "${scenario}": use ${Object.keys(SCENARIOS).join(', ')} (or --help)`
  )
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
if (scenario === 'keep-last') {
  // Older releases of the same image, registered days ago.
  const repository = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-training-image'
  for (const [tag, days] of [
    ['0.9.1', 1],
    ['0.9.0', 2],
    ['0.8.0', 3],
    ['0.7.0', 4]
  ] as const)
    emulator.seed(`${repository}:${tag}`, { ageMs: days * 86_400_000 })
}
// An Enterprise Edition instance: its registry at a host of its own (localhost:{port}).
const instance = scenario === 'enterprise' ? emulator.addInstance('instance-0001') : undefined
const instancePath = `${instance?.host}/team/trainer:1.0`
instance?.pushClassic(instancePath, 'linux/arm64')
console.log(`emulator (ModelArts + IAM + SWR) listening on ${emulator.url}\n`)

async function runOnce(title: string): Promise<number> {
  console.log(`── ${title}: node dist/index.js ──`)
  const inputs = {
    swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/my-training-image:1.0.0',
    access_key_id: TEST_AK,
    secret_access_key: TEST_SK,
    endpoint: emulator.url,
    iam_endpoint: emulator.url,
    swr_endpoint: emulator.url,
    resource_category: 'CPU,GPU',
    service_type: 'TRAIN',
    ...(scenario === 'dry-run' ? { dry_run: 'true' } : {}),
    ...(scenario === 'wrong-arch' ? { arch: 'AARCH64' } : {}),
    ...(scenario === 'keep-last' ? { keep_last: '2', keep_tags: '^0\\.9\\.0$' } : {}),
    ...(instance
      ? { swr_path: instancePath, region: 'cn-north-4', swr_instance_id: instance.id }
      : {})
  }
  printInputs(inputs)
  const run = await runProcess({
    inputs,
    env: debug ? { RUNNER_DEBUG: '1' } : {}
  })
  console.log(renderLog(run.stdout, debug))
  console.log(`── outputs (exit code ${run.code}) ──`)
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}=${value}`)
  console.log('\n── job summary ──')
  console.log(run.summary)
  return run.code ?? 1
}

/** The `with:` block of a workflow step that runs with these inputs; the secret is not shown. */
function printInputs(inputs: Record<string, string>): void {
  const notes: Record<string, string> = {
    access_key_id: 'the emulator’s test key',
    secret_access_key: 'the emulator’s test secret; in a workflow: ${{ secrets.HUAWEICLOUD_SK }}',
    endpoint: 'the emulator, in place of ModelArts',
    iam_endpoint: 'the emulator, in place of IAM',
    swr_endpoint: 'the emulator, in place of the SWR API'
  }
  console.log('with:')
  for (const [name, value] of Object.entries(inputs)) {
    const shown = name === 'secret_access_key' ? '***' : value
    const note = notes[name] ? `  # ${notes[name]}` : ''
    console.log(`  ${name}: ${/^[\w./:-]+$/.test(shown) ? shown : JSON.stringify(shown)}${note}`)
  }
  console.log('')
}

let code = await runOnce(scenario === 'rerun' ? 'first run' : 'run')
if (scenario === 'rerun') code = await runOnce('second run (same swr_path)')
await emulator.close()
// The failing scenarios fail on purpose: npm start itself succeeds when they show it.
process.exitCode = scenario === 'failed' || scenario === 'wrong-arch' ? 0 : code
