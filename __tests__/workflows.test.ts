/**
 * Every workflow a user may copy (the YAML blocks of the README and docs/) and every workflow of
 * this repository parses with GitHub's own parser (@actions/workflow-parser); the actions they use
 * run on node24, and this repository's own workflows pin them by full commit SHA.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'

const WORKFLOWS = '.github/workflows'
const DOCUMENTS = [
  'README.md',
  ...readdirSync('docs')
    .filter(f => f.endsWith('.md'))
    .map(f => join('docs', f))
]

/** The YAML blocks of a Markdown file that are workflows or parts of one. */
function yamlBlocks(file: string): { name: string; yaml: string }[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((match, i) => ({
    name: `${file} block ${i + 1}`,
    yaml: match[1] ?? ''
  }))
}

const indent = (yaml: string, spaces: number): string =>
  yaml
    .split('\n')
    .map(line => (line ? ' '.repeat(spaces) + line : line))
    .join('\n')

/** A fragment in a minimal workflow: a whole workflow as it is, jobs under `jobs:`, steps in a job. */
function asWorkflow(yaml: string): string {
  if (/^jobs:/m.test(yaml)) return /^on:/m.test(yaml) ? yaml : `on: push\n${yaml}`
  if (/^(?:env|permissions|defaults|concurrency):/.test(yaml))
    return `on: push\n${yaml}jobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n      - run: 'true'\n`
  if (/^- /.test(yaml.trimStart()))
    return `on: push\njobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n${indent(yaml, 6)}`
  return `on: push\njobs:\n${indent(yaml, 2)}`
}

/** GitHub's parser's errors for a workflow. */
function parseErrors(name: string, content: string): string[] {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter())
  return result.context.errors.getErrors().map(error => error.message)
}

/** The `uses:` references of a text. */
const usesOf = (text: string): string[] =>
  [...text.matchAll(/uses:\s*['"]?([^\s'"#]+)/g)].map(m => m[1] ?? '')

/** Majors that run on node20 or node16 (deprecated by GitHub: each prints a warning). */
const OLD_MAJORS =
  /^(?:actions\/checkout@v[1-4]|actions\/setup-node@v[1-4]|actions\/upload-artifact@v[1-5]|actions\/download-artifact@v[1-5]|actions\/cache@v[1-4]|docker\/(?:setup-buildx|login|setup-qemu|metadata)-action@v[1-3]|docker\/build-push-action@v[1-6]|github\/codeql-action\/\w+@v[1-3]|huaweicloud\/auth-action@)/

describe('workflows in the README and docs/', () => {
  const blocks = DOCUMENTS.flatMap(yamlBlocks)

  it('there are workflow blocks to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8)
  })

  it.each(blocks.map(b => [b.name, b.yaml] as const))(
    '%s parses with GitHub’s parser',
    (name, yaml) => {
      expect(parseErrors(name, asWorkflow(yaml))).toEqual([])
    }
  )

  it('a broken block is noticed', () => {
    expect(
      parseErrors('x', asWorkflow('- uses: actions/checkout@v7\n  whith:\n    a: b\n'))
    ).not.toEqual([])
    expect(
      parseErrors('x', asWorkflow('build:\n  runs-on: ubuntu-latest\n  stepz: []\n'))
    ).not.toEqual([])
  })

  it.each(DOCUMENTS)('%s uses no node20 or node16 major of an action', file => {
    const text = readFileSync(file, 'utf8')
    const old = usesOf(text).filter(ref => OLD_MAJORS.test(ref))
    expect(old).toEqual([])
  })

  it('huaweicloud/auth-action (node16) is named only beside that warning', () => {
    for (const file of DOCUMENTS)
      for (const paragraph of readFileSync(file, 'utf8').split(/\n\s*\n/))
        if (/huaweicloud\/auth-action/.test(paragraph) && !/^#|```/.test(paragraph))
          expect([file, paragraph, /node16/.test(paragraph)]).toEqual([file, paragraph, true])
  })

  it('the old-majors rule knows the majors GitHub deprecated', () => {
    for (const ref of [
      'actions/checkout@v4',
      'docker/login-action@v3',
      'docker/build-push-action@v6'
    ])
      expect(ref).toMatch(OLD_MAJORS)
    for (const ref of [
      'actions/checkout@v7',
      'docker/login-action@v4',
      'docker/build-push-action@v7'
    ])
      expect(ref).not.toMatch(OLD_MAJORS)
  })
})

describe('.github/workflows', () => {
  const files = readdirSync(WORKFLOWS).filter(f => /\.ya?ml$/.test(f))

  it.each(files)('%s parses with GitHub’s parser', file => {
    expect(parseErrors(file, readFileSync(join(WORKFLOWS, file), 'utf8'))).toEqual([])
  })

  it.each(files)(
    '%s pins every action by full commit SHA, the version in a comment, no old major',
    file => {
      const text = readFileSync(join(WORKFLOWS, file), 'utf8')
      for (const line of text.split('\n').filter(l => /^\s*-?\s*uses:/.test(l))) {
        const ref = usesOf(line)[0] ?? ''
        if (ref === './') continue
        expect([
          line,
          /^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(line.replace(/^.*uses:\s*/, ''))
        ]).toEqual([line, true])
        const [name] = ref.split('@')
        const major = /# (v\d+)/.exec(line)?.[1] ?? ''
        expect(`${name}@${major}`).not.toMatch(OLD_MAJORS)
      }
    }
  )
})
