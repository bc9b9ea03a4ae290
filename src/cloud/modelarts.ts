/**
 * The ModelArts image API: register, show, list (every page, each id once, a changing list told
 * apart), delete (never forced). Typed, validated records in
 * and out; HTTP, auth and retries are http.ts's business. Every record is checked before anything
 * uses it: an id that is not an id, or a record for another image, is an unreadable answer.
 */
import { ApiError, ServiceStateError } from '../base/errors.js'
import type { Budget } from '../budget.js'
import { unreadableAnswer } from './answer.js'
import type { ApiResponse, Authenticator, HttpApi } from './http.js'
import type { ImageReference } from '../config/swr-path.js'
import { DELETED, type Image, type RegisterImageBody } from '../model/image.js'
import { isObject } from '../base/json.js'
import { IMAGE_ID } from '../base/ids.js'
import { serverText } from '../base/text.js'

/** ModelArts' answer when the image does not exist (with HTTP 400 or 404). */
const NOT_FOUND_CODE = 'ModelArts.6404'
/** ModelArts' answers when the tag is registered already (6737 for images, 2884 seen elsewhere). */
const CONFLICT_CODES: ReadonlySet<string> = new Set(['ModelArts.6737', 'ModelArts.2884'])

/** ModelArts reports "no such image" as ModelArts.6404, with HTTP 400 or 404. */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.errorCode === NOT_FOUND_CODE ||
      // A gateway's 404 (shared APIGW., dedicated APIG.) is a wrong endpoint, not a missing image.
      (error.status === 404 && !/^APIGW?\./.test(error.errorCode)))
  )
}

/** The answer to a registration: the tag is registered already. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && CONFLICT_CODES.has(error.errorCode)
}

const PAGE_SIZE = 100
const MAX_PAGES = 50
/** The list API documents names as lower-case letters, digits, -, _ and . only. */
const LISTABLE_NAME = /^[a-z0-9._-]{1,512}$/

/** A ModelArts client for one project. */
export class ModelArtsClient {
  constructor(
    private readonly http: HttpApi,
    private readonly endpoint: string,
    private readonly projectId: string,
    private readonly auth: Authenticator,
    /** Headers every ModelArts call carries (X-Project-Id with AK/SK, as the SDKs send). */
    private readonly extraHeaders: Record<string, string> = {}
  ) {}

  /** RegisterImage. Only a 429 is retried here: the caller decides what a lost answer means. */
  async register(body: RegisterImageBody): Promise<Image> {
    const what = 'register image'
    const response = await this.http.send({
      what,
      method: 'POST',
      endpoint: this.endpoint,
      path: this.imagesPath(),
      body,
      headers: this.extraHeaders,
      auth: this.auth,
      retry: 'throttled-only'
    })
    return readImage(what, response.body, response, this.http.redact)
  }

  /** ShowImage; the answer must be the record of `id`. `budget`: the last check's grace. */
  async show(id: string, budget?: Budget): Promise<Image> {
    const what = 'check image status'
    const response = await this.http.send({
      what,
      budget,
      method: 'GET',
      endpoint: this.endpoint,
      path: `${this.imagesPath()}/${encodeURIComponent(id)}`,
      headers: this.extraHeaders,
      auth: this.auth,
      retry: 'transient'
    })
    const image = readImage(what, response.body, response, this.http.redact)
    if (image.id !== id) throw unreadable(what, response, `the answer is for image ${image.id}`)
    return image
  }

