/**
 * Docker's rule for where an image path's registry ends (a dot, a colon or `localhost`), for
 * inputs and records alike.
 */

/** The registry a path starts with, if any, and the rest of the path. */
export function splitRegistry(path: string): { registry?: string; rest: string } {
  const [first, ...others] = path.split('/') as [string, ...string[]]
  if (others.length && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return { registry: first, rest: others.join('/') }
  return { rest: path }
}
