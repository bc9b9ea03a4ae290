/**
 * The story in order: config → credentials → find or register → image_id → wait → outputs and
 * summary. Each stage returns what it learned; `conclude` decides how the step ends, and this is
 * the one place that acts on it.
 */
import * as core from '@actions/core'
import { resolveCredentials } from './steps/credentials.js'
import { messageOf } from './base/errors.js'
import { HttpApi } from './cloud/http.js'
import { ArchRefusedError, type ImageFacts, checkImage } from './steps/image-check.js'
import type { Config } from './config/config.js'
import { ConfigError, parseConfig } from './config/inputs.js'
import { compileKeepTags } from './config/value-parsers.js'
import type { ImageReference } from './config/swr-path.js'
import { ModelArtsClient, type RegisterImageBody, isFinal } from './cloud/modelarts.js'
import { Budget, FINAL_CHECK_GRACE_MS } from './budget.js'
import { DEFAULT_ARCH, type Wanted } from './decide/verdict.js'
import { setOutputs } from './report/outputs.js'
import { writeSummary } from './report/write-summary.js'
import { type Outcome, type RunResult, type Writes, conclude, planText } from './decide/outcome.js'
import { type Provenance, loadProvenance, provenanceDescription } from './steps/provenance.js'
import {
  AlreadyRegisteredError,
  type RegistrationContext,
  findOrRegister,
  planRegistration
} from './steps/registration.js'
import { existingRegistration, showOrDeleted } from './steps/status.js'
import { retain } from './steps/retention.js'
import { type Logger, type Runtime, systemRuntime } from './base/runtime.js'
import { Secrets } from './base/secrets.js'
import { summaryMarkdown } from './report/summary.js'
import { SwrClient } from './cloud/swr.js'
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

/** What the stages learned; the elapsed time is added when the run ends. */
type Learned = Omit<RunResult, 'elapsedMs'>

