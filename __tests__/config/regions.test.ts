import { describe, expect, it } from '@jest/globals'
import { REGIONS, closestRegion, misspeltRegion, regionHint } from '../../src/config/regions.js'
import { parseConfig } from '../../src/config/inputs.js'
import { parseRegion } from '../../src/config/endpoints.js'

const KEYS = {
  access_key_id: 'HPUAEXAMPLEAK0000001',
  secret_access_key: 'exampleSecretKey0000000000000000000000ab'
}

describe('regions', () => {
  it('every known region is well formed', () => {
    for (const region of REGIONS) expect(parseRegion('region', region)).toBe(region)
  })

  it.each([
    ['cn-nort-4', 'cn-north-4'],
    ['cn-north4', 'cn-north-4'],
    ['ap-southest-3', 'ap-southeast-3'],
    ['eu-west-1010', 'eu-west-101']
  ])('%s is closest to %s', (name, closest) => {
    expect(closestRegion(name)).toBe(closest)
  })

  it('a known region has no closest and no hint; a far one no closest', () => {
    expect(closestRegion('cn-north-4')).toBeUndefined()
    expect(regionHint('cn-north-4')).toBeUndefined()
    expect(closestRegion('xx-nowhere-77')).toBeUndefined()
    expect(regionHint('xx-nowhere-77')).toMatch(
      /^region xx-nowhere-77 is not a Huawei Cloud region/
    )
    expect(regionHint('cn-nort-4')).toBe(
      'region cn-nort-4 is not a Huawei Cloud region this action knows: did you mean cn-north-4?'
    )
  })

  it.each([
    ['cn-nort-4', 'cn-north-4'],
    ['ap-sotheast-3', 'ap-southeast-3'],
    ['cn-north4', 'cn-north-4'],
    ['CN-Nroth-4', 'cn-north-4'],
    ['af-sout-1', 'af-south-1'],
    ['eu-wst-101', 'eu-west-101']
  ])('%s misspells %s: its words one or two edits off, its number', (name, meant) => {
    expect(misspeltRegion(name)).toBe(meant)
  })

  it.each([
    ['cn-north-4', 'known'],
    ['cn-north-13', 'a number no region of those words has'],
    ['cn-nort-7', 'a number no region of those words has'],
    ['eu-central-1', 'new words'],
    ['cn-northwest-1', 'words three edits off'],
    ['xx-nowhere-77', 'far from all']
  ])('%s is not a misspelling (%s)', name => {
    expect(misspeltRegion(name)).toBeUndefined()
  })

  const parse = (region: string) =>
    parseConfig({
      input: name => ({ ...KEYS, swr_path: 'my-org/my-image:1.0.0', region })[name] ?? '',
      env: {},
      mask: () => undefined
    })

  it('a misspelt region is an input error that names the region meant', () => {
    expect(() => parse('cn-nort-4')).toThrow(
      'region cn-nort-4 is not a Huawei Cloud region: did you mean cn-north-4?'
    )
  })

  it('any other well-formed unknown region is a warning and is still used', () => {
    const config = parse('cn-north-13')
    expect(config.region).toBe('cn-north-13')
    expect(config.warnings).toContain(
      'region cn-north-13 is not a Huawei Cloud region this action knows: did you mean cn-north-1? (it is used as given)'
    )
  })
})
