/**
 * Runs a script of scripts/ from the tools' build (.build/), compiling it (`tsc -p
 * tsconfig.tools.json`) only when a TypeScript source it is built from (scripts/, tools/, src/) or
 * a tsconfig is newer than the last build: `npm start -- --help` starts in well under a second once
 * built. Warns when dist/ (the bundle npm start runs) is not the bundle of src/, decided from content
 * (tools/source-hash.js), so a fresh clone, whatever its file times, prints nothing.
 * Plain JavaScript, so nothing needs compiling to run it. Usage: node tools/launch.js <script> [args…]
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bundleWarning } from './source-hash.js'

const STAMP = join('.build', '.built')
const SKIP = new Set(['node_modules', 'node24', '.build', 'dist'])

/** The newest modification time of the .ts files under `dir` (0 when there are none). */
function newestTs(dir) {
  let newest = 0
  if (!existsSync(dir)) return newest
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestTs(path))
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

const mtime = path => (existsSync(path) ? statSync(path).mtimeMs : 0)

const [script, ...args] = process.argv.slice(2)
if (!script) {
  console.error('usage: node tools/launch.js <script of scripts/, without .ts> [args…]')
  process.exit(2)
}
const sources = Math.max(
  newestTs('scripts'),
  newestTs('tools'),
  newestTs('src'),
  mtime('tsconfig.json'),
  mtime('tsconfig.tools.json')
)
const output = join('.build', 'scripts', `${script}.js`)
if (!existsSync(output) || mtime(STAMP) < sources) {
  console.error('compiling scripts and tools (tsc -p tsconfig.tools.json) …')
  const tsc = join('node_modules', 'typescript', 'bin', 'tsc')
  const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.tools.json'], {
    stdio: 'inherit'
  })
  if (built.status !== 0) process.exit(built.status ?? 1)
  writeFileSync(STAMP, '')
}
const warning = script === 'start' && !args.includes('--help') ? bundleWarning() : undefined
if (warning) console.error(`${warning}\n`)
process.argv = [process.argv[0] ?? 'node', output, ...args]
await import(pathToFileURL(join(process.cwd(), output)).href)
