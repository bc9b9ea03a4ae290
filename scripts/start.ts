/**
 * `npm start`: runs the bundled action (dist/index.js) against the built-in emulator, the way a
 * runner would, and shows the `with:` inputs it runs with, its log as the runner renders it
 * (annotations, masks; ::debug:: lines only with RUNNER_DEBUG=1), then its outputs and job summary.
 * No cloud account needed. `npm start -- --with name=value …` runs your own inputs (the image
 * swr_path names is pushed first, for --platform's platforms, unless --not-pushed) with the kind of
 * credentials they give; `npm start -- --help` lists the scenarios. tools/launch.js compiles this
 * only when a source is newer than its build.
 */
import {
  RUNNER_REQUEST_TOKEN,
  TEST_AK,
  TEST_PROJECT_ID,
  TEST_SK,
  TEST_REGION,
  lifecycles,
  startEmulator
} from '../tools/emulator/server.js'
import { tagKey } from '../tools/emulator/swr.js'
import { trustAgency } from '../tools/emulator/sts.js'
import { renderLog, runProcess } from '../tools/runner.js'

/** Each scenario, and what it shows. */
const SCENARIOS: Record<string, string> = {
  success: 'register, wait through INIT → CREATING → ACTIVE; outputs and an ACTIVE summary',
  failed: 'the image ends CREATE_FAILED: the error line, the status message, a failure summary',
  rerun: 'a second run reuses the first registration (created=false, a "Reused" summary)',
  'dry-run': 'checks and looks up, says what it would register, writes nothing',
  'wrong-arch': 'arch: AARCH64 for an image built for linux/amd64 only: refused before registering',
  'keep-last':
    'keep_last: 3 with four older releases registered: keeps three (the new one, 0.9.1 and 0.8.0) and 0.9.0 (keep_tags, not counted); deletes 0.7.0',
  enterprise:
    'an arm64 image in an SWR Enterprise Edition instance (swr_instance_id): checked there, registered AARCH64'
}

const DEFAULT_PLATFORMS = ['linux/amd64', 'linux/arm64']

/** The command line: a scenario, `--with name=value` inputs, `--platform` platforms, `--not-pushed`. */
interface Arguments {
  scenario?: string
  with: Record<string, string>
  platforms: string[]
  help: boolean
  notPushed: boolean
}

function parseArguments(args: string[]): Arguments {
  const parsed: Arguments = { with: {}, platforms: [], help: false, notPushed: false }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    const value = (): string => {
      const next = args[++i]
      if (next === undefined) usageError(`${arg} needs a value`)
      return next
    }
    if (arg === '--help' || arg === '-h') parsed.help = true
    else if (arg === '--not-pushed') parsed.notPushed = true
    else if (arg === '--with' || arg.startsWith('--with=')) {
      const pair = arg === '--with' ? value() : arg.slice('--with='.length)
      const at = pair.indexOf('=')
      if (at < 1) usageError(`--with ${pair}: give name=value (e.g. --with arch=arm64)`)
      parsed.with[pair.slice(0, at).trim()] = pair.slice(at + 1)
    } else if (arg === '--platform' || arg.startsWith('--platform=')) {
      const list = arg === '--platform' ? value() : arg.slice('--platform='.length)
      parsed.platforms.push(
        ...list
          .split(',')
          .map(p => p.trim())
          .filter(Boolean)
      )
    } else if (!arg.startsWith('-') && parsed.scenario === undefined) parsed.scenario = arg
    else usageError(`unknown argument "${arg}"`)
  }
  return parsed
}

function usageError(message: string): never {
  console.error(`${message} (npm start -- --help)`)
  process.exit(2)
}

