/**
 * The inputs action.yml declares (a test keeps the two lists equal), and the warning for every
 * `with:` key that is none of them: the runner passes unknown keys silently, so `service_typ: TRAIN`
 * would register as UNKNOWN, and `access-key-id` copied from huaweicloud/swr-login would end in
 * "no credentials".
 */
export const INPUT_NAMES = [
  'swr_path',
  'arch',
  'description',
  'origin',
  'resource_category',
  'service_type',
  'services',
  'visibility',
  'workspace_id',
  'flavor_type',
  'region',
  'project_id',
  'access_key_id',
  'secret_access_key',
  'security_token',
  'auth_token',
  'identity_provider',
  'audience',
  'endpoint',
  'iam_endpoint',
  'swr_endpoint',
  'check_image',
  'dry_run',
  'if_exists',
  'wait',
  'timeout',
  'poll_interval'
] as const

/** Names other Huawei Cloud actions use for the same thing (huaweicloud/swr-login, auth-action). */
const TWINS: Record<string, string> = {
  access_key_secret: 'secret_access_key',
  secret_key: 'secret_access_key',
  ak: 'access_key_id',
  sk: 'secret_access_key',
  token: 'auth_token'
}

/** One warning for every INPUT_* variable that is not an input, with the closest real one. */
export function unknownInputWarnings(env: Readonly<Record<string, string | undefined>>): string[] {
  const known = new Set<string>(INPUT_NAMES)
  const warnings: string[] = []
  for (const key of Object.keys(env).sort()) {
    if (!key.startsWith('INPUT_')) continue
    // The runner upper-cases the name and keeps hyphens; core.getInput reads spaces as _.
    const given = key.slice('INPUT_'.length).toLowerCase()
    if (known.has(given)) continue
    const snake = given.replace(/[- ]/g, '_')
    const twin = known.has(snake) ? snake : TWINS[snake]
    const hint = twin
      ? `this action's name for it is ${twin}`
      : closest(snake)
        ? `did you mean ${closest(snake)}?`
        : `this action's inputs are: ${INPUT_NAMES.join(', ')}`
    warnings.push(`unknown input ${given} is ignored: ${hint}`)
  }
  return warnings
}

/** The input within a small edit distance, if any. */
function closest(name: string): string | undefined {
  let best: { name: string; distance: number } | undefined
  for (const candidate of INPUT_NAMES) {
    const distance = editDistance(name, candidate)
    if (!best || distance < best.distance) best = { name: candidate, distance }
  }
  return best && best.distance <= Math.max(2, Math.floor(name.length / 4)) ? best.name : undefined
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
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
