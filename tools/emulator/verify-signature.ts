/**
 * The AK/SK verifier, written apart from src/cloud/signer.ts on purpose: it rebuilds the request
 * from the raw bytes.
 */
import * as crypto from 'node:crypto'

export interface ReceivedRequest {
  method: string
  /** The request target exactly as received: path and raw query. */
  rawUrl: string
  /** Received headers, lower-case names (as node:http gives them). */
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export type Verdict =
  | { ok: true; accessKeyId: string; signedHeaders: string[] }
  | { ok: false; reason: string; accessKeyId?: string }

const AUTH_PATTERN =
  /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/
const MAX_SKEW_MS = 15 * 60 * 1000

/** Bytes outside A-Z a-z 0-9 - _ . ~ become %XX (upper-case hex), byte by byte over UTF-8. */
function percentEncode(text: string): string {
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte)
    const unreserved =
      (byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) ||
      '-_.~'.includes(ch)
    out += unreserved ? ch : '%' + byte.toString(16).toUpperCase().padStart(2, '0')
  }
  return out
}

function percentDecode(text: string): string {
  return decodeURIComponent(text)
}

export function canonicalRequestOf(request: ReceivedRequest, signedHeaders: string[]): string {
  const queryStart = request.rawUrl.indexOf('?')
  const rawPath = queryStart === -1 ? request.rawUrl : request.rawUrl.slice(0, queryStart)
  const rawQuery = queryStart === -1 ? '' : request.rawUrl.slice(queryStart + 1)

  let uri = rawPath
    .split('/')
    .map(segment => percentEncode(percentDecode(segment)))
    .join('/')
  if (uri[uri.length - 1] !== '/') uri += '/'

  const pairs: [string, string][] = []
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue
    const eq = piece.indexOf('=')
    const key = percentDecode(eq === -1 ? piece : piece.slice(0, eq))
    const value = eq === -1 ? '' : percentDecode(piece.slice(eq + 1))
    pairs.push([percentEncode(key), percentEncode(value)])
  }
  // Sort by raw key, then by value for repeated keys (what the SDK's sort produces).
  pairs.sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0
  )
  const query = pairs.map(([k, v]) => k + '=' + v).join('&')

  let headerBlock = ''
  for (const name of signedHeaders) {
    const raw = request.headers[name]
    const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '')
    headerBlock += name + ':' + value + '\n'
  }

  const declaredHash = request.headers['x-sdk-content-sha256']
  const bodyHash =
    typeof declaredHash === 'string'
      ? declaredHash
      : crypto.createHash('sha256').update(request.body).digest('hex')

  return [request.method, uri, query, headerBlock, signedHeaders.join(';'), bodyHash].join('\n')
}

/** Checks the Authorization header of a received request against the key's secret. */
export function verifySignature(
  request: ReceivedRequest,
  secretFor: (accessKeyId: string) => string | undefined,
  now: number = Date.now()
): Verdict {
  const authorization = request.headers['authorization']
  if (typeof authorization !== 'string') return { ok: false, reason: 'no Authorization header' }
  const match = AUTH_PATTERN.exec(authorization)
  if (!match) return { ok: false, reason: 'malformed Authorization header' }
  const [, accessKeyId, signedList, signature] = match as unknown as [
    string,
    string,
    string,
    string
  ]
  const secret = secretFor(accessKeyId)
  if (secret === undefined)
    return { ok: false, reason: `Get secretKey failed,ak:******,err:ak not exist`, accessKeyId }

  const signedHeaders = signedList.split(';')
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-sdk-date')) {
    return { ok: false, reason: 'host and x-sdk-date must be signed', accessKeyId }
  }
  const sorted = [...signedHeaders].sort()
  if (sorted.join(';') !== signedList)
    return { ok: false, reason: 'SignedHeaders not sorted', accessKeyId }
  for (const name of signedHeaders) {
    if (request.headers[name] === undefined)
      return { ok: false, reason: `signed header ${name} missing`, accessKeyId }
  }

  const date = request.headers['x-sdk-date']
  const dateMatch =
    typeof date === 'string' ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date) : null
  if (!dateMatch) return { ok: false, reason: 'x-sdk-date must be YYYYMMDDTHHMMSSZ', accessKeyId }
  const [, y, mo, d, h, mi, s] = dateMatch.map(Number) as number[]
  const signedAt = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s)
  if (Math.abs(now - signedAt) > MAX_SKEW_MS)
    return { ok: false, reason: 'x-sdk-date is more than 15 minutes off', accessKeyId }

  const canonical = canonicalRequestOf(request, signedHeaders)
  const hashedCanonical = crypto.createHash('sha256').update(canonical, 'utf8').digest('hex')
  const stringToSign = 'SDK-HMAC-SHA256\n' + date + '\n' + hashedCanonical
  const expected = crypto
    .createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(stringToSign, 'utf8')
    .digest('hex')
  const same =
    expected.length === signature.length &&
    crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  return same
    ? { ok: true, accessKeyId, signedHeaders }
    : { ok: false, reason: 'verify aksk signature fail', accessKeyId }
}
