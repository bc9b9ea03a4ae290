/**
 * The ModelArts image API: register, show, find by swr_path, delete. Typed records in and out;
 * HTTP, auth and retries are http.ts's business.
 */
import { ApiError } from './errors.js'
import type { Authenticator, HttpApi } from './http.js'
import type { RegisterImageBody } from './inputs.js'
import type { ImageReference } from './swr-path.js'

/** Image statuses; the last three and ACTIVE are final. */
export type ImageStatus = 'INIT' | 'CREATING' | 'ACTIVE' | 'CREATE_FAILED' | 'ERROR' | 'DELETED'

/** An image record as ModelArts returns it (register, show, list and delete share it). */
export interface Image {
  id: string
  status: ImageStatus | string
  name?: string
  namespace?: string
  tag?: string
  swr_path?: string
  status_message?: string
  workspace_id?: string
  type?: string
  [field: string]: unknown
}

export const FAILED_STATUSES: ReadonlySet<string> = new Set(['CREATE_FAILED', 'ERROR', 'DELETED'])

/** ACTIVE or failed: nothing more will happen to it. */
export function isFinal(status: string): boolean {
  return status === 'ACTIVE' || FAILED_STATUSES.has(status)
}

interface ListPage {
  data?: Image[]
  total?: number
}

const PAGE_SIZE = 100
const MAX_PAGES = 20

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
    const response = await this.http.send({
      what: 'register image',
      method: 'POST',
      endpoint: this.endpoint,
      path: this.imagesPath(),
      body,
      headers: this.extraHeaders,
      auth: this.auth,
      retry: 'throttled-only'
    })
    return asImage('register image', response.body, response.requestId)
  }

  /** ShowImage. */
  async show(id: string): Promise<Image> {
    const response = await this.http.send({
      what: 'check image status',
      method: 'GET',
      endpoint: this.endpoint,
      path: `${this.imagesPath()}/${encodeURIComponent(id)}`,
      headers: this.extraHeaders,
      auth: this.auth,
      retry: 'transient'
    })
    return asImage('check image status', response.body, response.requestId)
  }

  /**
   * The registration of exactly this swr_path in the workspace, if any. The list API defaults to
   * preset images (type=BUILD_IN) and fuzzy names, so both are set explicitly; there is no tag or
   * path filter, so the path is compared here, exactly.
   */
  async findBySwrPath(image: ImageReference, workspaceId: string): Promise<Image | undefined> {
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await this.http.send({
        what: 'look up existing registration',
        method: 'GET',
        endpoint: this.endpoint,
        path: this.imagesPath(),
        query: {
          type: 'DEDICATED',
          name: image.name,
          name_fuzzy_match: 'false',
          namespace: image.namespace,
          workspace_id: workspaceId,
          limit: String(PAGE_SIZE),
          offset: String(page * PAGE_SIZE)
        },
        headers: this.extraHeaders,
        auth: this.auth,
        retry: 'transient'
      })
      const body = response.body as ListPage | undefined
      if (!body || !Array.isArray(body.data)) {
        throw new ApiError(
          'look up existing registration',
          response.status,
          '',
          'the answer has no data list',
          response.requestId,
          true
        )
      }
      const match = body.data.find(
        candidate => candidate.status !== 'DELETED' && isRegistrationOf(candidate, image)
      )
      if (match) return match
      const total = typeof body.total === 'number' ? body.total : body.data.length
      if (body.data.length < PAGE_SIZE || (page + 1) * PAGE_SIZE >= total) return undefined
    }
    return undefined
  }

  /** DeleteImage, never forced: a forced delete would also delete the image in SWR. */
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

/**
 * Whether a listed record registers `image`: its swr_path is ours exactly. A record registered
 * without the registry host (as ModelArts' own ma-cli does: `org/name:tag`) or listed without a
 * path counts too when namespace, name and tag agree; another registry never does.
 */
export function isRegistrationOf(candidate: Image, image: ImageReference): boolean {
  if (candidate.swr_path === image.swrPath) return true
  const hostless = `${image.namespace}/${image.name}:${image.tag}`
  if (candidate.swr_path !== undefined && candidate.swr_path !== hostless) return false
  return (
    candidate.namespace === image.namespace &&
    candidate.name === image.name &&
    candidate.tag === image.tag
  )
}

function asImage(what: string, body: unknown, requestId: string | undefined): Image {
  const image = body as Partial<Image> | undefined
  if (!image || typeof image.id !== 'string' || typeof image.status !== 'string') {
    throw new ApiError(what, 200, '', 'the answer has no image id and status', requestId, true)
  }
  return image as Image
}
