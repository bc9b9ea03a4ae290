/**
 * The story in order: inputs → credentials → the SWR check beside ModelArts' look-up → find or
 * register (or, with image_id, the registration named) → wait → keep_last → outputs and summary.
 * Each stage returns what it learned; `conclude` decides how the step ends, and this is the one
 * place that acts on it.
 */
import * as core from '@actions/core'
import {
  AlreadyRegisteredError,
  ArchRefusedError,
  ServiceStateError,
  messageOf
} from './base/errors.js'
import { type Logger, type Runtime, systemRuntime } from './base/runtime.js'
import { Secrets } from './base/secrets.js'
import { Budget, FINAL_CHECK_GRACE_MS } from './budget.js'
import { HttpApi } from './cloud/http.js'
import { type Config, workspaceOf } from './config/config.js'
import { ConfigError, parseConfig } from './config/inputs.js'
import { type KeepTags, compileKeepTags } from './config/value-parsers.js'
import { conclude, planText } from './report/conclusion.js'
import type { Wanted } from './decide/verdict.js'
import { ACTIVE, type RegisterImageBody, archOrDefault, isFinal } from './model/image.js'
import type {
  ImageFacts,
  Outcome,
  Plan,
  Provenance,
  Registration,
  RunResult,
  Writes
} from './model/run.js'
import { setOutputs } from './report/outputs.js'
import { summaryMarkdown } from './report/summary.js'
import { writeSummary } from './report/write-summary.js'
import { resolveCredentials } from './steps/credentials.js'
import { type LookUps, lookUpSideBySide } from './steps/look-ups.js'
import { loadProvenance, provenanceDescription } from './steps/provenance.js'
import { findOrRegister, planRegistration } from './steps/registration.js'
import { retain } from './steps/retention.js'
import { existingRegistration, showOrDeleted } from './steps/status.js'
import { type WaitResult, waitUntilFinal } from './steps/wait.js'

