import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { runAction } from '../../src/main.js'
import { type Runtime, systemRuntime } from '../../src/runtime.js'
import { type Emulator, RUNNER_REQUEST_TOKEN, TEST_AK, TEST_SK } from '../emulator/server.js'

export interface ActionRun {
  outputs: Record<string, string>
  /** Output names in the order they were first written. */
  outputOrder: string[]
  /** Everything the action wrote to stdout (its log, including ::debug:: lines). */
  log: string
  summary: string
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
}

/** Parses a GITHUB_OUTPUT file (`name<<delimiter` … `delimiter` blocks). */
export function parseOutputFile(text: string): {
  outputs: Record<string, string>
  order: string[]
} {
  const outputs: Record<string, string> = {}
  const order: string[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const header = /^([^<]+)<<(.+)$/.exec(lines[i] as string)
    if (!header) continue
    const [, name, delimiter] = header as unknown as [string, string, string]
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] as string)
    if (!(name in outputs)) order.push(name)
    outputs[name] = value.join('\n')
  }
  return { outputs, order }
}

const OWN_PREFIXES = ['INPUT_', 'HUAWEI_CLOUD_', 'HUAWEICLOUD_SDK_', 'ACTIONS_ID_TOKEN_', 'GITHUB_']

/**
 * Runs the action in this process as the runner would set it up: INPUT_* variables, GITHUB_OUTPUT
 * and GITHUB_STEP_SUMMARY files; endpoints point at the emulator.
 */
export async function runAgainst(emulator: Emulator, options: RunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'action-run-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  for (const key of Object.keys(process.env))
    if (OWN_PREFIXES.some(p => key.startsWith(p))) delete process.env[key]

  const inputs: Record<string, string> = {
    swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0',
    endpoint: emulator.url,
    iam_endpoint: emulator.url,
    poll_interval: '200ms',
    ...(options.withKeys === false ? {} : { access_key_id: TEST_AK, secret_access_key: TEST_SK }),
    ...options.inputs
  }
  for (const [name, value] of Object.entries(inputs))
    process.env[`INPUT_${name.toUpperCase()}`] = value
  Object.assign(process.env, {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'octo-org/app',
    GITHUB_SHA: 'f00dfeed0123456789abcdef',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKFLOW: 'release',
    GITHUB_SERVER_URL: 'https://github.com',
    ...options.env
  })

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
      getIdToken: audience => core.getIDToken(audience),
      requestTimeoutMs: options.requestTimeoutMs
    })
  } finally {
    spy.mockRestore()
  }
  const failed = process.exitCode === 1
  process.exitCode = 0
  const { outputs, order } = parseOutputFile(readFileSync(outputFile, 'utf8'))
  return {
    outputs,
    outputOrder: order,
    log: chunks.join(''),
    summary: readFileSync(summaryFile, 'utf8'),
    failed,
    elapsedMs: Date.now() - started
  }
}

/** Environment for the runner's OIDC id-token service stand-in. */
export function oidcEnv(emulator: Emulator): Record<string, string> {
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: emulator.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: RUNNER_REQUEST_TOKEN
  }
}

/** The message of the ::error:: line, if any. */
export function errorLine(log: string): string | undefined {
  const line = log.split('\n').find(l => l.startsWith('::error::'))
  return line
    ?.slice('::error::'.length)
    .replace(/%0A/g, '\n')
    .replace(/%25/g, '%')
    .replace(/%0D/g, '\r')
}
