/**
 * Turns the configured credentials into an authenticator and a project: signs with an access key,
 * sends an IAM token, or exchanges the runner's OIDC id token for one. With a key or a token the
 * authenticator is known at once and the project, when not given, is looked up in IAM while other
 * work starts; the OIDC exchange gives both together.
 */
import { type Authenticator, type HttpApi, accessKeyAuth, tokenAuth } from '../cloud/http.js'
import { InputError, ServiceStateError } from '../base/errors.js'
import { observed } from '../base/promises.js'
import { exchangeIdToken, lookUpProjectId } from '../cloud/iam.js'
import type { Config } from '../config/inputs.js'
import type { Logger } from '../base/runtime.js'

/** Fetches the runner's OIDC id token for an audience (core.getIDToken in production). */
export type IdTokenSource = (audience: string | undefined) => Promise<string>

/** The ModelArts project the run works in. */
export interface Project {
  id: string
  /** Headers for every ModelArts call. */
  modelartsHeaders: Record<string, string>
}

export interface ResolvedCredentials {
  auth: Authenticator
  /**
   * The project: settled at once when given (or with the OIDC exchange), else IAM's answer, under
   * way. Its rejection is observed here, so it is never unhandled; whoever awaits it gets the error.
   */
  project: Promise<Project>
  /** For the log and summary: "access key from inputs", "OIDC (identity provider x)". */
  description: string
  /**
   * IAM is asked for the project: the first request these credentials sign, which goes alone (a
   * wrong secret key is refused once, not once per look-up: five refused signatures lock a key).
   */
  projectLookedUp: boolean
}

export interface CredentialDeps {
  http: HttpApi
  log: Logger
  getIdToken: IdTokenSource
  mask: (secret: string) => void
  /** The runner's variables, to tell a missing `id-token: write` permission apart. */
  env: Readonly<Record<string, string | undefined>>
}

/** The authenticator, and the project (under way when IAM must name it). */
export async function resolveCredentials(
  config: Config,
  deps: CredentialDeps
): Promise<ResolvedCredentials> {
  const { credentials } = config
  switch (credentials.kind) {
    case 'access-key': {
      const auth = accessKeyAuth(credentials)
      // The SDKs send and sign X-Project-Id with AK/SK; the gateway uses it to pick the project.
      const project = projectOf(config, deps, auth).then(id => ({
        id,
        modelartsHeaders: { 'X-Project-Id': id }
      }))
      return {
        auth,
        project: observed(project),
        projectLookedUp: config.projectId === undefined,
        description: `${credentials.securityToken ? 'temporary access key' : 'access key'} from ${credentials.source}`
      }
    }
    case 'token': {
      const auth = tokenAuth(credentials.token)
      const project = projectOf(config, deps, auth).then(id => ({ id, modelartsHeaders: {} }))
      return {
        auth,
        project: observed(project),
        projectLookedUp: config.projectId === undefined,
        description: 'IAM token (auth_token)'
      }
    }
    case 'oidc':
      return oidcCredentials(config, credentials, deps)
  }
}

/** The OIDC exchange: the runner's id token for an IAM token, which names the project too. */
async function oidcCredentials(
  config: Config,
  credentials: Extract<Config['credentials'], { kind: 'oidc' }>,
  deps: CredentialDeps
): Promise<ResolvedCredentials> {
  if (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new InputError([
      'identity_provider: this job cannot request a GitHub OIDC token. Add "permissions: id-token: write" to the job ' +
        '(pull requests from forks never get one; use access keys there)'
    ])
  }
  // The runner's token service obeys the step's deadline and cancellation like every request.
  const idToken = await deps.http.within(
    'get the GitHub OIDC id token from the runner',
    deps.getIdToken(credentials.audience)
  )
  deps.mask(idToken)
  const scoped = await exchangeIdToken(deps.http, config.iamEndpoint, {
    identityProvider: credentials.identityProvider,
    idToken,
    region: config.region,
    projectId: config.projectId
  })
  deps.mask(scoped.token)
  const projectId = config.projectId ?? scoped.projectId
  if (!projectId) {
    throw new ServiceStateError(
      'exchange the GitHub OIDC token at IAM',
      `IAM returned a token without a project for region ${config.region}; set project_id`
    )
  }
  return {
    auth: tokenAuth(scoped.token),
    project: Promise.resolve({ id: projectId, modelartsHeaders: {} }),
    projectLookedUp: false,
    description: `OIDC (identity provider ${credentials.identityProvider})`
  }
}

/** The project given, else IAM's project of the region. */
async function projectOf(
  config: Config,
  deps: CredentialDeps,
  auth: Authenticator
): Promise<string> {
  if (config.projectId !== undefined) return config.projectId
  const projectId = await lookUpProjectId(deps.http, config.iamEndpoint, config.region, auth)
  deps.log.info(`project_id not given: IAM says region ${config.region} is project ${projectId}`)
  return projectId
}
