/**
 * Find or register: never registers the same swr_path twice. Looks for an existing registration
 * first, applies if_exists, and when a registration's answer is lost (timeout, reset, 5xx) or
 * conflicts, looks again before sending it anew. Returns what it learned; decides nothing about
 * how the step ends.
 */
import { DeadlineError, ServiceStateError, isTransient, messageOf } from '../base/errors.js'
import type { IfExists } from '../config/inputs.js'
import {
  FAILED_STATUSES,
  type Image,
  type ModelArtsClient,
  type RegisterImageBody,
  isConflict,
  isNotFound
} from '../cloud/modelarts.js'
import type { Logger, Runtime } from '../base/runtime.js'
import type { ImageReference } from '../config/swr-path.js'

export interface Registration {
  image: Image
  /** True when this run registered it, also when its answer was lost and it was found afterwards. */
  created: boolean
}

export interface RegistrationContext {
  client: ModelArtsClient
  image: ImageReference
  workspaceId: string
  body: RegisterImageBody
  ifExists: IfExists
  log: Logger
  runtime: Runtime
  signal: AbortSignal
  /** Epoch ms when the step started: a registration made after it is a concurrent run's. */
  startedAt: number
  /** Epoch ms after which no pause goes on. */
  deadline: number
}

/**
 * The path is registered already and the step must not go on with it: if_exists says to fail, or
 * the registration differs from what this run would register. Carries that registration.
 */
export class AlreadyRegisteredError extends Error {
  constructor(
    readonly image: Image,
    message: string
  ) {
    super(message)
    this.name = 'AlreadyRegisteredError'
  }
}

/** What the step will do about the path: decided before anything is written. */
export type Plan =
  | { action: 'register' }
  | { action: 'reuse'; image: Image; why: string }
  | { action: 'replace'; image: Image; why: string }

/** Registrations sent at most, when answers are lost and the look-up finds nothing. */
const MAX_REGISTER_ATTEMPTS = 3

/** Reuses, fails on or replaces an existing registration per if_exists; otherwise registers. */
export async function findOrRegister(ctx: RegistrationContext): Promise<Registration> {
  const plan = await planRegistration(ctx)
  switch (plan.action) {
    case 'reuse':
      ctx.log.info(`${alreadyRegistered(ctx, plan.image)}: reusing it (${plan.why})`)
      return { image: plan.image, created: false }
    case 'replace':
      ctx.log.info(
        `${alreadyRegistered(ctx, plan.image)}: deleting it and registering again (${plan.why})`
      )
      await deleteAndConfirm(ctx, plan.image.id)
      return register(ctx)
    case 'register':
      return register(ctx)
  }
}

/**
 * Looks the path up and decides, writing nothing: what a dry run reports, and what a real run
 * does. Throws AlreadyRegisteredError where the step must fail before any write.
 */
export async function planRegistration(ctx: RegistrationContext): Promise<Plan> {
  const existing = await ctx.client.findBySwrPath(ctx.image, ctx.workspaceId)
  if (!existing) return { action: 'register' }
  const what = alreadyRegistered(ctx, existing)
  if (ctx.ifExists === 'fail')
    throw new AlreadyRegisteredError(existing, `${what}, and if_exists is fail`)
  const failed = FAILED_STATUSES.has(existing.status)
  if (!failed && ctx.ifExists === 'reuse') {
    assertSame(ctx, existing)
    return { action: 'reuse', image: existing, why: 'if_exists: reuse' }
  }
  if (!failed && createdSince(existing, ctx.startedAt)) {
    // A sibling job registered it while this step ran: deleting it would undo that job's work.
    assertSame(ctx, existing)
    return {
      action: 'reuse',
      image: existing,
      why: 'registered after this step started, by a concurrent run'
    }
  }
  const why =
    ctx.ifExists === 'replace' ? 'if_exists: replace' : 'a failed registration helps no one'
  return { action: 'replace', image: existing, why }
}

function alreadyRegistered(ctx: RegistrationContext, image: Image): string {
  return `${ctx.image.swrPath} is already registered as image ${image.id} (status ${image.status})`
}

/** Attributes as the record names them, when they differ from the request's. */
const RECORD_FIELD: Record<string, string[]> = {
  resource_category: ['resource_categories', 'resource_category'],
  services: ['dev_services', 'services']
}
const COMPARED = [
  'arch',
  'service_type',
  'visibility',
  'resource_category',
  'services',
  'origin',
  'flavor_type'
] as const

