/**
 * Every `with:` key that is not an input: the runner passes it silently, so a near miss
 * (`service_typ`, a hyphenated or camelCase twin) is an error, any other unknown key a warning.
 */
import { INPUT_NAMES } from './config.js'
import { editDistance } from './regions.js'

/** Names other Huawei Cloud actions use for the same thing (huaweicloud/swr-login, auth-action). */
const TWINS: Record<string, string> = {
  accesskeysecret: 'secret_access_key',
  secretkey: 'secret_access_key',
  accesskey: 'access_key_id',
  ak: 'access_key_id',
  sk: 'secret_access_key',
  token: 'auth_token'
}

/** The most edits a key may be from an input to count as a near miss (an error). */
const NEAR_MISS_EDITS = 2

/** A name as the runner may have mangled it: upper-cased, with - or _ or spaces or none. */
function folded(name: string): string {
  return name.toLowerCase().replace(/[-_ ]/g, '')
}

export interface UnknownInputs {
  /** Near misses: refused before any request. */
  errors: string[]
  /** Other unknown keys. */
  warnings: string[]
}

/** Every INPUT_* variable that is not an input, with the input it looks like. */
export function unknownInputs(env: Readonly<Record<string, string | undefined>>): UnknownInputs {
  const names = INPUT_NAMES
  const known = new Set<string>(names)
  const result: UnknownInputs = { errors: [], warnings: [] }
  for (const key of Object.keys(env).sort()) {
    if (!key.startsWith('INPUT_')) continue
    // The runner upper-cases the name and keeps hyphens; core.getInput reads spaces as _.
    const given = key.slice('INPUT_'.length).toLowerCase()
    if (known.has(given) || known.has(given.replace(/ /g, '_'))) continue
    const key_ = folded(given)
    const twin = names.find(name => folded(name) === key_) ?? TWINS[key_]
    if (twin && known.has(twin)) {
      result.errors.push(
        `${given} is not an input: this action's name for it is ${twin} (refused rather than ignored, so nothing is registered without it)`
      )
      continue
    }
    const near = closest(key_, names)
    if (near && near.distance <= NEAR_MISS_EDITS) {
      result.errors.push(
        `${given} is not an input: did you mean ${near.name}? (refused rather than ignored: a registration's attributes cannot be changed afterwards)`
      )
    } else if (near && near.distance <= Math.floor(key_.length / 4)) {
      result.warnings.push(`unknown input ${given} is ignored: did you mean ${near.name}?`)
    } else {
      result.warnings.push(
        `unknown input ${given} is ignored: this action's inputs are: ${names.join(', ')}`
      )
    }
  }
  return result
}

/** The input closest to a folded name, compared folded. */
function closest(
  key: string,
  names: readonly string[]
): { name: string; distance: number } | undefined {
  let best: { name: string; distance: number } | undefined
  for (const name of names) {
    const distance = editDistance(key, folded(name))
    if (!best || distance < best.distance) best = { name, distance }
  }
  return best
}
