/**
 * Runs the action in this process (runAction, so coverage and fake clocks reach it) in the runner
 * environment that tools/runner.ts makes for every simulation; endpoints point at the emulator.
 */
import { jest } from '@jest/globals'
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

export { errorLine, parseOutputFile } from '../../tools/runner.js'

export interface ActionRun extends StepFiles {
  /** Everything the action wrote to stdout (its log, including ::debug:: lines). */
  log: string
  failed: boolean
  elapsedMs: number
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
}

const OWN_PREFIXES = ['INPUT_', 'HUAWEI_CLOUD_', 'HUAWEICLOUD_SDK_', 'ACTIONS_ID_TOKEN_', 'GITHUB_']

/** Runs the action once against `emulator` and reads back its log, outputs and summary. */
export async function runAgainst(emulator: Emulator, options: RunOptions = {}): Promise<ActionRun> {
  const step = runnerStep(
    {
      swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0',
      endpoint: emulator.url,
      iam_endpoint: emulator.url,
      swr_endpoint: emulator.url,
      poll_interval: '1s',
      ...(options.withKeys === false ? {} : { access_key_id: TEST_AK, secret_access_key: TEST_SK }),
      ...options.inputs
    },
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
    return { ...step.read(), log: chunks.join(''), failed, elapsedMs: Date.now() - started }
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
