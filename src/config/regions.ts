/**
 * The Huawei Cloud regions this action knows: a misspelling of one (`cn-nort-4`) is an input error;
 * another unknown name works, with a warning naming the closest.
 */
import { OWN_DOMAIN_REGIONS } from '../base/hosts.js'

/** Region ids from Huawei's SDK region tables (SWR's, the longest). */
export const REGIONS = [
  ...['cn-north-1', 'cn-north-2', 'cn-north-4', 'cn-north-9', 'cn-north-11', 'cn-north-12'],
  ...['cn-east-2', 'cn-east-3', 'cn-east-4', 'cn-east-5', 'cn-south-1', 'cn-south-2', 'cn-south-4'],
  ...['cn-southwest-2', 'cn-southwest-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3'],
  ...['ap-southeast-4', 'ap-southeast-5', 'af-south-1', 'af-north-1', 'la-north-2', 'la-south-2'],
  ...['sa-brazil-1', 'sa-peru-1', 'na-mexico-1', 'tr-west-1', 'me-east-1', 'ae-ad-1'],
  ...['ru-northwest-2', 'ru-moscow-1', 'eu-west-0', 'eu-west-101', 'my-kualalumpur-1']
] as const

const KNOWN: ReadonlySet<string> = new Set([...REGIONS, ...Object.keys(OWN_DOMAIN_REGIONS)])

/**
 * Regions without ModelArts (in SWR's region list, not in the SDKs' ModelArts list), each with
 * the nearest region that has it (by distance between their cities).
 */
const NEAREST_MODELARTS: Readonly<Record<string, string>> = {
  'cn-east-2': 'cn-east-3',
  'cn-east-5': 'cn-east-3',
  'cn-south-2': 'cn-south-1',
  'cn-south-4': 'cn-south-1',
  'ap-southeast-5': 'ap-southeast-1',
  'my-kualalumpur-1': 'ap-southeast-3',
  'ru-northwest-2': 'tr-west-1',
  'ru-moscow-1': 'tr-west-1',
  'eu-west-0': 'tr-west-1',
  'eu-west-101': 'tr-west-1',
  'na-mexico-1': 'la-north-2',
  'sa-peru-1': 'la-south-2',
  'ae-ad-1': 'me-east-1'
}

/**
 * A warning for a region where Huawei's SDKs list no ModelArts, naming the nearest that has it;
 * undefined for any other region.
 */
export function noModelArtsWarning(region: string): string | undefined {
  const nearest = Object.hasOwn(NEAREST_MODELARTS, region) ? NEAREST_MODELARTS[region] : undefined
  return nearest
    ? `ModelArts is not offered in region ${region} (Huawei's SDKs list no ModelArts endpoint there); ` +
        `the nearest region that offers it is ${nearest}: push the image to its SWR and set region: ${nearest}, ` +
        `or give endpoint if your account has ModelArts in ${region}`
    : undefined
}

/**
 * The known region closest to `name` (edit distance), or undefined when `name` is known or no
 * region is near (at most 3 edits: `cn-nort-4`, `cn-north4`, `ap-southeast3`).
 */
export function closestRegion(name: string): string | undefined {
  const value = name.trim().toLowerCase()
  if (KNOWN.has(value)) return undefined
  let best: { region: string; distance: number } | undefined
  for (const region of REGIONS) {
    const distance = editDistance(value, region)
    if (!best || distance < best.distance) best = { region, distance }
  }
  return best && best.distance <= 3 ? best.region : undefined
}

/** A name's words and its number: `cn-nort-4` → `cn-nort`, `4`; `ap-southeast3` → `ap-southeast`, `3`. */
function wordsAndNumber(name: string): { words: string; number: string } | undefined {
  const match = /^([a-z-]*?)-?(\d+)$/.exec(name)
  return match ? { words: match[1] ?? '', number: match[2] ?? '' } : undefined
}

/**
 * The known region `name` misspells: one whose number is `name`'s and whose words are at most two
 * edits from `name`'s (`cn-nort-4`, `ap-sotheast-3`, `cn-north4`); undefined for a known region
 * and for any other name (`cn-north-13`, new words), which may be a region that opened since.
 */
export function misspeltRegion(name: string): string | undefined {
  const value = name.trim().toLowerCase()
  const parts = wordsAndNumber(value)
  if (KNOWN.has(value) || !parts) return undefined
  let best: { region: string; distance: number } | undefined
  for (const region of REGIONS) {
    const known = wordsAndNumber(region)
    if (known?.number !== parts.number) continue
    const distance = editDistance(parts.words, known.words)
    if (distance <= 2 && (!best || distance < best.distance)) best = { region, distance }
  }
  return best?.region
}

/**
 * A hint for a region that is not a Huawei Cloud region this action knows (for errors that a
 * wrong region leads to, like IAM's empty project list); undefined for a known region.
 */
export function regionHint(region: string): string | undefined {
  if (KNOWN.has(region.trim().toLowerCase())) return undefined
  const closest = closestRegion(region)
  return closest
    ? `region ${region} is not a Huawei Cloud region this action knows: did you mean ${closest}?`
    : `region ${region} is not a Huawei Cloud region this action knows (e.g. cn-north-4, ap-southeast-3, eu-west-101)`
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
