/**
 * `npm run bench`: measures what users feel, against the emulator, with the bundled action
 * (dist/index.js) run as a runner runs it (Node 24: this node when it is 24 or newer, else
 * tools/node24's). Prints a Markdown table with a ✓ or ✗ beside every goal; every timing is a median of repeated runs and is compared, as a ratio,
 * with a baseline measured in the same run, alternating. Benchmarks are not tests: it exits 0.
 *
 *   BENCH_RUNS=15   repetitions for the start-up and start-to-finish timings (default 15)
 *   BENCH_QUICK=1   skip the 60 s detection-lag case
 *   BENCH_ONLY=roundtrips,startup   only these parts (startup, finish, lag, matrix, memory, roundtrips,
 *     busy); the parts may also be named as arguments: `npm run bench -- busy`
 *   BENCH_PEER=path/to/index.js   a peer action's bundle to compare start-up and memory with
 *     (google-github-actions/auth v3's dist/index.js); without it those rows have no peer
 *   BENCH_RTT_MS=200   the delay of every answer in the round-trip part; BENCH_RTT_RUNS=7 its runs
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import {
  type Emulator,
  TEST_AK,
  TEST_PROJECT_ID,
  TEST_SK,
  lifecycles,
  startEmulator
} from '../tools/emulator/server.js'
import { type ProcessRun, runProcess } from '../tools/runner.js'
import { tagKey } from '../tools/emulator/swr.js'

// tools/node24 is plain JS beside the sources (jest's global setup and .ci/run use it too), so it
// is loaded from there rather than from the compiled .build/ tree; it answers this node when >= 24.
const node24 = (await import(
  pathToFileURL(join(process.cwd(), 'tools', 'node24', 'install.js')).href
)) as typeof import('../tools/node24/install.js')
const NODE = node24.ensureNode24() ?? process.execPath
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const QUICK = process.env.BENCH_QUICK === '1'
const ROOT = process.cwd()
const PEER = process.env.BENCH_PEER || undefined
const PARTS = ['startup', 'finish', 'lag', 'matrix', 'memory', 'roundtrips', 'busy'] as const
const ONLY = [...(process.env.BENCH_ONLY ?? '').split(','), ...process.argv.slice(2)].filter(
  part => part.trim() !== ''
)
for (const part of ONLY)
  if (!(PARTS as readonly string[]).includes(part))
    throw new Error(`BENCH_ONLY: unknown part ${part}; the parts are ${PARTS.join(', ')}`)
/** Whether this part of the bench runs (every part unless BENCH_ONLY names some). */
const runs = (part: (typeof PARTS)[number]): boolean => ONLY.length === 0 || ONLY.includes(part)
const probeDir = mkdtempSync(join(tmpdir(), 'bench-'))
const RSS_PROBE = join(probeDir, 'rss.mjs')
writeFileSync(
  RSS_PROBE,
  "process.on('exit', () => process.stderr.write(`\\nmaxrss_kb=${process.resourceUsage().maxRSS}\\n`))\n"
)