function printHelp(): void {
  console.log('npm start [-- <scenario>] [-- --with name=value …] [--platform os/arch,…]')
  console.log('Runs dist/index.js against the built-in emulator as a runner would (INPUT_*,')
  console.log('GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) and prints its log, outputs and job summary.\n')
  console.log('scenarios:')
  const width = Math.max(...Object.keys(SCENARIOS).map(name => name.length))
  for (const [name, what] of Object.entries(SCENARIOS))
    console.log(`  ${name.padEnd(width)}  ${what}${name === 'success' ? ' (the default)' : ''}`)
  console.log(`
options:
  --with name=value   an input of the step, as in a workflow's with: (repeat it); for example
                      npm start -- --with swr_path=swr.cn-north-4.myhuaweicloud.com/my-org/trainer:1.4.2 --with arch=arm64
                      endpoint, iam_endpoint and swr_endpoint point at the emulator; its test key
                      pair is used unless you give credentials of your own: access_key_id and
                      secret_access_key (with security_token: a temporary key), auth_token (an IAM
                      token), identity_provider or agency_urn (keyless, with the emulated token
                      service), each accepted by the emulator as given
                      (agency_urn with provider_urn: it plays GitHub's id-token service
                      and STS, trusting them)
  --platform list     the platforms the image swr_path names is pushed for, before the run
                      (default linux/amd64,linux/arm64; e.g. --platform linux/arm64)
  --not-pushed        push nothing: run a tag nobody pushed, to see what that gets (SWR's 404)

RUNNER_DEBUG=1 npm start shows the ::debug:: lines too.`)
}

const cli = parseArguments(process.argv.slice(2))
if (cli.help) {
  printHelp()
  process.exit(0)
}
const scenario = cli.scenario ?? 'success'
if (!(scenario in SCENARIOS)) {
  console.error(
    `unknown scenario "${scenario}": use ${Object.keys(SCENARIOS).join(', ')} (or --help)`
  )
  process.exit(2)
}
const debug = process.env.RUNNER_DEBUG === '1'

/** The region the run uses: the region input, else swr_path's registry's; IAM knows it. */
const userRegion =
  cli.with.region ??
  /^swr\.([a-z0-9-]+)\.myhuaweicloud\.(?:com|eu)\//.exec(cli.with.swr_path ?? '')?.[1]

const emulator = await startEmulator({
  lifecycleFor: () =>
    scenario === 'failed' ? lifecycles.failAfter(2500) : lifecycles.activeAfter(2500),
  projects: [
    { id: TEST_PROJECT_ID, name: TEST_REGION },
    ...(userRegion && userRegion !== TEST_REGION ? [{ id: TEST_PROJECT_ID, name: userRegion }] : [])
  ]
})
// Pushed as `docker buildx` pushes a multi-arch image: the action reads its platforms in SWR.
if (!cli.notPushed)
  emulator.pushBuildx(
    'swr.cn-north-4.myhuaweicloud.com/my-org/my-training-image:1.0.0',
    scenario === 'wrong-arch'
      ? ['linux/amd64']
      : cli.platforms.length
        ? cli.platforms
        : DEFAULT_PLATFORMS
  )
acceptCredentials()
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
  const keylessRun = keyless()
  const inputs: Record<string, string> = {
    swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/my-training-image:1.0.0',
    ...(ownCredentials() ? {} : { access_key_id: TEST_AK, secret_access_key: TEST_SK }),
    ...keylessRun.inputs,
    endpoint: emulator.url,
    iam_endpoint: emulator.url,
    swr_endpoint: emulator.url,
    resource_category: 'CPU,GPU',
    service_type: 'TRAIN',
    ...(scenario === 'dry-run' ? { dry_run: 'true' } : {}),
    ...(scenario === 'wrong-arch' ? { arch: 'AARCH64' } : {}),
    ...(scenario === 'keep-last' ? { keep_last: '3', keep_tags: '^0\\.9\\.0$' } : {}),
    ...(instance
      ? { swr_path: instancePath, region: 'cn-north-4', swr_instance_id: instance.id }
      : {}),
    ...cli.with
  }
  pushUserImage(inputs.swr_path ?? '')
  printInputs(inputs)
  const run = await runProcess({
    inputs,
    env: { ...(debug ? { RUNNER_DEBUG: '1' } : {}), ...keylessRun.env }
  })
  console.log(renderLog(run.stdout, debug))
  console.log(`── outputs (exit code ${run.code}) ──`)
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}=${value}`)
  console.log('\n── job summary ──')
  console.log(run.summary)
  return run.code ?? 1
}

/** The `with:` block of a workflow step that runs with these inputs; no secret is shown. */
function printInputs(inputs: Record<string, string>): void {
  const own = ownCredentials()
  const notes: Record<string, string> = {
    access_key_id: `${own ? 'yours' : 'the emulator’s test key'}; in a workflow: \${{ secrets.HUAWEI_CLOUD_AK }}`,
    secret_access_key: `${own ? 'yours' : 'the emulator’s test secret'}; in a workflow: \${{ secrets.HUAWEI_CLOUD_SK }}`,
    endpoint: 'the emulator, in place of ModelArts',
    iam_endpoint: 'the emulator, in place of IAM',
    swr_endpoint: 'the emulator, in place of the SWR API',
    sts_endpoint: 'the emulator, in place of STS'
  }
  console.log('with:')
  for (const [name, value] of Object.entries(inputs)) {
    const shown = SECRET_INPUTS.includes(name) ? '***' : value
    const note = notes[name] ? `  # ${notes[name]}` : ''
    console.log(`  ${name}: ${/^[\w./:*-]+$/.test(shown) ? shown : JSON.stringify(shown)}${note}`)
  }
  console.log('')
}

