/**
 * The look-ups before anything is written, side by side: the SWR check needs only the
 * authenticator and ModelArts' list of the repository's registrations the project; neither waits
 * for the other. When IAM must name the project, that look-up goes first and alone: it is the
 * first request the credentials sign, and a wrong key is refused once, not once per look-up. Their
 * errors keep the stages' order: the project's, then the check's, then the list's (met where the
 * list is judged).
 */
import { observed } from '../base/promises.js'
import type { Logger } from '../base/runtime.js'
import type { Secrets } from '../base/secrets.js'
import type { Budget } from '../budget.js'
import type { HttpApi } from '../cloud/http.js'
import { ModelArtsClient } from '../cloud/modelarts.js'
import { SwrClient } from '../cloud/swr.js'
import type { Config } from '../config/inputs.js'
import type { Image } from '../model/image.js'
import type { ImageFacts } from '../model/run.js'
import type { ResolvedCredentials } from './credentials.js'
import { checkImage } from './image-check.js'
import { listRegistrations } from './registration.js'

/** What the look-ups give the stages after them. */
export interface LookUps {
  /** ModelArts in the run's project. */
  client: ModelArtsClient
  /** What the SWR check learned, the arch decided. */
  facts: ImageFacts
  /**
   * The registrations of the repository, listed beside the check (still under way, or failed:
   * its error is met where it is judged); undefined with image_id, which looks nothing up.
   */
  listed?: Promise<readonly Image[]>
}

export interface LookUpStage {
  config: Config
  http: HttpApi
  budget: Budget
  log: Logger
  secrets: Pick<Secrets, 'add'>
}

/**
 * Starts the SWR check (after IAM's project look-up, when there is one), then the list once the
 * project is known, then waits for the check. A cancel or the deadline ends both (they share the
 * budget); a look-up left running when another fails is observed, never an unhandled rejection.
 */
export async function lookUpSideBySide(
  stage: LookUpStage,
  credentials: ResolvedCredentials
): Promise<LookUps> {
  const { config, http, log } = stage
  if (credentials.projectLookedUp) await credentials.project
  const checking = observed(
    checkImage({
      swr: new SwrClient(http, config.swrEndpoint, credentials.auth),
      http,
      budget: stage.budget,
      timeoutMs: config.timeoutMs,
      // image_id: wait on an existing registration; no SWR check, no look-up, no write.
      image: config.image,
      enabled: config.checkImage && !config.imageId,
      region: config.region,
      arch: config.attributes.arch,
      log,
      mask: secret => stage.secrets.add(secret)
    })
  )
  const project = await credentials.project
  log.info(`ModelArts ${config.endpoint}, project ${project.id}, ${credentials.description}`)
  const client = new ModelArtsClient(
    http,
    config.endpoint,
    project.id,
    credentials.auth,
    project.modelartsHeaders
  )
  const { image } = config
  const listed =
    image && !config.imageId
      ? observed(listRegistrations(client, { image, workspaceId: config.workspaceId }))
      : undefined
  return { client, facts: await checking, ...(listed ? { listed } : {}) }
}
