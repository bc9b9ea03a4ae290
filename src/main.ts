/**
 * The story in order: config → credentials → find or register → image_id → wait → outputs and
 * summary. The one place that decides how the step ends.
 */
import { appendFile } from 'node:fs/promises'
import * as core from '@actions/core'
import { resolveCredentials } from './credentials.js'
import { CancelledError, DeadlineError, isNotFound, messageOf } from './errors.js'
import { HttpApi } from './http.js'
import { type Config, type Provenance, parseConfig } from './inputs.js'
import { FAILED_STATUSES, type Image, ModelArtsClient, isFinal } from './modelarts.js'
import { findOrRegister } from './registration.js'
import { type Logger, type Runtime, formatDuration, systemRuntime } from './runtime.js'
import { type RunReport, summaryMarkdown } from './summary.js'
import { waitUntilFinal } from './wait.js'

/** What the run takes from its surroundings; tests pass their own. */
export interface ActionDeps {
  runtime: Runtime
  env: Readonly<Record<string, string | undefined>>
  signal: AbortSignal
  getIdToken: (audience: string | undefined) => Promise<string>
  /** Per-request timeout; tests shorten it to exercise silent sockets quickly. */
  requestTimeoutMs?: number
}

/**
 * The last check may start right at the deadline; its answer gets this long, so a slow service
 * cannot stretch the step far past `timeout`.
 */
const FINAL_CHECK_GRACE_MS = 3_000

const log: Logger = { info: core.info, debug: core.debug, warning: core.warning }

/** Entry point: runs the action in this process, stopping on SIGINT/SIGTERM. */
export async function run(): Promise<void> {
  const cancel = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    core.warning(`received ${signal}: stopping and writing what is known`)
    cancel.abort()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    await runAction({
      runtime: systemRuntime,
      env: process.env,
      signal: cancel.signal,
      getIdToken: audience => core.getIDToken(audience)
    })
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  // The runner kills a cancelled step soon after the signal; leave now rather than wait for a socket.
  if (cancel.signal.aborted) process.exit()
}

/** Runs the action once; never throws: failures end up in core.setFailed. */
export async function runAction(deps: ActionDeps): Promise<void> {
  const { runtime, signal } = deps
  const startedAt = runtime.now()
  const report: RunReport = { elapsedMs: 0 }
  let http: HttpApi | undefined
  try {
    const config = parseConfig(
      { input: name => core.getInput(name), env: deps.env, mask: core.setSecret },
      provenance(deps.env)
    )
    for (const warning of config.warnings) core.warning(warning)
    report.swrPath = config.image.swrPath
    report.region = config.region
    const deadline = startedAt + config.timeoutMs
    http = new HttpApi({
      runtime,
      log,
      signal,
      deadline: deadline + FINAL_CHECK_GRACE_MS,
      requestTimeoutMs: deps.requestTimeoutMs
    })

    const credentials = await resolveCredentials(config, {
      http,
      log,
      env: deps.env,
      getIdToken: deps.getIdToken,
      mask: core.setSecret
    })
    core.info(
      `ModelArts ${config.endpoint}, project ${credentials.projectId}, ${credentials.description}`
    )
    const client = new ModelArtsClient(
      http,
      config.endpoint,
      credentials.projectId,
      credentials.auth,
      credentials.modelartsHeaders
    )

    const registration = await findOrRegister({ client, config, log, runtime, signal })
    report.image = registration.image
    report.created = registration.created
    // Set before waiting, so a later step (or a cancelled run's log) has the id whatever happens.
    core.setOutput('image_id', registration.image.id)

    if (!config.wait && !isFinal(registration.image.status)) {
      core.info(
        `wait is false: not waiting for image ${registration.image.id} (status ${registration.image.status})`
      )
    } else {
      const result = await waitUntilFinal(
        registration.image,
        id => showOrDeleted(client, id, report.image),
        {
          runtime,
          signal,
          log,
          startedAt,
          deadline,
          pollIntervalMs: config.pollIntervalMs,
          onImage: image => (report.image = image)
        }
      )
      report.image = result.image
      if (result.outcome === 'timeout') {
        report.failure =
          `timed out after ${formatDuration(runtime.now() - startedAt)} (timeout ${formatDuration(config.timeoutMs)}): ` +
          `image ${result.image.id} is still ${result.image.status}` +
          (result.lastProblem ? `; the last check failed: ${result.lastProblem}` : '')
      } else if (result.outcome === 'cancelled') {
        report.failure = cancelledMessage(runtime.now() - startedAt, result.image)
      }
    }
    if (!report.failure && report.image && FAILED_STATUSES.has(report.image.status)) {
      report.failure = failedMessage(report.image, config)
    }
  } catch (error) {
    report.failure =
      error instanceof CancelledError
        ? cancelledMessage(runtime.now() - startedAt, report.image)
        : error instanceof DeadlineError
          ? `timed out after ${formatDuration(runtime.now() - startedAt)}: ${error.message}`
          : messageOf(error)
  } finally {
    http?.dispose()
  }

  report.elapsedMs = runtime.now() - startedAt
  setOutputs(report)
  await writeSummary(report, deps.env)
  if (report.failure) core.setFailed(report.failure)
  else
    core.info(
      `image ${report.image?.id} is ${report.image?.status} (${formatDuration(report.elapsedMs)})`
    )
}

