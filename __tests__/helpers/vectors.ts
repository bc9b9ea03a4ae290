import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** One vector of __tests__/fixtures/signing-vectors.json (made by Huawei's official SDK signer). */
export interface SigningVector {
  name: string
  ak: string
  sk: string
  method: string
  url: string
  queryParams: Record<string, string | string[]>
  canonicalQueryString: string
  headersIn: Record<string, string>
  body: string
  xSdkDate: string
  canonicalRequest: string
  stringToSign: string
  sdkAuthorization: string
}

/**
 * A copy of the project's reference signing-vectors.json: signatures made by
 * @huaweicloud/huaweicloud-sdk-core 3.1.211's AKSKSigner at a fixed X-Sdk-Date; the first is the
 * example printed in Huawei's API signing guide. Kept in the repository so tests pass on any clone.
 */
export function loadVectors(): SigningVector[] {
  const file = join(process.cwd(), '__tests__', 'fixtures', 'signing-vectors.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { vectors: SigningVector[] }).vectors
}

/** 20240102T030405Z → Date */
export function parseSdkDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!m) throw new Error(`bad X-Sdk-Date ${value}`)
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[]
  return new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s))
}
