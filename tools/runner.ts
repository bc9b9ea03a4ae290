/**
 * The one runner simulation, used by the tests, `npm start` and the bench: the files and variables a
 * GitHub runner gives a step (INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the run's GITHUB_*
 * context), a way to run the committed bundle in a child process the way the runner does, and the
 * readers for what the step wrote. Every temporary file it makes is removed again.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The run context a runner sets for a workflow run (what @actions/github's `context` reads). */
export const RUN_CONTEXT: Readonly<Record<string, string>> = {
  GITHUB_REPOSITORY: 'octo-org/app',
  GITHUB_SHA: 'f00dfeed0123456789abcdef',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_WORKFLOW: 'release',
  GITHUB_SERVER_URL: 'https://github.com'
}

/** What a step wrote, read back from the runner's files. */
export interface StepFiles {
  outputs: Record<string, string>
  /** Output names in the order they were first written. */
  outputOrder: string[]
  summary: string
}

/** A step's runner environment: its variables, and its files until `cleanup()`. */
export interface RunnerStep {
  /** INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and the run context. */
  env: Record<string, string>
  read(): StepFiles
  cleanup(): void
}

/** INPUT_NAME variables, as the runner passes `with:` values. */
export function inputVariables(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
  )
}

/** Makes the files of one step and the variables that name them. */
export function runnerStep(
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {}
): RunnerStep {
  const dir = mkdtempSync(join(tmpdir(), 'runner-step-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  return {
    env: {
      ...RUN_CONTEXT,
      ...inputVariables(inputs),
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...extraEnv
    },
    read: () => {
      const { outputs, order } = parseOutputFile(readFileSync(outputFile, 'utf8'))
      return { outputs, outputOrder: order, summary: readFileSync(summaryFile, 'utf8') }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
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
    const header = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!header?.[1] || !header[2]) continue
    const [name, delimiter] = [header[1], header[2]]
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '')
    if (!(name in outputs)) order.push(name)
    outputs[name] = value.join('\n')
  }
  return { outputs, order }
}

export interface ProcessRun extends StepFiles {
  code: number | null
  /** stdout and stderr, interleaved as they arrived. */
  stdout: string
  /** Wall time from spawn to close. */
  ms: number
  /** Date.now() when the process closed. */
  endedAt: number
}

export interface ProcessOptions {
  /** The Node binary (default: the one running this code). */
  node?: string
  /** Arguments to node, e.g. ['dist/index.js'] or ['--import', probe, 'dist/index.js']. */
  args?: string[]
  inputs?: Record<string, string>
  /** More variables; the child sees PATH, the runner files, the run context and these only. */
  env?: Record<string, string>
  /** Called with the child's pid once it runs. */
  onStart?: (pid: number) => void
  /** Copy the child's output to this process's stdout as it arrives (npm start). */
  echo?: boolean
}

/** Runs `node dist/index.js` (or other node args) as a runner runs a step, and reads what it wrote. */
export function runProcess(options: ProcessOptions = {}): Promise<ProcessRun> {
  const step = runnerStep(options.inputs ?? {}, options.env)
  const started = performance.now()
  return new Promise<ProcessRun>((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, options.args ?? ['dist/index.js'], {
      env: { PATH: process.env.PATH ?? '', ...step.env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    const collect = (chunk: Buffer): void => {
      stdout += chunk.toString()
      if (options.echo) process.stdout.write(chunk)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.on('error', error => {
      step.cleanup()
      reject(error)
    })
    if (child.pid) options.onStart?.(child.pid)
    child.on('close', code => {
      const files = step.read()
      step.cleanup()
      resolve({ ...files, code, stdout, ms: performance.now() - started, endedAt: Date.now() })
    })
  })
}

/** The message of the first ::error:: line, unescaped. */
export function errorLine(log: string): string | undefined {
  const line = log.split('\n').find(l => l.startsWith('::error::'))
  return line === undefined ? undefined : unescapeCommand(line.slice('::error::'.length))
}

function unescapeCommand(value: string): string {
  return value.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
}

/**
 * A step's log as the runner shows it: annotations for ::error::/::warning::/::notice::, masks
 * applied as *** and the mask commands hidden, ::debug:: lines only when `debug` is set.
 */
export function renderLog(log: string, debug = false): string {
  const secrets: string[] = []
  const lines: string[] = []
  for (const line of log.split('\n')) {
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (!command) {
      lines.push(line)
      continue
    }
    const [, name, rawValue] = command
    const value = unescapeCommand(rawValue ?? '')
    if (name === 'add-mask') secrets.push(value)
    else if (name === 'debug') {
      if (debug) lines.push(`##[debug]${value}`)
    } else if (name === 'error' || name === 'warning' || name === 'notice')
      lines.push(
        `${name === 'error' ? 'Error' : name === 'warning' ? 'Warning' : 'Notice'}: ${value}`
      )
    else lines.push(line)
  }
  let text = lines.join('\n')
  for (const secret of secrets) if (secret) text = text.split(secret).join('***')
  return text
}
