/**
 * The run: what every step draws on (config, clients, budget, log), passed as it is, and what the
 * steps learned, recorded on it as they learn it.
 */
import { InputError } from '../base/errors.js'
import type { Logger, Runtime } from '../base/runtime.js'
import type { Secrets } from '../base/secrets.js'
import { Budget } from '../budget.js'
import { HttpApi } from '../cloud/http.js'
import { ModelArtsClient } from '../cloud/modelarts.js'
import { SwrClient } from '../cloud/swr.js'
import { type Config, workspaceOf } from '../config/config.js'
import type { ImageReference } from '../config/swr-path.js'
import type { KeepTags } from '../config/value-parsers.js'
import type { Wanted } from '../decide/verdict.js'
import type { Provenance, RunResult, Writes } from '../model/run.js'
import { resolveCredentials } from './credentials.js'

/** What the run takes from its surroundings; tests pass their own. */
export interface Surroundings {
  runtime: Runtime
  env: Readonly<Record<string, string | undefined>>
  signal: AbortSignal
  getIdToken: (audience: string | undefined) => Promise<string>
  /** Per-request timeout; tests shorten it to exercise silent sockets quickly. */
  requestTimeoutMs?: number
}

/** What the steps learned; how the run ended and its length are added when it ends. */
export type Learned = Omit<RunResult, 'outcome' | 'elapsedMs'>

/** What the run works on: a path to find or register, or the registration image_id names. */
type Subject = { image: ImageReference } | { imageId: string }

export interface Run {
  readonly config: Config
  /** keep_tags, compiled before any request. */
  readonly keepTags?: KeepTags
  readonly subject: Subject
  /** The workspace the image lives in, derived once from the inputs. */
  readonly workspaceId: string
  readonly runtime: Runtime
  readonly log: Logger
  /** The step's one budget: every request and pause draws on it. */
  readonly budget: Budget
  /** Epoch ms when the step started. */
  readonly startedAt: number
  readonly http: HttpApi
  /** ModelArts and SWR in the run's project. */
  readonly modelArts: ModelArtsClient
  readonly swr: SwrClient
  readonly projectId: string
  /** Hides a secret the run learns (a temporary login, a token) in every log line. */
  readonly mask: (secret: string) => void
  /** What the run asks for: the path, the workspace, and once the arch is decided the body. */
  wanted: Wanted
  /** What the registration step began and did not finish, noted as it happens. */
  readonly writes: Writes
  /** What the steps learned, recorded as they learn it. */
  readonly result: Learned
  /** Ends work still under way (a look-up left running when another failed), then the client. */
  readonly close: () => void
}

/** What opening a run needs besides its surroundings. */
interface Opening {
  config: Config
  keepTags?: KeepTags
  secrets: Secrets
  log: Logger
  startedAt: number
  provenance: Promise<Provenance>
}

/**
 * The budget (ended on a cancel, and when the steps are done: a look-up left running then stops at
 * once), the one HTTP client, the credentials and the project, and the clients of the run.
 */
export async function openRun(around: Surroundings, opening: Opening): Promise<Run> {
  const { config, secrets, log, startedAt } = opening
  const subject = subjectOf(config)
  const { budget, stop } = new Budget(
    around.runtime,
    startedAt + config.timeoutMs,
    around.signal
  ).stoppable()
  const redact = (text: string): string => secrets.redact(text)
  const { runtime, requestTimeoutMs } = around
  const http = new HttpApi({ runtime, log, budget, requestTimeoutMs, redact })
  const close = (): void => {
    stop()
    http.dispose()
  }
  const mask = (secret: string): void => secrets.add(secret)
  try {
    const { env, getIdToken } = around
    const credentials = await resolveCredentials(config, {
      http,
      log,
      env,
      getIdToken,
      mask,
      provenance: opening.provenance
    })
    const { auth, projectId, projectHeaders: headers } = credentials
    log.info(`ModelArts ${config.endpoint}, project ${projectId}, ${credentials.description}`)
    const workspaceId = workspaceOf(config)
    return {
      config,
      ...(opening.keepTags && { keepTags: opening.keepTags }),
      subject,
      workspaceId,
      runtime,
      log,
      budget,
      startedAt,
      http,
      modelArts: new ModelArtsClient(http, config.endpoint, projectId, auth, headers),
      swr: new SwrClient(http, config.swrEndpoint, auth, headers),
      projectId,
      mask,
      wanted: { image: config.image, workspaceId },
      writes: {},
      result: { config },
      close
    }
  } catch (error) {
    close()
    throw error
  }
}

/** image_id, else swr_path: the input reader asks for one of them. */
function subjectOf({ image, imageId }: Config): Subject {
  if (imageId) return { imageId }
  if (image) return { image }
  throw new InputError(['swr_path: give the image to register (or image_id)'])
}
