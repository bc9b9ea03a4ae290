/**
 * ModelArts' image API (RegisterImage, ListImage, ShowImage, DeleteImage) over images.ts's model.
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
  /**
   * What a duplicate is: the same swr_path (default), or the same namespace, name and tag from any
   * registry, as the error text suggests the service keys on (unconfirmed: both are served).
   */
  conflictOn?: 'swr_path' | 'namespace-name-tag'
  /** DeleteImage answers 200 and keeps the record (a delete that deletes nothing). */
  deleteKeepsRecord?: boolean
  /**
   * Called after each ListImage page is served (with its offset), before the next is asked for:
   * a test changes the store here, as a sibling job would while the list is read.
   */
  afterListPage?: (offset: number) => void
  /** ListImage serves the page before the one asked for (a page served twice). */
  repeatListPage?: boolean
  /**
   * After each ListImage page served, a sibling writes to the listed repository, as a matrix does
   * while the list is read: after odd pages it registers a new tag (`sibling-N`), after even ones
   * it deletes the repository's oldest registration (its `keep_last`). Each changes `total`.
   */
  churnBetweenPages?: boolean
  /** What the service records instead of the body it was sent (a service that registers another arch). */
  registerAs?: (body: Record<string, unknown>) => Record<string, unknown>
  /**
   * ModelArts has no agency in the region (nobody authorized it in the console's Settings):
   * RegisterImage answers 400 ModelArts.6379.
   */
  noAgency?: boolean
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
  /** Writes `churnBetweenPages` made so far. */
  churned: number
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
  if (state.options.noAgency)
    return ctx.error(
      400,
      'ModelArts.6379',
      'No IAM agency created in Settings. Create an IAM agency on the ModelArts management console.'
    )
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
  const byTag = state.options.conflictOn === 'namespace-name-tag'
  // namespace/name:tag: the path after its registry host.
  const nameAndTag = swrPath.slice(swrPath.indexOf('/') + 1)
  const duplicate = [...state.images.values()].find(
    i =>
      !i.deleted &&
      i.type === 'DEDICATED' &&
      i.workspace_id === workspaceId &&
      (byTag ? `${i.namespace}/${i.name}:${i.tag}` === nameAndTag : i.swr_path === swrPath)
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
  if (state.options.churnBetweenPages) churn(state, matches)
  state.options.afterListPage?.(asked)
}

/** A sibling's write between two pages of a list (`churnBetweenPages`). */
function churn(state: ModelArtsState, listed: EmulatorImage[]): void {
  const [first] = listed
  if (!first || first.type !== 'DEDICATED') return
  state.churned++
  if (state.churned % 2 === 1) {
    const repository = first.swr_path.slice(0, first.swr_path.lastIndexOf(':'))
    const body = {
      swr_path: `${repository}:sibling-${state.churned}`,
      workspace_id: first.workspace_id
    }
    addImage(state, { body, lifecycle: lifecycles.activeAtOnce() })
    return
  }
  const oldest = listed.reduce((a, b) => (b.createdAt < a.createdAt ? b : a), first)
  oldest.deleted = true
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
  // Huawei documents the refusal ("the image is being used") but no code for it.
  if (image.inUse)
    return ctx.error(400, 'ModelArts.6010', `The image ${id} is being used by notebook instances.`)
  image.deleted = !state.options.deleteKeepsRecord
  ctx.reply(200, imageView(image))
}
