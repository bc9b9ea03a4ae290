/**
 * What a release ships: a true CHANGELOG (Keep a Changelog; the 1.0.0 entry names every input and
 * output), the Marketplace's rules for action.yml, one published name in every document, current
 * majors of the actions the documents use, and a release workflow that moves vX last.
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load } from 'js-yaml'
import { changelogEntries, releaseNotes } from '../tools/changelog.js'
import {
  misnamed,
  namingFiles,
  otherNames,
  publishedName,
  rename
} from '../tools/published-name.js'

const read = (file: string): string => readFileSync(file, 'utf8')
const action = load(read('action.yml')) as {
  description: string
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}
const packageJson = read('package.json')
const version = (JSON.parse(packageJson) as { version: string }).version
const changelog = read('CHANGELOG.md')
/** #29's keyless agency inputs, which ship in 1.0.0. */
const AGENCY_INPUTS = ['agency_urn', 'provider_urn', 'sts_endpoint']

describe('CHANGELOG.md', () => {
  const entries = changelogEntries(changelog)

  it('is in Keep a Changelog format: Unreleased first and empty, then dated versions', () => {
    expect(changelog).toContain('[Keep a Changelog](https://keepachangelog.com/')
    expect(entries[0]).toEqual({ version: 'Unreleased', body: '' })
    for (const entry of entries.slice(1)) {
      expect(entry.version).toMatch(/^\d+\.\d+\.\d+(-rc\.\d+)?$/)
      expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    }
    for (const heading of changelog.matchAll(/^### (.+)$/gm))
      expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(
        heading[1]
      )
  })

  it("has a 1.0.0 entry naming every input and output of action.yml in backticks, and #29's agency inputs", () => {
    const entry = entries.find(e => e.version === '1.0.0')?.body ?? ''
    const names = [...Object.keys(action.inputs), ...Object.keys(action.outputs), ...AGENCY_INPUTS]
    expect(names.filter(name => !entry.includes(`\`${name}\``))).toEqual([])
  })

  it("its top entry is package.json's version, so the release of that tag has notes", () => {
    expect(releaseNotes(changelog, version, `v${version}`)).toContain('`swr_path`')
  })

  it.each([
    ['another tag', version, 'v9.9.9', /package.json's version is .*top entry is/],
    ['another package version', '1.0.1', `v1.0.1`, /top entry is 1.0.0/],
    [
      'changes left under Unreleased',
      version,
      `v${version}`,
      /lists changes under Unreleased/,
      changelog.replace('## [Unreleased]\n', '## [Unreleased]\n\n### Added\n\n- a thing\n')
    ],
    [
      'an entry without a date',
      version,
      `v${version}`,
      /has no date/,
      changelog.replace(/^## \[1\.0\.0\] - \S+$/m, '## [1.0.0]')
    ]
  ])('refuses a release when %s', (_, packageVersion, tag, message, text = changelog) => {
    expect(() => releaseNotes(text, packageVersion, tag)).toThrow(message)
  })
})

describe('action.yml for the Marketplace', () => {
  it('has a description of at most 125 characters', () => {
    expect(action.description.length).toBeLessThanOrEqual(125)
    expect(action.description.length).toBeGreaterThan(40)
  })
})

describe('one published name (package.json, npm run set-name)', () => {
  const name = publishedName(packageJson)

  it('every document names package.json repository for this action, and no other', () => {
    expect(misnamed(name)).toEqual([])
    expect(namingFiles()).toEqual(
      expect.arrayContaining(['README.md', 'SECURITY.md', 'docs/examples.md'])
    )
  })

  it.each([
    [
      'a uses: line with another owner',
      'uses: x/modelarts-register-image-action@v1',
      ['x/modelarts-register-image-action']
    ],
    ['a uses: line of another name', '  - uses: me/register-image@v1', ['me/register-image']],
    [
      'a link to another owner',
      'https://github.com/x/modelarts-register-image-action/issues',
      ['x/modelarts-register-image-action']
    ],
    ['the published name', `uses: ${name}@v1 and github.com/${name}`, []],
    [
      'other actions and the local one',
      'uses: actions/checkout@v7\nuses: docker/login-action@v4\nuses: ./',
      []
    ]
  ])('notices %s', (_, text, others) => {
    expect(otherNames(text, name)).toEqual(others)
  })

  it('set-name rewrites every mention, and only those', () => {
    const text = `uses: ${name}@v1\n- uses: actions/checkout@v7\nsee github.com/${name}/releases`
    const renamed = rename(text, name, 'acme/ma-register')
    expect(renamed).toBe(
      'uses: acme/ma-register@v1\n- uses: actions/checkout@v7\nsee github.com/acme/ma-register/releases'
    )
    expect(otherNames(renamed, 'acme/ma-register')).toEqual([])
    expect(otherNames(renamed, name)).not.toEqual([])
  })
})

describe('.github/workflows/release.yml', () => {
  interface Step {
    name?: string
    uses?: string
    run?: string
    if?: string
    id?: string
  }
  const workflow = load(read('.github/workflows/release.yml')) as {
    on: { push: { tags: string[] } }
    jobs: { release: { steps: Step[]; permissions: Record<string, string> } }
  }
  const steps = workflow.jobs.release.steps
  const at = (pattern: RegExp): number => steps.findIndex(step => pattern.test(step.run ?? ''))

  it('checks everything, then publishes the release with the CHANGELOG entry, and only then moves vX', () => {
    const order = [
      /^bash \.ci\/run$/,
      /npm run package[\s\S]*git status --porcelain -- dist/,
      /npm run set-name -- --check "\$GITHUB_REPOSITORY"/,
      /release-notes "\$TAG" > "\$RUNNER_TEMP\/notes.md"/,
      /gh release create "\$TAG" --verify-tag .*--notes-file "\$RUNNER_TEMP\/notes.md"/,
      /git tag -f "\$MAJOR" "\$GITHUB_SHA"\ngit push -f origin "refs\/tags\/\$MAJOR"/
    ].map(at)
    expect(order.every(i => i >= 0)).toBe(true)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    // No step continues on error, so a failed check ends the job before the release and the move.
    expect(steps.some(step => 'continue-on-error' in step)).toBe(false)
    expect(workflow.jobs.release.permissions).toEqual({ contents: 'write' })
  })

  it('a pre-release moves nothing', () => {
    const move = steps[at(/git tag -f/)]
    expect(move?.if).toBe("steps.version.outputs.prerelease != 'true'")
  })

  /** The version step's script, run in bash for a tag: its outputs, or its failure. */
  function versionOf(tag: string): { code: number | null; outputs: string } {
    const script = steps.find(step => step.id === 'version')?.run ?? ''
    const dir = mkdtempSync(join(tmpdir(), 'release-'))
    const output = join(dir, 'output')
    writeFileSync(output, '')
    const run = spawnSync('bash', ['-eo', 'pipefail', '-c', script], {
      env: { PATH: process.env.PATH ?? '', TAG: tag, GITHUB_OUTPUT: output },
      encoding: 'utf8'
    })
    const outputs = readFileSync(output, 'utf8')
    rmSync(dir, { recursive: true, force: true })
    return { code: run.status, outputs }
  }

  it.each([
    ['v1.2.3', 0, 'major=v1\nprerelease=\n'],
    ['v2.0.0-rc.1', 0, 'major=v2\nprerelease=true\n'],
    ['v1.2', 1, ''],
    ['1.2.3', 1, ''],
    ['v1.2.3-beta', 1, '']
  ])('tag %s: exit %d, outputs %j', (tag, code, outputs) => {
    expect(versionOf(tag)).toEqual({ code, outputs })
  })

  it('runs on pushed release and pre-release tags only', () => {
    expect(workflow.on.push.tags).toEqual([
      'v[0-9]+.[0-9]+.[0-9]+',
      'v[0-9]+.[0-9]+.[0-9]+-rc.[0-9]+'
    ])
  })
})