function node(
  args: string[],
  inputs: Record<string, string> = {},
  env: Record<string, string> = {}
) {
  return runProcess({ node: NODE, args, inputs, env })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

let tagCounter = 0
/** The inputs of one run; its swr_path is pushed first unless it is already (SWR 404s the rest). */
function actionInputs(emulator: Emulator, extra: Record<string, string> = {}) {
  const swrPath = extra.swr_path ?? `swr.cn-north-4.myhuaweicloud.com/bench/image:t${++tagCounter}`
  if (!emulator.swrTags.has(tagKey(swrPath))) emulator.pushBuildx(swrPath)
  return {
    swr_path: swrPath,
    access_key_id: TEST_AK,
    secret_access_key: TEST_SK,
    project_id: TEST_PROJECT_ID,
    endpoint: emulator.url,
    iam_endpoint: emulator.url,
    swr_endpoint: emulator.url,
    ...extra
  }
}

function must(run: ProcessRun, what: string): ProcessRun {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.stdout}`)
  return run
}

const rows: string[][] = []
/** A row; `met` is undefined for rows without a goal. */
const row = (measure: string, result: string, detail: string, goal = '', met?: boolean): void =>
  void rows.push([measure, result, detail, met === undefined ? goal : `${met ? '✓' : '✗'} ${goal}`])
const fmt = (ms: number): string =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`

console.log(
  `node ${process.version} runs the bench; the action runs on ${NODE}; ${RUNS} runs per timing\n`
)

/** The peer's peak RSS at start-up, for the memory goal (≤ 1.05× the peer). */
let peerPeakRss = 0

// 1. Start-up, side by side: this action and a peer action each failing its own input check (the
//    whole bundle loaded, no request), and bare node; alternating, same Node, same run.
if (runs('startup')) {
  const bare: number[] = []
  const action: number[] = []
  const peer: number[] = []
  const actionRss: number[] = []
  const peerRss: number[] = []
  const rssOf = (run: ProcessRun): number => Number(/maxrss_kb=(\d+)/.exec(run.stdout)?.[1]) / 1024
  for (let i = 0; i < RUNS; i++) {
    bare.push(must(await node(['-e', '0']), 'bare node').ms)
    const a = await node(['--import', RSS_PROBE, 'dist/index.js'], { swr_path: 'x' })
    if (!a.stdout.includes('::error::'))
      throw new Error(`the action did not refuse its input:\n${a.stdout}`)
    action.push(a.ms)
    actionRss.push(rssOf(a))
    if (!PEER) continue
    const p = await node(['--import', RSS_PROBE, PEER])
    if (!p.stdout.includes('::error::'))
      throw new Error(`the peer did not refuse its input:\n${p.stdout}`)
    peer.push(p.ms)
    peerRss.push(rssOf(p))
  }
  const [b, a, p] = [median(bare), median(action), median(peer)]
  peerPeakRss = median(peerRss)
  if (PEER) {
    row(
      'Start-up: input check fails (this action)',
      fmt(a),
      `${(a / b).toFixed(2)}× bare node, ${(a / p).toFixed(2)}× the peer`,
      '≤ the peer',
      a <= p
    )
    row(
      '  peer: google-github-actions/auth v3 failing its input check',
      fmt(p),
      `${(p / b).toFixed(2)}× bare node`
    )
  } else {
    row(
      'Start-up: input check fails (this action)',
      fmt(a),
      `${(a / b).toFixed(2)}× bare node`,
      '≤ the peer (set BENCH_PEER)'
    )
  }
  row('  bare `node -e 0`', fmt(b), '1.00×')
  row(
    PEER ? '  peak RSS at start-up: this action / the peer' : '  peak RSS at start-up',
    `${median(actionRss).toFixed(1)} MiB`,
    PEER ? `peer ${median(peerRss).toFixed(1)} MiB` : ''
  )
}

// 2. Start to finish of one registration that is ACTIVE at once, against the official SDK core.
if (runs('finish')) {
  const emulator = await startEmulator({ lifecycleFor: () => lifecycles.activeAtOnce() })
  const bare: number[] = []
  const action: number[] = []
  const sdk: number[] = []
  for (let i = 0; i < RUNS; i++) {
    bare.push(must(await node(['-e', '0']), 'bare node').ms)
    action.push(must(await node(['dist/index.js'], actionInputs(emulator)), 'action').ms)
    sdk.push(
      must(
        await node(
          ['.build/scripts/sdk-register.js'],
          {},
          {
            SWR_PATH: `swr.cn-north-4.myhuaweicloud.com/bench/sdk:t${++tagCounter}`,
            ENDPOINT: emulator.url,
            AK: TEST_AK,
            SK: TEST_SK,
            PROJECT_ID: TEST_PROJECT_ID
          }
        ),
        'SDK script'
      ).ms
    )
  }
  await emulator.close()
  const [b, a, s] = [median(bare), median(action), median(sdk)]
  row(
    'Start to finish, image ACTIVE at once (action)',
    fmt(a),
    `${(a / b).toFixed(2)}× bare node, ${(a / s).toFixed(2)}× the SDK script`,
    '≤ 0.6× SDK',
    a <= 0.6 * s
  )
  row(
    '  same register-and-poll with the official SDK core',
    fmt(s),
    `${(s / b).toFixed(2)}× bare node`
  )
}

// 3. Detection lag with the default polling: images turning ACTIVE 2.5 s, 12 s, 60 s after registration.
if (runs('lag')) {
  const delays = QUICK ? [2500, 12_000] : [2500, 12_000, 60_000]
  const reps = 5
  const emulator = await startEmulator({
    lifecycleFor: path => lifecycles.activeAfter(Number(/:d(\d+)-/.exec(path)?.[1]))
  })
  const jobs = delays.flatMap(delay =>
    Array.from({ length: reps }, async (_, i) => {
      const tag = `d${delay}-${i}`
      const run = must(
        await node(
          ['dist/index.js'],
          actionInputs(emulator, { swr_path: `swr.cn-north-4.myhuaweicloud.com/bench/lag:${tag}` })
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
    const requestGoal = delay === 12_000 ? 8 : Infinity
    row(
      `Detection lag, ACTIVE ${delay / 1000} s after registering`,
      fmt(lag),
      `${(lag / delay).toFixed(2)} of the wait; ${checks} status requests`,
      `≤ ${fmt(goal)}${delay === 12_000 ? ', ≤ 8 requests' : ''}`,
      lag <= goal && checks <= requestGoal
    )
  }
}

// 4. A matrix of 8 concurrent jobs against a service limited to 1 request per second.
if (runs('matrix')) {
  const emulator = await startEmulator({
    rateLimitPerSecond: 1,
    lifecycleFor: () => lifecycles.activeAfter(5000)
  })
  const started = Date.now()
  // Each job pushed its own architecture's image; the action reads it in SWR (no arch input).
  const runs = await Promise.all(
    Array.from({ length: 8 }, (_, i) => {
      const platform = i % 2 ? 'arm64' : 'amd64'
      const path = `swr.cn-north-4.myhuaweicloud.com/bench/matrix:v1-${platform}-${i}`
      emulator.pushBuildx(path, [`linux/${platform}`])
      return node(
        ['dist/index.js'],
        actionInputs(emulator, {
          project_id: '', // each job also looks its project up in IAM, as a matrix without project_id does
          swr_path: path
        })
      )
    })
  )
  await emulator.close()
  const ok = runs.filter(r => r.code === 0).length
  for (const run of runs.filter(r => r.code !== 0))
    console.error(run.stdout.split('\n').slice(-3).join('\n'))
  const slowest = Math.max(...runs.map(r => r.endedAt)) - started
  row(
    'Matrix: 8 concurrent jobs, service limited to 1 request/s',
    `${ok}/8 succeeded`,
    `${emulator.throttled} answers throttled (429); ${emulator.requests.length} requests; slowest job ${fmt(slowest)}`,
    'all 8 succeed, well within the 15 min timeout',
    ok === 8 && slowest < 5 * 60_000
  )
}

// 5. Memory and size of a whole run.
if (runs('memory')) {
  const emulator = await startEmulator({ lifecycleFor: () => lifecycles.activeAfter(1500) })
  const rss: number[] = []
  for (let i = 0; i < 5; i++) {
    const run = must(
      await node(['--import', RSS_PROBE, 'dist/index.js'], actionInputs(emulator)),
      'rss run'
    )
    rss.push(Number(/maxrss_kb=(\d+)/.exec(run.stdout)?.[1]) / 1024)
  }
  await emulator.close()
  const peak = median(rss)
  const limit = 1.05 * peerPeakRss
  row(
    'Peak RSS of one run (register + 2 checks)',
    `${peak.toFixed(1)} MiB`,
    peerPeakRss
      ? `${(peak / peerPeakRss).toFixed(2)}× the peer's peak (${peerPeakRss.toFixed(1)} MiB)`
      : 'no peer measured (BENCH_PEER, with the start-up part)',
    peerPeakRss
      ? `≤ 1.05× the peer (${limit.toFixed(1)} MiB)`
      : '≤ 1.05× the peer (set BENCH_PEER)',
    peerPeakRss ? peak <= limit : undefined
  )
  const files = ['index.js', ...readdirChunks()]
  const size = files.reduce((sum, f) => sum + statSync(join(ROOT, 'dist', f)).size, 0)
  const gz = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(ROOT, 'dist', f))).length, 0)
  row(
    'Size of dist/ (index.js and its lazily loaded chunks)',
    `${(size / 1024).toFixed(0)} KiB`,
    `${(gz / 1024).toFixed(0)} KiB gzipped`
  )
}

// 6. The critical path in round trips: every endpoint (ModelArts, IAM, SWR's API, the registry, its
//    object storage) answers after a fixed delay, as on a runner far from the region. A run's
//    round trips are its extra time over the same run with no delay, divided by the delay
//    (medians, alternating): start-up and the work between requests cancel out.
if (runs('roundtrips')) {
  const delay = Number(process.env.BENCH_RTT_MS ?? 200)
  const reps = Number(process.env.BENCH_RTT_RUNS ?? 7)
  const far = await startEmulator({ answerDelayMs: delay, blobRedirect: true })
  const near = await startEmulator({ blobRedirect: true })
  const cases: {
    measure: string
    floor: string
    target: number
    classic: boolean
    extra: Record<string, string>
  }[] = [
    {
      measure: 'Round trips: buildx image (an index), project_id given',
      floor: '3',
      target: 3.5,
      classic: false,
      extra: {}
    },
    {
      measure: 'Round trips: the same, project looked up in IAM',
      // IAM first and alone (the first signed request), then as above.
      floor: '4',
      target: 5.5,
      classic: false,
      extra: { project_id: '' }
    },
    {
      measure: 'Round trips: classic push, read through its config blob',
      // The check: the tag, the login beside the challenge, the token, the redirect, the blob; then two.
      floor: '7',
      target: 8,
      classic: true,
      extra: { region: 'cn-north-4' }
    }
  ]
  for (const c of cases) {
    const timed = { far: [] as number[], near: [] as number[] }
    let requests = 0
    for (let i = 0; i < reps; i++) {
      for (const [name, emulator] of [
        ['near', near],
        ['far', far]
      ] as const) {
        const path = c.classic
          ? `${emulator.registryHost}/bench/classic:t${++tagCounter}`
          : `swr.cn-north-4.myhuaweicloud.com/bench/buildx:t${++tagCounter}`
        if (c.classic) emulator.pushClassic(path, 'linux/amd64')
        else emulator.pushBuildx(path, ['linux/amd64', 'linux/arm64'])
        const before = emulator.requests.length + emulator.blobStoreRequests.length
        const run = must(
          await node(['dist/index.js'], actionInputs(emulator, { swr_path: path, ...c.extra })),
          c.measure
        )
        timed[name].push(run.ms)
        requests = emulator.requests.length + emulator.blobStoreRequests.length - before
      }
    }
    // Each far run against the near run just before it: a load that drifts cancels out too.
    const [slow, fast] = [median(timed.far), median(timed.near)]
    const trips = median(timed.far.map((ms, i) => ms - (timed.near[i] ?? 0))) / delay
    row(
      c.measure,
      `${trips.toFixed(1)} round trips`,
      `floor ${c.floor}; ${fmt(slow)} at ${delay} ms a request, ${fmt(fast)} with none; ${requests} requests`,
      `≤ ${c.target}`,
      trips <= c.target
    )
  }
  await Promise.all([far.close(), near.close()])
}

// 7. A busy repository: 16 jobs register 16 tags of one repository that holds 350 registrations,
//    starting within 3 s of each other, every request taking 100 ms; with and without keep_last
//    (whose deletes change the list the later jobs read). Then a look-up of a nested name in a
//    namespace of 20,000 registrations, read to its end.
if (runs('busy')) {
  const repository = 'swr.cn-north-4.myhuaweicloud.com/bench/busy'
  const hour = 3_600_000
  for (const keepLast of [undefined, '5']) {
    const emulator = await startEmulator({
      answerDelayMs: 100,
      lifecycleFor: () => lifecycles.activeAfter(3000)
    })
    emulator.seedMany(350, i => `${repository}:old-${i}`, { ageMs: 2 * hour })
    const started = Date.now()
    const jobs = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        await new Promise(resolve => setTimeout(resolve, Math.round((3000 * i) / 16)))
        return node(
          ['dist/index.js'],
          actionInputs(emulator, {
            swr_path: `${repository}:v${i}`,
            ...(keepLast ? { keep_last: keepLast } : {})
          })
        )
      })
    )
    await emulator.close()
    const ok = jobs.filter(r => r.code === 0).length
    for (const run of jobs.filter(r => r.code !== 0))
      console.error(run.stdout.split('\n').slice(-3).join('\n'))
    const once = Array.from({ length: 16 }, (_, i) => `v${i}`).filter(
      tag => [...emulator.images.values()].filter(im => im.tag === tag && !im.deleted).length === 1
    ).length
    const registered = [...emulator.images.values()].filter(im => im.tag.startsWith('v')).length
    // Each request the action sends is one debug line of its log.
    const sent = jobs.map(r => (r.stdout.match(/^::debug::[A-Z]+ \/\S* -> /gm) ?? []).length)
    const slowest = Math.max(...jobs.map(r => r.endedAt)) - started
    row(
      `Busy repository: 16 jobs, 350 registrations, 100 ms a request${keepLast ? `, keep_last ${keepLast}` : ''}`,
      `${ok}/16 succeeded`,
      `each tag registered once: ${once}/16 (${registered} records made); requests per job ${Math.min(...sent)}/${median(sent)}/${Math.max(...sent)} (min/median/max); slowest job ${fmt(slowest)}`,
      'all 16 green, each tag registered once',
      ok === 16 && once === 16 && registered === 16
    )
  }
  const emulator = await startEmulator()
  emulator.seedMany(20_000, i => `swr.cn-north-4.myhuaweicloud.com/big/app-${i % 40}:t${i}`, {
    ageMs: 2 * hour
  })
  const path = 'swr.cn-north-4.myhuaweicloud.com/big/ml/trainer:1.0.0'
  const existing = emulator.seed(path)
  const run = must(
    await node(
      ['--import', RSS_PROBE, 'dist/index.js'],
      actionInputs(emulator, { swr_path: path })
    ),
    'look-up in 20,000'
  )
  await emulator.close()
  const pages = emulator.count('GET', /\/images$/)
  const found = run.outputs.image_id === existing.id
  const rss = Number(/maxrss_kb=(\d+)/.exec(run.stdout)?.[1]) / 1024
  row(
    'Look-up of a nested name in a namespace of 20,000 registrations',
    fmt(run.ms),
    `${pages} pages read; found on the last page: ${found}; peak RSS ${rss.toFixed(1)} MiB`,
    'read to its end, found',
    found && pages >= 200
  )
}

function readdirChunks(): string[] {
  return readdirSync(join(ROOT, 'dist')).filter(f => /^\d+\.index\.js$/.test(f))
}

rmSync(probeDir, { recursive: true, force: true })
console.log('| measure | result | detail | goal |')
console.log('|---|---|---|---|')
for (const cells of rows) console.log(`| ${cells.join(' | ')} |`)
