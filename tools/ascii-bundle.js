/**
 * Rewrites every non-ASCII character of dist/*.js as a \uXXXX escape (`npm run package` runs it after
 * ncc): V8 keeps a source with one such character as two bytes a character, so this halves the memory
 * the loaded chunks' text holds and spares Node's UTF-8 decoding at start-up. Meaning is unchanged.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const DIST = 'dist'
const NON_ASCII = /[\u0080-\uffff]/

for (const file of readdirSync(DIST).filter(name => name.endsWith('.js'))) {
  const path = join(DIST, file)
  const source = readFileSync(path, 'utf8')
  if (!NON_ASCII.test(source)) continue
  // An escape after a backslash, or in a template's raw text, would change what the code means.
  if (/\\[\u0080-\uffff]/.test(source) || source.includes('String.raw'))
    throw new Error(
      `${path}: a non-ASCII character cannot be escaped safely here; see tools/ascii-bundle.js`
    )
  // charCodeAt walks UTF-16 units, so a character outside the BMP becomes its two surrogate escapes.
  const ascii = source.replace(
    /[\u0080-\uffff]/g,
    unit => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  writeFileSync(path, ascii)
}
