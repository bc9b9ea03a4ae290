/**
 * SWR's management API (ShowRepoTag, ListRepositoryTags, CreateSecret) over the tags swr.ts
 * builds; an unpushed tag is 404.
 */
import * as crypto from 'node:crypto'
import type { RouteContext } from './context.js'
import type { SwrTag } from './swr.js'

export interface SwrApiOptions {
  /** SWR's error body: the current object (default) or the legacy bare array. */
  swrErrorFormat?: 'current' | 'legacy'
  /** A region whose SWR lacks ShowRepoTag (an older page lists it in some regions only): 404 APIGW.0101. */
  swrWithoutShowRepoTag?: boolean
}

/** What the management API reads and changes. */
export interface SwrApiState {
  readonly options: SwrApiOptions
  /** SWR tags by `namespace/repository:tag`. */
  readonly swrTags: Map<string, SwrTag>
  /** Registry blobs by digest (each pushed tag adds its own). */
  readonly blobs: Map<string, string>
  /** Temporary docker logins CreateSecret issued: user → password. */
  readonly registryLogins: Map<string, string>
  /** The emulator's own registry host, which CreateSecret's `auths` also names. */
  readonly registryHost: string
}

export const TAG_ROUTE = /^\/v2\/manage\/namespaces\/([^/]+)\/repos\/([^/]+)\/tags\/([^/]+)$/
export const TAGS_ROUTE = /^\/v2\/manage\/namespaces\/([^/]+)\/repos\/([^/]+)\/tags$/
export const SECRET_PATH = '/v2/manage/utils/secret'

/** Answers an SWR error in the configured format. */
export function swrError(
  state: SwrApiState,
  ctx: RouteContext,
  { status, code, message }: { status: number; code: string; message: string }
): void {
  const error = { errorCode: code, errorMessage: message, detail: '' }
  if (state.options.swrErrorFormat === 'legacy') return ctx.reply(status, [error])
  ctx.reply(status, { errors: [error], error_code: code, error_msg: message })
}

/** `namespace/repo$with$dollars` from the path → the `namespace/repo/with/slashes` of a tag key. */
function repositoryKey(namespace: string, repository: string): string {
  return `${namespace}/${repository.replace(/\$/g, '/')}`
}

/** A tag record as ShowRepoTag and ListRepositoryTags return it. */
function tagView(key: string, tag: SwrTag): Record<string, unknown> {
  return {
    repo_id: 1,
    image_id: tag.digest.slice(7, 19),
    manifest: tag.manifest,
    digest: tag.digest,
    schema: 2,
    path: `swr.cn-north-4.myhuaweicloud.com/${key}`,
    internal_path: `10.0.0.1:20202/${key}`,
    size: 3376133259,
    is_trusted: false,
    created: new Date(tag.createdAt).toISOString(),
    updated: new Date(tag.createdAt).toISOString(),
    domain_id: 'd0main',
    tag_type: tag.tagType
  }
}

/** GET /v2/manage/namespaces/{namespace}/repos/{repository}/tags/{tag} */
export function showRepoTag(state: SwrApiState, ctx: RouteContext, match: RegExpExecArray): void {
  if (state.options.swrWithoutShowRepoTag)
    return ctx.error(
      404,
      'APIGW.0101',
      'The API does not exist or has not been published in the environment'
    )
  const [namespace, repository, tag] = match.slice(1).map(decodeURIComponent) as [
    string,
    string,
    string
  ]
  const key = `${repositoryKey(namespace, repository)}:${tag}`
  const found = state.swrTags.get(key)
  if (!found)
    return swrError(state, ctx, {
      status: 404,
      code: 'SVCSTG.SWR.4040115',
      message: `Tag ${tag} not found`
    })
  ctx.reply(200, { id: 1, tag: tag.toLowerCase(), ...tagView(key, found) })
}

/** GET …/tags (ListRepositoryTags): a bare array, `Tag` capitalised, Content-Range for paging. */
export function listRepoTags(state: SwrApiState, ctx: RouteContext, match: RegExpExecArray): void {
  const [namespace, repository] = match.slice(1).map(decodeURIComponent) as [string, string]
  const prefix = `${repositoryKey(namespace, repository)}:`
  const wanted = ctx.url.searchParams.get('tag')
  const tags = [...state.swrTags.entries()]
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, tag]) => ({ name: key.slice(prefix.length), tag }))
    .filter(({ name }) => !wanted || name.includes(wanted))
  const offset = Number(ctx.url.searchParams.get('offset') ?? 0)
  const limit = Number(ctx.url.searchParams.get('limit') ?? 100)
  const page = tags.slice(offset, offset + limit)
  ctx.reply(
    200,
    page.map(({ name, tag }, i) => ({
      id: offset + i + 1,
      Tag: name,
      ...tagView(`${prefix}${name}`, tag),
      deleted: null,
      scanned: false
    })),
    { 'Content-Range': `${offset}-${offset + page.length - 1}/${tags.length}` }
  )
}

/** POST /v2/manage/utils/secret?projectname={region} (CreateSecret): a temporary docker login. */
export function createSecret(state: SwrApiState, ctx: RouteContext): void {
  const region = ctx.url.searchParams.get('projectname') ?? ''
  const user = `${region}@TEMP${crypto.randomBytes(8).toString('hex').toUpperCase()}`
  const password = crypto.randomBytes(32).toString('hex')
  state.registryLogins.set(user, password)
  const auth = Buffer.from(`${user}:${password}`).toString('base64')
  const hosts = [`swr.${region}.myhuaweicloud.com`, state.registryHost]
  ctx.reply(
    200,
    { auths: Object.fromEntries(hosts.map(host => [host, { auth }])) },
    {
      'X-Swr-Dockerlogin': `docker login -u ${user} -p ${password} ${hosts[0]}`,
      'X-Swr-Expireat': new Date(Date.now() + 6 * 3600_000).toISOString()
    }
  )
}
