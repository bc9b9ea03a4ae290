/**
 * What a registry host is: the region's shared SWR (`swr.{region}.myhuaweicloud.com` or `.eu`), an
 * SWR Enterprise Edition instance's, this machine's (loopback), or another registry.
 */

/** The site a region is on; each has its own domain (and IAM). */
export type Site = 'international' | 'eu' | 'own-domain'

/** Every region beginning `eu-west-1` is on the European site (as terraform's provider decides). */
const EU_SITE_PREFIX = 'eu-west-1'
export const SITE_DOMAIN: Record<Exclude<Site, 'own-domain'>, string> = {
  international: 'myhuaweicloud.com',
  eu: 'myhuaweicloud.eu'
}

/**
 * Regions of Huawei Cloud based clouds with domains of their own (Open Telekom Cloud): used only
 * with every endpoint given.
 */
export const OWN_DOMAIN_REGIONS: Readonly<Record<string, string>> = {
  'eu-de': 'otc.t-systems.com',
  'eu-nl': 'otc.t-systems.com'
}

export function siteOfRegion(region: string): Site {
  if (Object.hasOwn(OWN_DOMAIN_REGIONS, region)) return 'own-domain'
  return region.startsWith(EU_SITE_PREFIX) ? 'eu' : 'international'
}

/** The domain of a region's services on its site. */
export function domainOf(region: string, site: Site = siteOfRegion(region)): string {
  return site === 'own-domain' ? (OWN_DOMAIN_REGIONS[region] ?? '') : SITE_DOMAIN[site]
}

/** The region's shared SWR registry host: `swr.{region}.myhuaweicloud.com` (or `.eu`). */
export function sharedRegistryOf(region: string): string {
  return `swr.${region}.${domainOf(region)}`
}

/** The host of a registry (`host[:port]`) without its port: the one place the port is stripped. */
function hostName(registry: string): string {
  return registry.replace(/:\d+$/, '')
}

/** Whether two registries are the same: hosts are compared in any case. */
export function sameRegistry(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** The region and site of a path whose registry is a shared SWR's (`swr.{region}.myhuaweicloud.com`). */
export function siteOfRegistry(swrPath: string): { region: string; site: Site } | undefined {
  const [registry = '', ...rest] = swrPath.trim().split('/')
  const match = /^swr\.([a-z]{2}(?:-[a-z]+)+-\d{1,3})\.myhuaweicloud\.(com|eu)$/.exec(
    hostName(registry)
  )
  if (!match || rest.length === 0) return undefined
  return { region: match[1] as string, site: match[2] === 'eu' ? 'eu' : 'international' }
}

/** A host under Huawei Cloud's domains (an SWR Enterprise Edition instance's, when not swr.{region}). */
export function isHuaweiCloudHost(registry: string): boolean {
  const host = hostName(registry).toLowerCase()
  return Object.values(SITE_DOMAIN).some(domain => host.endsWith(`.${domain}`))
}

/** SWR's registries, its enterprise instances, and loopback (emulators, local mirrors). */
export function isSwrLike(registry: string): boolean {
  const host = hostName(registry)
  return /(^|\.)swr\.|myhuaweicloud\./.test(host) || isLoopbackHost(host)
}

/** localhost, 127.0.0.0/8, or ::1 (with or without brackets), in any case; a port is not part of it. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase()
  return (
    name === 'localhost' || name === '::1' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name)
  )
}

/** Whether a registry host (with or without its port) is this machine: plain http:// crosses no network. */
export function isLoopbackRegistry(registry: string): boolean {
  return isLoopbackHost(hostName(registry))
}

/**
 * The registry host an Enterprise Edition instance's `access_address` names, lower case, without
 * scheme, path or default port: `https://team.example:443/` and `team.example` are both
 * `team.example`. Undefined when it names no host.
 */
export function instanceHost(address: string): string | undefined {
  const trimmed = address.trim()
  if (!trimmed || /\s/.test(trimmed)) return undefined
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`)
    return url.hostname ? url.host.toLowerCase() : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether the registry of an swr_path is the instance's: the same host name, and the same port
 * when the address names one. An address without a port serves its host on any port given.
 */
export function servesRegistry(address: string, registry: string): boolean {
  const served = instanceHost(address)
  const asked = instanceHost(registry)
  if (!served || !asked) return false
  if (hostName(served) !== hostName(asked)) return false
  return served === hostName(served) || served === asked
}
