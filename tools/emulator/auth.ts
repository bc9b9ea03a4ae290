/**
 * Credentials checked as API Gateway checks them (AK/SK from the raw bytes, IAM tokens, temporary
 * keys, X-Project-Id); bad auth is 401 APIGW.0301.
 */
import type { Project, RouteContext } from './context.js'
import { verifySignature } from './verify-signature.js'

export interface TemporaryKey {
  secretAccessKey: string
  securityToken: string
}

/** The credentials the emulator knows. */
export interface Credentials {
  /** Permanent access keys: AK → SK. */
  readonly accessKeys: Map<string, string>
  readonly temporaryKeys: Map<string, TemporaryKey>
  /** IAM tokens: token → project id. */
  readonly tokens: Map<string, string>
}

/**
 * AK/SK, temporary AK/SK with X-Security-Token, or X-Auth-Token; with `projectId` (the project in
 * the path) also that the caller may act in it. Sends the refusal itself and answers false.
 */
export function authenticate(
  credentials: Credentials,
  ctx: RouteContext,
  { projectId, projects }: { projectId?: string; projects: Project[] }
): boolean {
  const { req, body, error } = ctx
  const refuse = (status: number, code: string, message: string): false => {
    error(status, code, message)
    return false
  }
  const deny = (why: string): false =>
    refuse(401, 'APIGW.0301', `Incorrect IAM authentication information: ${why}`)
  const token = req.headers['x-auth-token']
  if (typeof token === 'string') {
    const tokenProject = credentials.tokens.get(token)
    if (!tokenProject) return deny('decrypt token fail')
    if (projectId && projectId !== tokenProject)
      return refuse(403, 'ModelArts.0204', 'Token must contain projectId info.')
    return true
  }
  const securityToken = req.headers['x-security-token']
  const verdict = verifySignature(
    { method: req.method ?? 'GET', rawUrl: req.url ?? '/', headers: req.headers, body },
    ak => {
      const temporary = credentials.temporaryKeys.get(ak)
      if (temporary)
        return temporary.securityToken === securityToken ? temporary.secretAccessKey : undefined
      return credentials.accessKeys.get(ak)
    }
  )
  if (!verdict.ok) return deny(verdict.reason)
  const signsToken = verdict.signedHeaders.includes('x-security-token')
  if (typeof securityToken === 'string' && !signsToken)
    return deny('x-security-token must be signed')
  if (credentials.temporaryKeys.has(verdict.accessKeyId) && !signsToken)
    return deny('temporary access key without x-security-token')
  if (!projectId) return true
  const headerProject = req.headers['x-project-id']
  if (typeof headerProject === 'string' && headerProject !== projectId)
    return refuse(400, 'ModelArts.0204', 'X-Project-Id does not match the project in the path')
  if (!projects.some(p => p.id === projectId))
    return refuse(403, 'ModelArts.6407', `no permission for project ${projectId}`)
  return true
}
