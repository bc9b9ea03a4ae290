import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/base/errors.js'
import { parseConfig } from '../../src/config/inputs.js'
import { workspaceOf } from '../../src/config/config.js'
import { parseDuration } from '../../src/config/parsers.js'

const AK = 'HPUAEXAMPLEAK0000001'
const SK = 'exampleSecretKey0000000000000000000000ab'
const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0'

function parse(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const masked: string[] = []
  const config = parseConfig({ input: name => inputs[name] ?? '', env, mask: s => masked.push(s) })
  return { config, masked }
}

const base = { swr_path: PATH, access_key_id: AK, secret_access_key: SK }

/** The problems parseConfig reports for these inputs. */
function problemsOf(inputs: Record<string, string>, env: Record<string, string> = {}): string[] {
  try {
    parse(inputs, env)
  } catch (error) {
    if (error instanceof InputError) return [...error.problems]
    throw error
  }
  throw new Error('expected an InputError')
}

describe('valid inputs', () => {
  it('keeps only the given attributes, enums in upper case, lists as arrays', () => {
    const { config } = parse({
      ...base,
      arch: 'aarch64',
      resource_category: 'cpu, Ascend\nGPU',
      services: 'ssh',
      service_type: 'Train',
      visibility: 'public',
      workspace_id: '0123456789abcdefghijklmnopqrstuv',
      flavor_type: 'ascend_snt9b',
      origin: 'customize'
    })
    expect(config.attributes).toEqual({
      arch: 'AARCH64',
      origin: 'CUSTOMIZE',
      resource_category: ['CPU', 'ASCEND', 'GPU'],
      service_type: 'TRAIN',
      services: ['SSH'],
      visibility: 'PUBLIC',
      flavor_type: 'ASCEND_SNT9B'
    })
    expect(config.workspaceInput).toBe('0123456789abcdefghijklmnopqrstuv')
    expect(config.image?.swrPath).toBe(PATH)
  })

  it('has no attributes, description or workspace when none is given', () => {
    const { config } = parse(base)
    expect(config.attributes).toEqual({})
    expect(config.description).toBeUndefined()
    expect(config.workspaceInput).toBeUndefined()
    expect(workspaceOf(config)).toBe('0')
  })

  it('takes the defaults of the spec', () => {
    const { config } = parse(base)
    expect(config).toMatchObject({
      region: 'cn-north-4',
      endpoint: 'https://modelarts.cn-north-4.myhuaweicloud.com',
      iamEndpoint: 'https://iam.myhuaweicloud.com',
      ifExists: 'reuse',
      wait: true,
      timeoutMs: 15 * 60_000,
      pollIntervalMs: 10_000,
      projectId: undefined
    })
    expect(workspaceOf(config)).toBe('0')
  })

  it('puts the region registry in front of a path without one', () => {
    const { config } = parse({
      ...base,
      swr_path: 'my-org/my-image:1.0.0',
      region: 'ap-southeast-3'
    })
    expect(config.image).toEqual({
      swrPath: 'swr.ap-southeast-3.myhuaweicloud.com/my-org/my-image:1.0.0',
      registry: 'swr.ap-southeast-3.myhuaweicloud.com',
      namespace: 'my-org',
      name: 'my-image',
      tag: '1.0.0',
      sharedSwr: true
    })
  })

  it.each([
    ['the region’s shared SWR', 'swr.cn-north-4.myhuaweicloud.com/org/app:1.0', 'cn-north-4', true],
    [
      'the EU site’s shared SWR',
      'swr.eu-west-101.myhuaweicloud.eu/org/app:1.0',
      'eu-west-101',
      true
    ],
    ['another region’s SWR', 'swr.cn-east-3.myhuaweicloud.com/org/app:1.0', 'cn-north-4', false],
    [
      'an SWR Enterprise Edition instance',
      'team-registry.swr.cn-north-4.myhuaweicloud.com/org/app:1.0',
      'cn-north-4',
      false
    ],
    ['a loopback registry', '127.0.0.1:5000/org/app:1.0', 'cn-north-4', false]
  ])('knows whether the registry is the shared SWR: %s', (_, swrPath, region, shared) => {
    const { config } = parse({ ...base, swr_path: swrPath, region })
    expect(config.image?.sharedSwr).toBe(shared)
  })

  it('keeps nested repository names and registries with ports', () => {
    const { config } = parse({
      ...base,
      swr_path: 'localhost:5000/org/team/img:v1',
      region: 'cn-north-4'
    })
    expect(config.image).toMatchObject({
      registry: 'localhost:5000',
      namespace: 'org',
      name: 'team/img',
      tag: 'v1'
    })
  })

  it('uses the EU site for .eu registries and eu-west-101', () => {
    const { config } = parse({ ...base, swr_path: 'swr.eu-west-101.myhuaweicloud.eu/org/img:1' })
    expect(config).toMatchObject({
      region: 'eu-west-101',
      endpoint: 'https://modelarts.eu-west-101.myhuaweicloud.eu',
      iamEndpoint: 'https://iam.eu-west-101.myhuaweicloud.eu'
    })
  })

  it('takes region and project from the environment when the inputs are empty', () => {
    const { config } = parse(
      { ...base, swr_path: 'org/img:1' },
      {
        HUAWEI_CLOUD_REGION: 'la-south-2',
        HUAWEI_CLOUD_PROJECT_ID: 'abc123',
        HUAWEICLOUD_SDK_PROJECT_ID: 'zzz'
      }
    )
    expect(config.region).toBe('la-south-2')
    expect(config.projectId).toBe('abc123')
    expect(parse(base, { HUAWEICLOUD_SDK_PROJECT_ID: 'zzz' }).config.projectId).toBe('zzz')
  })

  it('warns when region and registry disagree', () => {
    expect(parse({ ...base, region: 'cn-east-3' }).config.warnings).toEqual([
      expect.stringContaining('cn-north-4')
    ])
  })

  it('accepts loopback http endpoints and strips a trailing slash', () => {
    const { config } = parse({
      ...base,
      endpoint: 'http://127.0.0.1:8080/',
      iam_endpoint: 'http://localhost:9/iam/'
    })
    expect(config.endpoint).toBe('http://127.0.0.1:8080')
    expect(config.iamEndpoint).toBe('http://localhost:9/iam')
  })

  it('refuses an IPv6 literal, which the HTTP client cannot connect to', () => {
    expect(problemsOf({ ...base, endpoint: 'http://[::1]:8080' })).toEqual([
      'endpoint: an IPv6 address cannot be used as the host; give a host name or 127.0.0.1, got "http://[::1]:8080"'
    ])
  })

  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1h0m5s', 3_605_000],
    ['2M', 120_000],
    ['6h', 21_600_000],
    ['1s', 1_000]
  ])('reads duration %s in whole seconds', (text, ms) => {
    expect(parseDuration('timeout', text, { min: 1, max: 6 * 3600 })).toBe(ms)
  })

  it.each(['TRUE', 'true', 'True'])('reads wait %s as true', value => {
    expect(parse({ ...base, wait: value }).config.wait).toBe(true)
  })

  it.each(['FALSE', 'false'])('reads wait %s as false', value => {
    expect(parse({ ...base, wait: value }).config.wait).toBe(false)
  })

  it('accepts docker platform names for arch', () => {
    expect(parse({ ...base, arch: 'amd64' }).config.attributes.arch).toBe('X86_64')
    expect(parse({ ...base, arch: 'arm64' }).config.attributes.arch).toBe('AARCH64')
  })
})

