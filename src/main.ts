/**
 * The story in order: inputs, credentials, the look-ups, find or register, wait, keep_last, outputs
 * and summary. Each step records what it learns on the run; `conclude` says how the step ends.
 */
import * as core from '@actions/core'
import { messageOf } from './base/errors.js'
import { type Logger, systemRuntime } from './base/runtime.js'
import { Secrets } from './base/secrets.js'
import type { Config } from './config/config.js'
import { ConfigError, parseConfig } from './config/inputs.js'
import { type KeepTags, compileKeepTags } from './config/value-parsers.js'
import { conclude, planText } from './report/conclusion.js'
import { archOrDefault, isFinal } from './model/image.js'
import type { Outcome, Plan, Provenance, Registration, RunResult } from './model/run.js'
import { setOutputs } from './report/outputs.js'
import { summaryMarkdown } from './report/summary.js'
import { writeSummary } from './report/write-summary.js'
import { type PathToRegister, lookUp } from './steps/look-ups.js'
import { loadProvenance } from './steps/provenance.js'
import { findOrRegister, planRegistration } from './steps/registration.js'
import { retain } from './steps/retention.js'
import { type Learned, type Run, type Surroundings, openRun } from './steps/run.js'
import { existingRegistration, planWait } from './steps/status.js'
import { waitFor } from './steps/wait.js'

/** What the run takes from its surroundings; tests pass their own. */
export interface ActionDeps extends Surroundings {
  /** Where the run comes from (default: @actions/github's context, loaded on first use). */
  provenance?: () => Promise<Provenance>
}

/**
 * Entry point: runs the action in this process. `signal` aborts on SIGINT/SIGTERM; index.ts sets
 * the handlers before anything else loads.
 */
export async function run(signal: AbortSignal): Promise<void> {
  await runAction({
    runtime: systemRuntime,
    env: process.env,
    signal,
    getIdToken: audience => core.getIDToken(audience)
  })
}

/** Runs the action once; never throws: every failure ends in core.setFailed. */
export async function runAction(deps: ActionDeps): Promise<void> {
  const secrets = new Secrets(core.setSecret)
  const startedAt = deps.runtime.now()
  // Every warning goes to the log as it happens, and to the job summary at the end.
  const warnings: string[] = []
  const log: Logger = {
    info: core.info,
    debug: core.debug,
    warning: message => {
      warnings.push(message)
      core.warning(message)
    }
  }
  const learned = await execute(deps, secrets, startedAt, log).catch((error: unknown): Ended => ({
    outcome: { kind: 'error', error }
  }))
  const result: RunResult = {
    ...learned,
    ...(warnings.length ? { warnings } : {}),
    elapsedMs: deps.runtime.now() - startedAt
  }
  const conclusion = conclude(result)
  const problems = conclusion.failure ? [conclusion.failure] : []
  try {
    setOutputs(result, core.setOutput, text => secrets.redact(text))
  } catch (error) {
    problems.push(`could not write the step's outputs: ${messageOf(error)}`)
  }
  await writeSummary(
    summaryMarkdown(result, conclusion, text => secrets.redact(text)),
    deps.env
  )
  if (problems.length) core.setFailed(secrets.redact(problems.join('; ')))
  else if (result.outcome.kind !== 'dry-run' && result.image)
    core.info(`image ${result.image.id} is ${result.image.status}`)
}

/** The inputs, read once: the config, and keep_tags compiled. */
interface Inputs {
  config: Config
  keepTags?: KeepTags
}

/** What the run learned, and how it ended; its length is added at the end. */
type Ended = Learned & { outcome: Outcome }

/** The steps in order; returns what was learned, however far it got. */
async function execute(
  deps: ActionDeps,
  secrets: Secrets,
  startedAt: number,
  log: Logger
): Promise<Ended> {
  const inputs = await readInputs(deps, secrets, log)
  if ('outcome' in inputs) return inputs
  // Loaded beside the first requests; needed for the description and the summary's run link.
  const provenance = (deps.provenance ?? loadProvenance)().catch(() => ({}) as Provenance)
  let run: Run
  try {
    run = await openRun(deps, { ...inputs, secrets, log, startedAt, provenance })
  } catch (error) {
    return {
      config: inputs.config,
      provenance: await provenance,
      outcome: { kind: 'error', error }
    }
  }
  try {
    const outcome = await story(run, provenance)
    return { ...run.result, outcome }
  } catch (error) {
    // What the registration step left half done is said in the error and the headline.
    const { writes } = run
    const halfDone = writes.deletedId || writes.answerLost ? { writes: { ...writes } } : {}
    Object.assign(run.result, { provenance: await provenance, ...halfDone })
    return { ...run.result, outcome: { kind: 'error', error } }
  } finally {
    run.close()
  }
}