  /**
   * The registration, or undefined once it is gone: ModelArts says it does not exist, or shows it
   * as DELETED. The one test of a delete having taken effect.
   */
  async showUnlessGone(id: string, budget?: Budget): Promise<Image | undefined> {
    try {
      const image = await this.show(id, budget)
      return String(image.status).toUpperCase() === DELETED ? undefined : image
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
  }

  /**
   * Every DEDICATED record of this repository in the workspace, from every page, each id once. A
   * list that changed while it was read (a sibling registered or deleted) is read once more; when it
   * changes again this throws: a look-up never concludes "not registered" from part of a list.
   */
  async listRegistrations(image: ImageReference, workspaceId: string): Promise<Image[]> {
    const first = await this.listImages(image, workspaceId)
    if (!first.changed) return first.images
    const second = await this.listImages(image, workspaceId)
    if (!second.changed) return second.images
    throw new ServiceStateError(
      'look up existing registration',
      'the image list changed while it was read, twice; not concluding from part of it'
    )
  }

  /**
   * One reading of the list, every page, each id once; `changed` when the list changed between
   * pages (`total` differs, or an id is on two pages): then some record may have been missed.
   * The list API defaults to preset images (type=BUILD_IN) and fuzzy names, so both are set
   * explicitly; there is no tag or path filter, so the caller compares paths. A repository name
   * the name filter does not accept (one with `/`) is listed by namespace alone. Pages are
   * followed until one comes back empty or `total` is reached, whatever page size the service
   * chose: a partial list never passes for the whole.
   */
  async listImages(
    image: ImageReference,
    workspaceId: string
  ): Promise<{ images: Image[]; changed: boolean }> {
    const byId = new Map<string, Image>()
    let offset = 0
    let changed = false
    let firstTotal: number | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const { records, total } = await this.listPage(image, workspaceId, offset)
      firstTotal ??= total
      if (total !== firstTotal) changed = true
      const onPage = new Set<string>()
      for (const record of records) {
        if (byId.has(record.id) && !onPage.has(record.id)) changed = true
        if (!byId.has(record.id)) byId.set(record.id, record)
        onPage.add(record.id)
      }
      offset += records.length
      if (records.length === 0 || (total !== undefined && offset >= total))
        return { images: [...byId.values()], changed }
    }
    throw new ServiceStateError(
      'look up existing registration',
      `the image list did not end after ${MAX_PAGES} pages; not concluding from part of it`
    )
  }

  private async listPage(
    image: ImageReference,
    workspaceId: string,
    offset: number
  ): Promise<{ records: Image[]; total: number | undefined }> {
    const what = 'look up existing registration'
    const byName = LISTABLE_NAME.test(image.name)
    const response = await this.http.send({
      what,
      method: 'GET',
      endpoint: this.endpoint,
      path: this.imagesPath(),
      query: {
        type: 'DEDICATED',
        ...(byName ? { name: image.name, name_fuzzy_match: 'false' } : {}),
        namespace: image.namespace,
        workspace_id: workspaceId,
        limit: String(PAGE_SIZE),
        offset: String(offset)
      },
      headers: this.extraHeaders,
      auth: this.auth,
      retry: 'transient'
    })
    const body = response.body
    const data = isObject(body) ? body.data : undefined
    if (!Array.isArray(data)) throw unreadable(what, response, 'the answer has no data list')
    const records = data.map(entry => readImage(what, entry, response, this.http.redact))
    const total = isObject(body) && typeof body.total === 'number' ? body.total : undefined
    return { records, total }
  }

  /**
   * DeleteImage, never forced: a forced delete would also delete the image in SWR. Its answer is
   * not proof: the caller confirms with ShowImage (DELETED, or not found).
   */
  async delete(id: string): Promise<void> {
    await this.http.send({
      what: 'delete existing registration',
      method: 'DELETE',
      endpoint: this.endpoint,
      path: `${this.imagesPath()}/${encodeURIComponent(id)}`,
      body: { is_force: false },
      headers: this.extraHeaders,
      auth: this.auth,
      retry: 'transient'
    })
  }

  private imagesPath(): string {
    return `/v1/${encodeURIComponent(this.projectId)}/images`
  }
}

const TEXT_FIELDS = ['name', 'namespace', 'tag', 'swr_path', 'status_message', 'workspace_id']

/**
 * An image record, checked: `id` is 1 to 128 of [A-Za-z0-9_-], `status` a string, and every text
 * field the action prints is cleaned of control characters, known secrets masked before it is cut.
 * Anything else is an unreadable answer.
 */
function readImage(
  what: string,
  value: unknown,
  response: ApiResponse,
  redact: (text: string) => string
): Image {
  if (!isObject(value)) throw unreadable(what, response, 'an image record is not an object')
  const { id, status } = value
  if (typeof id !== 'string' || !IMAGE_ID.test(id))
    throw unreadable(what, response, 'an image record has no valid id')
  if (typeof status !== 'string' || status.trim() === '')
    throw unreadable(what, response, `image ${id} has no status`)
  const image: Image = { ...value, id, status: serverText(redact(status), 64) }
  for (const field of TEXT_FIELDS) {
    const text = value[field]
    if (text === undefined || text === null) delete image[field]
    else if (typeof text === 'string') image[field] = serverText(redact(text), 2048)
    else throw unreadable(what, response, `image ${id} has a ${field} that is not text`)
  }
  if (typeof value.create_at !== 'number') delete image.create_at
  return image
}

const unreadable = unreadableAnswer
