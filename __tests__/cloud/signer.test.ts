import { describe, expect, it } from '@jest/globals'
import {
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  encodeRfc3986,
  formatSdkDate,
  signRequest
} from '../../src/cloud/signer.js'
import { canonicalRequestOf, verifySignature } from '../../tools/emulator/verify-signature.js'
import { loadVectors, parseSdkDate, type SigningVector } from '../helpers/vectors.js'

const vectors = loadVectors()

function signable(v: SigningVector) {
  const url = new URL(v.url)
  const headers = Object.fromEntries(
    Object.entries(v.headersIn).filter(([name]) => !/^x-(sdk-date|security-token)$/i.test(name))
  )
  return {
    method: v.method,
    host: url.host,
    path: url.pathname,
    query: v.queryParams,
    headers,
    body: v.body
  }
}

function keyOf(v: SigningVector) {
  const token = Object.entries(v.headersIn).find(
    ([name]) => name.toLowerCase() === 'x-security-token'
  )?.[1]
  return { accessKeyId: v.ak, secretAccessKey: v.sk, securityToken: token }
}

describe('signer reproduces every vector of the official SDK', () => {
  it('has vectors to check', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(9)
  })

  it.each(vectors.map(v => [v.name, v] as const))('%s', (_name, v) => {
    const request = signable(v)
    const headers = signRequest(request, keyOf(v), parseSdkDate(v.xSdkDate))
    expect(headers.Authorization).toBe(v.sdkAuthorization)
    expect(headers['X-Sdk-Date']).toBe(v.xSdkDate)
    expect(canonicalQueryString(v.queryParams)).toBe(v.canonicalQueryString)
    const { Authorization: _authorization, ...signedHeaders } = headers
    const { canonical } = canonicalRequest({
      ...request,
      headers: { ...request.headers, ...signedHeaders }
    })
    expect(canonical).toBe(v.canonicalRequest)
  })
})

describe('the emulator verifier (an independent implementation) accepts every vector', () => {
  it.each(vectors.map(v => [v.name, v] as const))('%s', (_name, v) => {
    const url = new URL(v.url)
    // As received on the wire: lower-case header names, host with its port, the sorted query.
    const headers: Record<string, string> = { host: url.host }
    for (const [name, value] of Object.entries(v.headersIn)) headers[name.toLowerCase()] = value
    headers.authorization = v.sdkAuthorization
    const rawUrl = url.pathname + (v.canonicalQueryString ? `?${v.canonicalQueryString}` : '')
    const received = { method: v.method, rawUrl, headers, body: Buffer.from(v.body) }
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(v.sdkAuthorization)?.[1]?.split(';') ?? []
    expect(canonicalRequestOf(received, signedHeaders)).toBe(v.canonicalRequest)
    const verdict = verifySignature(
      received,
      ak => (ak === v.ak ? v.sk : undefined),
      parseSdkDate(v.xSdkDate).getTime()
    )
    expect(verdict).toMatchObject({ ok: true })
    const tampered = { ...received, body: Buffer.from(v.body + ' ') }
    expect(verifySignature(tampered, () => v.sk, parseSdkDate(v.xSdkDate).getTime())).toMatchObject(
      { ok: false }
    )
  })
})

describe('signer details', () => {
  it('encodes with the RFC 3986 unreserved set, upper-case hex, over UTF-8', () => {
    expect(encodeRfc3986("a b+c/ü*~!'()")).toBe('a%20b%2Bc%2F%C3%BC%2A~%21%27%28%29')
  })

  it('ends the canonical URI with a slash, once', () => {
    expect(canonicalUri('/v3/projects')).toBe('/v3/projects/')
    expect(canonicalUri('/v3/projects/')).toBe('/v3/projects/')
    expect(canonicalUri('/a b/c')).toBe('/a%20b/c/')
  })

  it('sorts keys and the values of repeated keys; empty values keep their "="', () => {
    expect(canonicalQueryString({ b: ['2', '1'], a: '', c: 'x y' })).toBe('a=&b=1&b=2&c=x%20y')
  })

  it('formats X-Sdk-Date in UTC whatever the local zone', () => {
    expect(formatSdkDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe('20240102T030405Z')
    expect(formatSdkDate(new Date(Date.UTC(999, 11, 31, 23, 59, 59)))).toBe('09991231T235959Z')
    expect(() => formatSdkDate(new Date(Number.NaN))).toThrow('not a valid date')
  })

  it('signs X-Security-Token for a temporary key and leaves it out otherwise', () => {
    const request = { method: 'GET', host: 'h', path: '/', query: {}, headers: {}, body: '' }
    const now = new Date(0)
    expect(
      signRequest(request, { accessKeyId: 'AK', secretAccessKey: 'SK', securityToken: 'T' }, now)
    ).toMatchObject({
      'X-Security-Token': 'T',
      Authorization: expect.stringContaining('SignedHeaders=host;x-sdk-date;x-security-token,')
    })
    expect(
      signRequest(request, { accessKeyId: 'AK', secretAccessKey: 'SK' }, now)
    ).not.toHaveProperty('X-Security-Token')
  })
})
