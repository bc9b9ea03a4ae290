/**
 * `npm run bench`: measures what users feel, against the emulator, with the bundled action
 * (dist/index.js) run as a runner runs it. Prints a Markdown table; every timing is a median of
 * repeated runs and is compared, as a ratio, with a baseline measured in the same run.
 *
 *   BENCH_RUNS=15   repetitions for the start-to-finish timings (default 15)
 *   BENCH_QUICK=1   skip the 60 s detection-lag case
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { readFileSync } from 'node:fs'
import {
  type Emulator,
  TEST_AK,
  TEST_PROJECT_ID,
  TEST_SK,
  lifecycles,
  startEmulator
} from '../tools/emulator/server.js'

const NODE = process.execPath
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const QUICK = process.env.BENCH_QUICK === '1'
const ROOT = process.cwd()
const RSS_PROBE = join(mkdtempSync(join(tmpdir(), 'bench-')), 'rss.mjs')
writeFileSync(
  RSS_PROBE,
  "process.on('exit', () => process.stderr.write(`\\nmaxrss_kb=${process.resourceUsage().maxRSS}\\n`))\n"
)

interface Exec {
  ms: number
  code: number | null
  stdout: string
  stderr: string
  endedAt: number
}

function exec(args: string[], env: Record<string, string> = {}): Promise<Exec> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-'))
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, args, {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        GITHUB_OUTPUT: join(dir, 'out'),
        GITHUB_STEP_SUMMARY: join(dir, 'summary'),
        ...env
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    writeFileSync(join(dir, 'out'), '')
    writeFileSync(join(dir, 'summary'), '')
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('close', code =>
      resolve({ ms: performance.now() - started, code, stdout, stderr, endedAt: Date.now() })
    )
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

let tagCounter = 0
function actionEnv(emulator: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  const inputs: Record<string, string> = {
    swr_path: `swr.cn-north-4.myhuaweicloud.com/bench/image:t${++tagCounter}`,
    access_key_id: TEST_AK,
    secret_access_key: TEST_SK,
    project_id: TEST_PROJECT_ID,
    endpoint: emulator.url,
    iam_endpoint: emulator.url,
    ...extra
  }
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
}

function must(run: Exec, what: string): Exec {
  if (run.code !== 0)
    throw new Error(`${what} failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`)
  return run
}

const rows: string[][] = []
const row = (...cells: string[]): number => rows.push(cells)
const fmt = (ms: number): string =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`

console.log(`node ${process.version} (${NODE}), ${RUNS} runs per timing\n`)

// 1. Start to finish of one registration that is ACTIVE at once.
{
  const emulator = await startEmulator({ lifecycleFor: () => lifecycles.activeAtOnce() })
  const bare: number[] = []
  const action: number[] = []
  const sdk: number[] = []
  const loadOnly: number[] = []
  for (let i = 0; i < RUNS; i++) {
    bare.push(must(await exec(['-e', '0']), 'bare node').ms)
    action.push(must(await exec(['dist/index.js'], actionEnv(emulator)), 'action').ms)
    loadOnly.push((await exec(['dist/index.js'], { INPUT_SWR_PATH: 'x' })).ms)
    sdk.push(
      must(
        await exec(['.build/scripts/sdk-register.js'], {
          SWR_PATH: `swr.cn-north-4.myhuaweicloud.com/bench/sdk:t${++tagCounter}`,
          ENDPOINT: emulator.url,
          AK: TEST_AK,
          SK: TEST_SK,
          PROJECT_ID: TEST_PROJECT_ID
        }),
        'SDK script'
      ).ms
    )
  }
  await emulator.close()
  const [b, a, s, l] = [median(bare), median(action), median(sdk), median(loadOnly)]
  row(
    'Start to finish, image ACTIVE at once (action)',
    fmt(a),
    `${(a / b).toFixed(2)}× bare node, ${(a / s).toFixed(2)}× SDK script`,
    '≤ 2.0× bare, ≤ 0.6× SDK'
  )
  row('  bare `node -e 0`', fmt(b), '1.00×', '')
  row(
    '  same register-and-poll with the official SDK core',
    fmt(s),
    `${(s / b).toFixed(2)}× bare node`,
    ''
  )
  row(
    '  action bundle load, no request (input error)',
    fmt(l),
    `${(l / b).toFixed(2)}× bare node`,
    ''
  )
}

// 1b. What each import the bundle holds costs on its own (unbundled, first import in a fresh process).
{
  for (const name of ['node:https', '@actions/core', '@actions/http-client']) {
    const times: number[] = []
    for (let i = 0; i < Math.min(RUNS, 7); i++) {
      const code = `const t = performance.now(); await import('${name}'); console.log(performance.now() - t)`
      const run = must(await exec(['--input-type=module', '-e', code]), name)
      times.push(Number(run.stdout.trim()))
    }
    row(`  import ${name} (unbundled)`, fmt(median(times)), '', '')
  }
}

// 2. Detection lag with the default polling: images turning ACTIVE 2.5 s, 12 s, 60 s after registration.
{
  const delays = QUICK ? [2500, 12_000] : [2500, 12_000, 60_000]
  const reps = 5
  const emulator = await startEmulator({
    lifecycleFor: path => lifecycles.activeAfter(Number(/:d(\d+)-/.exec(path)?.[1]))
  })
  const jobs = delays.flatMap(delay =>
    Array.from({ length: reps }, async (_, i) => {
      const tag = `d${delay}-${i}`
      const run = must(
        await exec(
          ['dist/index.js'],
          actionEnv(emulator, { swr_path: `swr.cn-north-4.myhuaweicloud.com/bench/lag:${tag}` })
        ),
        'lag run'
      )
      const image = [...emulator.images.values()].find(im => im.tag === tag)
      if (!image) throw new Error(`no image for ${tag}`)
      const checks = emulator.requests.filter(
        r => r.method === 'GET' && r.path.endsWith(`/images/${image.id}`)
      ).length
      return { delay, lag: run.endedAt - (image.createdAt + delay), checks }
    })
  )
  const results = await Promise.all(jobs)
  await emulator.close()
  for (const delay of delays) {
    const mine = results.filter(r => r.delay === delay)
    const lag = median(mine.map(r => r.lag))
    const checks = median(mine.map(r => r.checks))
    const goal = Math.max(1200, delay * 0.35)
    row(
      `Detection lag, ACTIVE ${delay / 1000} s after registering`,
      fmt(lag),
      `${(lag / delay).toFixed(2)} of the wait; ${checks} status requests`,
      `≤ ${fmt(goal)}${delay === 12_000 ? ', ≤ 8 requests' : ''}`
    )
  }
}

// 3. A matrix of 8 concurrent jobs against a service limited to 4 requests per second.
{
  const emulator = await startEmulator({
    rateLimitPerSecond: 4,
    lifecycleFor: () => lifecycles.activeAfter(5000)
  })
  const started = Date.now()
  const jobs = Array.from({ length: 8 }, (_, i) =>
    exec(
      ['dist/index.js'],
      actionEnv(emulator, {
        project_id: '', // each job also looks its project up in IAM, as a matrix without project_id does
        swr_path: `swr.cn-north-4.myhuaweicloud.com/bench/matrix:v1-${i % 2 ? 'arm64' : 'amd64'}-${i}`,
        arch: i % 2 ? 'AARCH64' : 'X86_64'
      })
    )
  )
  const runs = await Promise.all(jobs)
  await emulator.close()
  const ok = runs.filter(r => r.code === 0).length
  const slowest = Math.max(...runs.map(r => r.endedAt)) - started
  row(
    'Matrix: 8 concurrent jobs, service limited to 4 requests/s',
    `${ok}/8 succeeded`,
    `${emulator.throttled} answers throttled (429); slowest job ${fmt(slowest)}`,
    'all 8 succeed'
  )
}

// 4. Memory and size.
{
  const emulator = await startEmulator({ lifecycleFor: () => lifecycles.activeAfter(1500) })
  const rss: number[] = []
  for (let i = 0; i < 5; i++) {
    const run = must(
      await exec(['--import', RSS_PROBE, 'dist/index.js'], actionEnv(emulator)),
      'rss run'
    )
    rss.push(Number(/maxrss_kb=(\d+)/.exec(run.stderr)?.[1]) / 1024)
  }
  await emulator.close()
  const bundle = join(ROOT, 'dist', 'index.js')
  row('Peak RSS of one run (register + 2 checks)', `${median(rss).toFixed(1)} MiB`, '', '≤ 60 MiB')
  row(
    'Size of dist/index.js',
    `${(statSync(bundle).size / 1024).toFixed(0)} KiB`,
    `${(gzipSync(readFileSync(bundle)).length / 1024).toFixed(0)} KiB gzipped`,
    ''
  )
}

console.log('| measure | result | detail | goal |')
console.log('|---|---|---|---|')
for (const cells of rows) console.log(`| ${cells.join(' | ')} |`)
