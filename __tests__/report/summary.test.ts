import { describe, expect, it } from '@jest/globals'
import {
  AlreadyRegisteredError,
  ApiError,
  ArchRefusedError,
  InputError
} from '../../src/base/errors.js'
import type { Config } from '../../src/config/config.js'
import { conclude } from '../../src/report/conclusion.js'
import type { Image, JudgedImage } from '../../src/model/image.js'
import type { Outcome, RunResult } from '../../src/model/run.js'
import { summaryMarkdown } from '../../src/report/summary.js'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/trainer:1.4.2'
const DIGEST = `sha256:${'a'.repeat(64)}`
const config = { image: { swrPath: PATH }, region: 'cn-north-4', timeoutMs: 600_000, dryRun: false }
const image = (fields: Partial<Image> = {}): JudgedImage =>
  ({
    id: 'img-1',
    status: 'ACTIVE',
    swr_path: PATH,
    arch: 'X86_64',
    service_type: 'TRAIN',
    visibility: 'PRIVATE',
    ...fields
  }) as JudgedImage
const run = (outcome: Outcome, fields: Partial<RunResult> = {}): RunResult => ({
  outcome,
  config: config as unknown as Config,
  facts: { digest: DIGEST, arch: 'X86_64' },
  elapsedMs: 42_000,
  ...fields
})
const body = {
  swr_path: PATH,
  arch: 'AARCH64',
  resource_categories: ['CPU', 'GPU'],
  service_type: 'TRAIN',
  visibility: 'PRIVATE',
  description: 'built from my-org/repo@abc'
}

interface Case {
  name: string
  result: RunResult
  /** The heading's words. */
  heading: string
  /** Lines the summary holds, in order. */
  lines?: string[]
  /** Rows that must be absent. */
  absent?: string[]
}

