/**
 * What the minifier needs to know of a bundle's syntax (acorn, the parser webpack uses): where its
 * webpack module factories are, whether a tagged template holds non-ASCII raw text, and the
 * copyright and license notices its comments carry.
 */
import { parse } from 'acorn'

const FUNCTION = new Set(['ArrowFunctionExpression', 'FunctionExpression'])

const parsed = (code, onComment) =>
  parse(code, { ecmaVersion: 'latest', sourceType: 'module', preserveParens: true, onComment })

/** Calls `visit` on every node of the tree until it returns true for one (then not below it). */
function walk(node, visit) {
  if (Array.isArray(node)) return node.forEach(child => walk(child, visit))
  if (!node || typeof node.type !== 'string' || visit(node)) return
  for (const value of Object.values(node))
    if (value && typeof value === 'object') walk(value, visit)
}

/**
 * The module factories of an ES module's text: the functions of an object literal whose keys are
 * all module ids (`{ 770: (module, exports, require) => {…}, … }`), as ncc writes them; the code
 * inside a factory is not searched. Each span is without parentheses.
 * @param {string} code
 * @returns {{ start: number, end: number, parenthesized: boolean }[]}
 */
export function moduleFactories(code) {
  const found = []
  walk(parsed(code), node => {
    const factories = node.type === 'ObjectExpression' ? factoriesOf(node) : undefined
    if (factories) found.push(...factories)
    return factories !== undefined
  })
  return found
}

/** An object literal's factories, or undefined when it is not a module map. */
function factoriesOf(object) {
  const spans = object.properties.map(property => {
    const plain = property.type === 'Property' && property.kind === 'init' && !property.method
    if (!plain || property.key.type !== 'Literal' || typeof property.key.value !== 'number')
      return undefined
    const parenthesized = property.value.type === 'ParenthesizedExpression'
    const fn = parenthesized ? property.value.expression : property.value
    return FUNCTION.has(fn.type) ? { start: fn.start, end: fn.end, parenthesized } : undefined
  })
  return spans.length > 0 && spans.every(Boolean) ? spans : undefined
}

/**
 * Whether a tagged template of the text holds a non-ASCII character: written as ASCII, its raw
 * text (what String.raw and every tag read) would change.
 * @param {string} code
 */
export function hasNonAsciiTaggedTemplate(code) {
  let found = false
  walk(parsed(code), node => {
    if (node.type === 'TaggedTemplateExpression')
      found ||= node.quasi.quasis.some(quasi => /[\u0080-\uffff]/.test(quasi.value.raw))
    return found
  })
  return found
}

/** A comment that carries a copyright or license notice (`/*!` marks one to keep). */
const NOTICE = /^!|copyright|@license/i

/**
 * The notices among the text's comments, in order, each once: a block comment, or a run of line
 * comments each on a line of its own, on consecutive lines (as a notice pasted into a function is
 * written), without the comment marks.
 * @param {string} code
 * @returns {string[]}
 */
export function notices(code) {
  const comments = []
  parsed(code, (block, text, start, end) => {
    const line = !block && ownLine(code, start)
    const last = comments.at(-1)
    if (line && last?.line && /^[ \t]*\r?\n[ \t]*$/.test(code.slice(last.end, start)))
      Object.assign(last, { text: `${last.text}\n${text}`, end })
    else comments.push({ text, end, line })
  })
  const found = comments
    .filter(comment => NOTICE.test(comment.text))
    .map(comment =>
      comment.text
        .replace(/\r\n?/g, '\n')
        .replace(/^[ \t]*\*?[ \t]?/gm, '')
        .replace(/^!\s*\n/, '')
        .trim()
    )
  return [...new Set(found)]
}

/** Whether only blanks stand before `start` on its line. */
function ownLine(code, start) {
  const lineStart = code.lastIndexOf('\n', start - 1) + 1
  return /^[ \t]*$/.test(code.slice(lineStart, start))
}
