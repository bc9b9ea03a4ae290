/**
 * The loopback rule (src/base/hosts.ts), the one the endpoints, the registry's origin and the
 * not-SWR warning share: which hosts are this machine's own.
 */
import { describe, expect, it } from '@jest/globals'
import { isLoopbackHost } from '../../src/base/hosts.js'

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LocalHost, in any case', true],
    ['127.0.0.1', true],
    ['127.10.200.30', true],
    ['::1', true],
    ['[::1]', true],
    ['localhost.example.com', false],
    ['my-localhost', false],
    ['127.0.0.1.example.com', false],
    ['127.example.com', false],
    ['x127.0.0.1', false],
    ['128.0.0.1', false],
    ['::2', false],
    ['[::1]x', false],
    ['swr.cn-north-4.myhuaweicloud.com', false],
    ['', false]
  ])('%s → %s', (given, expected) => {
    const host = given.split(',')[0] as string
    expect(isLoopbackHost(host)).toBe(expected)
  })
})
