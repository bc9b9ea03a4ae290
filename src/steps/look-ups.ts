/**
 * The look-ups before anything is written, side by side once the project is known: the SWR check
 * (in the shared SWR, or with swr_instance_id in an SWR Enterprise Edition instance) and ModelArts'
 * list of the repository's registrations; neither waits for the other. Their errors keep the
 * stages' order: the check's first, then the list's (met where the list is judged).
 */
import { observed } from '../base/promises.js'
import type { Logger, Runtime } from '../base/runtime.js'
import type { Secrets } from '../base/secrets.js'
import type { Budget } from '../budget.js'
import type { HttpApi } from '../cloud/http.js'
import { ModelArtsClient } from '../cloud/modelarts.js'
import { SwrClient } from '../cloud/swr.js'
import { defaultEndpointsOf } from '../config/endpoints.js'
import type { Config } from '../config/config.js'
import type { Image } from '../model/image.js'
import type { ImageFacts } from '../model/run.js'
import type { ResolvedCredentials } from './credentials.js'
import { checkImage } from './image-check.js'
import { lookUpPath } from './path-look-up.js'

/** What the look-ups give the stages after them. */
export interface LookUps {
  /** ModelArts in the run's project. */
  client: ModelArtsClient
  /** What the SWR check learned, the arch decided. */
  facts: ImageFacts
  /**
   * The registrations holding the path's tag (from any registry), listed beside the check (still
   * under way, or failed: its error is met where it is judged); undefined with image_id, which
   * looks nothing up.
   */
  listed?: Promise<readonly Image[]>
}

interface LookUpStage {
  config: Config
  /** The workspace the image lives in. */
  workspaceId: string
  http: HttpApi
  budget: Budget
  log: Logger
  secrets: Pick<Secrets, 'add'>
  /** The dice of the look-up's pauses. */
  deps: { runtime: Pick<Runtime, 'random'> }
}

/**
 * Starts the SWR check and the list, then waits for the check. A cancel or the deadline ends both
 * (they share the budget); a look-up left running when the other fails is observed, never an
 * unhandled rejection, and ends with the step.
 */
export async function lookUpSideBySide(
  stage: LookUpStage,
  credentials: ResolvedCredentials
): Promise<LookUps> {
  const { config, http, log } = stage
  const { auth, projectId, projectHeaders } = credentials
  log.info(`ModelArts ${config.endpoint}, project ${projectId}, ${credentials.description}`)
  const swr = new SwrClient(http, config.swrEndpoint, auth, projectHeaders)
  const instanceId = config.attributes.swr_instance_id
  const checking = observed(
    checkImage({
      swr,
      // With swr_instance_id the image is checked in that SWR Enterprise Edition instance.
      ...(instanceId && {
        instance: { id: instanceId, api: swr.instance({ projectId, instanceId }) }
      }),
      http,
      budget: stage.budget,
      timeoutMs: config.timeoutMs,
      image: config.image,
      enabled: config.checkImage,
      region: config.region,
      onDefaultEndpoint: config.swrEndpoint === defaultEndpointsOf(config.region)?.swr,
      arch: config.attributes.arch,
      log,
      mask: secret => stage.secrets.add(secret)
    })
  )
  const client = new ModelArtsClient(http, config.endpoint, projectId, auth, projectHeaders)
  const { image } = config
  // image_id: wait on an existing registration; no SWR check, no look-up, no write.
  const listed =
    image && !config.imageId
      ? observed(
          lookUpPath({
            client,
            image,
            workspaceId: stage.workspaceId,
            budget: stage.budget,
            runtime: stage.deps.runtime,
            log
          })
        )
      : undefined
  const facts = await checking
  // The list may have come back long before the check ended: the deadline is met here, where the
  // list would have gone out after the check, so a check that ran past it ends the step as timed
  // out (its registry part only warns), never a decision taken after the step's time.
  if (listed) stage.budget.assertOpen('look up existing registration')
  return { client, facts, ...(listed ? { listed } : {}) }
}