/** The story: look up, then find or register (or, dry, plan), wait, keep_last. */
async function story(run: Run, provenance: Promise<Provenance>): Promise<Outcome> {
  const target = await lookUp(run, provenance)
  if (run.config.dryRun) return dryRun(run, target)
  const registration =
    'imageId' in target
      ? await existingRegistration(run, target.imageId)
      : await findOrRegister(run, target)
  Object.assign(run.result, registration)
  // Set before waiting, so a later step (or a cancelled run's log) has the id whatever happens.
  core.setOutput('image_id', registration.image.id)
  return waitAndRetain(run, registration)
}

/** The inputs, read once; on a refused input, the run as it ends (unknown inputs still warned of). */
async function readInputs(
  deps: ActionDeps,
  secrets: Secrets,
  log: Logger
): Promise<Inputs | Ended> {
  let config: Config
  let keepTags: KeepTags | undefined
  try {
    config = parseConfig({
      input: name => core.getInput(name),
      env: deps.env,
      mask: secret => secrets.add(secret)
    })
    // keep_tags compiled (re2js, loaded only then) before any request: what RE2 refuses is an input error.
    if (config.keepTags) keepTags = await compileKeepTags(config.keepTags)
  } catch (error) {
    // Unknown inputs and unknown regions are worth a warning even when other inputs fail.
    if (error instanceof ConfigError) for (const warning of error.warnings) log.warning(warning)
    return { outcome: { kind: 'error', error } }
  }
  for (const warning of config.warnings) log.warning(warning)
  for (const note of config.notes) core.info(note)
  return keepTags ? { config, keepTags } : { config }
}

/**
 * dry_run, whatever else is given: the plan (with image_id, the record read once and judged) and
 * what keep_last would delete after it, planned as the real run plans it; nothing is written.
 */
async function dryRun(run: Run, target: PathToRegister | { imageId: string }): Promise<Outcome> {
  const plan = await dryPlan(run, target)
  const { result } = run
  const handed = plan.action === 'reuse' || plan.action === 'wait' ? plan : undefined
  const handedOut = handed?.image
  const arch = handed ? handed.arch : archOrDefault(run.wanted.body ?? {})
  const image = plan.action === 'register' ? undefined : plan.image
  Object.assign(result, { arch, image, created: image ? false : undefined })
  core.info(`dry run: ${planText(result, plan)}; nothing was written`)
  // A register or a replace hands out a registration not made yet: keep_last counts it as made now.
  const registers =
    plan.action === 'register'
      ? {}
      : plan.action === 'replace'
        ? { replacing: plan.image.id }
        : undefined
  result.retention = await retain(run, { image: handedOut, arch, ...(registers && { registers }) })
  return { kind: 'dry-run', plan }
}

/** What a dry run would do: with image_id, wait on the record it names; else find or register. */
async function dryPlan(run: Run, target: PathToRegister | { imageId: string }): Promise<Plan> {
  if (!('imageId' in target)) return planRegistration(run, target)
  const { image, arch } = await planWait(run, target.imageId)
  return { action: 'wait', image, arch }
}

/** Waits until the registration is final (unless wait is false), then keep_last. */
async function waitAndRetain(run: Run, { image, arch }: Registration): Promise<Outcome> {
  const { result } = run
  if (isFinal(image.status)) {
    // Final at once (reused, or registered ACTIVE): no wait, but keep_last applies.
    result.retention = await retain(run, { image, arch })
    return result.retention?.cancelled ? { kind: 'cancelled' } : { kind: 'final' }
  }
  if (!run.config.wait) {
    run.log.info(`wait is false: not waiting for image ${image.id} (status ${image.status})`)
    return { kind: 'not-waited' }
  }
  const waited = await waitFor(run, image)
  result.image = waited.image
  result.retention = await retain(run, { image: waited.image, arch })
  // A cancel while keep_last deletes ends the step as cancelled.
  return result.retention?.cancelled ? { kind: 'cancelled' } : waited.outcome
}
