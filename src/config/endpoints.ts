/** A region id's shape, and each region's default endpoints on its site (base/hosts.ts). */
import { InputError } from '../base/errors.js'
import {
  OWN_DOMAIN_REGIONS,
  SITE_DOMAIN,
  type Site,
  domainOf,
  sharedRegistryOf,
  siteOfRegion
} from '../base/hosts.js'

/**
 * Two letters, one or more lower-case words, a number: cn-north-4, eu-west-101, my-kualalumpur-1;
 * or a region of a cloud with its own domains (eu-de).
 */
export function parseRegion(name: string, value: string): string {
  if (Object.hasOwn(OWN_DOMAIN_REGIONS, value)) return value
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,3}$/.test(value)) {
    throw new InputError([
      `${name}: a region id like cn-north-4, ap-southeast-3, eu-west-101 or my-kualalumpur-1, got "${value}"`
    ])
  }
  return value
}

/** The regions where Huawei's SDKs list STS (`sts.{region}.myhuaweicloud.com`); none on the EU site. */
const STS_REGIONS = new Set([
  'cn-north-4',
  'cn-south-1',
  'cn-east-3',
  'cn-southwest-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'af-south-1',
  'sa-brazil-1',
  'la-south-2',
  'tr-west-1'
])
/** The SDKs' own fallback: agencies and providers are account-wide, so any region's STS serves. */
const FALLBACK_STS_REGION = 'cn-north-4'

/** The region's default endpoints, on its own site. */
export function defaultEndpointsOf(region: string): ReturnType<typeof defaultEndpoints> {
  return defaultEndpoints(region, siteOfRegion(region))
}

/** Default ModelArts, IAM, SWR management API, STS and SWR registry endpoints for a region. */
export function defaultEndpoints(
  region: string,
  site: Site
): { modelarts: string; iam: string; swr: string; sts: string; registry: string } {
  const domain = domainOf(region, site)
  // CN-Hong Kong's ModelArts endpoint is on .cn (Huawei's Go SDK region table).
  const modelartsDomain = region === 'ap-southeast-1' ? 'myhuaweicloud.cn' : domain
  return {
    modelarts: `https://modelarts.${region}.${modelartsDomain}`,
    // The international site's global IAM endpoint serves every region there; the others are regional.
    iam: site === 'international' ? `https://iam.${domain}` : `https://iam.${region}.${domain}`,
    swr: `https://swr-api.${region}.${domain}`,
    sts: `https://sts.${STS_REGIONS.has(region) ? region : FALLBACK_STS_REGION}.${SITE_DOMAIN.international}`,
    registry: sharedRegistryOf(region)
  }
}