const cases: Case[] = [
  {
    name: 'ACTIVE',
    result: run({ kind: 'final' }, { image: image(), created: true }),
    heading: '### ✅ ACTIVE: registered by this run',
    lines: [
      "**Where:** ModelArts console → Image Management, region `cn-north-4`. The step's outputs hold its `image_id`, `status`,",
      '| Image id | `img-1` |',
      '| Status | `ACTIVE` |',
      '| Registration | created by this run |'
    ],
    absent: ['**Why:**', '**Next:**', '**Warnings:**', 'Attributes it would register']
  },
  {
    name: 'reused',
    result: run({ kind: 'final' }, { image: image(), created: false }),
    heading: '### ✅ Reused: the existing registration is ACTIVE',
    lines: [
      '**Where:** ModelArts console → Image Management, region `cn-north-4`.',
      '| Registration | existing, reused |'
    ]
  },
  {
    name: 'registered, not waited for',
    result: run({ kind: 'not-waited' }, { image: image({ status: 'INIT' }), created: true }),
    heading: '### ✅ Registered, not waited for: status `INIT`',
    lines: ['**Next:** later steps must wait for ACTIVE', '| Status | `INIT` |']
  },
  {
    name: 'CREATE_FAILED',
    result: run(
      { kind: 'final' },
      {
        image: image({ status: 'CREATE_FAILED', status_message: 'pull image failed' }),
        created: true
      }
    ),
    heading: '### ❌ Registration failed: `CREATE_FAILED`',
    lines: [
      `**Why:** \`image img-1 (${PATH}) is CREATE_FAILED: pull image failed\``,
      '**Next:** read the status message'
    ],
    // The cause is said once: in Why, not again as a row.
    absent: ['| Status message |', '**Where:**']
  },
  {
    name: 'failed after registering, a status message the Why does not quote: a row',
    result: run(
      { kind: 'error', error: new ApiError({ what: 'show image', status: 500, errorMsg: 'x' }) },
      { image: image({ status: 'CREATING', status_message: 'pulling layers' }), created: true }
    ),
    heading: '### ❌ Failed after registering image `img-1`',
    lines: ['**Why:** `show image failed: HTTP 500: x`', '| Status message | `pulling layers` |']
  },
  {
    name: 'timed out',
    result: run(
      { kind: 'timeout' },
      { image: image({ status: 'CREATING' }), created: true, warnings: ['keep_last is ignored'] }
    ),
    heading: '### ⏱️ Timed out waiting for ACTIVE: status `CREATING`',
    lines: ['**Why:** `timed out after 42s', '**Next:** re-run the job', '- `keep_last is ignored`']
  },
  {
    name: 'cancelled',
    result: run({ kind: 'cancelled' }),
    heading: '### ⏹️ Cancelled',
    lines: ['**Why:** `cancelled after 42s`'],
    absent: ['| Image id |', '| Status |', '| Registration |']
  },
  {
    name: 'dry run: would register',
    result: run(
      { kind: 'dry-run', plan: { action: 'register', seen: new Set() } },
      { arch: 'AARCH64', body }
    ),
    heading: `### 🧪 Dry run: would register \`${PATH}\` as \`AARCH64\``,
    lines: [
      '**Attributes it would register:**',
      '| Attribute | Value |',
      '| `arch` | `AARCH64` |',
      '| `resource_categories` | `CPU, GPU` |',
      '| `description` | `built from my-org/repo@abc` |'
    ],
    absent: ['| Image id |', '| Registration |']
  },
  {
    name: 'dry run: would fail',
    result: run(
      {
        kind: 'error',
        error: new AlreadyRegisteredError(
          'if-exists-fail',
          `${PATH} is registered as image img-1, and if_exists is fail`
        )
      },
      { config: { ...config, dryRun: true } as unknown as Config, image: image(), created: false }
    ),
    heading: '### 🧪 Dry run: would fail: already registered, and if_exists is fail',
    lines: ['**Why:** `dry run: would fail:', '**Next:** use another tag']
  },
  {
    name: 'several input problems',
    result: run(
      {
        kind: 'error',
        error: new InputError(['arch: got "sparc"', 'service_typ: did you mean service_type?'])
      },
      {
        facts: undefined,
        config: undefined,
        warnings: ['unknown input "foo"', 'region "cn-nort-4"']
      }
    ),
    heading: '### ❌ Not registered: 2 inputs are invalid',
    lines: [
      '**Why:** 2 inputs are invalid:',
      '- `arch: got "sparc"`',
      '- `service_typ: did you mean service_type?`',
      '**Next:** fix the workflow’s with: inputs',
      '**Warnings:**',
      '- `unknown input "foo"`',
      '- `region "cn-nort-4"`',
      '| Elapsed | 42s |'
    ],
    absent: ['| Image |', '| Region |', '| Digest |', '| Architecture |']
  },
  {
    name: 'the wrong arch, the other one in the tag',
    result: run(
      {
        kind: 'error',
        error: new ArchRefusedError({
          asked: 'AARCH64',
          swrPath: PATH,
          digest: 'sha256:d',
          platforms: ['linux/amd64'],
          usable: ['X86_64']
        })
      },
      {
        arch: 'AARCH64',
        facts: {
          digest: DIGEST,
          otherPlatform: { os: 'linux', architecture: 'amd64', digest: 'sha256:b' }
        }
      }
    ),
    heading: '### ❌ Not registered: the image is not built for this architecture',
    lines: [
      `**Why:** \`arch is AARCH64 but ${PATH} (sha256:d) is built for linux/amd64 only: set arch: X86_64, or build and push linux/arm64\``,
      '| Architecture | `AARCH64` |',
      '| Also in the tag, not registered | `linux/amd64 (sha256:b)` |',
      `| Digest | \`${DIGEST}\` |`
    ]
  },
  {
    name: 'a request failed',
    result: run({
      kind: 'error',
      error: new ApiError({
        what: 'look up existing registration',
        status: 403,
        errorMsg: '<img src=x>'
      })
    }),
    heading: '### ❌ Not registered: look up existing registration failed',
    lines: ['**Why:** `look up existing registration failed: HTTP 403: <img src=x>`']
  },
  {
    name: 'failed after registering',
    result: run(
      { kind: 'error', error: new ApiError({ what: 'show image', status: 500, errorMsg: 'oops' }) },
      { image: image({ status: 'CREATING', id: '*bold*' }), created: true }
    ),
    heading: '### ❌ Failed after registering image `*bold*`',
    lines: ['| Image id | `*bold*` |']
  }
]

