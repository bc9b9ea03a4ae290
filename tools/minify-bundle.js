/**
 * Minifies dist/*.js with terser and writes them as ASCII (`npm run package` runs it after ncc, whose
 * own --minify leaves the lazily loaded chunks as they are). Every run pays for the text it loads:
 * minified, a register run peaks about 1 MiB of RSS lower.
 */
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hasNonAsciiTaggedTemplate, moduleFactories, notices } from './bundle-syntax.js'
import { minify } from 'terser'

const DIST = 'dist'
const NON_ASCII = /[\u0080-\uffff]/
/**
 * Declared functions and classes keep their names, for stack traces. ASCII, because one non-ASCII
 * character makes V8 hold a chunk's whole text at two bytes a character. Lines end near 1,000
 * characters where the syntax allows, so an uncaught error's source line in the log is not a whole
 * chunk. No comment is kept: the notices among them go to dist/licenses.txt, beside the packages'
 * licenses ncc writes there.
 */
const OPTIONS = {
  module: true,
  compress: true,
  mangle: true,
  keep_classnames: true,
  keep_fnames: true,
  format: { ascii_only: true, comments: false, max_line_len: 1000 }
}

/**
 * Puts each webpack module factory back in the parentheses ncc wrote and terser drops: V8 compiles a
 * parenthesized function at once, with its script, where it would otherwise pre-parse it and parse it
 * again when the chunk's modules run, which all of them do as soon as it loads (7 ms of start-up).
 */
function parenthesizeFactories(path, code) {
  const bare = moduleFactories(code).filter(factory => !factory.parenthesized)
  const inserts = bare.flatMap(({ start, end }) => [
    { at: start, text: '(' },
    { at: end, text: ')' }
  ])
  let out = code
  for (const { at, text } of inserts.sort((a, b) => b.at - a.at))
    out = `${out.slice(0, at)}${text}${out.slice(at)}`
  const after = moduleFactories(out)
  const count = moduleFactories(code).length
  if (count === 0 || after.length !== count || after.some(factory => !factory.parenthesized))
    throw new Error(`${path}: its module factories could not be parenthesized`)
  return out
}

const kept = new Set()
for (const file of readdirSync(DIST)
  .filter(name => name.endsWith('.js'))
  .sort()) {
  const path = join(DIST, file)
  const source = readFileSync(path, 'utf8')
  if (hasNonAsciiTaggedTemplate(source))
    throw new Error(`${path}: a tagged template's non-ASCII raw text cannot be written as ASCII`)
  for (const notice of notices(source)) kept.add(notice)
  const { code } = await minify(source, OPTIONS)
  if (code === undefined || NON_ASCII.test(code))
    throw new Error(`${path}: terser did not give ASCII text`)
  writeFileSync(path, `${parenthesizeFactories(path, code)}\n`)
}
if (kept.size > 0)
  appendFileSync(
    join(DIST, 'licenses.txt'),
    `\nNotices from comments in the bundled code (the minified bundle has no comments):\n\n${[...kept].join('\n\n')}\n`
  )
