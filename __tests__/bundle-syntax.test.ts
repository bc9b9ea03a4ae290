/**
 * What the minifier reads of a bundle's syntax (tools/bundle-syntax.js): module factories, tagged
 * templates, notices.
 */
import { describe, expect, it } from '@jest/globals'
import { hasNonAsciiTaggedTemplate, moduleFactories, notices } from '../tools/bundle-syntax.js'

/** Each factory's text and whether it is parenthesized. */
const factories = (code: string): [string, boolean][] =>
  moduleFactories(code).map(f => [code.slice(f.start, f.end), f.parenthesized])

describe('moduleFactories', () => {
  it.each<[string, string, [string, boolean][]]>([
    [
      'an ncc chunk, parenthesized',
      'export const modules = { 770: ((m) => { m.exports = 1 }), 12: (function (m) {}) }',
      [
        ['(m) => { m.exports = 1 }', true],
        ['function (m) {}', true]
      ]
    ],
    [
      'a minified map',
      'var o={9:(e,t)=>{t.a=1},8:e=>{}}',
      [
        ['(e,t)=>{t.a=1}', false],
        ['e=>{}', false]
      ]
    ],
    [
      'a map inside a factory is not searched',
      'var o={1:e=>{const x={0:()=>1}}}',
      [['e=>{const x={0:()=>1}}', false]]
    ],
    ['a method is no factory', 'var o={0(){},1:()=>2}', []],
    ['a getter is no factory', 'var o={get 0(){return 1}}', []],
    ['a key that is not a number', 'var o={a:()=>1,1:()=>2}', []],
    ['a value that is not a function', 'var o={0:1}', []],
    ['an empty object', 'var o={}', []]
  ])('%s', (_, code, expected) => {
    expect(factories(code)).toEqual(expected)
  })
})

describe('hasNonAsciiTaggedTemplate', () => {
  it.each<[string, boolean]>([
    ['String.raw`\u00e4`', true],
    ['tag`a${1}\u00e4`', true],
    ['`\u00e4`', false],
    ['String.raw`a`', false],
    ['// String.raw`\u00e4`\nconst a = 1', false],
    ['String.raw`\u00e4`; String.raw`a`', true]
  ])('%s: %s', (code, expected) => {
    expect(hasNonAsciiTaggedTemplate(code)).toBe(expected)
  })
})

describe('notices', () => {
  it('keeps /*! comments, @license and copyright comments, each once, without comment marks', () => {
    const code = [
      '/*! lib. MIT License. A Author */',
      '/**',
      ' * @license MIT',
      ' */',
      '// an ordinary comment',
      'function f() {',
      '  // pasted from elsewhere:',
      '  //   Copyright Someone.',
      '  //   Permission is granted.',
      '  return 1 // trailing',
      '}',
      '/*! lib. MIT License. A Author */'
    ].join('\n')
    expect(notices(code)).toEqual([
      '! lib. MIT License. A Author',
      '@license MIT',
      'pasted from elsewhere:\nCopyright Someone.\nPermission is granted.'
    ])
  })

  it('a line comment after a blank line starts a new run', () => {
    expect(notices('// Copyright A\n\n// other')).toEqual(['Copyright A'])
  })

  it('a comment after code on its line joins no run', () => {
    expect(notices('let a = 1 // see the RFC\n// Copyright B\n// granted')).toEqual([
      'Copyright B\ngranted'
    ])
    expect(notices('let a = 1 // copyright year\n// TODO: unrelated')).toEqual(['copyright year'])
  })

  it('CRLF text and a lone /*! line come out as plain lines', () => {
    expect(notices('/*!\r\n * lib\r\n * Copyright A\r\n */\nx()')).toEqual(['lib\nCopyright A'])
  })
})
