/**
 * Turns the configured credentials into an authenticator and a project id: an access key (given, or
 * an agency's from STS), an IAM token, or one exchanged for the runner's OIDC id token.
 */
import { type Authenticator, type HttpApi, accessKeyAuth, tokenAuth } from '../cloud/http.js'
import { InputError, ServiceStateError } from '../base/errors.js'
import { exchangeIdToken, lookUpProjectId } from '../cloud/iam.js'
import { isoUtc } from '../base/iso-date.js'
import type { Config } from '../config/config.js'
import type { Logger } from '../base/runtime.js'
import type { Provenance } from '../model/run.js'

/** Fetches the runner's OIDC id token for an audience (core.getIDToken in production). */
type IdTokenSource = (audience: string | undefined) => Promise<string>

export interface ResolvedCredentials {
  auth: Authenticator
  projectId: string
  /**
   * Headers signed into every ModelArts and SWR call: X-Project-Id with AK/SK, as the SDKs send
   * it (the gateway uses it to pick the project); none with a token, which names its project.
   */
  projectHeaders: Record<string, string>
  /** For the log and summary: "access key from inputs", "OIDC (identity provider x)". */
  description: string
}

export interface CredentialDeps {
  http: HttpApi
  log: Logger
  getIdToken: IdTokenSource
  mask: (secret: string) => void
  /** The runner's variables, to tell a missing `id-token: write` permission apart. */
  env: Readonly<Record<string, string | undefined>>
  /** Where the run comes from: an agency's session is named after it. */
  provenance: Promise<Provenance>
}

/** Resolves credentials and the project id, making the IAM calls that needs. */
export async function resolveCredentials(
  config: Config,
  deps: CredentialDeps
): Promise<ResolvedCredentials> {
  const { credentials } = config
  switch (credentials.kind) {
    case 'access-key': {
      const auth = accessKeyAuth(credentials)
      const projectId = config.projectId ?? (await findProject(config, deps, auth))
      return {
        auth,
        projectId,
        projectHeaders: { 'X-Project-Id': projectId },
        description: `${credentials.securityToken ? 'temporary access key' : 'access key'} from ${credentials.source}`
      }
    }
    case 'token': {
      const auth = tokenAuth(credentials.token)
      const projectId = config.projectId ?? (await findProject(config, deps, auth))
      return { auth, projectId, projectHeaders: {}, description: 'IAM token (auth_token)' }
    }
    case 'agency':
      return agencyCredentials(config, credentials, deps)
    case 'oidc': {
      const idToken = await runnerIdToken('identity_provider', credentials.audience, deps)
      const scoped = await exchangeIdToken(
        deps.http,
        config.iamEndpoint,
        {
          identityProvider: credentials.identityProvider,
          idToken,
          region: config.region,
          projectId: config.projectId
        },
        deps.mask
      )
      const projectId = config.projectId ?? scoped.projectId
      if (!projectId) {
        throw new ServiceStateError(
          'exchange the GitHub OIDC token at IAM',
          `IAM returned a token without a project for region ${config.region}; set project_id`
        )
      }
      return {
        auth: tokenAuth(scoped.token),
        projectId,
        projectHeaders: {},
        description: `OIDC (identity provider ${credentials.identityProvider})`
      }
    }
  }
}

/**
 * The runner's OIDC id token, masked at once. Without `id-token: write` the runner gives no way to
 * ask: the error says to add exactly that.
 */
async function runnerIdToken(
  input: string,
  audience: string | undefined,
  deps: CredentialDeps
): Promise<string> {
  if (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new InputError([
      `${input}: this job cannot request a GitHub OIDC token. Add "permissions: id-token: write" to the job ` +
        '(pull requests from forks never get one; use access keys there)'
    ])
  }
  // The runner's token service obeys the step's deadline and cancellation like every request.
  const idToken = await deps.http.within(
    'get the GitHub OIDC id token from the runner',
    deps.getIdToken(audience)
  )
  deps.mask(idToken)
  return idToken
}

/** The agency's temporary key pair from STS, then signed like any temporary key. */
async function agencyCredentials(
  config: Config,
  credentials: Extract<Config['credentials'], { kind: 'agency' }>,
  deps: CredentialDeps
): Promise<ResolvedCredentials> {
  const idToken = await runnerIdToken('agency_urn', credentials.audience, deps)
  // Loaded here, in a chunk of its own: only runs with agency_urn use STS.
  const { assumeAgency } = await import('./agency.js')
  const assumed = await assumeAgency(
    deps.http,
    {
      stsEndpoint: config.stsEndpoint,
      agencyUrn: credentials.agencyUrn,
      providerUrn: credentials.providerUrn,
      idToken,
      timeoutMs: config.timeoutMs,
      provenance: await deps.provenance
    },
    { log: deps.log, mask: deps.mask }
  )
  const until = assumed.expiresAt ? ` until ${isoUtc(assumed.expiresAt)}` : ''
  deps.log.info(
    `assumed agency ${credentials.agencyUrn} as session ${assumed.sessionName}: temporary credentials${until}`
  )
  const auth = accessKeyAuth(assumed)
  const projectId = config.projectId ?? (await findProject(config, deps, auth))
  return {
    auth,
    projectId,
    projectHeaders: { 'X-Project-Id': projectId },
    description: `agency ${credentials.agencyUrn} (keyless, STS)`
  }
}

async function findProject(
  config: Config,
  deps: CredentialDeps,
  auth: Authenticator
): Promise<string> {
  const projectId = await lookUpProjectId(deps.http, config.iamEndpoint, config.region, auth)
  deps.log.info(`project_id not given: IAM says region ${config.region} is project ${projectId}`)
  return projectId
}
