/**
 * SWR's management API, signed: the shared SWR's tag (ShowRepoTag, else the tag list) and
 * temporary login; an Enterprise Edition instance's registry host, tag digest and temporary login.
 */
import { instanceHost } from '../base/hosts.js'
import { isObject } from '../base/json.js'
import type { Budget } from '../budget.js'
import type { ImageReference } from '../config/swr-path.js'
import { DIGEST } from '../model/image.js'
import { PERMISSIONS } from '../model/permissions.js'
import { headerValue, unreadableAnswer } from './answer.js'
import type { ApiRequest, ApiResponse, Authenticator, HttpApi } from './http.js'
import { sha256 } from './registry.js'

/** What ShowRepoTag says of a tag. */
export interface RepoTag {
  digest: string
  /**
   * The manifest as a parsed object; undefined when the answer held none, or text that is not
   * the manifest the digest stands for.
   */
  manifest: Record<string, unknown> | undefined
}

/** How SWR's management API is reached: the endpoint, and how every call is signed. */
interface SwrApiAccess {
  http: HttpApi
  endpoint: string
  auth: Authenticator
  /** Signed into every call: X-Project-Id with AK/SK, as the SDKs send it. */
  headers: Record<string, string>
}

/**
 * The one request shape of the SWR management API, for the region's calls and an instance's: its
 * endpoint, headers and auth, retried when transient (look-ups, and logins, which harm nothing
 * when issued twice).
 */
function request(
  { endpoint, auth, headers }: Omit<SwrApiAccess, 'http'>,
  what: string,
  path: string
): ApiRequest {
  return { what, method: 'GET', endpoint, path, headers, auth, retry: 'transient' }
}

/** The SWR management API of one region. */
export class SwrClient {
  constructor(
    private readonly http: HttpApi,
    private readonly endpoint: string,
    private readonly auth: Authenticator,
    /** Signed into every call: X-Project-Id with AK/SK, as the SDKs send it. */
    private readonly headers: Record<string, string> = {}
  ) {}

  /** The calls about one SWR Enterprise Edition instance, signed like this client's. */
  instance(instance: InstanceRef): SwrInstanceApi {
    const { http, endpoint, auth, headers } = this
    return new SwrInstanceApi({ http, endpoint, auth, headers }, instance)
  }

  /** ShowRepoTag. A `/` inside the repository name is written `$`, as the API asks. */
  async showTag(image: ImageReference): Promise<RepoTag> {
    const what = 'read the tag in SWR'
    const path = `${repositoryPath(image)}/tags/${encodeURIComponent(image.tag)}`
    return this.http.send(
      { ...this.request(what, path), permission: PERMISSIONS.showRepoTag },
      response => readTag(what, response)
    )
  }

  /**
   * ListRepositoryTags (v2), for a region whose SWR lacks ShowRepoTag: every page until the tag,
   * compared exactly here (the `tag` filter may match more). Undefined when it is not listed.
   */
  async findTag(image: ImageReference): Promise<RepoTag | undefined> {
    const what = 'list the tags in SWR'
    for (let page = 0, offset = 0; page < MAX_TAG_PAGES; page++) {
      const { found, rows, total } = await this.http.send(
        {
          ...this.request(what, `${repositoryPath(image)}/tags`),
          query: { tag: image.tag, limit: String(TAG_PAGE), offset: String(offset) },
          permission: PERMISSIONS.listRepoTags
        },
        response => readTagPage(what, response, image.tag)
      )
      if (found) return found
      offset += rows
      // A service may serve shorter pages than asked: Content-Range's total, when given, says
      // where the list ends; only without it does a short page end it.
      if (rows === 0 || (total === undefined ? rows < TAG_PAGE : offset >= total)) return undefined
    }
    throw unreadableAnswer(
      what,
      { status: 200 },
      `the tag list did not end after ${MAX_TAG_PAGES} pages`
    )
  }

  /**
   * CreateSecret: a temporary docker login for `registryHost`, as `user:password`. Undefined when
   * the answer has none for that host. Every login of the answer, its password and its base64 form
   * are masked before anything of the answer is written.
   */
  async temporaryLogin(
    region: string,
    registryHost: string,
    mask: (secret: string) => void,
    budget?: Budget
  ): Promise<string | undefined> {
    const what = 'get a temporary SWR login'
    const response = await this.http.send({
      ...this.request(what, '/v2/manage/utils/secret'),
      method: 'POST',
      budget,
      query: { projectname: region },
      permission: PERMISSIONS.createLoginSecret,
      answerSecrets: { of: ({ body }) => [...loginsOf(body).values()].flatMap(loginForms), mask }
    })
    const auth = loginsOf(response.body).get(registryHost)
    if (!auth) return undefined
    const login = Buffer.from(auth, 'base64').toString('utf8')
    return login.includes(':') ? login : undefined
  }

