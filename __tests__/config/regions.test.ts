import { describe, expect, it } from '@jest/globals'
import {
  REGIONS,
  closestRegion,
  misspeltRegion,
  noModelArtsWarning,
  regionHint
} from '../../src/config/regions.js'
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

  // A misspelling is one or two edits off in the words, with the number of a region of those words.
  it.each<[string, string | undefined, string | undefined]>([
    ['cn-nort-4', 'cn-north-4', 'cn-north-4'],
    ['cn-north4', 'cn-north-4', 'cn-north-4'],
    ['ap-southest-3', 'ap-southeast-3', 'ap-southeast-3'],
    ['ap-sotheast-3', 'ap-southeast-3', 'ap-southeast-3'],
    ['CN-Nroth-4', 'cn-north-4', 'cn-north-4'],
    ['af-sout-1', 'af-south-1', 'af-south-1'],
    ['eu-wst-101', 'eu-west-101', 'eu-west-101'],
    ['eu-west-1010', 'eu-west-101', undefined], // a number no region of those words has
    ['cn-north-13', 'cn-north-1', undefined],
    ['cn-nort-7', 'cn-north-1', undefined],
    ['cn-northwest-1', 'cn-southwest-2', undefined], // words three edits off
    ['cn-north-4', undefined, undefined], // known
    ['eu-central-1', undefined, undefined], // new words
    ['xx-nowhere-77', undefined, undefined] // far from all
  ])('%s: closest %s, misspells %s', (name, closest, meant) => {
    expect([closestRegion(name), misspeltRegion(name)]).toEqual([closest, meant])
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

describe("the regions' table, sites and ModelArts", () => {
  const configOf = (inputs: Record<string, string>) =>
    parseConfig({
      input: name => ({ ...KEYS, swr_path: 'my-org/my-image:1.0.0', ...inputs })[name] ?? '',
      env: {},
      mask: () => undefined
    })

  // Every region the SDKs list for SWR once: those where ModelArts is offered, and the others.
  const MODELARTS = [
    'cn-north-1',
    'cn-north-2',
    'cn-north-4',
    'cn-north-9',
    'cn-north-11',
    'cn-north-12',
    'cn-east-3',
    'cn-east-4',
    'cn-south-1',
    'cn-southwest-2',
    'cn-southwest-3',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'af-south-1',
    'af-north-1',
    'la-south-2',
    'la-north-2',
    'sa-brazil-1',
    'tr-west-1',
    'me-east-1'
  ]
  const WITHOUT_MODELARTS = [
    'ap-southeast-5',
    'cn-east-2',
    'cn-east-5',
    'cn-south-2',
    'cn-south-4',
    'ru-northwest-2',
    'ru-moscow-1',
    'sa-peru-1',
    'na-mexico-1',
    'ae-ad-1',
    'my-kualalumpur-1',
    'eu-west-0',
    'eu-west-101'
  ]

  it("follows the SDKs' SWR region list (35 regions, cn-south-4 and sa-peru-1 among them)", () => {
    expect([...REGIONS].sort()).toEqual([...MODELARTS, ...WITHOUT_MODELARTS].sort())
    expect(configOf({ region: 'sa-peru-1' }).region).toBe('sa-peru-1')
    expect(configOf({ region: 'cn-south-4' }).warnings).not.toContainEqual(
      expect.stringContaining('not a Huawei Cloud region')
    )
  })

  it('every eu-west-1xx region has its endpoints on the European site', () => {
    const config = configOf({ region: 'eu-west-102', swr_path: 'my-org/my-image:1.0.0' })
    expect(config.endpoint).toBe('https://modelarts.eu-west-102.myhuaweicloud.eu')
    expect(config.iamEndpoint).toBe('https://iam.eu-west-102.myhuaweicloud.eu')
    expect(config.swrEndpoint).toBe('https://swr-api.eu-west-102.myhuaweicloud.eu')
    expect(config.image?.registry).toBe('swr.eu-west-102.myhuaweicloud.eu')
  })

  it.each(WITHOUT_MODELARTS)(
    '%s has no ModelArts: a warning names the nearest region that has it',
    region => {
      const warning = noModelArtsWarning(region) ?? ''
      const nearest = /the nearest region that offers it is ([a-z0-9-]+):/.exec(warning)?.[1]
      expect(MODELARTS).toContain(nearest)
      expect(configOf({ region }).warnings).toContain(warning)
    }
  )

  it.each(MODELARTS)('%s has ModelArts: no such warning', region => {
    expect(noModelArtsWarning(region)).toBeUndefined()
  })

  it('names the nearest by distance, and says nothing once endpoint says where ModelArts is', () => {
    expect(noModelArtsWarning('cn-south-4')).toBe(
      "ModelArts is not offered in region cn-south-4 (Huawei's SDKs list no ModelArts endpoint there); " +
        'the nearest region that offers it is cn-south-1: push the image to its SWR and set region: cn-south-1, ' +
        'or give endpoint if your account has ModelArts in cn-south-4'
    )
    expect(noModelArtsWarning('constructor')).toBeUndefined()
    const config = configOf({ region: 'sa-peru-1', endpoint: 'https://modelarts.example.com' })
    expect(config.warnings.join('\n')).not.toContain('ModelArts is not offered')
  })
})

describe("a cloud built on Huawei Cloud with its own domains (Open Telekom Cloud's eu-de, eu-nl)", () => {
  const otc = {
    endpoint: 'https://modelarts.eu-de.otc.t-systems.com',
    iam_endpoint: 'https://iam.eu-de.otc.t-systems.com',
    swr_endpoint: 'https://swr-api.eu-de.otc.t-systems.com'
  }
  const configOf = (inputs: Record<string, string>) =>
    parseConfig({
      input: name =>
        ({ ...KEYS, swr_path: 'swr.eu-de.otc.t-systems.com/my-org/my-image:1.0.0', ...inputs })[
          name
        ] ?? '',
      env: {},
      mask: () => undefined
    })

  it.each(['eu-de', 'eu-nl'])(
    '%s is accepted with endpoint, iam_endpoint and swr_endpoint given',
    region => {
      const config = configOf({ region, ...otc })
      expect(config.region).toBe(region)
      expect(config.endpoint).toBe(otc.endpoint)
      expect(config.checkImage).toBe(true)
      expect(config.warnings).toEqual([])
    }
  )

  it('is refused without them, each missing endpoint named, before any request', () => {
    const attempt = () => configOf({ region: 'eu-de' })
    expect(attempt).toThrow(
      'endpoint: required with region eu-de, of a cloud built on Huawei Cloud with its own domains (otc.t-systems.com): ' +
        'give endpoint, iam_endpoint and swr_endpoint (or set check_image: false)'
    )
    expect(attempt).toThrow(/- iam_endpoint: required with region eu-de/)
    expect(attempt).toThrow(/- swr_endpoint: required with region eu-de/)
  })

  it('needs no swr_endpoint when the image is not checked', () => {
    const { endpoint, iam_endpoint } = otc
    const config = configOf({ region: 'eu-de', endpoint, iam_endpoint, check_image: 'false' })
    expect(config.checkImage).toBe(false)
    expect(() => configOf({ region: 'eu-de', endpoint, check_image: 'false' })).toThrow(
      'iam_endpoint: required with region eu-de, of a cloud built on Huawei Cloud with its own domains (otc.t-systems.com): give endpoint, iam_endpoint'
    )
  })
})
