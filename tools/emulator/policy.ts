/**
 * An IAM policy enforced per API with Huawei's action names: off unless loaded, then 403 in the
 * answering service's format.
 */
import type { RouteContext } from './context.js'

/** The APIs the emulator serves that a policy governs. */
type Api =
  | 'RegisterImage'
  | 'ShowImage'
  | 'ListImage'
  | 'DeleteImage'
  | 'ShowRepoTag'
  | 'ListRepositoryTags'
  | 'CreateSecret'
  | 'ShowInstance'
  | 'ListInstanceTags'
  | 'ShowInstanceArtifact'
  | 'CreateInstanceTempCredential'
  | 'KeystoneListProjects'

/** The action each API's page names. KeystoneListAuthProjects needs none, so it is not here. */
export const API_ACTIONS: Readonly<Record<Api, string>> = {
  RegisterImage: 'modelarts:image:register',
  ShowImage: 'modelarts:image:get',
  ListImage: 'modelarts:image:list',
  DeleteImage: 'modelarts:image:delete',
  ShowRepoTag: 'swr:repo:getRepoTag',
  ListRepositoryTags: 'swr:repo:listRepoTags',
  CreateSecret: 'swr::createLoginSecret',
  ShowInstance: 'swr:instance:get',
  ListInstanceTags: 'swr:repository:listTags',
  ShowInstanceArtifact: 'swr:repository:getArtifact',
  CreateInstanceTempCredential: 'swr:instance:createTempCredential',
  KeystoneListProjects: 'iam:projects:listProjects'
}

/**
 * RegisterImage's dependencies under a classic policy ("Version": "1.1", modelarts_03_0176): without
 * one, ModelArts cannot read the image in SWR and answers ModelArts.2885.
 */
const REGISTER_DEPENDENCIES = [
  'swr:repo:listRepos',
  'swr:repo:listRepoTags',
  'swr:repository:listRepositories',
  'swr:repository:listArtifacts',
  'swr:repo:getRepo',
  'swr:repo:getRepoDomain',
  'swr:repo:createRepoDomain',
  'swr:repository:getTag'
]

/** Which API a request is, by method and path (as server.ts routes it); undefined: none governed. */
function apiOf(method: string, path: string): Api | undefined {
  const routes: [string, RegExp, Api][] = [
    ['POST', /^\/v1\/[^/]+\/images$/, 'RegisterImage'],
    ['GET', /^\/v1\/[^/]+\/images$/, 'ListImage'],
    ['GET', /^\/v1\/[^/]+\/images\/[^/]+$/, 'ShowImage'],
    ['DELETE', /^\/v1\/[^/]+\/images\/[^/]+$/, 'DeleteImage'],
    ['GET', /^\/v2\/manage\/namespaces\/[^/]+\/repos\/[^/]+\/tags\/[^/]+$/, 'ShowRepoTag'],
    ['GET', /^\/v2\/manage\/namespaces\/[^/]+\/repos\/[^/]+\/tags$/, 'ListRepositoryTags'],
    ['POST', /^\/v2\/manage\/utils\/secret$/, 'CreateSecret'],
    ['GET', /^\/v2\/[^/]+\/instances\/[^/]+$/, 'ShowInstance'],
    [
      'GET',
      /^\/v2\/instances\/[^/]+\/namespaces\/[^/]+\/repositories\/[^/]+\/tags$/,
      'ListInstanceTags'
    ],
    [
      'GET',
      /^\/v2\/[^/]+\/instances\/[^/]+\/namespaces\/[^/]+\/repositories\/[^/]+\/artifacts\/[^/]+$/,
      'ShowInstanceArtifact'
    ],
    ['POST', /^\/v2\/[^/]+\/instances\/[^/]+\/temp-credential$/, 'CreateInstanceTempCredential'],
    ['GET', /^\/v3\/projects$/, 'KeystoneListProjects']
  ]
  return routes.find(([m, pattern]) => m === method && pattern.test(path))?.[2]
}

/** A policy document's allowed actions and its syntax. */
export interface Policy {
  /** "1.1" (classic) or "5.0" (identity policy). */
  version: string
  allowed: ReadonlySet<string>
}

/**
 * Reads a policy document (`{"Version", "Statement": [{"Effect": "Allow", "Action": [...]}]}`).
 * Only Allow statements are read; an action ending in `*` allows every action it begins.
 */
export function parsePolicy(document: unknown): Policy {
  const { Version, Statement } = document as { Version?: unknown; Statement?: unknown }
  if (typeof Version !== 'string' || !Array.isArray(Statement))
    throw new Error('a policy has a Version and a Statement list')
  const allowed = new Set<string>()
  for (const statement of Statement as { Effect?: unknown; Action?: unknown }[]) {
    if (statement.Effect !== 'Allow' || !Array.isArray(statement.Action)) continue
    for (const action of statement.Action) if (typeof action === 'string') allowed.add(action)
  }
  return { version: Version, allowed }
}

function allows(policy: Policy, action: string): boolean {
  if (policy.allowed.has(action)) return true
  return [...policy.allowed].some(a => a.endsWith('*') && action.startsWith(a.slice(0, -1)))
}

/**
 * Whether the policy (none: everything) lets the request through; otherwise the refusal is sent
 * here, in the answering service's format, and the answer is false.
 */
export function permits(policy: Policy | undefined, ctx: RouteContext): boolean {
  const api = policy && apiOf(ctx.method, ctx.path)
  if (!policy || !api) return true
  const action = API_ACTIONS[api]
  if (!allows(policy, action)) {
    refuse(ctx, api, action)
    return false
  }
  if (api === 'RegisterImage' && policy.version === '1.1') {
    if (REGISTER_DEPENDENCIES.some(dependency => !allows(policy, dependency))) {
      ctx.error(
        400,
        'ModelArts.2885',
        'AccessImageSwrException: the access of user swr is exception, please check the image namespace exists or user authorization is enough.'
      )
      return false
    }
  }
  return true
}

/** 403 as each service answers it: ModelArts' table, IAM's nested error, SWR's bodies. */
function refuse(ctx: RouteContext, api: Api, action: string): void {
  if (api === 'KeystoneListProjects') {
    return ctx.reply(403, {
      error: {
        code: 'IAM.0002',
        message: 'You are not authorized to perform the requested action.'
      }
    })
  }
  if (action.startsWith('modelarts:'))
    return ctx.error(
      403,
      'ModelArts.0108',
      `You are not authorized to perform the (${action}) operation.`
    )
  // SWR (shared and Enterprise Edition): the identity-policy denial carries an encoded message
  // for the administrator (decoded with STS DecodeAuthorizationMessage).
  const encoded = Buffer.from(JSON.stringify({ action, effect: 'implicitDeny' })).toString('base64')
  ctx.reply(403, {
    errors: [
      { errorCode: 'SVCSTG.SWR.4030001', errorMessage: 'Insufficient permission', detail: '' }
    ],
    error_code: 'SVCSTG.SWR.4030001',
    error_msg: 'Insufficient permission',
    encoded_authorization_message: `${encoded}\u001b[31m`
  })
}