/** Inputs that hold a secret: shown as *** (the runner masks them too). */
const SECRET_INPUTS = ['secret_access_key', 'security_token', 'auth_token']
/** Inputs that make a run keyless: the id token comes from the emulated token service. */
const KEYLESS = ['identity_provider', 'agency_urn', 'provider_urn']
/** Inputs that give credentials of the user's own kind: then no test key pair is added. */
const OWN_CREDENTIALS = [
  'access_key_id',
  'secret_access_key',
  'security_token',
  'auth_token',
  ...KEYLESS
]

function ownCredentials(): boolean {
  return OWN_CREDENTIALS.some(name => name in cli.with)
}

/**
 * The user's own credentials, made known to the emulator as what they are (an access key, a
 * temporary key and its security token, an IAM token of the test project), so the run goes as it
 * would with real ones; a keyless run needs nothing here (the emulator trusts its token service).
 */
function acceptCredentials(): void {
  const { access_key_id: ak, secret_access_key: sk, security_token: token, auth_token } = cli.with
  if (auth_token) emulator.tokens.set(auth_token, TEST_PROJECT_ID)
  if (!ak || !sk) return
  if (token) emulator.temporaryKeys.set(ak, { secretAccessKey: sk, securityToken: token })
  else emulator.accessKeys.set(ak, sk)
}

/**
 * Keyless runs (agency_urn, provider_urn, identity_provider): the runner's id-token service (the
 * job has `id-token: write`), STS on the emulator, and the user's agency and provider trusted.
 */
function keyless(): { inputs: Record<string, string>; env: Record<string, string> } {
  const { agency_urn: agencyUrn, provider_urn: providerUrn, audience } = cli.with
  if (!agencyUrn && !providerUrn && !cli.with.identity_provider) return { inputs: {}, env: {} }
  if (agencyUrn && providerUrn) trustAgency(emulator, { agencyUrn, providerUrn, audience })
  return {
    inputs: agencyUrn || providerUrn ? { sts_endpoint: emulator.url } : {},
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: emulator.idTokenRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: RUNNER_REQUEST_TOKEN
    }
  }
}

/**
 * The image the user's swr_path names, pushed as `docker buildx` pushes it (--platform's
 * platforms, multi-arch by default) unless a scenario pushed it; a path without its registry is
 * keyed from its namespace, as the region's registry is put in front of it.
 */
function pushUserImage(swrPath: string): void {
  const skip = cli.notPushed || !('swr_path' in cli.with) || cli.with.swr_instance_id
  if (skip || !swrPath || swrPath.includes('@')) return
  const first = swrPath.split('/')[0] ?? ''
  const path = /[.:]/.test(first) ? swrPath : `registry/${swrPath}`
  if (emulator.swrTags.has(tagKey(path)) && !cli.platforms.length) return
  emulator.pushBuildx(path, cli.platforms.length ? cli.platforms : DEFAULT_PLATFORMS)
}

let code = await runOnce(scenario === 'rerun' ? 'first run' : 'run')
if (scenario === 'rerun') code = await runOnce('second run (same swr_path)')
await emulator.close()
// The failing scenarios, and a tag nobody pushed, fail on purpose: npm start succeeds when they show it.
process.exitCode = scenario === 'failed' || scenario === 'wrong-arch' || cli.notPushed ? 0 : code
