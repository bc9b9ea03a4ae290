/**
 * What a registry host is (src/base/hosts.ts): the region's shared SWR, an instance's, loopback,
 * another registry; the port stripped.
 */
import { describe, expect, it } from '@jest/globals'
import {
  isHuaweiCloudHost,
  isLoopbackHost,
  isLoopbackRegistry,
  isSwrLike,
  sharedRegistryOf,
  siteOfRegion,
  siteOfRegistry
} from '../../src/base/hosts.js'

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

describe('registry hosts', () => {
  it.each([
    ['cn-north-4', 'international', 'swr.cn-north-4.myhuaweicloud.com'],
    ['eu-west-0', 'international', 'swr.eu-west-0.myhuaweicloud.com'],
    ['eu-de', 'own-domain', 'swr.eu-de.otc.t-systems.com']
  ])('%s is on the %s site; its shared SWR is %s', (region, site, host) => {
    expect([siteOfRegion(region), sharedRegistryOf(region)]).toEqual([site, host])
  })

  it.each(['eu-west-101', 'eu-west-102', 'eu-west-150'])(
    'every eu-west-1xx region, %s among them, is on the European site',
    region => {
      expect([siteOfRegion(region), sharedRegistryOf(region)]).toEqual([
        'eu',
        `swr.${region}.myhuaweicloud.eu`
      ])
    }
  )

  it.each([
    ['swr.cn-north-4.myhuaweicloud.com/org/app:1', { region: 'cn-north-4', site: 'international' }],
    ['swr.eu-west-101.myhuaweicloud.eu:443/org/app:1', { region: 'eu-west-101', site: 'eu' }],
    [
      '  swr.ap-southeast-3.myhuaweicloud.com/org/app:1',
      { region: 'ap-southeast-3', site: 'international' }
    ],
    ['swr.cn-north-4.myhuaweicloud.com', undefined],
    ['swr.cn-north-4.myhuaweicloud.com:x/org/app:1', undefined],
    ['team.swr.cn-north-4.myhuaweicloud.com/org/app:1', undefined],
    ['swr.cn-north-4.myhuaweicloud.cn/org/app:1', undefined],
    ['localhost:5000/org/app:1', undefined]
  ])('the shared SWR in %s: %j', (path, site) => {
    expect(siteOfRegistry(path)).toEqual(site)
  })

  it.each([
    ['team-swr.cn-north-4.myhuaweicloud.com', true, true, false],
    ['TEAM.MYHUAWEICLOUD.EU:8443', true, false, false],
    ['swr.cn-north-4.myhuaweicloud.com:443', true, true, false],
    ['localhost:5000', false, true, true],
    ['127.0.0.1', false, true, true],
    ['[::1]:5000', false, true, true],
    ['LOCALHOST:5000', false, true, true],
    ['127.example.com:5000', false, false, false],
    ['registry.example.com:5000', false, false, false],
    ['myhuaweicloud.com.example', false, true, false]
  ])('%s: Huawei Cloud %s, SWR-like %s, loopback %s', (registry, huawei, swrLike, loopback) => {
    expect([
      isHuaweiCloudHost(registry),
      isSwrLike(registry),
      isLoopbackRegistry(registry)
    ]).toEqual([huawei, swrLike, loopback])
  })
})
