/**
 * ci.yml's `uses: ./` job run as GitHub runs it: its `run:` steps in bash (the emulator started,
 * the image pushed to it), its `uses: ./` steps through the runner simulation (tools/runner.ts)
 * with their `with:` and `env:`, `${{ … }}` substituted from the run and the steps' outputs.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load } from 'js-yaml'
import { NODE_24 } from '../tools/node24/install.js'
import { RUN_CONTEXT, parseOutputFile, runProcess } from '../tools/runner.js'

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, string | number | boolean>
  env?: Record<string, string>
}

interface StepResult {
  step: string
  code: number | null
  log: string
}

const ciYml = readFileSync('.github/workflows/ci.yml', 'utf8')
/** Process groups of the run steps (the emulator they leave running), ended after each test. */
const groups: number[] = []

afterEach(() => {
  for (const pid of groups.splice(0)) {
    try {
      process.kill(-pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
})

/** `${{ expression }}` from the run's context and the steps' outputs; any other is an error. */
function substitute(text: string, outputs: Record<string, Record<string, string>>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.run_id') return RUN_CONTEXT.GITHUB_RUN_ID ?? ''
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression)
    if (output) return outputs[output[1] ?? '']?.[output[2] ?? ''] ?? ''
    throw new Error(`an expression this test does not know: ${expression}`)
  })
}

const valuesOf = (
  map: Record<string, string | number | boolean> | undefined,
  outputs: Record<string, Record<string, string>>
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(map ?? {}).map(([name, value]) => [name, substitute(String(value), outputs)])
  )

/** A `run:` step in bash as the runner runs it (`bash -eo pipefail`), in a process group of its own. */
async function runStep(
  step: Step,
  outputs: Record<string, Record<string, string>>,
  temp: string
): Promise<StepResult> {
  const outputFile = join(temp, `output-${Math.random().toString(36).slice(2)}`)
  writeFileSync(outputFile, '')
  const script = substitute(step.run ?? '', outputs)
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? temp,
      RUNNER_TEMP: temp,
      GITHUB_OUTPUT: outputFile,
      ...RUN_CONTEXT,
      ...valuesOf(step.env, outputs)
    }
  })
  if (child.pid) groups.push(child.pid)
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const code = await new Promise<number | null>(resolve => child.on('close', resolve))
  if (step.id) outputs[step.id] = parseOutputFile(readFileSync(outputFile, 'utf8')).outputs
  return { step: step.name ?? step.run ?? '', code, log }
}

/** Runs a job's steps in order, stopping at the first that fails, as the runner does. */
async function runJob(steps: Step[]): Promise<StepResult[]> {
  const temp = mkdtempSync(join(tmpdir(), 'ci-job-'))
  const outputs: Record<string, Record<string, string>> = {}
  const results: StepResult[] = []
  try {
    for (const step of steps) {
      // The checkout and setup-node of the job: this tree, with Node, is what they make.
      if (step.uses && step.uses !== './') continue
      // `npm ci`: this tree is installed (reinstalling would pull node_modules from under other tests).
      if (step.run?.trim() === 'npm ci') continue
      if (step.uses === './') {
        const run = await runProcess({
          node: existsSync(NODE_24) ? NODE_24 : undefined,
          inputs: valuesOf(step.with, outputs),
          env: valuesOf(step.env, outputs)
        })
        if (step.id) outputs[step.id] = run.outputs
        results.push({ step: `uses: ./ (${step.id ?? ''})`, code: run.code, log: run.stdout })
      } else results.push(await runStep(step, outputs, temp))
      if (results.at(-1)?.code !== 0) break
    }
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
  return results
}

const jobSteps = (yml: string): Step[] =>
  (load(yml) as { jobs: Record<string, { steps: Step[] }> }).jobs.action?.steps ?? []

describe("ci.yml's uses: ./ job", () => {
  it('runs green: the emulator holds the pushed image, the register and the re-run steps pass, the outputs check', async () => {
    const steps = jobSteps(ciYml)
    expect(steps.filter(s => s.uses === './').length).toBe(2)
    const results = await runJob(steps)
    const failed = results.filter(r => r.code !== 0)
    expect(failed).toEqual([])
    expect(results.map(r => r.step)).toEqual([
      'Start the emulator, the image pushed',
      'uses: ./ (register)',
      'uses: ./ (rerun)',
      'Check the outputs'
    ])
  }, 300_000)

  it('without the image pushed first, it fails as it did: the tag is not in SWR', async () => {
    const unseeded = ciYml.replace(/ --push "[^"]+"/, '')
    expect(unseeded).not.toBe(ciYml)
    const results = await runJob(jobSteps(unseeded))
    const last = results.at(-1)
    expect(last?.step).toBe('uses: ./ (register)')
    expect(last?.code).toBe(1)
    expect(last?.log).toMatch(/is not in SWR.*push it first/)
  }, 300_000)
})
