/**
 * The ModelArts image API (register, show, list, delete, confirm gone); every record is checked and
 * normalised where it is read, so an id that is not one, or another image's record, is unreadable.
 */
import { ApiError, CancelledError, DeadlineError, messageOf } from '../base/errors.js'
import type { Budget } from '../budget.js'
import { unreadableAnswer } from './answer.js'
import type { ApiRequest, ApiResponse, Authenticator, HttpApi } from './http.js'
import type { ImageReference } from '../config/swr-path.js'
import { DELETED, type Image, type RegisterImageBody } from '../model/image.js'
import { isObject } from '../base/json.js'
import { IMAGE_ID } from '../base/ids.js'
import { serverText } from '../base/text.js'
import { PERMISSIONS } from '../model/permissions.js'
import { startReading, takePage } from './list-reading.js'

/** One reading of the list: the records kept, and whether the list changed while it was read. */
export interface ListReading {
  images: Image[]
  changed: boolean
}

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

/**
 * DeleteImage refused an image in use. Huawei documents the refusal but no code for it: a 4xx
 * (not 401 or 403: a missing modelarts:image:delete must not pass for one) whose message says so.
 */
export function isInUse(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    !AUTH_STATUSES.has(error.status) &&
    /\b(in use|being used|is used by)\b/i.test(error.errorMsg)
  )
}

/** 401 and 403 are credentials and permissions whatever their message says: never "in use". */
const AUTH_STATUSES: ReadonlySet<number> = new Set([401, 403])

/** The answer to a registration: the tag is registered already. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && CONFLICT_CODES.has(error.errorCode)
}

const PAGE_SIZE = 100
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
    const response = await this.request(what, 'POST', this.imagesPath(), {
      body,
      retry: 'throttled-only',
      permission: PERMISSIONS.registerImage
    })
    return readImage(what, response.body, response, this.http.redact)
  }

  /** ShowImage; the answer must be the record of `id`. `budget`: the last check's grace. */
  async show(id: string, budget?: Budget): Promise<Image> {
    const what = 'check image status'
    const response = await this.request(what, 'GET', this.imagePath(id), {
      budget,
      permission: PERMISSIONS.showImage
    })
    const image = readImage(what, response.body, response, this.http.redact)
    if (image.id !== id) throw unreadable(what, response, `the answer is for image ${image.id}`)
    return image
  }

  /**
   * The registration, or undefined once it is gone: ModelArts says it does not exist, or shows it
   * as DELETED.
   */
  async showUnlessGone(id: string, budget?: Budget): Promise<Image | undefined> {
    try {
      const image = await this.show(id, budget)
      return image.status === DELETED ? undefined : image
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
  }

  /**
   * The one test of a delete having taken effect: ShowImage until the image is gone, pausing
   * `pauseMs(n)` after check n, at most `checks` times, within `budget`. An error ends it (thrown)
   * unless `bestEffort`: then a failed check is noted and the next one tried, and a cancel or the
   * end of the budget ends it too, saying so (`stopped`). `last`: what the last check saw.
   */
  async confirmGone(
    id: string,
    budget: Budget,
    schedule: { pauseMs: (check: number) => number; checks?: number; bestEffort?: boolean }
  ): Promise<{ gone: boolean; last: string; stopped?: 'cancel' | 'deadline' }> {
    let last = 'no answer'
    const stop = (error: unknown): 'cancel' | 'deadline' | undefined => {
      if (!schedule.bestEffort) return undefined
      if (error instanceof CancelledError) return 'cancel'
      return error instanceof DeadlineError ? 'deadline' : undefined
    }
    for (let check = 0; check < (schedule.checks ?? Infinity); check++) {
      try {
        const image = await this.showUnlessGone(id, budget)
        if (!image) return { gone: true, last }
        last = `still listed as ${image.status}`
      } catch (error) {
        const stopped = stop(error)
        if (stopped) return { gone: false, last, stopped }
        if (!schedule.bestEffort) throw error
        last = messageOf(error)
      }
      try {
        await budget.pause(schedule.pauseMs(check), `confirm the delete of image ${id}`)
      } catch (error) {
        const stopped = stop(error)
        if (!stopped) throw error
        return { gone: false, last, stopped }
      }
    }
    return { gone: false, last }
  }

  /**
   * One reading of the list, every page however many (no cap: a namespace may hold 20,000), each
   * id once, keeping only the records `keep` accepts; `changed` when the list changed between
   * pages (`total` differs, an id came back, a page brought nothing new): then some record may
   * have been missed. The list API defaults to preset images (type=BUILD_IN) and fuzzy names, so
   * both are set explicitly; there is no tag or path filter, so the caller compares paths. A
   * repository name the name filter does not accept (one with `/`) is listed by namespace alone.
   * Pages are followed until one comes back empty, brings no record not seen before, or `total`
   * is reached, whatever page size the service chose: a partial list never passes for the whole.
   */
  async readList(
    image: ImageReference,
    workspaceId: string,
    keep: (record: Image) => boolean
  ): Promise<ListReading> {
    const reading = startReading()
    const kept: Image[] = []
    for (;;) {
      const page = await this.listPage(image, workspaceId, reading.offset)
      const { fresh, ended } = takePage(reading, page)
      for (const record of fresh) if (keep(record)) kept.push(record)
      if (ended) return { images: kept, changed: reading.changed }
    }
  }

  private async listPage(
    image: ImageReference,
    workspaceId: string,
    offset: number
  ): Promise<{ records: Image[]; total: number | undefined }> {
    const what = 'look up existing registration'
    const byName = LISTABLE_NAME.test(image.name)
    const response = await this.request(what, 'GET', this.imagesPath(), {
      query: {
        type: 'DEDICATED',
        ...(byName ? { name: image.name, name_fuzzy_match: 'false' } : {}),
        namespace: image.namespace,
        workspace_id: workspaceId,
        limit: String(PAGE_SIZE),
        offset: String(offset)
      },
      permission: PERMISSIONS.listImages
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
   * not proof: the caller confirms with `confirmGone`.
   */
  async delete(id: string): Promise<void> {
    await this.request('delete existing registration', 'DELETE', this.imagePath(id), {
      body: { is_force: false },
      permission: PERMISSIONS.deleteImage
    })
  }

  /** The one send of this client: its endpoint, headers and auth; retried when transient unless told. */
  private request(
    what: string,
    method: ApiRequest['method'],
    path: string,
    rest: Pick<ApiRequest, 'body' | 'query' | 'budget' | 'permission'> &
      Partial<Pick<ApiRequest, 'retry'>>
  ): Promise<ApiResponse> {
    return this.http.send({
      retry: 'transient',
      ...rest,
      what,
      method,
      endpoint: this.endpoint,
      path,
      headers: this.extraHeaders,
      auth: this.auth
    })
  }

  private imagesPath(): string {
    return `/v1/${encodeURIComponent(this.projectId)}/images`
  }

  private imagePath(id: string): string {
    return `${this.imagesPath()}/${encodeURIComponent(id)}`
  }
}
const TEXT_FIELDS = ['name', 'namespace', 'tag', 'swr_path', 'status_message', 'workspace_id']

/**
 * An image record, checked: `id` is 1 to 128 of [A-Za-z0-9_-], `status` a string, and every text
 * field the action prints is cleaned of control characters, known secrets masked before it is cut;
 * status and arch in upper case, as the API spells them, here once. Else an unreadable answer.
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
  const image: Image = { ...value, id, status: serverText(redact(status), 64).toUpperCase() }
  if (typeof value.arch === 'string') image.arch = value.arch.toUpperCase()
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