/**
 * Reuse hands later steps an existing registration, so it must be the one asked for: `arch` and
 * every attribute given are compared (case-insensitive; lists as sets). A field the record does
 * not report is not compared.
 */
export function differences(record: Image, wanted: RegisterImageBody): string[] {
  const found: string[] = []
  const norm = (value: unknown): string =>
    (Array.isArray(value) ? value.map(String).sort() : [String(value)])
      .map(v => v.toUpperCase())
      .join(', ')
  for (const field of COMPARED) {
    const want = wanted[field]
    if (want === undefined) continue
    const names = RECORD_FIELD[field] ?? [field]
    const have = names
      .map(name => record[name])
      .find(value => value !== undefined && value !== null)
    if (have === undefined) continue
    if (norm(have) !== norm(want)) found.push(`${field} is ${norm(have)} (this run: ${norm(want)})`)
  }
  return found
}

function assertSame(ctx: RegistrationContext, existing: Image): void {
  const diff = differences(existing, ctx.body)
  if (diff.length === 0) return
  throw new AlreadyRegisteredError(
    existing,
    `${alreadyRegistered(ctx, existing)}, but it differs from what this run would register: ${diff.join('; ')}. ` +
      'Reusing it would hand later steps the wrong image: fix the inputs (or the tag), or set if_exists: replace to register it again'
  )
}

function createdSince(image: Image, startedAt: number): boolean {
  return typeof image.create_at === 'number' && image.create_at >= startedAt
}

async function register(ctx: RegistrationContext): Promise<Registration> {
  const { client, log, runtime } = ctx
  let answerLost = false
  for (let attempt = 1; ; attempt++) {
    try {
      const image = await client.register(ctx.body)
      log.info(`registered ${ctx.image.swrPath} as image ${image.id} (status ${image.status})`)
      return { image, created: true }
    } catch (error) {
      const conflict = isConflict(error)
      if (!conflict && !isTransient(error)) throw error
      log.info(
        `${messageOf(error)}; looking up whether ${conflict ? 'it is registered already' : 'the registration was committed anyway'}`
      )
      const found = await client.findBySwrPath(ctx.image, ctx.workspaceId)
      if (found) {
        // A conflict right after our own lost answer is our registration; otherwise someone else's
        // (a concurrent run), which if_exists: fail must not adopt.
        const ours = !conflict || answerLost
        if (!ours && ctx.ifExists === 'fail') {
          throw new AlreadyRegisteredError(
            found,
            `${ctx.image.swrPath} was registered concurrently as image ${found.id}, and if_exists is fail`
          )
        }
        if (!ours) assertSame(ctx, found)
        log.info(
          `found image ${found.id} (status ${found.status}): ${ours ? 'adopting this run’s registration' : 'reusing it'}`
        )
        return { image: found, created: ours }
      }
      if (conflict) {
        throw new ServiceStateError(
          'register image',
          `ModelArts answered that the tag is registered (${messageOf(error)}), yet no registration of ${ctx.image.swrPath} was found in workspace ${ctx.workspaceId}`
        )
      }
      answerLost = true
      if (attempt >= MAX_REGISTER_ATTEMPTS) throw error
      const pause = 1000 * attempt * (0.5 + runtime.random() / 2)
      log.info(`not registered: sending the registration again in ${(pause / 1000).toFixed(1)}s`)
      await pauseWithin(ctx, pause, 'register image')
    }
  }
}

/** Deletes a registration and waits until ModelArts no longer shows it, so the path is free again. */
async function deleteAndConfirm(ctx: RegistrationContext, id: string): Promise<void> {
  const { client } = ctx
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
    await pauseWithin(ctx, Math.min(1000 * 2 ** check, 5000), `confirm the delete of image ${id}`)
  }
  throw new ServiceStateError(
    `delete image ${id}`,
    'ModelArts still shows it after the delete; try again later'
  )
}

/** A pause that would end past the deadline is not taken: the step's timeout comes first. */
async function pauseWithin(ctx: RegistrationContext, ms: number, what: string): Promise<void> {
  if (ctx.deadline - ctx.runtime.now() <= ms) throw new DeadlineError(what)
  await ctx.runtime.sleep(ms, ctx.signal)
}
