/**
 * SDK-HMAC-SHA256 (AK/SK) request signing, pure: a request in, headers out, checkable against the
 * SDK's vectors.
 */
import { createHash, createHmac } from 'node:crypto'
import { isoUtc } from '../base/iso-date.js'

/** Query parameters; a repeated key is an array of values. */
export type QueryParams = Readonly<Record<string, string | readonly string[]>>

/** What the signature covers. Header names may be in any case; `host` is added from `host`. */
export interface SignableRequest {
  method: string
  /** Host as sent in the Host header, with a non-default port (`127.0.0.1:8443`). */
  host: string
  /** The URL path as sent, e.g. `/v1/{project}/images`. */
  path: string
  query: QueryParams
  headers: Readonly<Record<string, string>>
  /** The exact body bytes that will be sent ('' for none). */
  body: string
}

/** An access key pair; `securityToken` makes it a temporary one. */
export interface AccessKey {
  accessKeyId: string
  secretAccessKey: string
  securityToken?: string
}

const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256'
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/**
 * Percent-encodes with the RFC 3986 unreserved set (`A-Z a-z 0-9 - _ . ~`), upper-case hex over
 * UTF-8. encodeURIComponent leaves `!'()*` alone, which the gateway encodes.
 */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

/** The canonical URI: each path segment encoded, always ending in `/` (the gateway's rule). */
export function canonicalUri(path: string): string {
  const encoded = path
    .split('/')
    .map(segment => encodeRfc3986(safeDecode(segment)))
    .join('/')
  return encoded.endsWith('/') ? encoded : `${encoded}/`
}

/**
 * Keys sorted by code unit, the values of a repeated key sorted too, `k=v` joined by `&`.
 * The same string is used on the wire, so what is signed is exactly what is sent.
 */
export function canonicalQueryString(query: QueryParams): string {
  return Object.keys(query)
    .sort()
    .flatMap(key => {
      const value = query[key] as string | readonly string[]
      const values = typeof value === 'string' ? [value] : [...value].sort()
      return values.map(v => `${encodeRfc3986(key)}=${encodeRfc3986(v)}`)
    })
    .join('&')
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the X-Sdk-Date format. */
export function formatSdkDate(date: Date): string {
  return isoUtc(date)
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** The canonical request and the signed header list, as the gateway rebuilds them. */
export function canonicalRequest(request: SignableRequest): {
  canonical: string
  signedHeaders: string
} {
  const headers = new Map<string, string>()
  for (const [name, value] of Object.entries(request.headers))
    headers.set(name.toLowerCase(), value)
  if (!headers.has('host')) headers.set('host', request.host)
  const names = [...headers.keys()].sort()
  const signedHeaders = names.join(';')
  const payloadHash =
    headers.get('x-sdk-content-sha256') ??
    (request.body === '' ? EMPTY_BODY_SHA256 : sha256Hex(request.body))
  const canonical = [
    request.method.toUpperCase(),
    canonicalUri(request.path),
    canonicalQueryString(request.query),
    names.map(name => `${name}:${headers.get(name)}\n`).join(''),
    signedHeaders,
    payloadHash
  ].join('\n')
  return { canonical, signedHeaders }
}

/**
 * Signs a request: returns `X-Sdk-Date`, `Authorization` and, for a temporary key, the signed
 * `X-Security-Token`. Every header in `request.headers` is signed, so pass only those that will be
 * sent unchanged (not User-Agent or Content-Length, which clients may rewrite).
 */
export function signRequest(
  request: SignableRequest,
  key: AccessKey,
  now: Date
): Record<string, string> {
  const added: Record<string, string> = { 'X-Sdk-Date': formatSdkDate(now) }
  if (key.securityToken) added['X-Security-Token'] = key.securityToken
  const { canonical, signedHeaders } = canonicalRequest({
    ...request,
    headers: { ...request.headers, ...added }
  })
  const stringToSign = `${SIGNING_ALGORITHM}\n${added['X-Sdk-Date']}\n${sha256Hex(canonical)}`
  const signature = createHmac('sha256', key.secretAccessKey).update(stringToSign).digest('hex')
  return {
    ...added,
    Authorization: `${SIGNING_ALGORITHM} Access=${key.accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`
  }
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex')
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
