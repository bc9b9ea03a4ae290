/** IAM as the action uses it: the project of a region, and the OIDC token exchange. */
import * as crypto from 'node:crypto'
import {
  type Project,
  type RouteContext,
  TEST_AUDIENCE,
  TEST_IDP,
  TEST_PROJECT_ID,
  TEST_REGION,
  parseJson
} from './context.js'

export interface IamOptions {
  /** Projects IAM knows, by region name. */
  projects?: Project[]
}

/** What IAM reads and changes. */
export interface IamState {
  readonly options: IamOptions
  /** Id tokens the runner stand-in issued: token → audience. */
  readonly idTokens: Map<string, string>
  /** IAM tokens: token → project id. */
  readonly tokens: Map<string, string>
}

/** The projects IAM knows (by default the test project, named after the test region). */
export function projectsOf(options: IamOptions): Project[] {
  return options.projects ?? [{ id: TEST_PROJECT_ID, name: TEST_REGION }]
}

/** GET /v3/auth/projects: every project the credentials can use (no name filter, no permission). */
export function listAuthProjects(state: IamState, ctx: RouteContext): void {
  ctx.reply(200, {
    projects: projectsOf(state.options).map(p => ({
      ...p,
      domain_id: 'd0main',
      parent_id: 'd0main',
      enabled: true,
      is_domain: false,
      description: '',
      links: { self: `https://iam.myhuaweicloud.com/v3/projects/${p.id}` }
    })),
    links: { self: 'https://iam.myhuaweicloud.com/v3/auth/projects' }
  })
}

/** GET /v3/projects?name={region} */
export function listProjects(state: IamState, ctx: RouteContext): void {
  const name = ctx.url.searchParams.get('name')
  const projects = projectsOf(state.options).filter(p => !name || p.name === name)
  ctx.reply(200, {
    projects: projects.map(p => ({ ...p, domain_id: 'd0main', enabled: true, is_domain: false })),
    links: {}
  })
}

interface ExchangeBody {
  auth?: { id_token?: { id?: string }; scope?: { project?: { id?: string; name?: string } } }
}

/** POST /v3.0/OS-AUTH/id-token/tokens: X-Idp-Id names the identity provider. */
export function exchangeIdToken(state: IamState, ctx: RouteContext): void {
  const idp = ctx.req.headers['x-idp-id']
  if (idp !== TEST_IDP)
    return ctx.error(404, 'IAM.0004', `identity provider ${String(idp)} does not exist`)
  const body = parseJson<ExchangeBody | null>(ctx.body)
  if (body === undefined) return ctx.error(400, 'IAM.0001', 'invalid request body')
  const auth = body?.auth
  const audience = state.idTokens.get(auth?.id_token?.id ?? '')
  if (audience === undefined) return ctx.error(401, 'IAM.0011', 'id token verification failed')
  if (audience !== TEST_AUDIENCE)
    return ctx.error(401, 'IAM.0011', `id token audience ${audience} is not the client id`)
  const scope = auth?.scope?.project
  const project = projectsOf(state.options).find(p =>
    scope?.id ? p.id === scope.id : p.name === scope?.name
  )
  if (!project) return ctx.error(400, 'IAM.0003', 'project in scope not found')
  const token = `MIIt${crypto.randomBytes(24).toString('hex')}`
  state.tokens.set(token, project.id)
  ctx.reply(
    201,
    {
      token: {
        methods: ['mapped'],
        project: { id: project.id, name: project.name },
        expires_at: new Date(Date.now() + 86400_000).toISOString()
      }
    },
    { 'X-Subject-Token': token }
  )
}
