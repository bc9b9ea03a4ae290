/**
 * What the emulator's services share: the test identities, a recorded request, a route's context.
 */
import type * as http from 'node:http'

export const TEST_AK = 'HPUAEXAMPLEAK0000001'
export const TEST_SK = 'exampleSecretKey0000000000000000000000ab'
export const TEST_PROJECT_ID = '0123456789abcdef0123456789abcdef'
export const TEST_REGION = 'cn-north-4'
export const TEST_IDP = 'github-actions'
export const TEST_AUDIENCE = 'huaweicloud'
export const RUNNER_REQUEST_TOKEN = 'runner-request-token-for-tests'

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  status: number
  /** Time received, ms since the emulator started. */
  at: number
  body: string
  headers: http.IncomingHttpHeaders
}

export type Reply = (status: number, payload: unknown, headers?: Record<string, string>) => void
export type ErrorReply = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>
) => void

export interface RouteContext {
  req: http.IncomingMessage
  url: URL
  /** The path without query and trailing slashes. */
  path: string
  method: string
  body: Buffer
  record: RecordedRequest
  reply: Reply
  /** Answers `{error_code, error_msg, request_id}`, as ModelArts and IAM do. */
  error: ErrorReply
}

/** A project IAM knows: its id, and its name (the region name). */
export interface Project {
  id: string
  name: string
}

/** The request body as JSON, or undefined when it is not JSON. */
export function parseJson<T>(body: Buffer): T | undefined {
  try {
    return JSON.parse(body.toString('utf8')) as T
  } catch {
    return undefined
  }
}
