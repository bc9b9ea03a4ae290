/**
 * Find or register: never registers the same swr_path twice. Looks for an existing registration
 * first, applies if_exists, and when a registration's answer is lost (timeout, reset, 5xx) or
 * conflicts, looks again before sending it anew.
 */
import { ApiError, isNotFound, isTransient, messageOf } from './errors.js'
import type { Config } from './inputs.js'
import { FAILED_STATUSES, type Image, type ModelArtsClient } from './modelarts.js'
import type { Logger, Runtime } from './runtime.js'

export interface Registration {
  image: Image
  /** True when this run registered it, also when its answer was lost and it was found afterwards. */
  created: boolean
}

export interface RegistrationContext {
  client: ModelArtsClient
  config: Config
  log: Logger
  runtime: Runtime
  signal: AbortSignal
}

/** ModelArts' answer when the swr_path is registered already. */
export const CONFLICT_CODE = 'ModelArts.6737'
/** Registrations sent at most, when answers are lost and the look-up finds nothing. */
const MAX_REGISTER_ATTEMPTS = 3

/** Reuses, fails on or replaces an existing registration per if_exists; otherwise registers. */
export async function findOrRegister(ctx: RegistrationContext): Promise<Registration> {
  const { client, config, log } = ctx
  const existing = await client.findBySwrPath(config.image, config.workspaceId)
  if (existing) {
    const what = `${config.image.swrPath} is already registered as image ${existing.id} (status ${existing.status})`
    if (config.ifExists === 'fail') throw new Error(`${what}, and if_exists is fail`)
    if (config.ifExists === 'reuse' && !FAILED_STATUSES.has(existing.status)) {
      log.info(`${what}: reusing it (if_exists: reuse)`)
      return { image: existing, created: false }
    }
    const why =
      config.ifExists === 'replace' ? 'if_exists: replace' : 'a failed registration helps no one'
    log.info(`${what}: deleting it and registering again (${why})`)
    await deleteAndConfirm(ctx, existing.id)
  }
  return register(ctx)
}

async function register(ctx: RegistrationContext): Promise<Registration> {
  const { client, config, log, runtime, signal } = ctx
  let answerLost = false
  for (let attempt = 1; ; attempt++) {
    try {
      const image = await client.register(config.registration)
      log.info(`registered ${config.image.swrPath} as image ${image.id} (status ${image.status})`)
      return { image, created: true }
    } catch (error) {
      const conflict = error instanceof ApiError && error.errorCode === CONFLICT_CODE
      if (!conflict && !isTransient(error)) throw error
      log.info(
        `${messageOf(error)}; looking up whether ${conflict ? 'it is registered already' : 'the registration was committed anyway'}`
      )
      const found = await client.findBySwrPath(config.image, config.workspaceId)
      if (found) {
        // A conflict right after our own lost answer is our registration; otherwise someone else's
        // (a concurrent run), which if_exists: fail must not adopt.
        const ours = !conflict || answerLost
        if (!ours && config.ifExists === 'fail') {
          throw new Error(
            `${config.image.swrPath} was registered concurrently as image ${found.id}, and if_exists is fail`
          )
        }
        log.info(
          `found image ${found.id} (status ${found.status}): ${ours ? 'adopting this run’s registration' : 'reusing it'}`
        )
        return { image: found, created: ours }
      }
      if (conflict) {
        throw new Error(
          `${messageOf(error)}; yet no registration of ${config.image.swrPath} was found in workspace ${config.workspaceId}`
        )
      }
      answerLost = true
      if (attempt >= MAX_REGISTER_ATTEMPTS) throw error
      const pause = 1000 * attempt * (0.5 + runtime.random() / 2)
      log.info(`not registered: sending the registration again in ${(pause / 1000).toFixed(1)}s`)
      await runtime.sleep(pause, signal)
    }
  }
}

/** Deletes a registration and waits until ModelArts no longer shows it, so the path is free again. */
async function deleteAndConfirm(ctx: RegistrationContext, id: string): Promise<void> {
  const { client, runtime, signal } = ctx
  try {
    await client.delete(id)
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
  for (let check = 0; check < 30; check++) {
    try {
      const image = await client.show(id)
      if (image.status === 'DELETED') return
    } catch (error) {
      if (isNotFound(error)) return
      throw error
    }
    await runtime.sleep(Math.min(1000 * 2 ** check, 5000), signal)
  }
  throw new Error(`image ${id} was deleted but ModelArts still shows it; try again later`)
}