  private request(what: string, path: string): ApiRequest {
    const { endpoint, auth, headers } = this
    return request({ endpoint, auth, headers }, what, path)
  }
}

/** An SWR Enterprise Edition instance, as its API names it. */
export interface InstanceRef {
  projectId: string
  instanceId: string
}

/** What ListInstanceTags says of a tag: its manifest digest. */
export interface InstanceTag {
  digest: string
}

/** The instance calls of the SWR management API (Enterprise Edition). */
export class SwrInstanceApi {
  private readonly base: string

  constructor(
    private readonly swr: SwrApiAccess,
    private readonly instance: InstanceRef
  ) {
    this.base = `/v2/${encodeURIComponent(instance.projectId)}/instances/${encodeURIComponent(instance.instanceId)}`
  }

  /** ShowInstance: the instance's registry address (`access_address`), as the answer gives it. */
  async accessAddress(): Promise<string> {
    const what = `read SWR Enterprise Edition instance ${this.instance.instanceId}`
    const request = { ...this.get(what, this.base), permission: PERMISSIONS.showInstance }
    return this.swr.http.send(request, response => {
      const address = isObject(response.body) ? response.body.access_address : undefined
      if (typeof address !== 'string' || !instanceHost(address))
        throw unreadableAnswer(what, response, 'the instance has no usable access_address')
      return address
    })
  }

  /**
   * The tag's digest, from ListInstanceTags (which has no name filter: every page is read until
   * the tag, compared exactly). ShowInstanceArtifact takes a digest, not a tag, so the tag is
   * resolved here. Undefined when the tag is not listed. A `/` inside the repository name is
   * written `%2F` and then escaped with the rest (`%252F` on the wire), as the API reference asks;
   * this call alone has no project id in its path.
   */
  async findTag(image: ImageReference): Promise<InstanceTag | undefined> {
    const what = 'list the tags in the SWR Enterprise Edition instance'
    const path =
      `/v2/instances/${encodeURIComponent(this.instance.instanceId)}` +
      `/namespaces/${encodeURIComponent(image.namespace)}` +
      `/repositories/${encodeURIComponent(image.name.split('/').join('%2F'))}/tags`
    for (let page = 0, offset = 0; page < MAX_TAG_PAGES; page++) {
      const request = {
        ...this.get(what, path),
        query: { offset: String(offset), limit: String(INSTANCE_TAG_PAGE) },
        permission: PERMISSIONS.listInstanceTags
      }
      const { found, rows, total } = await this.swr.http.send(request, response =>
        readInstanceTagPage(what, response, image.tag)
      )
      if (found) return found
      offset += INSTANCE_TAG_PAGE
      if (offset >= total) return undefined
      // Offsets are multiples of the page size: a short page before the total is not the end.
      if (rows < INSTANCE_TAG_PAGE)
        throw unreadableAnswer(
          what,
          { status: 200 },
          `a page of ${rows} tags before the end (total ${total})`
        )
    }
    throw unreadableAnswer(
      what,
      { status: 200 },
      `the tag list did not end after ${MAX_TAG_PAGES} pages`
    )
  }

  /**
   * CreateInstanceTempCredential: a temporary login to the instance's registry, `user:password`.
   * The password, and the login in its base64 form, are masked before anything of the answer is
   * written.
   */
  async temporaryLogin(mask: (secret: string) => void, budget?: Budget): Promise<string> {
    const what = 'get a temporary login to the SWR Enterprise Edition instance'
    const response = await this.swr.http.send({
      ...this.get(what, `${this.base}/temp-credential`),
      method: 'POST',
      budget,
      permission: PERMISSIONS.createInstanceTempCredential,
      answerSecrets: { of: ({ body }) => instanceLoginSecrets(body), mask }
    })
    const body = isObject(response.body) ? response.body : {}
    const { auth_token: password, user_id: user } = body
    if (typeof password !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(password))
      throw unreadableAnswer(what, response, 'the answer has no auth_token')
    if (typeof user !== 'string' || !/^[\x21-\x39\x3b-\x7e]{1,256}$/.test(user))
      throw unreadableAnswer(what, response, 'the answer has no user_id')
    return `${user}:${password}`
  }

  private get(what: string, path: string): ApiRequest {
    return request(this.swr, what, path)
  }
}