describe('whether the image is checked in SWR is decided once, in Config', () => {
  const NOT_CHECKED =
    "the image is not checked in SWR: registry.example.com is not the region's SWR registry (set swr_endpoint to check another SWR)"
  it.each<[string, Record<string, string>, boolean, string[]]>([
    ['the region’s SWR registry', {}, true, []],
    [
      'a path without a registry (the region’s is put in front)',
      { swr_path: 'my-org/my-image:1' },
      true,
      []
    ],
    ['check_image false', { check_image: 'false' }, false, []],
    ['image_id given: a wait on that registration', { image_id: 'abc' }, false, []],
    ['image_id alone, without swr_path', { swr_path: '', image_id: 'abc' }, false, []],
    ['another registry', { swr_path: 'registry.example.com/o/i:1' }, false, [NOT_CHECKED]],
    [
      'another registry, with swr_endpoint saying where its API is',
      { swr_path: 'registry.example.com/o/i:1', swr_endpoint: 'https://swr-api.example.com' },
      true,
      []
    ],
    [
      'another registry and check_image false: no note',
      { swr_path: 'registry.example.com/o/i:1', check_image: 'false' },
      false,
      []
    ],
    [
      'another registry and image_id: no note',
      { swr_path: 'registry.example.com/o/i:1', image_id: 'abc' },
      false,
      []
    ]
  ])('%s', (_case, inputs, checkImage, notes) => {
    const { config } = parse({ ...base, region: 'cn-north-4', ...inputs })
    expect([config.checkImage, config.notes]).toEqual([checkImage, notes])
  })
})