/** Every output but image_id, which was written the moment the image was known. */
function setOutputs(report: RunReport): void {
  const image = report.image
  if (!image) return
  core.setOutput('status', image.status)
  core.setOutput('name', image.name ?? '')
  core.setOutput('namespace', image.namespace ?? '')
  core.setOutput('tag', image.tag ?? '')
  core.setOutput('swr_path', image.swr_path ?? report.swrPath ?? '')
  core.setOutput('status_message', image.status_message ?? '')
  core.setOutput('created', String(report.created ?? false))
  core.setOutput('image', JSON.stringify(image))
}

/**
 * Appends to the file GITHUB_STEP_SUMMARY names, as core.summary does; read from the run's own
 * environment because core.summary keeps the first path it saw for the life of the process.
 */
async function writeSummary(report: RunReport, env: ActionDeps['env']): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) return core.debug('no GITHUB_STEP_SUMMARY: no job summary written')
  try {
    await appendFile(file, summaryMarkdown(report), 'utf8')
  } catch (error) {
    core.warning(`could not write the job summary: ${messageOf(error)}`)
  }
}

/**
 * ShowImage, where "not found" means the registration was deleted while we waited: a final status
 * to report like the others, not an error.
 */
async function showOrDeleted(
  client: ModelArtsClient,
  id: string,
  last: Image | undefined
): Promise<Image> {
  try {
    return await client.show(id)
  } catch (error) {
    if (!isNotFound(error)) throw error
    return {
      ...last,
      id,
      status: 'DELETED',
      status_message: `deleted while waiting (${messageOf(error)})`
    }
  }
}

function failedMessage(image: Image, config: Config): string {
  const message = image.status_message ? `: ${image.status_message}` : ''
  return `image ${image.id} (${config.image.swrPath}) is ${image.status}${message}`
}

function cancelledMessage(elapsedMs: number, image: Image | undefined): string {
  const state = image ? `; image ${image.id} was ${image.status}` : ''
  return `cancelled after ${formatDuration(elapsedMs)}${state}`
}

function provenance(env: ActionDeps['env']): Provenance {
  return {
    repository: env.GITHUB_REPOSITORY,
    sha: env.GITHUB_SHA,
    workflow: env.GITHUB_WORKFLOW,
    runId: env.GITHUB_RUN_ID,
    serverUrl: env.GITHUB_SERVER_URL
  }
}