/** CreateSecret's `auths`: each registry host's login, base64 `user:password` as Docker keeps it. */
function loginsOf(body: unknown): Map<string, string> {
  const auths = isObject(body) ? body.auths : undefined
  const entries = isObject(auths) ? Object.entries(auths) : []
  return new Map(
    entries.flatMap(([host, entry]) => {
      const auth = isObject(entry) ? entry.auth : undefined
      return typeof auth === 'string' && auth ? [[host, auth] as const] : []
    })
  )
}

/** A login's secret forms: as given (base64), decoded, its password, and re-encoded. */
function loginForms(auth: string): string[] {
  const login = Buffer.from(auth, 'base64').toString('utf8')
  if (!login.includes(':')) return [auth]
  return [auth, login, login.slice(login.indexOf(':') + 1), Buffer.from(login).toString('base64')]
}

/** CreateInstanceTempCredential's secrets: the password, and the login in its base64 form. */
function instanceLoginSecrets(body: unknown): string[] {
  const { auth_token: password, user_id: user } = isObject(body) ? body : {}
  if (typeof password !== 'string') return []
  return typeof user === 'string'
    ? [password, Buffer.from(`${user}:${password}`).toString('base64')]
    : [password]
}

/** Pages of a tag list: the shared SWR's up to 1000 rows, an instance's up to 100. */
const TAG_PAGE = 100
const INSTANCE_TAG_PAGE = 100
/** 100,000 tags: past that the budget, not the page count, would have ended the read. */
const MAX_TAG_PAGES = 1000

/** `/v2/manage/namespaces/{namespace}/repos/{repository}`, a `/` in the name written `$`. */
function repositoryPath(image: ImageReference): string {
  return (
    `/v2/manage/namespaces/${encodeURIComponent(image.namespace)}` +
    `/repos/${image.name.split('/').map(encodeURIComponent).join('$')}`
  )
}

/**
 * One page of ListRepositoryTags: a bare array of tag records (`Tag` capitalised), the total in
 * Content-Range (`0-99/250`). The record whose tag is exactly `tag`, read as ShowRepoTag's is.
 */
function readTagPage(
  what: string,
  response: ApiResponse,
  tag: string
): { found: RepoTag | undefined; rows: number; total: number | undefined } {
  const rows = response.body
  if (!Array.isArray(rows)) throw unreadable(what, response, 'the answer is not a tag list')
  const range = /\/(\d+)\s*$/.exec(headerValue(response.headers['content-range']) ?? '')
  const total = range ? Number(range[1]) : undefined
  const record = (rows as unknown[]).find(row => isObject(row) && (row.Tag ?? row.tag) === tag)
  return {
    found: record === undefined ? undefined : readTag(what, response, record),
    rows: rows.length,
    total
  }
}

/** One page of ListInstanceTags: `{tags: [{name, digest, …}], total}`; the tag named exactly `tag`. */
function readInstanceTagPage(
  what: string,
  response: ApiResponse,
  tag: string
): { found: InstanceTag | undefined; rows: number; total: number } {
  const body = isObject(response.body) ? response.body : {}
  const { tags, total } = body
  if (!Array.isArray(tags) || typeof total !== 'number')
    throw unreadable(what, response, 'the answer has no tag list and total')
  const record = (tags as unknown[]).find(row => isObject(row) && row.name === tag)
  if (record === undefined) return { found: undefined, rows: tags.length, total }
  const digest = isObject(record) ? record.digest : undefined
  if (typeof digest !== 'string' || !DIGEST.test(digest))
    throw unreadable(what, response, `tag ${tag} has no sha256 digest`)
  return { found: { digest }, rows: tags.length, total }
}

/** A ShowRepoTag answer: a sha256 digest, and the manifest only when its text is the digest's. */
function readTag(what: string, response: ApiResponse, body: unknown = response.body): RepoTag {
  if (!isObject(body)) throw unreadable(what, response, 'the answer is not a tag record')
  const { digest, manifest } = body
  if (typeof digest !== 'string' || !DIGEST.test(digest))
    throw unreadable(what, response, 'the tag has no sha256 digest')
  // Only the text the digest stands for says what the tag is.
  if (typeof manifest !== 'string' || sha256(manifest) !== digest)
    return { digest, manifest: undefined }
  let parsed: unknown
  try {
    parsed = JSON.parse(manifest)
  } catch {
    parsed = undefined
  }
  return { digest, manifest: isObject(parsed) ? parsed : undefined }
}

/** An SWR answer that cannot be used is unreadable like any other: retried by reads. */
const unreadable = unreadableAnswer
