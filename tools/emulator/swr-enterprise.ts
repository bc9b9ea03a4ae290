/**
 * An SWR Enterprise Edition instance: its API under the SWR endpoint, and its own Harbor-style
 * registry at `localhost:{port}`.
 */
import * as crypto from 'node:crypto'
import type { RouteContext } from './context.js'
import { type RegistryState, registryData, registryToken } from './registry.js'
import { type SwrTag, buildxTag, classicTag, tagKey } from './swr.js'

export interface InstanceOptions {
  /** access_address as ShowInstance gives it (default: the registry host, without a scheme). */
  accessAddress?: string
  /** The realm its registry's Bearer challenge names (default: `http://{host}/service/token`). */
  realm?: string
  /**
   * ShowInstanceArtifact also takes a tag as its reference (unconfirmed; the documents say a
   * digest, and by default a tag is 404, as Huawei's guidance says).
   */
  acceptsTagReference?: boolean
}

/** ListInstanceTags: `/v2/instances/{instance_id}/namespaces/{ns}/repositories/{repo}/tags`, no project. */
export const INSTANCE_TAGS_ROUTE =
  /^\/v2\/instances\/([^/]+)\/namespaces\/([^/]+)\/repositories\/([^/]+)\/tags$/
/** `/v2/{project_id}/instances/{instance_id}` and what follows it. */
export const INSTANCE_ROUTE = /^\/v2\/([^/]+)\/instances\/([^/]+)(\/.*)?$/
const ARTIFACT_ROUTE = /^\/namespaces\/([^/]+)\/repositories\/([^/]+)\/artifacts\/([^/]+)$/
const HARBOR_TOKEN_PATH = '/service/token'

/** One instance: its tags, the temporary credentials it issued, the tokens its registry issued. */
export class EmulatorInstance {
  /** Tags by `namespace/repository:tag`. */
  readonly tags = new Map<string, SwrTag>()
  /** Temporary credentials issued: user_id → auth_token. */
  readonly credentials = new Map<string, string>()
  readonly tokens = new Set<string>()

  constructor(
    readonly id: string,
    /** The registry host, `localhost:{port}`. */
    readonly host: string,
    private readonly blobs: Map<string, string>,
    readonly options: InstanceOptions = {}
  ) {}

  get accessAddress(): string {
    return this.options.accessAddress ?? this.host
  }

  /** Pushes a tag as `docker buildx` does: an index over these platforms, with attestations. */
  pushBuildx(swrPath: string, platforms: string[] = ['linux/amd64']): SwrTag {
    const tag = buildxTag(platforms, this.blobs)
    this.tags.set(tagKey(swrPath), tag)
    return tag
  }

  /** Pushes a tag as a classic `docker push` does: one manifest, its config blob. */
  pushClassic(swrPath: string, platform = 'linux/amd64'): SwrTag {
    const tag = classicTag(platform, this.blobs)
    this.tags.set(tagKey(swrPath), tag)
    return tag
  }

  /** What its registry reads and changes, for registry.ts. */
  registryState(blobRedirect: boolean | undefined): RegistryState {
    return {
      options: { blobRedirect },
      url: `http://${this.host}`,
      swrTags: this.tags,
      blobs: this.blobs,
      registryLogins: this.credentials,
      registryTokens: this.tokens,
      realm: this.options.realm ?? `http://${this.host}${HARBOR_TOKEN_PATH}`,
      service: 'harbor-registry'
    }
  }
}

/** How the instance API answers an error (SWR's body, in the configured format). */
type SwrErrorReply = (status: number, code: string, message: string) => void

/** The instance API: ShowInstance, ShowInstanceArtifact (by digest), CreateInstanceTempCredential. */
export function instanceApi(
  instance: EmulatorInstance | undefined,
  ctx: RouteContext,
  rest: string,
  swrError: SwrErrorReply
): void {
  if (!instance) return swrError(404, 'SVCSTG.SWR.4040017', 'instance not found')
  if (rest === '' && ctx.method === 'GET') return showInstance(instance, ctx)
  if (rest === '/temp-credential' && ctx.method === 'POST') return tempCredential(instance, ctx)
  const artifact = ARTIFACT_ROUTE.exec(rest)
  if (artifact && ctx.method === 'GET') {
    const [namespace, repository, reference] = artifact.slice(1).map(decodeURIComponent) as [
      string,
      string,
      string
    ]
    const name = nestedName(repository)
    const prefix = `${namespace}/${name}:`
    const byDigest = reference.startsWith('sha256:')
    const found = !name
      ? undefined
      : byDigest
        ? [...instance.tags.entries()].find(
            ([key, tag]) => key.startsWith(prefix) && tag.digest === reference
          )
        : instance.options.acceptsTagReference
          ? ([`${prefix}${reference}`, instance.tags.get(`${prefix}${reference}`)] as const)
          : undefined
    const [key, tag] = found ?? []
    if (!key || !tag) return swrError(404, 'SVCSTG.SWR.4040115', 'artifact not found')
    return void ctx.reply(200, artifactView(key, tag))
  }
  swrError(404, 'SVCSTG.SWR.4040001', 'no such API')
}