describe('credentials', () => {
  it('masks the secret key and security token from inputs as soon as they are read', () => {
    const { config, masked } = parse({ ...base, security_token: 'tok-123' })
    expect(masked).toEqual(expect.arrayContaining([SK, 'tok-123']))
    expect(config.credentials).toEqual({
      kind: 'access-key',
      accessKeyId: AK,
      secretAccessKey: SK,
      securityToken: 'tok-123',
      source: 'inputs'
    })
  })

  it('prefers HUAWEI_CLOUD_* to HUAWEICLOUD_SDK_*, each with its own security token', () => {
    const env = {
      HUAWEI_CLOUD_ACCESS_KEY_ID: AK,
      HUAWEI_CLOUD_SECRET_ACCESS_KEY: SK,
      HUAWEICLOUD_SDK_AK: 'SDKAK00000000001',
      HUAWEICLOUD_SDK_SK: 'sdk-secret',
      HUAWEICLOUD_SDK_SECURITY_TOKEN: 'sdk-token'
    }
    expect(parse({ swr_path: PATH }, env).config.credentials).toMatchObject({
      accessKeyId: AK,
      securityToken: undefined,
      source: 'HUAWEI_CLOUD_*'
    })
    const { HUAWEI_CLOUD_SECRET_ACCESS_KEY: _unset, ...sdkOnly } = env
    const { config, masked } = parse({ swr_path: PATH }, sdkOnly)
    expect(config.credentials).toMatchObject({
      accessKeyId: 'SDKAK00000000001',
      securityToken: 'sdk-token',
      source: 'HUAWEICLOUD_SDK_*'
    })
    expect(masked).toEqual(expect.arrayContaining(['sdk-secret', 'sdk-token']))
  })

  it('never mixes inputs and environment within a kind', () => {
    expect(
      problemsOf({ swr_path: PATH, access_key_id: AK }, { HUAWEI_CLOUD_SECRET_ACCESS_KEY: SK })
    ).toEqual([expect.stringMatching(/^secret_access_key: required when access_key_id/)])
  })

  it('uses the first kind in order: identity_provider, auth_token, keys', () => {
    expect(
      parse(
        { swr_path: PATH, identity_provider: 'gh', audience: 'aud' },
        { HUAWEI_CLOUD_ACCESS_KEY_ID: AK, HUAWEI_CLOUD_SECRET_ACCESS_KEY: SK }
      ).config.credentials
    ).toEqual({
      kind: 'oidc',
      identityProvider: 'gh',
      audience: 'aud'
    })
    const { config, masked } = parse({ swr_path: PATH, auth_token: 'MIItoken' })
    expect(config.credentials).toEqual({ kind: 'token', token: 'MIItoken' })
    expect(masked).toContain('MIItoken')
  })

  it('refuses two kinds given as inputs, naming both', () => {
    expect(problemsOf({ ...base, auth_token: 'x' })).toEqual([
      'credentials: give one kind of credentials, not auth_token and access_key_id/secret_access_key'
    ])
    expect(problemsOf({ swr_path: PATH, identity_provider: 'gh', auth_token: 'x' })[0]).toContain(
      'identity_provider and auth_token'
    )
  })

  it('explains the three ways to provide credentials when there are none', () => {
    const [problem] = problemsOf({ swr_path: PATH }, { HUAWEI_CLOUD_ACCESS_KEY_ID: AK })
    expect(problem).toContain('access_key_id and secret_access_key')
    expect(problem).toContain('huaweicloud/auth-action')
    expect(problem).toContain('identity_provider')
    expect(problem).toContain(
      'HUAWEI_CLOUD_ACCESS_KEY_ID is set but HUAWEI_CLOUD_SECRET_ACCESS_KEY is not'
    )
  })
})

