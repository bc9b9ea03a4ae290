import { describe, expect, it } from '@jest/globals'
import { parseBearerChallenge, registryOrigin } from '../../src/cloud/registry.js'

describe('parseBearerChallenge', () => {
  it.each<[string, string | undefined, Record<string, string> | undefined]>([
    ['none', undefined, undefined],
    ['Basic only', 'Basic realm="r"', undefined],
    [
      'one Bearer challenge',
      'Bearer realm="https://swr.example/token",service="swr",scope="repository:a/b:pull"',
      { realm: 'https://swr.example/token', service: 'swr', scope: 'repository:a/b:pull' }
    ],
    ['bare values', 'bearer realm=https://r/t,service=s', { realm: 'https://r/t', service: 's' }],
    [
      'a Basic challenge after it does not replace its realm',
      'Bearer realm="https://swr.example/token",service="swr", Basic realm="https://evil.example"',
      { realm: 'https://swr.example/token', service: 'swr' }
    ],
    [
      'a Basic challenge before it',
      'Basic realm="https://evil.example", Bearer realm="https://swr.example/token"',
      { realm: 'https://swr.example/token' }
    ],
    [
      'a second Bearer challenge is ignored',
      'Bearer realm="https://a/t", Bearer realm="https://b/t"',
      { realm: 'https://a/t' }
    ]
  ])('%s', (_, header, expected) => {
    expect(parseBearerChallenge(header)).toEqual(expected)
  })
})

describe('registryOrigin', () => {
  it('is http:// only for a loopback registry (base/hosts.ts says which), the registry as given', () => {
    expect(
      ['127.0.0.1:5000', 'LOCALHOST:5000', 'registry.example:443'].map(registryOrigin)
    ).toEqual(['http://127.0.0.1:5000', 'http://LOCALHOST:5000', 'https://registry.example:443'])
  })
})