describe('the job summary leads with what happened, then why, next, warnings, and what is known', () => {
  it.each(cases)('$name', ({ result, heading, lines = [], absent = [] }) => {
    const markdown = summaryMarkdown(result, conclude(result))
    const all = markdown.split('\n')
    expect(all[0]).toBe(heading)
    let from = 0
    for (const line of lines) {
      const at = all.findIndex((l, i) => i >= from && l.startsWith(line))
      expect([line, at >= 0]).toEqual([line, true])
      from = at + 1
    }
    for (const text of absent) expect(markdown).not.toContain(text)
    expect(markdown).not.toContain('| — |')
    expect(markdown).not.toContain('| | |')
    // Each table's header has words; every row has two cells with something in them.
    for (const row of all.filter(l => l.startsWith('|') && !l.startsWith('|---')))
      expect(row).toMatch(/^\| \S.* \| \S.* \|$/)
    // Order: headline, why, next, warnings, the table.
    const order = ['**Why:**', '**Next:**', '**Warnings:**', '| What | Value |']
      .map(mark => markdown.indexOf(mark))
      .filter(at => at >= 0)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(markdown).toContain('| What | Value |\n|---|---|')
  })

  it('server text in the headline and the table is in code spans', () => {
    const result = run({ kind: 'not-waited' }, { image: image({ status: '<script>x</script>' }) })
    const markdown = summaryMarkdown(result, conclude(result))
    expect(markdown.split('\n')[0]).toBe(
      '### ✅ Registered, not waited for: status `<script>x</script>`'
    )
    expect(markdown).toContain('| Status | `<script>x</script>` |')
  })

  it('masks before it quotes', () => {
    const result = run(
      { kind: 'final' },
      { image: image({ status: 'ERROR', status_message: 'key SECRET1' }) }
    )
    const markdown = summaryMarkdown(result, conclude(result), text =>
      text.replaceAll('SECRET1', '***')
    )
    expect(markdown).not.toContain('SECRET1')
    expect(markdown).toContain('is ERROR: key ***`')
  })

  it('a reuse in a dry run shows no attributes to register; a run link is a link', () => {
    const result = run(
      { kind: 'dry-run', plan: { action: 'reuse', image: image(), arch: 'X86_64', why: 'same' } },
      {
        body,
        image: image(),
        provenance: {
          serverUrl: 'https://github.com',
          repository: 'o/r',
          runId: '7',
          runAttempt: '2'
        }
      }
    )
    const markdown = summaryMarkdown(result, conclude(result))
    expect(markdown).not.toContain('Attributes it would register')
    expect(markdown).toContain('| Run | [`7`](https://github.com/o/r/actions/runs/7/attempts/2) |')
  })
})

describe('`|` is escaped only where a table would read it', () => {
  it('a code span outside a table keeps `|`; a table cell escapes it', () => {
    const result = run(
      {
        kind: 'error',
        error: new ApiError({ what: 'register image', status: 400, errorMsg: 'a|b' })
      },
      { image: image({ status_message: 'x|y', status: 'CREATE_FAILED' }) }
    )
    const text = summaryMarkdown(result, conclude(result))
    expect(text).toContain('**Why:** `register image failed: HTTP 400: a|b`')
    expect(text).toContain('| Status message | `x\\|y` |')
    expect(text).not.toContain('a\\|b')
  })
})

describe('the summary stays under 64 KiB whatever the servers send', () => {
  it('thousands of long warnings are cut at a line, with a note', () => {
    const warnings = Array.from({ length: 5000 }, (_, i) => `warning ${i}: ${'w'.repeat(300)}`)
    const result = run({ kind: 'final' }, { image: image(), created: true, warnings })
    const text = summaryMarkdown(result, conclude(result))
    expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024)
    expect(text).toMatch(
      /_The summary was cut at 64 KiB: \d+ more lines are not shown; the step's log has them\._\n$/
    )
    expect(text.startsWith('### ✅ ACTIVE: registered by this run')).toBe(true)
    // Cut between lines: every kept warning is whole.
    const kept = text.split('\n').filter(line => line.startsWith('- `warning'))
    expect(kept.length).toBeGreaterThan(100)
    for (const line of kept) expect(line).toMatch(/^- `warning \d+: w{300}`$/)
  })

  it('a summary under the cap is left as it is', () => {
    const result = run({ kind: 'final' }, { image: image(), created: true })
    expect(summaryMarkdown(result, conclude(result))).not.toContain('was cut')
  })
})
