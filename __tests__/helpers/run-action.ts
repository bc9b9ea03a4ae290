/**
 * Runs the action in this process (runAction, so coverage and fake clocks reach it) in the runner
 * environment that tools/runner.ts makes for every simulation; endpoints point at the emulator, and
 * the run's swr_path is pushed in its SWR unless the test pushed it or says not to (`seed: false`).
 * `expectOutcome` checks how a run ended and, when it did not end as expected, shows its log.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { expect, jest } from '@jest/globals'
import * as core from '@actions/core'
import { runAction } from '../../src/main.js'
import { type Runtime, systemRuntime } from '../../src/base/runtime.js'
import {
  type Emulator,
  RUNNER_REQUEST_TOKEN,
  TEST_AK,
  TEST_SK
} from '../../tools/emulator/server.js'
import { type StepFiles, runnerStep } from '../../tools/runner.js'
import { tagKey } from '../../tools/emulator/swr.js'

export { errorLine, parseOutputFile } from '../../tools/runner.js'

export interface ActionRun extends StepFiles {
  /** Everything the action wrote to stdout (its log, including ::debug:: lines). */
  log: string
  failed: boolean
  elapsedMs: number
  /** The outcome and the log, for a failure message: `${run}` or String(run). */
  toString(): string
}

/** How a run should have ended: `failed`, and any of its outputs by name. */
export type Outcome = { failed?: boolean } & { [output: string]: string | boolean | undefined }

/**
 * Expects the run to have ended as `expected` (`failed`, and outputs such as `status: 'ACTIVE'`);
 * on a mismatch the failure message shows the differences and then the action's whole log.
 */
export function expectOutcome(run: ActionRun, expected: Outcome): void {
  const { failed, ...outputs } = expected
  const actual = {
    ...(failed === undefined ? {} : { failed: run.failed }),
    ...Object.fromEntries(Object.keys(outputs).map(name => [name, run.outputs[name]]))
  }
  try {
    expect(actual).toEqual(failed === undefined ? outputs : { failed, ...outputs })
  } catch (error) {
    throw withLog(error as Error, run)
  }
}

/**
 * Expects `secret` masked before the debug line of the request that brought it (whose request id
 * shows as `***`), and written nowhere else.
 */
export function expectMaskedBeforeAnswer(log: string, secret: string, debugLine: string): void {
  const lines = log.split('\n')
  const masked = lines.indexOf(`::add-mask::${secret}`)
  const answered = lines.findIndex(line => line.startsWith(`::debug::${debugLine}`))
  expect({ masked: masked >= 0, before: masked < answered }).toEqual({ masked: true, before: true })
  expect(lines[answered]).toContain('(request id ***')
  const piece = secret.slice(0, 40)
  expect(lines.filter(line => line.includes(piece) && !line.startsWith('::add-mask::'))).toEqual([])
}

/** The same error, its message followed by the log. */
function withLog(error: Error, run: ActionRun): Error {
  error.message = `${error.message}\n\n${logSection(run)}`
  return error
}

function logSection(run: ActionRun): string {
  return `The action's log (failed: ${run.failed}, ${run.elapsedMs} ms):\n${run.log.replace(/^/gm, '  | ')}`
}

export interface RunOptions {
  inputs?: Record<string, string>
  env?: Record<string, string>
  /** Add the emulator's test key pair as inputs (default true). */
  withKeys?: boolean
  runtime?: Runtime
  signal?: AbortSignal
  requestTimeoutMs?: number
  getIdToken?: (audience: string | undefined) => Promise<string>
  /**
   * Push the run's swr_path first, as `docker buildx` would for linux/amd64, when nothing is pushed
   * there yet (default true: flows that are not about the check need no set-up); false leaves an
   * unpushed tag unpushed, so SWR answers it 404 as it would.
   */
  seed?: boolean
}

const DEFAULT_SWR_PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0'

/** The inputs every run against the emulator starts from. */
function stepInputs(emulator: Emulator, withKeys = true): Record<string, string> {
  return {
    swr_path: DEFAULT_SWR_PATH,
    endpoint: emulator.url,
    iam_endpoint: emulator.url,
    swr_endpoint: emulator.url,
    poll_interval: '1s',
    ...(withKeys ? { access_key_id: TEST_AK, secret_access_key: TEST_SK } : {})
  }
}

/** Pushes `swrPath` in the emulator's SWR unless a tag is pushed there already. */
function seedPushed(emulator: Emulator, swrPath: string): void {
  if (swrPath.includes('@')) return
  // A path without its registry (the region's is put in front) is keyed from its namespace.
  const first = swrPath.split('/')[0] ?? ''
  const path = /[.:]/.test(first) ? swrPath : `registry/${swrPath}`
  if (!emulator.swrTags.has(tagKey(path))) emulator.pushBuildx(path)
}