/** The stages in order; returns what was learned, however far it got. */
async function execute(
  deps: ActionDeps,
  secrets: Secrets,
  startedAt: number,
  log: Logger
): Promise<Learned> {
  const { runtime, signal } = deps
  const ended = (outcome: Outcome, learned: Partial<Learned> = {}): Learned => ({
    ...learned,
    outcome
  })
  let config: Config
  try {
    config = parseConfig({
      input: name => core.getInput(name),
      env: deps.env,
      mask: secret => secrets.add(secret)
    })
    // keep_tags compiled (re2js, loaded only then) before any request: what RE2 refuses is an input error.
    if (config.keepTags) await compileKeepTags(config.keepTags)
  } catch (error) {
    // Unknown inputs and unknown regions are worth a warning even when other inputs fail.
    if (error instanceof ConfigError) for (const warning of error.warnings) log.warning(warning)
    return ended({ kind: 'error', error })
  }
  for (const warning of config.warnings) log.warning(warning)
  for (const note of config.notes) core.info(note)
  // Loaded while the credentials resolve; needed for the description and the summary's run link.
  const provenance = (deps.provenance ?? loadProvenance)().catch(() => ({}) as Provenance)
  // The step's one budget: every request and pause draws on it.
  const budget = new Budget(runtime, startedAt + config.timeoutMs, signal)
  const http = new HttpApi({
    runtime,
    log,
    budget,
    requestTimeoutMs: deps.requestTimeoutMs,
    redact: text => secrets.redact(text)
  })
  let learned: Partial<Learned> = { config }
  const writes: Writes = {}
  try {
    const credentials = await resolveCredentials(config, {
      http,
      log,
      env: deps.env,
      getIdToken: deps.getIdToken,
      mask: secret => secrets.add(secret)
    })
    core.info(
      `ModelArts ${config.endpoint}, project ${credentials.projectId}, ${credentials.description}`
    )
    const client = new ModelArtsClient(
      http,
      config.endpoint,
      credentials.projectId,
      credentials.auth,
      credentials.projectHeaders
    )
    // image_id: wait on an existing registration; no SWR check, no look-up, no write.
    const { image } = config
    const swr = new SwrClient(
      http,
      config.swrEndpoint,
      credentials.auth,
      credentials.projectHeaders
    )
    const instanceId = config.attributes.swr_instance_id
    const facts: ImageFacts =
      config.checkImage && image
        ? await checkImage({
            swr,
            // With swr_instance_id the image is checked in that SWR Enterprise Edition instance.
            ...(instanceId && {
              instance: {
                id: instanceId,
                api: swr.instance({ projectId: credentials.projectId, instanceId })
              }
            }),
            http,
            budget,
            timeoutMs: config.timeoutMs,
            image,
            region: config.region,
            arch: config.attributes.arch,
            log,
            mask: secret => secrets.add(secret)
          })
        : {}
    learned = { config, facts, provenance: await provenance }
    const description = provenanceDescription(learned.provenance ?? {}, facts.digest)
    // No body without a path: image_id alone waits on whatever registration it names.
    const body = image ? registrationBody(config, image, facts, description) : undefined
    if (body) learned = { ...learned, arch: body.arch ?? DEFAULT_ARCH, body: { ...body } }
    // image_id: the attributes given are compared with the record it names, as for a reuse.
    const wanted: Wanted = config.imageId
      ? { image, workspaceId: config.workspaceId, given: config.attributes }
      : { image, workspaceId: config.workspaceId, body }
    const context: RegistrationContext | undefined =
      image && body
        ? {
            client,
            wanted: { image, workspaceId: config.workspaceId, body },
            ifExists: config.ifExists,
            log,
            runtime,
            budget,
            startedAt,
            writes
          }
        : undefined
    if (!config.imageId && !context) throw new Error('no swr_path and no image_id')
    const keep = { config, client, budget, log, startedAt, arch: learned.arch }
    if (config.dryRun && context && !config.imageId) {
      const plan = await planRegistration(context)
      const image = plan.action === 'register' ? undefined : plan.image
      const arch = plan.action === 'reuse' ? plan.arch : learned.arch
      const result = ended(
        { kind: 'dry-run', plan },
        { ...learned, arch, image, created: image ? false : undefined }
      )
      core.info(`dry run: ${planText(result, plan)}; nothing was written`)
      const kept = plan.action === 'reuse' ? plan.image : undefined
      if (plan.action === 'replace') return result
      const retention = await retain({ ...keep, image: kept, arch, dryRun: true })
      return { ...result, retention }
    }
    const registration =
      config.imageId || !context
        ? await existingRegistration(client, wanted, config.imageId ?? '')
        : await findOrRegister(context)
    learned = {
      ...learned,
      image: registration.image,
      arch: registration.arch,
      created: registration.created
    }
    // Set before waiting, so a later step (or a cancelled run's log) has the id whatever happens.
    core.setOutput('image_id', registration.image.id)

    if (!config.wait && !isFinal(registration.image.status)) {
      core.info(
        `wait is false: not waiting for image ${registration.image.id} (status ${registration.image.status})`
      )
      return ended({ kind: 'not-waited' }, learned)
    }
    if (isFinal(registration.image.status)) {
      // Final at once (reused, or registered ACTIVE): no wait, but keep_last applies.
      const retention = await retain({ ...keep, image: registration.image, dryRun: false })
      return ended(retention?.cancelled ? { kind: 'cancelled' } : { kind: 'final' }, {
        ...learned,
        retention
      })
    }
    // The last check may start right at the deadline; its answer gets a short grace.
    const lastCheck = budget.withGrace(FINAL_CHECK_GRACE_MS)
    const waited = await waitUntilFinal(
      registration.image,
      current => showOrDeleted(client, wanted, current, lastCheck),
      { runtime, budget, log, startedAt, pollIntervalMs: config.pollIntervalMs }
    )
    const retention = await retain({ ...keep, image: waited.image, dryRun: false })
    const outcome: Outcome = retention?.cancelled ? { kind: 'cancelled' } : outcomeOfWait(waited)
    return ended(outcome, { ...learned, image: waited.image, retention })
  } catch (error) {
    if (error instanceof AlreadyRegisteredError)
      learned = { ...learned, image: error.image, created: false }
    // The digest was read before the arch was refused: later steps (and the summary) get it.
    if (error instanceof ArchRefusedError)
      learned = { ...learned, facts: { ...learned.facts, digest: error.digest } }
    if (writes.deletedId || writes.answerLost) learned = { ...learned, writes: { ...writes } }
    return ended({ kind: 'error', error }, { ...learned, provenance: await provenance })
  } finally {
    http.dispose()
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

/** The RegisterImage body: the path, the attributes given (arch: else the image's), a description. */
function registrationBody(
  config: Config,
  image: ImageReference,
  facts: ImageFacts,
  defaultDescription: string
): RegisterImageBody {
  const arch = config.attributes.arch ?? facts.arch
  return {
    swr_path: image.swrPath,
    ...config.attributes,
    ...(arch ? { arch } : {}),
    description: config.description ?? defaultDescription,
    ...(config.workspaceInput ? { workspace_id: config.workspaceInput } : {})
  }
}