/** A repository name as the path carries it once decoded: `team%2Ftrainer`; a bare `/` is none. */
function nestedName(repository: string): string | undefined {
  return repository.includes('/') ? undefined : repository.replace(/%2F/gi, '/')
}

/**
 * ListInstanceTags: every tag of the repository, `offset` 0 or a multiple of `limit` (default 10,
 * at most 100), `{tags, total}`; no filter by name.
 */
export function listInstanceTags(
  instance: EmulatorInstance | undefined,
  ctx: RouteContext,
  names: string[],
  swrError: SwrErrorReply
): void {
  if (!instance) return swrError(404, 'SVCSTG.SWR.4040017', 'instance not found')
  const [namespace = '', repository = ''] = names.map(decodeURIComponent)
  const name = nestedName(repository)
  const q = ctx.url.searchParams
  const limit = Number(q.get('limit') ?? 10)
  const offset = Number(q.get('offset') ?? 0)
  if (!Number.isInteger(limit) || limit < 1 || limit > 100 || offset % limit !== 0)
    return swrError(400, 'SVCSTG.SWR.4000001', 'invalid offset or limit')
  const prefix = `${namespace}/${name}:`
  const tags = !name ? [] : [...instance.tags.entries()].filter(([key]) => key.startsWith(prefix))
  const at = (time: number): string => new Date(time).toISOString()
  ctx.reply(200, {
    tags: tags.slice(offset, offset + limit).map(([key, tag], i) => ({
      id: offset + i + 1,
      repository_id: 3,
      artifact_id: 7,
      namespace_id: 2,
      name: key.slice(prefix.length),
      digest: tag.digest,
      type: 'IMAGE',
      media_type: 'application/vnd.docker.container.image.v1+json',
      manifest_media_type: (JSON.parse(tag.manifest) as { mediaType?: string }).mediaType,
      size: tag.manifest.length,
      push_time: at(tag.createdAt),
      pull_time: at(tag.createdAt)
    })),
    total: tags.length
  })
}

function showInstance(instance: EmulatorInstance, ctx: RouteContext): void {
  ctx.reply(200, {
    id: instance.id,
    name: `team-registry-${instance.id}`,
    status: 'Running',
    access_address: instance.accessAddress,
    version: 'v25.6.0',
    spec: 'swr.ee.professional',
    charge_mode: 'postPaid',
    vpc_id: 'vpc-0001',
    created_at: '2026-01-01T00:00:00Z'
  })
}

/** CreateInstanceTempCredential: 201 with a login to the registry (auth_token is the password). */
function tempCredential(instance: EmulatorInstance, ctx: RouteContext): void {
  const user = `temp_${crypto.randomBytes(6).toString('hex')}`
  const token = crypto.randomBytes(32).toString('base64url')
  instance.credentials.set(user, token)
  const now = Date.now()
  ctx.reply(201, {
    auth_token: token,
    user_id: user,
    token_id: crypto.randomUUID(),
    created_at: new Date(now).toISOString(),
    expire_date: new Date(now + 3600_000).toISOString()
  })
}

function artifactView(key: string, tag: SwrTag): Record<string, unknown> {
  const mediaType = (JSON.parse(tag.manifest) as { mediaType?: string }).mediaType
  const at = new Date(tag.createdAt).toISOString()
  return {
    id: 7,
    digest: tag.digest,
    media_type: 'application/vnd.docker.container.image.v1+json',
    manifest_media_type: mediaType,
    size: tag.manifest.length,
    push_time: at,
    pull_time: at,
    type: 'IMAGE',
    repository_name: key.slice(key.indexOf('/') + 1, key.lastIndexOf(':')),
    tags: [{ name: key.slice(key.lastIndexOf(':') + 1), push_time: at, pull_time: at }]
  }
}

/** The instance's registry: the token realm, then manifests and blobs behind the challenge. */
export function instanceRegistry(
  instance: EmulatorInstance,
  ctx: RouteContext,
  options: { blobRedirect?: boolean; blobStoreUrl: string }
): void {
  const state = instance.registryState(options.blobRedirect)
  if (ctx.path === HARBOR_TOKEN_PATH) return registryToken(state, ctx)
  if (ctx.path.startsWith('/v2/'))
    return registryData(state, ctx, { blobStoreUrl: options.blobStoreUrl })
  ctx.reply(404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] })
}
