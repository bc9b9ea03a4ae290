/**
 * The emulator's image model: lifecycles, records as ModelArts keeps them, RegisterImage's body
 * rules.
 */
import * as crypto from 'node:crypto'

type Status = 'INIT' | 'CREATING' | 'ACTIVE' | 'CREATE_FAILED' | 'ERROR' | 'DELETED'

/** Statuses an image goes through, each from `afterMs` after registration. */
export type Lifecycle = { status: Status; afterMs: number; message?: string }[]

export const lifecycles = {
  /** INIT at once, CREATING after a fifth of `ms`, ACTIVE after `ms`. */
  activeAfter: (ms: number): Lifecycle => [
    { status: 'INIT', afterMs: 0 },
    { status: 'CREATING', afterMs: Math.round(ms / 5) },
    { status: 'ACTIVE', afterMs: ms }
  ],
  /** INIT at once, CREATING after a fifth of `ms`, then `status` (CREATE_FAILED) after `ms`. */
  failAfter: (
    ms: number,
    {
      status = 'CREATE_FAILED',
      message = 'pull image failed: manifest unknown'
    }: { status?: 'CREATE_FAILED' | 'ERROR'; message?: string } = {}
  ): Lifecycle => [
    { status: 'INIT', afterMs: 0 },
    { status: 'CREATING', afterMs: Math.round(ms / 5) },
    { status, afterMs: ms, message }
  ],
  activeAtOnce: (): Lifecycle => [{ status: 'ACTIVE', afterMs: 0 }]
}

export interface EmulatorImage {
  id: string
  swr_path: string
  name: string
  namespace: string
  tag: string
  workspace_id: string
  type: 'DEDICATED' | 'BUILD_IN'
  createdAt: number
  lifecycle: Lifecycle
  fields: Record<string, unknown>
  deleted: boolean
  /** Used by a notebook or a job: DeleteImage refuses it. */
  inUse?: boolean
}

/** Where an image is in its lifecycle now. */
function statusOf(image: EmulatorImage, now = Date.now()): { status: Status; message?: string } {
  if (image.deleted) return { status: 'DELETED' }
  let current = image.lifecycle[0] ?? { status: 'ACTIVE' as Status, afterMs: 0 }
  for (const step of image.lifecycle) if (now - image.createdAt >= step.afterMs) current = step
  return { status: current.status, message: current.message }
}

/** A new registration from a RegisterImage body, as ModelArts would record it. */
export function newImage(body: Record<string, unknown>, lifecycle: Lifecycle): EmulatorImage {
  const swrPath = String(body.swr_path)
  const afterRegistry = swrPath.slice(swrPath.indexOf('/') + 1)
  const colon = afterRegistry.lastIndexOf(':')
  const repository = afterRegistry.slice(0, colon)
  const slash = repository.indexOf('/')
  const image: EmulatorImage = {
    id: crypto.randomUUID(),
    swr_path: swrPath,
    namespace: repository.slice(0, slash),
    name: repository.slice(slash + 1),
    tag: afterRegistry.slice(colon + 1),
    workspace_id: (body.workspace_id as string | undefined) ?? '0',
    type: 'DEDICATED',
    createdAt: Date.now(),
    lifecycle,
    deleted: false,
    fields: {
      arch: ((body.arch as string | undefined) ?? 'X86_64').toLowerCase(),
      description: body.description ?? '',
      origin: body.origin ?? 'CUSTOMIZE',
      resource_categories: body.resource_category ?? ['CPU', 'GPU'],
      dev_services: body.services ?? ['NOTEBOOK', 'SSH'],
      service_type: body.service_type ?? 'UNKNOWN',
      visibility: body.visibility ?? 'PRIVATE',
      ...(body.flavor_type ? { flavor_type: body.flavor_type } : {}),
      ...(body.read_me !== undefined ? { read_me: body.read_me } : {}),
      // The record carries swr_instance_id, null outside SWR Enterprise Edition.
      swr_instance_id: body.swr_instance_id ?? null,
      size: 3376133259
    }
  }
  return image
}

/** The image record as the API returns it, with the status its lifecycle has reached. */
export function imageView(image: EmulatorImage): Record<string, unknown> {
  const { status, message } = statusOf(image)
  return {
    ...image.fields,
    id: image.id,
    name: image.name,
    namespace: image.namespace,
    tag: image.tag,
    swr_path: image.swr_path,
    workspace_id: image.workspace_id,
    type: image.type,
    status,
    ...(message ? { status_message: message } : {}),
    create_at: image.createdAt,
    update_at: Date.now()
  }
}

const ENUMS: Record<string, string[]> = {
  arch: ['X86_64', 'AARCH64'],
  origin: ['CUSTOMIZE', 'IMAGE_SAVE'],
  service_type: ['COMMON', 'INFERENCE', 'TRAIN', 'DEV', 'UNKNOWN'],
  visibility: ['PRIVATE', 'PUBLIC'],
  flavor_type: ['ASCEND_SNT9', 'ASCEND_SNT9B', 'ASCEND_SNT3']
}
const LISTS: Record<string, string[]> = {
  resource_category: ['CPU', 'GPU', 'ASCEND'],
  // The API document lists NOTEBOOK and SSH; the SDKs' enum (ImageRegRequest) has the others.
  services: ['NOTEBOOK', 'SSH', 'WEB_IDE', 'TENSOR_BOARD', 'AI_FLOW', 'MA_STUDIO']
}
/** String fields and their longest length (none documented for swr_instance_id). */
const TEXTS: Record<string, number> = { description: 512, read_me: 3000, swr_instance_id: Infinity }
/** The fields of a RegisterImage body (the API document, and the SDKs' ImageRegRequest). */
const REGISTRATION_FIELDS: ReadonlySet<string> = new Set([
  'swr_path',
  'workspace_id',
  'tags',
  ...Object.keys(TEXTS),
  ...Object.keys(ENUMS),
  ...Object.keys(LISTS)
])

/** The first field of a RegisterImage body that the API does not know, or undefined. */
export function unknownField(body: Record<string, unknown>): string | undefined {
  return Object.keys(body).find(key => !REGISTRATION_FIELDS.has(key))
}

/** The RegisterImage body rules of the API document; a string naming the first problem, or undefined. */
export function validateRegistration(body: Record<string, unknown>): string | undefined {
  if (typeof body.swr_path !== 'string' || body.swr_path.length < 16 || body.swr_path.length > 2048)
    return 'swr_path'
  for (const [key, allowed] of Object.entries(ENUMS)) {
    if (body[key] !== undefined && !allowed.includes(body[key] as string)) return key
  }
  for (const [key, allowed] of Object.entries(LISTS)) {
    const value = body[key]
    if (
      value !== undefined &&
      (!Array.isArray(value) || !value.every(v => allowed.includes(v as string)))
    )
      return key
  }
  for (const [key, longest] of Object.entries(TEXTS)) {
    const value = body[key]
    if (value !== undefined && (typeof value !== 'string' || value.length > longest)) return key
  }
  // tags: at most 20; the request's item format is unconfirmed, so any item is taken (and not kept).
  if (body.tags !== undefined && (!Array.isArray(body.tags) || body.tags.length > 20)) return 'tags'
  if (body.workspace_id !== undefined && !/^(0|[0-9a-z]{32})$/.test(String(body.workspace_id)))
    return 'workspace_id'
  return undefined
}
