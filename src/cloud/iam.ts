/** IAM: the project of a region, and a GitHub OIDC id token exchanged for an IAM token. */
import { ApiError, ServiceStateError } from '../base/errors.js'
import { PROJECT_ID } from '../base/ids.js'
import { isObject } from '../base/json.js'
import { hasControl } from '../base/text.js'
import { regionHint } from '../config/regions.js'
import { PERMISSIONS } from '../model/permissions.js'
import { type ApiResponse, type Authenticator, type HttpApi, noAuth } from './http.js'

/** What a project list says of a region: the id of its one project, or why it does not settle it. */
type Found = { id: string } | { ids: string[] }

/**
 * The region's project id: KeystoneListAuthProjects (`GET /v3/auth/projects`, the projects these
 * credentials can use; no permission needed) first, then KeystoneListProjects by name
 * (`iam:projects:listProjects`) only when that does not settle it (refused, or no single match).
 */
export async function lookUpProjectId(
  http: HttpApi,
  iamEndpoint: string,
  region: string,
  auth: Authenticator
): Promise<string> {
  const what = `look up the project of region ${region}`
  const ask = {
    what,
    method: 'GET' as const,
    endpoint: iamEndpoint,
    auth,
    retry: 'transient' as const
  }
  const usable = await http
    .send({ ...ask, path: '/v3/auth/projects' })
    .then(response => projectOf(what, response, region))
    .catch((error: unknown) => {
      // Refused, or not served here: the named look-up may still answer. A 401 is the key's
      // (wrong secret, clock): asking again would only count toward locking it.
      if (error instanceof ApiError && (error.status === 403 || error.status === 404))
        return undefined
      throw error
    })
  if (usable && 'id' in usable) return usable.id
  const response = await http.send({
    ...ask,
    path: '/v3/projects',
    query: { name: region },
    permission: PERMISSIONS.listProjects
  })
  const found = projectOf(what, response, region)
  if ('id' in found) return found.id
  const { ids } = found
  const named = ids.length === 0 ? 'no project' : `${ids.length} projects (${ids.join(', ')})`
  // No project for a misspelt region: say which region was probably meant.
  const hint = ids.length === 0 ? regionHint(region) : undefined
  throw new ServiceStateError(
    what,
    `IAM has ${named} named ${region} for these credentials${hint ? ` (${hint})` : ''}; set project_id (or HUAWEI_CLOUD_PROJECT_ID)`
  )
}

/** The projects of a list answer named exactly `region`: one id, or every id found (0 or several). */
function projectOf(what: string, response: ApiResponse, region: string): Found {
  const projects = isObject(response.body) ? response.body.projects : undefined
  if (!Array.isArray(projects)) {
    throw new ApiError({
      what,
      status: response.status,
      errorMsg: 'the answer has no project list',
      requestId: response.requestId
    })
  }
  const ids: string[] = []
  for (const project of projects as unknown[]) {
    const { id, name } = isObject(project) ? project : {}
    if (name !== region) continue
    if (typeof id !== 'string' || !PROJECT_ID.test(id)) {
      throw new ApiError({
        what,
        status: response.status,
        errorMsg: `the project named ${region} has no valid id`,
        requestId: response.requestId
      })
    }
    ids.push(id)
  }
  const [only] = ids
  return only !== undefined && ids.length === 1 ? { id: only } : { ids }
}

/** An IAM token and the project it is scoped to. */
export interface ScopedToken {
  token: string
  projectId: string | undefined
}

/**
 * CreateTokenWithIdToken: `POST /v3.0/OS-AUTH/id-token/tokens` with X-Idp-Id, scoped to the project
 * when it is known, else to the region's project by name. The token comes back in X-Subject-Token,
 * given to `mask` before anything of the answer is written.
 */
export async function exchangeIdToken(
  http: HttpApi,
  iamEndpoint: string,
  request: {
    identityProvider: string
    idToken: string
    region: string
    projectId: string | undefined
  },
  mask: (secret: string) => void
): Promise<ScopedToken> {
  const what = `exchange the GitHub OIDC token at IAM (identity provider ${request.identityProvider})`
  const project = request.projectId ? { id: request.projectId } : { name: request.region }
  const response = await http.send({
    what,
    method: 'POST',
    endpoint: iamEndpoint,
    path: '/v3.0/OS-AUTH/id-token/tokens',
    headers: { 'X-Idp-Id': request.identityProvider },
    body: { auth: { id_token: { id: request.idToken }, scope: { project } } },
    auth: noAuth,
    // Issuing a token twice harms nothing, so the exchange is retried like a look-up.
    retry: 'transient',
    answerSecrets: { of: ({ headers }) => [headers['x-subject-token']], mask }
  })
  const token = response.headers['x-subject-token']
  if (typeof token !== 'string' || token === '' || hasControl(token)) {
    throw new ApiError({
      what,
      status: response.status,
      errorMsg: 'the answer has no X-Subject-Token header',
      requestId: response.requestId
    })
  }
  const scoped = (response.body as { token?: { project?: { id?: unknown } } } | undefined)?.token
    ?.project?.id
  if (scoped !== undefined && (typeof scoped !== 'string' || !PROJECT_ID.test(scoped))) {
    throw new ApiError({
      what,
      status: response.status,
      errorMsg: 'the token names a project without a valid id',
      requestId: response.requestId
    })
  }
  return { token, projectId: scoped }
}
