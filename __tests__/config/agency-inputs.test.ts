/** The agency inputs: both URNs in their documented forms, one kind of credentials, sts_endpoint's default. */
import { describe, expect, it } from '@jest/globals'
import { parseConfig } from '../../src/config/inputs.js'
import { problemsOf } from '../helpers/problems.js'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0'
const ACCOUNT = '0123456789abcdef0123456789abcdef'
const AGENCY = `iam::${ACCOUNT}:agency:gh-modelarts-register`
const PROVIDER = `iam::${ACCOUNT}:oidcProvider:github_com`

const parse = (inputs: Record<string, string>) =>
  parseConfig({ input: name => inputs[name] ?? '', env: {}, mask: () => undefined })
const problems = (inputs: Record<string, string>) => problemsOf(() => parse(inputs))

describe('agency_urn and provider_urn', () => {
  it.each([
    ['no path', AGENCY, PROVIDER],
    ['a path', `iam::${ACCOUNT}:agency:ci/deploy/gh_register+1=a,b.c@d-e`, PROVIDER],
    [
      'a short account and a long provider name',
      'iam::a1:agency:x',
      `iam::a1:oidcProvider:${'p'.repeat(64)}`
    ]
  ])('takes the documented URNs (%s)', (_name, agency_urn, provider_urn) => {
    const config = parse({ swr_path: PATH, agency_urn, provider_urn, audience: 'huaweicloud' })
    expect(config.credentials).toEqual({
      kind: 'agency',
      agencyUrn: agency_urn,
      providerUrn: provider_urn,
      audience: 'huaweicloud'
    })
  })

  it('leaves the audience to GitHub when not given', () => {
    const config = parse({ swr_path: PATH, agency_urn: AGENCY, provider_urn: PROVIDER })
    expect(config.credentials).toMatchObject({ kind: 'agency', audience: undefined })
  })

  it.each([
    [
      'agency_urn alone',
      { agency_urn: AGENCY },
      /^provider_urn: required with agency_urn \(the OIDC provider for https:\/\/token\.actions\.githubusercontent\.com/
    ],
    [
      'provider_urn alone',
      { provider_urn: PROVIDER },
      /^agency_urn: required with provider_urn \(the agency to assume/
    ]
  ])('one without the other names the other: %s', (_name, inputs, message) => {
    const found = problems({ swr_path: PATH, ...inputs })
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(message)
  })

  it.each([
    [
      'a provider URN as the agency',
      { agency_urn: PROVIDER, provider_urn: PROVIDER },
      /^agency_urn: the agency's URN, iam::\{account_id\}:agency:\{path\}\{name\}/
    ],
    [
      'an agency URN as the provider',
      { agency_urn: AGENCY, provider_urn: AGENCY },
      /^provider_urn: the OIDC provider's URN, iam::\{account_id\}:oidcProvider:\{name\}/
    ],
    [
      'an agency name alone',
      { agency_urn: 'gh-modelarts-register', provider_urn: PROVIDER },
      /^agency_urn: .*got "gh-modelarts-register"$/
    ],
    [
      'a path not ending in /',
      { agency_urn: `iam::${ACCOUNT}:agency:ci/`, provider_urn: PROVIDER },
      /^agency_urn:/
    ],
    [
      'a space in the name',
      { agency_urn: `iam::${ACCOUNT}:agency:gh modelarts`, provider_urn: PROVIDER },
      /^agency_urn:/
    ],
    [
      'an agency name of 65',
      { agency_urn: `iam::${ACCOUNT}:agency:${'a'.repeat(65)}`, provider_urn: PROVIDER },
      /^agency_urn:/
    ],
    [
      'a provider name of 65',
      { agency_urn: AGENCY, provider_urn: `iam::${ACCOUNT}:oidcProvider:${'p'.repeat(65)}` },
      /^provider_urn:/
    ],
    [
      'a dot in the provider name',
      { agency_urn: AGENCY, provider_urn: `iam::${ACCOUNT}:oidcProvider:github.com` },
      /^provider_urn:/
    ],
    ['no account', { agency_urn: 'iam:::agency:x', provider_urn: PROVIDER }, /^agency_urn:/],
    [
      'another service',
      { agency_urn: `sts::${ACCOUNT}:agency:x`, provider_urn: PROVIDER },
      /^agency_urn:/
    ],
    ['text after the URN', { agency_urn: AGENCY, provider_urn: `${PROVIDER}\nx` }, /^provider_urn:/]
  ])('refuses %s', (_name, inputs, message) => {
    const found = problems({ swr_path: PATH, ...inputs })
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(message)
  })

  it('refuses a URN over 1500 characters, and shows it cut', () => {
    const long = `iam::${ACCOUNT}:agency:${'p/'.repeat(800)}x`
    const [problem] = problems({ swr_path: PATH, agency_urn: long, provider_urn: PROVIDER })
    expect(problem).toMatch(/^agency_urn: /)
    expect(problem?.length).toBeLessThan(400)
    expect(
      parse({
        swr_path: PATH,
        agency_urn: `iam::${ACCOUNT}:agency:${'p/'.repeat(700)}x`,
        provider_urn: PROVIDER
      }).credentials.kind
    ).toBe('agency')
  })

  it.each([
    ['identity_provider', { identity_provider: 'github-actions' }],
    ['auth_token', { auth_token: 'an-iam-token' }],
    ['an access key', { access_key_id: 'HPUAEXAMPLEAK0000001', secret_access_key: 'sk' }],
    ['a security token', { security_token: 'st' }]
  ])('refuses the agency with %s', (name, inputs) => {
    const [problem] = problems({
      swr_path: PATH,
      agency_urn: AGENCY,
      provider_urn: PROVIDER,
      ...inputs
    })
    expect(problem).toMatch(
      /^credentials: give one kind of credentials, not agency_urn\/provider_urn and /
    )
  })

  it('refuses one URN with another kind as two kinds', () => {
    const [problem] = problems({ swr_path: PATH, provider_urn: PROVIDER, auth_token: 'x' })
    expect(problem).toBe(
      'credentials: give one kind of credentials, not agency_urn/provider_urn and auth_token'
    )
  })

  it('takes the agency over a key pair in the environment', () => {
    const config = parseConfig({
      input: name => ({ swr_path: PATH, agency_urn: AGENCY, provider_urn: PROVIDER })[name] ?? '',
      env: {
        HUAWEI_CLOUD_ACCESS_KEY_ID: 'HPUAEXAMPLEAK0000001',
        HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'sk'
      },
      mask: () => undefined
    })
    expect(config.credentials.kind).toBe('agency')
  })

  it('says the agency is a way to provide credentials when none are given', () => {
    const [problem] = problems({ swr_path: PATH })
    expect(problem).toContain('keyless OIDC with agency_urn and provider_urn')
  })
})

describe('sts_endpoint', () => {
  const stsOf = (region: string, sts_endpoint = '') =>
    parse({
      swr_path: 'my-org/my-image:1.0.0',
      region,
      agency_urn: AGENCY,
      provider_urn: PROVIDER,
      sts_endpoint
    }).stsEndpoint

  it.each(['cn-north-4', 'ap-southeast-3', 'tr-west-1', 'la-south-2', 'af-south-1'])(
    'defaults in %s to its own STS',
    region => {
      expect(stsOf(region)).toBe(`https://sts.${region}.myhuaweicloud.com`)
    }
  )

  // Regions where no SDK lists STS: the SDKs' own fallback.
  it.each(['cn-north-9', 'eu-west-101', 'my-kualalumpur-1'])(
    "defaults in %s to cn-north-4's STS",
    region => {
      expect(stsOf(region)).toBe('https://sts.cn-north-4.myhuaweicloud.com')
    }
  )

  it('takes an override under the rule of the other endpoints', () => {
    expect(stsOf('cn-north-4', 'http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000')
    expect(
      problems({
        swr_path: PATH,
        agency_urn: AGENCY,
        provider_urn: PROVIDER,
        sts_endpoint: 'http://sts.example.com'
      })
    ).toEqual([
      'sts_endpoint: must be https:// (http:// is allowed only for 127.0.0.1 or localhost), got "http://sts.example.com"'
    ])
  })
})
