/**
 * The two IAM calls the action makes: find the project of a region, and exchange a GitHub OIDC id
 * token for an IAM token.
 */
import { ApiError, ServiceStateError } from '../base/errors.js'
import { PROJECT_ID } from '../base/ids.js'
import { isObject } from '../base/json.js'
import { hasControl } from '../base/text.js'
import { regionHint } from '../config/regions.js'
import { type Authenticator, type HttpApi, noAuth } from './http.js'

/** KeystoneListProjects by name: the region's project id; exactly one match or an error. */
export async function lookUpProjectId(
  http: HttpApi,
  iamEndpoint: string,
  region: string,
  auth: Authenticator
): Promise<string> {
  const what = `look up the project of region ${region}`
  const response = await http
    .send({
      what,
      method: 'GET',
      endpoint: iamEndpoint,
      path: '/v3/projects',
      query: { name: region },
      auth,
      retry: 'transient'
    })
    .catch((error: unknown) => {
      throw error instanceof ApiError && error.status === 403 ? listRefused(error) : error
    })
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
  if (only === undefined || ids.length > 1) {
    const found = ids.length === 0 ? 'no project' : `${ids.length} projects (${ids.join(', ')})`
    // No project for a misspelt region: say which region was probably meant.
    const hint = ids.length === 0 ? regionHint(region) : undefined
    throw new ServiceStateError(
      what,
      `IAM has ${found} named ${region} for these credentials${hint ? ` (${hint})` : ''}; set project_id (or HUAWEI_CLOUD_PROJECT_ID)`
    )
  }
  return only
}

/** A refused project look-up (IAM.0002 style), with what to do about it. */
function listRefused(error: ApiError): ApiError {
  return new ApiError({
    what: error.what,
    status: error.status,
    errorCode: error.errorCode,
    errorMsg: `${error.errorMsg} (grant iam:projects:listProjects, or set project_id)`,
    requestId: error.requestId
  })
}

/** An IAM token and the project it is scoped to. */
export interface ScopedToken {
  token: string
  projectId: string | undefined
}

/**
 * CreateTokenWithIdToken: `POST /v3.0/OS-AUTH/id-token/tokens` with X-Idp-Id, scoped to the project
 * when it is known, else to the region's project by name. The token comes back in X-Subject-Token.
 */
export async function exchangeIdToken(
  http: HttpApi,
  iamEndpoint: string,
  request: {
    identityProvider: string
    idToken: string
    region: string
    projectId: string | undefined
  }
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
    retry: 'transient'
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
