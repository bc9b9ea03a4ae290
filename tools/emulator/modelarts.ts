/**
 * The ModelArts image API: RegisterImage, ListImage, ShowImage and DeleteImage over the images the
 * emulator keeps (images.ts holds the model). Authentication is done by the server before these run.
 */
import { type RouteContext, parseJson } from './context.js'
import {
  type EmulatorImage,
  type Lifecycle,
  imageView,
  lifecycles,
  newImage,
  unknownField,
  validateRegistration
} from './images.js'

export interface ModelArtsOptions {
  /** Lifecycle of each new registration (default: ACTIVE 600 ms after registering). */
  lifecycleFor?: (swrPath: string) => Lifecycle
  /** Whether RegisterImage answers 200 or 201. */
  registerStatus?: 200 | 201
  /** The error code of a duplicate registration (ModelArts.6737 by default; 2884 is also seen). */
  conflictCode?: string
  /** DeleteImage answers 200 and keeps the record (a delete that deletes nothing). */
  deleteKeepsRecord?: boolean
  /**
   * Called after each ListImage page is served (with its offset), before the next is asked for:
   * a test changes the store here, as a sibling job would while the list is read.
   */
  afterListPage?: (offset: number) => void
  /** ListImage serves the page before the one asked for (a page served twice). */
  repeatListPage?: boolean
  /** What the service records instead of the body it was sent (a service that registers another arch). */
  registerAs?: (body: Record<string, unknown>) => Record<string, unknown>
  /** What RegisterImage answers, from the record it stored (default: the record; `{id, status}` is seen). */
  registerAnswer?: (record: Record<string, unknown>) => Record<string, unknown>
  /** ShowImage quotes the caller's X-Auth-Token in status_message (a service echoing the request). */
  echoTokenInStatusMessage?: boolean
}

/** What the image API reads and changes. */
export interface ModelArtsState {
  readonly images: Map<string, EmulatorImage>
  readonly options: ModelArtsOptions
  /** Deletes asked with force (query force=true or body is_force: true). */
  forcedDeletes: number
}

const INVALID_PAYLOAD = 'Invalid request payload, please check.'

/** Adds a registration to the store, as RegisterImage records it. */
export function addImage(
  state: ModelArtsState,
  { body, lifecycle }: { body: Record<string, unknown>; lifecycle: Lifecycle }
): EmulatorImage {
  const image = newImage(body, lifecycle)
  state.images.set(image.id, image)
  return image
}

/** Preset images that the list API returns by default (type=BUILD_IN), to catch a missing type filter. */
export function seedBuiltIn(state: ModelArtsState): void {
  const preset = addImage(state, {
    body: { swr_path: 'swr.cn-north-4.myhuaweicloud.com/atelier/pytorch_1_8:train-py_3.7' },
    lifecycle: lifecycles.activeAtOnce()
  })
  preset.type = 'BUILD_IN'
}

/** POST /v1/{project_id}/images */
export function registerImage(state: ModelArtsState, ctx: RouteContext): void {
  const body = parseJson<unknown>(ctx.body)
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return ctx.error(400, 'ModelArts.6400', INVALID_PAYLOAD)
  const fields = body as Record<string, unknown>
  const unknown = unknownField(fields)
  if (unknown !== undefined)
    return ctx.error(
      400,
      'ModelArts.0101',
      `Invalid Argument: unknown field ${JSON.stringify(unknown)} in the request body`
    )
  const problem = validateRegistration(fields)
  if (problem) return ctx.error(400, 'ModelArts.0104', `Parameter error: ${problem}`)
  const swrPath = fields.swr_path as string
  const workspaceId = (fields.workspace_id as string | undefined) ?? '0'
  const duplicate = [...state.images.values()].find(
    i => !i.deleted && i.swr_path === swrPath && i.workspace_id === workspaceId
  )
  if (duplicate) {
    return ctx.error(
      400,
      state.options.conflictCode ?? 'ModelArts.6737',
      `Conflict tag ${duplicate.tag} for image ${duplicate.name}, tag cannot be duplicated.`
    )
  }
  const lifecycle = state.options.lifecycleFor?.(swrPath) ?? lifecycles.activeAfter(600)
  const recorded = state.options.registerAs?.(fields) ?? fields
  const image = addImage(state, { body: recorded, lifecycle })
  const view = imageView(image)
  ctx.reply(state.options.registerStatus ?? 200, state.options.registerAnswer?.(view) ?? view)
}

/** GET /v1/{project_id}/images: type BUILD_IN and fuzzy names by default, as the service does. */
export function listImages(state: ModelArtsState, ctx: RouteContext): void {
  const q = ctx.url.searchParams
  const type = q.get('type') ?? 'BUILD_IN'
  const name = q.get('name')
  // The documented character set of the name filter: lower-case letters, digits, - _ .
  if (name !== null && !/^[a-z0-9._-]{1,512}$/.test(name))
    return ctx.error(400, 'ModelArts.0104', 'Parameter error: name')
  const fuzzy = (q.get('name_fuzzy_match') ?? 'true') !== 'false'
  const namespace = q.get('namespace')
  const workspaceId = q.get('workspace_id') ?? '0'
  const limit = Number(q.get('limit') ?? 200)
  const asked = Number(q.get('offset') ?? 0)
  const offset = state.options.repeatListPage && asked > 0 ? Math.max(0, asked - limit) : asked
  const matches = [...state.images.values()]
    .filter(i => !i.deleted && i.type === type)
    .filter(i => !name || (fuzzy ? i.name.includes(name) : i.name === name))
    .filter(i => !namespace || i.namespace === namespace)
    .filter(i => i.type === 'BUILD_IN' || i.workspace_id === workspaceId)
  const page = matches.slice(offset, offset + limit)
  ctx.reply(200, {
    current: Math.floor(offset / Math.max(1, limit)),
    data: page.map(i => imageView(i)),
    pages: Math.ceil(matches.length / Math.max(1, limit)),
    size: page.length,
    total: matches.length
  })
  state.options.afterListPage?.(asked)
}

function found(state: ModelArtsState, ctx: RouteContext, id: string): EmulatorImage | undefined {
  const image = state.images.get(id)
  if (image && !image.deleted) return image
  ctx.error(400, 'ModelArts.6404', `Image ${id} not found.`)
  return undefined
}

/** GET /v1/{project_id}/images/{id} */
export function showImage(state: ModelArtsState, ctx: RouteContext, { id }: { id: string }): void {
  const image = found(state, ctx, id)
  if (!image) return
  const token = ctx.req.headers['x-auth-token']
  const echoed =
    state.options.echoTokenInStatusMessage && typeof token === 'string'
      ? { status_message: `the request's token ${token} was refused by the image builder` }
      : {}
  ctx.reply(200, { ...imageView(image), ...echoed })
}

/** DELETE /v1/{project_id}/images/{id}: force from the query (docs) or the body (SDKs). */
export function deleteImage(
  state: ModelArtsState,
  ctx: RouteContext,
  { id }: { id: string }
): void {
  const image = found(state, ctx, id)
  if (!image) return
  let forced = ctx.url.searchParams.get('force') === 'true'
  if (ctx.body.length > 0) {
    const body = parseJson<{ is_force?: unknown } | null>(ctx.body)
    if (body === undefined) return ctx.error(400, 'ModelArts.6400', INVALID_PAYLOAD)
    forced ||= body?.is_force === true
  }
  if (forced) state.forcedDeletes++
  image.deleted = !state.options.deleteKeepsRecord
  ctx.reply(200, imageView(image))
}
