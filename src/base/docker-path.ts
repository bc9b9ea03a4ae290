/**
 * Docker's rule for where an image path's registry ends: the first part is a registry when it has
 * a dot or a colon or is `localhost` (`docker push org/app` goes to Docker Hub, `a.b/org/app` to
 * a.b). Inputs and ModelArts' records are split by the same rule.
 */

/** The registry a path starts with, if any, and the rest of the path. */
export function splitRegistry(path: string): { registry?: string; rest: string } {
  const [first, ...others] = path.split('/') as [string, ...string[]]
  if (others.length && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return { registry: first, rest: others.join('/') }
  return { rest: path }
}
