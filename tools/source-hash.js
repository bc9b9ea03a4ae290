/**
 * Whether dist/ is the bundle of the sources, decided from content, never from file times (which a
 * fresh clone sets in checkout order): `npm run package` writes the hash of what the bundle is built
 * from into dist/sources.sha256 (`node tools/source-hash.js write`); npm start compares.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The stamp beside the bundle. */
export const STAMP = join('dist', 'sources.sha256')

/** Every file under `dir`, as paths relative to `root`, sorted. */
function filesUnder(root, dir) {
  if (!existsSync(join(root, dir))) return []
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort()
}

/** The minifier's packages: they write dist/ too. */
const MINIFIER = ['node_modules/terser', 'node_modules/acorn']

/** The packages that make the bundle what it is: the production ones, which it holds, and the minifier's. */
function bundledPackages(root) {
  const path = join(root, 'package-lock.json')
  if (!existsSync(path)) return ''
  const lock = JSON.parse(readFileSync(path, 'utf8'))
  const entries = Object.entries(lock.packages ?? {}).filter(
    ([name, entry]) => name && (!entry.dev || MINIFIER.includes(name))
  )
  return JSON.stringify(entries)
}

/** The SHA-256 of what the bundle is built from: src/, tsconfig.json, the minifier, the production packages. */
export function sourceHash(root = '.') {
  const hash = createHash('sha256')
  for (const file of [
    ...filesUnder(root, 'src'),
    'tsconfig.json',
    'tools/minify-bundle.js',
    'tools/bundle-syntax.js'
  ]) {
    if (!existsSync(join(root, file))) continue
    hash.update(`${file}\0`)
    hash.update(readFileSync(join(root, file)))
    hash.update('\0')
  }
  hash.update(`package-lock.json\0${bundledPackages(root)}`)
  return hash.digest('hex')
}

/** The warning npm start prints about dist/, or undefined when dist/ is the bundle of the sources. */
export function bundleWarning(root = '.') {
  if (!existsSync(join(root, 'dist', 'index.js')))
    return 'warning: no dist/index.js: npm run package makes it'
  const stamp = existsSync(join(root, STAMP)) ? readFileSync(join(root, STAMP), 'utf8').trim() : ''
  if (stamp === sourceHash(root)) return undefined
  return stamp
    ? 'warning: dist/index.js is not the bundle of src/ (changed since npm run package): it runs the last bundle; npm run package makes it again'
    : 'warning: dist/ has no sources.sha256, so whether it is the bundle of src/ is unknown: npm run package writes it'
}

const run = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (run && process.argv[2] === 'write') {
  writeFileSync(STAMP, `${sourceHash()}\n`)
  console.log(`${STAMP} written`)
}