const OWN_PREFIXES = ['INPUT_', 'HUAWEI_CLOUD_', 'HUAWEICLOUD_SDK_', 'ACTIONS_ID_TOKEN_', 'GITHUB_']

/** Runs the action once against `emulator` and reads back its log, outputs and summary. */
export async function runAgainst(emulator: Emulator, options: RunOptions = {}): Promise<ActionRun> {
  const swrPath = options.inputs?.swr_path ?? DEFAULT_SWR_PATH
  // An Enterprise Edition instance keeps its own tags: its tests push them there.
  if (options.seed !== false && swrPath && !options.inputs?.swr_instance_id)
    seedPushed(emulator, swrPath)
  const step = runnerStep(
    { ...stepInputs(emulator, options.withKeys !== false), ...options.inputs },
    options.env
  )
  for (const key of Object.keys(process.env))
    if (OWN_PREFIXES.some(p => key.startsWith(p))) delete process.env[key]
  Object.assign(process.env, step.env)

  const chunks: string[] = []
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      return true
    })
  const started = Date.now()
  process.exitCode = 0
  try {
    await runAction({
      runtime: options.runtime ?? systemRuntime,
      env: process.env,
      signal: options.signal ?? new AbortController().signal,
      getIdToken: options.getIdToken ?? (audience => core.getIDToken(audience)),
      requestTimeoutMs: options.requestTimeoutMs
    })
  } finally {
    spy.mockRestore()
  }
  const failed = process.exitCode === 1
  process.exitCode = 0
  try {
    const run = { ...step.read(), log: chunks.join(''), failed, elapsedMs: Date.now() - started }
    // Not enumerable, so toEqual and Jest's printing of a run see only its data.
    return Object.defineProperty(run, 'toString', { value: () => logSection(run) })
  } finally {
    step.cleanup()
  }
}

/** Environment for the runner's OIDC id-token service stand-in. */
export function oidcEnv(emulator: Emulator): Record<string, string> {
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: emulator.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: RUNNER_REQUEST_TOKEN
  }
}

/** One job of a matrix: its options, and when it starts after the first. */
export interface MatrixJob extends Pick<RunOptions, 'inputs' | 'runtime'> {
  startAfterMs: number
}

/**
 * Runs the action once per job, side by side in this process, as the jobs of a matrix run against
 * one service: each job sees its own environment (inputs, output and summary files) and writes its
 * own log, through a process.env and a stdout that answer per job. A job failed when it wrote an
 * ::error:: line (the exit code is the process's, shared).
 */
export async function runMatrix(emulator: Emulator, jobs: MatrixJob[]): Promise<ActionRun[]> {
  const current = new AsyncLocalStorage<{
    env: Record<string, string | undefined>
    log: string[]
  }>()
  const base = process.env
  const own = Object.fromEntries(
    Object.entries(base).filter(([key]) => !OWN_PREFIXES.some(p => key.startsWith(p)))
  )
  const envOf = (): Record<string, string | undefined> => current.getStore()?.env ?? base
  process.env = new Proxy(base, {
    get: (_, key) => (typeof key === 'string' ? envOf()[key] : undefined),
    set: (_, key, value: string) => Reflect.set(envOf(), key, value),
    has: (_, key) => key in envOf(),
    deleteProperty: (_, key) => Reflect.deleteProperty(envOf(), key),
    ownKeys: () => Reflect.ownKeys(envOf()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(envOf(), key)
  })
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      current
        .getStore()
        ?.log.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      return true
    })
  const one = async (job: MatrixJob): Promise<ActionRun> => {
    await new Promise(resolve => setTimeout(resolve, job.startAfterMs))
    const swrPath = job.inputs?.swr_path ?? DEFAULT_SWR_PATH
    seedPushed(emulator, swrPath)
    const step = runnerStep({ ...stepInputs(emulator), ...job.inputs })
    const env: Record<string, string | undefined> = { ...own, ...step.env }
    const log: string[] = []
    const started = Date.now()
    await current.run({ env, log }, () =>
      runAction({
        runtime: job.runtime ?? systemRuntime,
        env,
        signal: new AbortController().signal,
        getIdToken: audience => core.getIDToken(audience)
      })
    )
    const text = log.join('')
    const run = {
      ...step.read(),
      log: text,
      failed: text.includes('::error::'),
      elapsedMs: Date.now() - started
    }
    step.cleanup()
    return Object.defineProperty(run, 'toString', { value: () => logSection(run) })
  }
  try {
    return await Promise.all(jobs.map(one))
  } finally {
    spy.mockRestore()
    process.env = base
    process.exitCode = 0
  }
}
