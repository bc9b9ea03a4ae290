/**
 * action.yml keeps the spec's contract (defaults, node24); the README stays short, opens with a workflow that
 * builds, pushes and registers, and every page it links to exists.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { load } from 'js-yaml'

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
  branding?: { icon?: string; color?: string }
}

const action = load(readFileSync('action.yml', 'utf8')) as ActionYml
const readme = readFileSync('README.md', 'utf8')

describe('action.yml', () => {
  it('describes every input and output', () => {
    for (const input of Object.values(action.inputs))
      expect(input.description.length).toBeGreaterThan(10)
    for (const output of Object.values(action.outputs))
      expect(output.description.length).toBeGreaterThan(10)
  })

  it('has the spec defaults, swr_path not required (image_id may stand for it), and runs node24 from dist/index.js', () => {
    // The runner does not enforce `required`; parseConfig refuses a missing swr_path without image_id.
    expect(action.inputs.swr_path?.required).toBe(false)
    expect(action.inputs.if_exists?.default).toBe('reuse')
    expect(action.inputs.wait?.default).toBe('true')
    expect(action.inputs.timeout?.default).toBe('15m')
    expect(action.inputs.poll_interval?.default).toBe('10s')
    expect(action.inputs.check_image?.default).toBe('true')
    expect(action.inputs.dry_run?.default).toBe('false')
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
  })
})

describe('README', () => {
  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start')
    expect(readme).toContain('npm ci && npm test')
  })

  it('has at most 3,000 words outside code blocks', () => {
    expect(wordsOutsideCode(readme)).toBeLessThanOrEqual(3000)
    expect(wordsOutsideCode('one two\n```yaml\nthree four\n```\nfive')).toBe(3)
  })

  it('opens with one complete workflow: checkout, SWR login, buildx push, this action, its output', () => {
    const first = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
    const workflow = load(first) as {
      on?: unknown
      permissions?: unknown
      jobs?: Record<string, { steps?: { uses?: string; run?: string; with?: object }[] }>
    }
    expect(workflow.on).toBeDefined()
    expect(workflow.permissions).toEqual({ contents: 'read' })
    const steps = Object.values(workflow.jobs ?? {})[0]?.steps ?? []
    const order = [/^actions\/checkout@/, /^docker\/login-action@/, /docker buildx build .*--push/]
    const at = order.map(pattern =>
      steps.findIndex(step => pattern.test(step.uses ?? step.run ?? ''))
    )
    const action = steps.findIndex(step => step.uses?.includes('modelarts-register-image-action'))
    expect(at.every(i => i >= 0)).toBe(true)
    expect([...at, action]).toEqual([...at, action].sort((a, b) => a - b))
    expect(steps.slice(action + 1).some(s => s.run?.includes('outputs.image_id'))).toBe(true)
    for (const secret of first.matchAll(/secrets\.(\w+)/g))
      expect(['HUAWEI_CLOUD_AK', 'HUAWEI_CLOUD_SK']).toContain(secret[1])
  })

  it('links only to files that exist, and to at least three pages in docs/', () => {
    const links = [...readme.matchAll(/\]\(((?!https?:|#)[^)#\s]+)/g)].map(m => m[1] as string)
    for (const link of links) expect([link, existsSync(link)]).toEqual([link, true])
    const pages = new Set(links.filter(l => /^docs\/[\w-]+\.md$/.test(l)))
    expect(pages.size).toBeGreaterThanOrEqual(3)
    for (const page of pages) {
      const text = readFileSync(page, 'utf8')
      for (const m of text.matchAll(/\]\(((?!https?:|#)[^)#\s]+)/g))
        expect([page, m[1], existsSync(join(dirname(page), m[1] as string))]).toEqual([
          page,
          m[1],
          true
        ])
    }
  })
})

/** Words in Markdown outside its fenced code blocks. */
function wordsOutsideCode(markdown: string): number {
  return markdown
    .replace(/^```[^\n]*\n[\s\S]*?^```$/gm, ' ')
    .split(/\s+/)
    .filter(Boolean).length
}

describe('.github/workflows', () => {
  const dir = '.github/workflows'
  const files = readdirSync(dir).filter(f => f.endsWith('.yml'))

  it.each(files)(
    '%s pins every action by full commit SHA and sets least-privilege permissions',
    file => {
      const text = readFileSync(join(dir, file), 'utf8')
      const uses = [...text.matchAll(/uses:\s*(\S+)/g)].map(m => m[1] as string)
      expect(uses.length).toBeGreaterThan(0)
      for (const ref of uses) expect(ref).toMatch(/^(\.\/|[\w.-]+\/[\w./-]+@[0-9a-f]{40})$/)
      const workflow = load(text) as { permissions?: Record<string, string> }
      expect(workflow.permissions).toEqual({ contents: 'read' })
    }
  )
})