describe('bad input is refused, naming the input and what it accepts', () => {
  it.each<[string, Record<string, string>, RegExp]>([
    ['empty swr_path', { swr_path: '' }, /^swr_path: required/],
    [
      'digest',
      { swr_path: `${PATH.split(':1')[0]}@sha256:${'a'.repeat(64)}` },
      /^swr_path: .*digest.*push a tag/
    ],
    ['no tag', { swr_path: 'swr.cn-north-4.myhuaweicloud.com/org/img' }, /^swr_path: .*has no tag/],
    [
      'no namespace',
      { swr_path: 'swr.cn-north-4.myhuaweicloud.com/img:1' },
      /^swr_path: .*no namespace/
    ],
    [
      'upper case name',
      { swr_path: 'swr.cn-north-4.myhuaweicloud.com/org/Img:1' },
      /^swr_path: "Img" must be lower-case/
    ],
    ['bad tag', { swr_path: 'swr.cn-north-4.myhuaweicloud.com/org/img:-x' }, /^swr_path: tag "-x"/],
    [
      'spaces',
      { swr_path: 'swr.cn-north-4.myhuaweicloud.com/org/img: 1' },
      /^swr_path: must not contain spaces/
    ],
    [
      'too long',
      { swr_path: `swr.cn-north-4.myhuaweicloud.com/org/${'a'.repeat(2040)}:1` },
      /^swr_path: must be 16 to 2048/
    ],
    [
      'too short',
      { swr_path: 'a.b/c/d:1', region: 'cn-north-4' },
      /^swr_path: must be 16 to 2048 characters with the registry, got 9/
    ],
    ['bad region', { region: 'north-4' }, /^region: a region id like cn-north-4/],
    [
      'a misspelt region: its number, its words two edits off',
      { region: 'ap-sotheast-3' },
      /^region ap-sotheast-3 is not a Huawei Cloud region: did you mean ap-southeast-3\?$/
    ],
    [
      'bad env region',
      { swr_path: 'org/img:1' },
      /^region \(from HUAWEI_CLOUD_REGION\): a region id/
    ],
    [
      'bad arch',
      { arch: 'x86' },
      /^arch: X86_64 or AARCH64; also accepted, in any case: amd64, linux\/amd64, arm64, linux\/arm64; got "x86"/
    ],
    ['bad origin', { origin: 'pulled' }, /^origin: one of CUSTOMIZE, IMAGE_SAVE/],
    [
      'bad list item',
      { resource_category: 'CPU, TPU' },
      /^resource_category: a list .* of CPU, GPU, ASCEND; not allowed: "TPU"/
    ],
    ['bad service', { services: 'NOTEBOOK,VSCODE' }, /^services: .*not allowed: "VSCODE"/],
    [
      'bad service_type',
      { service_type: 'serving' },
      /^service_type: one of COMMON, INFERENCE, TRAIN, DEV, UNKNOWN/
    ],
    ['bad visibility', { visibility: 'internal' }, /^visibility: one of PRIVATE, PUBLIC/],
    [
      'bad flavor',
      { flavor_type: 'ASCEND_910' },
      /^flavor_type: one of ASCEND_SNT9, ASCEND_SNT9B, ASCEND_SNT3/
    ],
    ['bad workspace', { workspace_id: 'ABC' }, /^workspace_id: "0" or 32 characters/],
    [
      'long description',
      { description: 'x'.repeat(513) },
      /^description: at most 512 characters, got 513/
    ],
    ['bad project', { project_id: 'abc-123' }, /^project_id: letters and digits only/],
    [
      'http endpoint',
      { endpoint: 'http://modelarts.example.com' },
      /^endpoint: must be https:\/\//
    ],
    ['not a url', { iam_endpoint: 'iam.myhuaweicloud.com' }, /^iam_endpoint: an https:\/\/ URL/],
    [
      'endpoint with query',
      { endpoint: 'https://x.example.com/?a=1' },
      /^endpoint: a plain endpoint URL/
    ],
    ['bad if_exists', { if_exists: 'skip' }, /^if_exists: one of reuse, fail, replace, got "skip"/],
    ['bad wait', { wait: 'yes' }, /^wait: true or false, got "yes"/],
    [
      'bad timeout',
      { timeout: '15 minutes' },
      /^timeout: whole seconds like 90 \(seconds\), 90s, 15m, 1h or 1h30m \(at least 1s, at most 6h\), got "15 minutes"$/
    ],
    ['zero timeout', { timeout: '0s' }, /^timeout: at least 1s, at most 6h, got "0s"$/],
    ['huge timeout', { timeout: '7h' }, /^timeout: at least 1s, at most 6h, got "7h"$/],
    ['milliseconds', { timeout: '500ms' }, /^timeout: whole seconds like .*got "500ms"$/],
    ['a fraction', { timeout: '0.5' }, /^timeout: whole seconds like .*got "0.5"$/],
    [
      'sub-second poll',
      { poll_interval: '100ms' },
      /^poll_interval: whole seconds like .*got "100ms"$/
    ],
    ['bad poll_interval', { poll_interval: '-5s' }, /^poll_interval: whole seconds like/],
    [
      'bad access key id',
      { access_key_id: 'not a key!' },
      /^access_key_id: an access key id is letters and digits/
    ],
    ['audience alone', { audience: 'x' }, /^audience: only used with identity_provider/],
    [
      'security token alone',
      { access_key_id: '', secret_access_key: '', security_token: 't' },
      /^access_key_id: required when secret_access_key or security_token is given/
    ],
    [
      'secret key alone',
      { access_key_id: '' },
      /^access_key_id: required when secret_access_key or security_token is given/
    ],
    [
      'blank secret key',
      { secret_access_key: '   ' },
      /^secret_access_key: required when access_key_id is given/
    ],
    [
      'bad identity provider',
      { access_key_id: '', secret_access_key: '', identity_provider: 'a b' },
      /^identity_provider: the IAM identity provider id/
    ]
  ])('%s', (_name, inputs, expected) => {
    const env: Record<string, string> =
      _name === 'bad env region' ? { HUAWEI_CLOUD_REGION: 'Beijing' } : {}
    const problems = problemsOf({ ...base, ...inputs }, env)
    expect(problems).toEqual([expect.stringMatching(expected)])
  })

  it('a misspelt region is reported with the other problems', () => {
    const problems = problemsOf({ ...base, region: 'cn-nort-4', arch: 'x' })
    expect(problems).toHaveLength(2)
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^arch: /),
        'region cn-nort-4 is not a Huawei Cloud region: did you mean cn-north-4?'
      ])
    )
  })

  it('reports every problem at once', () => {
    const problems = problemsOf({ ...base, arch: 'x', wait: 'maybe', timeout: 'soon' })
    expect(problems).toHaveLength(3)
    expect(() => parse({ ...base, arch: 'x', wait: 'maybe' })).toThrow(
      /^2 inputs are invalid:\n- arch: .*\n- wait: /
    )
  })

  it('asks for a region when nothing gives one', () => {
    expect(problemsOf({ ...base, swr_path: 'org/img:1.0.0' })).toEqual([
      expect.stringMatching(
        /^region: required .*or give swr_path with its swr.\{region\}.myhuaweicloud.com registry/
      )
    ])
  })
})