/** What the run takes from its surroundings; tests pass their own. */
export interface ActionDeps {
  runtime: Runtime
  env: Readonly<Record<string, string | undefined>>
  signal: AbortSignal
  getIdToken: (audience: string | undefined) => Promise<string>
  /** Where the run comes from (default: @actions/github's context, loaded on first use). */
  provenance?: () => Promise<Provenance>
  /** Per-request timeout; tests shorten it to exercise silent sockets quickly. */
  requestTimeoutMs?: number
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
  const learned = await execute(deps, secrets, startedAt, log).catch((error: unknown): Learned => ({
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

/** What the stages learned; the elapsed time is added when the run ends. */
type Learned = Omit<RunResult, 'elapsedMs'>

/** What every stage draws on: the inputs, the budget, the one HTTP client, the log. */
interface Stage {
  deps: ActionDeps
  config: Config
  secrets: Secrets
  log: Logger
  budget: Budget
  http: HttpApi
  startedAt: number
  /** The workspace the image lives in, derived once from the inputs. */
  workspaceId: string
  /** keep_tags, compiled once before any request. */
  keepTags?: KeepTags
  /** What the registration step began and did not finish, filled in as it happens. */
  writes: Writes
  /** Ends work still under way (a look-up left running when another failed), then the client. */
  close: () => void
}

const ended = (outcome: Outcome, learned: Partial<Learned> = {}): Learned => ({
  ...learned,
  outcome
})

/** The stages in order; returns what was learned, however far it got. */
async function execute(
  deps: ActionDeps,
  secrets: Secrets,
  startedAt: number,
  log: Logger
): Promise<Learned> {
  const inputs = await readInputs(deps, secrets, log)
  if ('outcome' in inputs) return inputs
  const { config } = inputs
  // Loaded while the credentials resolve; needed for the description and the summary's run link.
  const provenance = (deps.provenance ?? loadProvenance)().catch(() => ({}) as Provenance)
  const stage = openStage(deps, inputs, secrets, log, startedAt)
  let learned: Partial<Learned> = { config }
  try {
    const credentials = await resolveCredentials(config, {
      http: stage.http,
      log,
      env: deps.env,
      getIdToken: deps.getIdToken,
      mask: secret => secrets.add(secret),
      provenance
    })
    const lookUps = await lookUpSideBySide(stage, credentials)
    learned = { config, facts: lookUps.facts, provenance: await provenance }
    const body = bodyOf(stage, lookUps.facts, learned.provenance ?? {})
    if (body) learned = { ...learned, arch: archOrDefault(body), body: { ...body } }
    const wanted = wantedOf(stage, body)
    if (config.dryRun) return await dryRun(stage, lookUps, wanted, learned)
    const registration = await registrationOf(stage, lookUps, wanted)
    learned = { ...learned, ...registration }
    // Set before waiting, so a later step (or a cancelled run's log) has the id whatever happens.
    core.setOutput('image_id', registration.image.id)
    return await waitAndRetain(stage, lookUps, wanted, registration, learned)
  } catch (error) {
    return ended(
      { kind: 'error', error },
      { ...learnedFrom(error, learned, stage.writes), provenance: await provenance }
    )
  } finally {
    stage.close()
  }
}

/** The inputs, read once; on a refused input, the run as it ends (unknown inputs still warned of). */
async function readInputs(
  deps: ActionDeps,
  secrets: Secrets,
  log: Logger
): Promise<Inputs | Learned> {
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
    return ended({ kind: 'error', error })
  }
  for (const warning of config.warnings) log.warning(warning)
  for (const note of config.notes) core.info(note)
  return keepTags ? { config, keepTags } : { config }
}

/**
 * The step's one budget (every request and pause draws on it) and the one HTTP client. The budget
 * ends on a cancel, and when the stages are done: a look-up left running then stops at once.
 */
function openStage(
  deps: ActionDeps,
  { config, keepTags }: Inputs,
  secrets: Secrets,
  log: Logger,
  startedAt: number
): Stage {
  const { budget, stop } = new Budget(
    deps.runtime,
    startedAt + config.timeoutMs,
    deps.signal
  ).stoppable()
  const http = new HttpApi({
    runtime: deps.runtime,
    log,
    budget,
    requestTimeoutMs: deps.requestTimeoutMs,
    redact: text => secrets.redact(text)
  })
  const close = (): void => {
    stop()
    http.dispose()
  }
  const workspaceId = workspaceOf(config)
  const writes: Writes = {}
  return {
    deps,
    config,
    secrets,
    log,
    budget,
    http,
    startedAt,
    workspaceId,
    writes,
    close,
    ...(keepTags && { keepTags })
  }
}

/**
 * What a failed run reports besides the error: the registration an AlreadyRegisteredError carries,
 * the digest read before the arch was refused, and a write left half done.
 */
function learnedFrom(error: unknown, learned: Partial<Learned>, writes: Writes): Partial<Learned> {
  const halfDone = writes.deletedId || writes.answerLost ? { writes: { ...writes } } : {}
  if (error instanceof AlreadyRegisteredError)
    return { ...learned, image: error.image, arch: error.arch, created: false, ...halfDone }
  // The digest was read before the arch was refused: later steps (and the summary) get it.
  if (error instanceof ArchRefusedError)
    return { ...learned, facts: { ...learned.facts, digest: error.digest }, ...halfDone }
  return { ...learned, ...halfDone }
}

/** The RegisterImage body, built once: the path, the attributes given, the arch decided, a description. */
function bodyOf(
  stage: Stage,
  facts: ImageFacts,
  provenance: Provenance
): RegisterImageBody | undefined {
  const { config } = stage
  const { image } = config
  // No body without a path: image_id alone waits on whatever registration it names.
  if (!image) return undefined
  return {
    swr_path: image.swrPath,
    ...config.attributes,
    ...(facts.arch ? { arch: facts.arch } : {}),
    description: config.description ?? provenanceDescription(provenance, facts.digest),
    ...(config.workspaceInput ? { workspace_id: config.workspaceInput } : {})
  }
}

/**
 * What the run asks for, built once: the path, the workspace and the body to register; with
 * image_id, the attributes given instead, compared with the record it names as for a reuse.
 */
function wantedOf(stage: Stage, body: RegisterImageBody | undefined): Wanted {
  const { config, workspaceId } = stage
  const { image } = config
  if (config.imageId) return { image, workspaceId, given: config.attributes }
  return { image, workspaceId, ...(body ? { body } : {}) }
}

/**
 * dry_run, whatever else is given: the plan (with image_id, the record read once and judged) and
 * what keep_last would delete after it, planned as the real run plans it; nothing is written.
 */
async function dryRun(
  stage: Stage,
  lookUps: LookUps,
  wanted: Wanted,
  learned: Partial<Learned>
): Promise<Learned> {
  const plan = await dryPlan(stage, lookUps, wanted)
  const image = plan.action === 'register' ? undefined : plan.image
  const arch =
    plan.action === 'reuse' || plan.action === 'wait' ? plan.arch : archOrDefault(wanted.body ?? {})
  const result = ended(
    { kind: 'dry-run', plan },
    { ...learned, arch, image, created: image ? false : undefined }
  )
  core.info(`dry run: ${planText(result, plan)}; nothing was written`)
  const handedOut = plan.action === 'reuse' || plan.action === 'wait' ? plan.image : undefined
  // A register or a replace hands out a registration not made yet: keep_last counts it as made now.
  const registers =
    plan.action === 'register'
      ? {}
      : plan.action === 'replace'
        ? { replacing: plan.image.id }
        : undefined
  const retention = await retain({
    ...keeping(stage, lookUps, arch),
    image: handedOut,
    dryRun: true,
    ...(registers && { registers })
  })
  return { ...result, retention }
}

/** What a dry run would do: with image_id, wait on the record it names; else find or register. */
async function dryPlan(stage: Stage, lookUps: LookUps, wanted: Wanted): Promise<Plan> {
  const { imageId } = stage.config
  if (!imageId) return planRegistration(registrationContext(stage, lookUps, wanted))
  const { image, arch } = await existingRegistration(lookUps.client, wanted, imageId)
  // Judged as for a real wait: one that has failed or is gone fails the wait (and keep_last never runs).
  if (isFinal(image.status) && image.status !== ACTIVE) {
    const message = image.status_message ? `: ${image.status_message}` : ''
    throw new ServiceStateError(
      'wait on image_id',
      `image ${image.id} is ${image.status}${message}`
    )
  }
  return { action: 'wait', image, arch }
}

/** The registration to go on with: the one image_id names, else found or registered. */
function registrationOf(stage: Stage, lookUps: LookUps, wanted: Wanted): Promise<Registration> {
  const { config } = stage
  if (config.imageId) return existingRegistration(lookUps.client, wanted, config.imageId)
  return findOrRegister(registrationContext(stage, lookUps, wanted))
}

function registrationContext(stage: Stage, lookUps: LookUps, wanted: Wanted) {
  const { image, body } = wanted
  if (!image || !body || !lookUps.listed) throw new Error('no swr_path and no image_id')
  return {
    client: lookUps.client,
    wanted: { image, workspaceId: wanted.workspaceId, body },
    listed: lookUps.listed,
    ifExists: stage.config.ifExists,
    log: stage.log,
    runtime: stage.deps.runtime,
    budget: stage.budget,
    startedAt: stage.startedAt,
    writes: stage.writes,
    dryRun: stage.config.dryRun
  }
}

/** Waits until the registration is final (unless wait is false), then keep_last. */
async function waitAndRetain(
  stage: Stage,
  lookUps: LookUps,
  wanted: Wanted,
  registration: Registration,
  learned: Partial<Learned>
): Promise<Learned> {
  const { config, budget, log } = stage
  const { image } = registration
  if (isFinal(image.status)) {
    // Final at once (reused, or registered ACTIVE): no wait, but keep_last applies.
    const retention = await retain({
      ...keeping(stage, lookUps, registration.arch),
      image,
      dryRun: false
    })
    return ended(retention?.cancelled ? { kind: 'cancelled' } : { kind: 'final' }, {
      ...learned,
      retention
    })
  }
  if (!config.wait) {
    log.info(`wait is false: not waiting for image ${image.id} (status ${image.status})`)
    return ended({ kind: 'not-waited' }, learned)
  }
  // The last check may start right at the deadline; its answer gets a short grace.
  const lastCheck = budget.withGrace(FINAL_CHECK_GRACE_MS)
  const waited = await waitUntilFinal(
    image,
    current => showOrDeleted(lookUps.client, wanted, current, lastCheck),
    {
      runtime: stage.deps.runtime,
      budget,
      log,
      startedAt: stage.startedAt,
      pollIntervalMs: config.pollIntervalMs
    }
  )
  const retention = await retain({
    ...keeping(stage, lookUps, registration.arch),
    image: waited.image,
    dryRun: false
  })
  // A cancel while keep_last deletes ends the step as cancelled.
  const outcome: Outcome = retention?.cancelled ? { kind: 'cancelled' } : outcomeOfWait(waited)
  return ended(outcome, { ...learned, image: waited.image, retention })
}

/** What keep_last needs from the run: the inputs, the client, the budget, the run's arch. */
function keeping(stage: Stage, lookUps: LookUps, arch: string) {
  const { config, budget, log, startedAt, workspaceId, keepTags } = stage
  return {
    config,
    client: lookUps.client,
    budget,
    log,
    startedAt,
    workspaceId,
    arch,
    ...(keepTags && { keepTags })
  }
}

function outcomeOfWait(waited: WaitResult): Outcome {
  switch (waited.outcome) {
    case 'final':
      return { kind: 'final' }
    case 'timeout':
      return { kind: 'timeout', lastProblem: waited.lastProblem }
    case 'cancelled':
      return { kind: 'cancelled' }
    case 'error':
      return { kind: 'error', error: waited.error }
  }
}
