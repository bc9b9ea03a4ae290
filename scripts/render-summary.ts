/**
 * `npm run summary:pictures`: renders the job summary the action writes, for a success and two
 * failures, to HTML styled like GitHub's job summary page, and screenshots each with headless
 * Chromium into docs/ (the pictures the README shows). The Markdown is the real one:
 * summaryMarkdown(conclude(result)) for realistic run results. Chromium: `apt-get install chromium`
 * (or set CHROMIUM to its path); without it, only the HTML is written (under .build/summary/).
 *
 *   npm run summary:pictures
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { InputError } from '../src/base/errors.js'
import type { Config } from '../src/config/config.js'
import { unknownInputs } from '../src/config/input-names.js'
import { parseConfig } from '../src/config/inputs.js'
import { conclude } from '../src/report/conclusion.js'
import type { Image } from '../src/model/image.js'
import type { RunResult } from '../src/model/run.js'
import { summaryMarkdown } from '../src/report/summary.js'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-training-image:1.0.0'
const DIGEST = 'sha256:3f1c9a1e0b7d5c2f8e4a6b9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e'
const config = { image: { swrPath: PATH }, region: 'cn-north-4', timeoutMs: 1_800_000 } as Config
const provenance = {
  serverUrl: 'https://github.com',
  repository: 'my-org/trainer',
  runId: '7212093385',
  runAttempt: '1'
}
const image = (fields: Partial<Image>): Image => ({
  id: '5e8d2c3a-1b4f-4c6d-9e7a-2f0b1c3d4e5f',
  status: 'ACTIVE',
  swr_path: PATH,
  arch: 'X86_64',
  service_type: 'TRAIN',
  visibility: 'PRIVATE',
  ...fields
})

/**
 * A first workflow's mistakes (a misspelt key, a secret not set, a key of no input), read by the
 * action's own input check, so the picture shows today's wording.
 */
const MISTAKES: Record<string, string> = {
  INPUT_SWR_PATH: PATH,
  INPUT_ACCESS_KEY_ID: 'HPUAEXAMPLEAK0000001',
  INPUT_SECRET_ACCESS_KEY: '',
  INPUT_SERVICE_TYP: 'TRAIN',
  INPUT_POLLING_INTERVAL: '5s'
}

function inputProblems(): InputError {
  try {
    parseConfig({
      input: name => MISTAKES[`INPUT_${name.toUpperCase()}`] ?? '',
      env: MISTAKES,
      mask: () => undefined
    })
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('the mistakes of the inputs picture passed the input check')
}

const pictures: Record<string, { result: RunResult; height: number }> = {
  success: {
    result: {
      outcome: { kind: 'final' },
      config,
      provenance,
      facts: { digest: DIGEST, arch: 'X86_64' },
      image: image({}),
      created: true,
      elapsedMs: 96_400
    },
    height: 680
  },
  failure: {
    result: {
      outcome: { kind: 'final' },
      config,
      provenance,
      facts: { digest: DIGEST, arch: 'X86_64' },
      image: image({
        status: 'CREATE_FAILED',
        status_message: 'image size 52.4GB exceeds the limit of 50GB'
      }),
      created: true,
      elapsedMs: 184_000
    },
    height: 710
  },
  inputs: {
    result: {
      outcome: {
        kind: 'error',
        error: inputProblems()
      },
      provenance,
      warnings: unknownInputs(MISTAKES).warnings,
      elapsedMs: 12
    },
    height: 480
  }
}

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Inline Markdown: code spans (any fence length), **bold**, [links](url); everything else escaped. */
function inline(text: string): string {
  let html = ''
  let rest = text
  while (rest) {
    const tick = rest.indexOf('`')
    const plain = tick < 0 ? rest : rest.slice(0, tick)
    html += escape(plain)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/\[(.+?)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>')
    if (tick < 0) break
    const fence = /^`+/.exec(rest.slice(tick))?.[0] ?? '`'
    const close = rest.indexOf(fence, tick + fence.length)
    if (close < 0) {
      html += escape(rest.slice(tick))
      break
    }
    let code = rest.slice(tick + fence.length, close)
    if (code.startsWith(' ') && code.endsWith(' ') && code.trim()) code = code.slice(1, -1)
    html += `<code>${escape(code)}</code>`
    rest = rest.slice(close + fence.length)
  }
  // A link whose text is a code span: the [ and ]( around the <code> are still plain text.
  return html.replace(/\[(<code>.*?<\/code>)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>')
}

/** The GFM subset summaryMarkdown writes: headings, paragraphs, lists, tables. */
function markdownToHtml(markdown: string): string {
  const blocks = markdown.trim().split(/\n{2,}/)
  return blocks
    .map(block => {
      const lines = block.split('\n')
      const heading = /^(#{1,6}) (.*)$/.exec(block)
      if (heading)
        return `<h${heading[1]?.length}>${inline(heading[2] ?? '')}</h${heading[1]?.length}>`
      if (lines.every(line => line.startsWith('- ')))
        return `<ul>${lines.map(line => `<li>${inline(line.slice(2))}</li>`).join('')}</ul>`
      if (lines.every(line => line.startsWith('|'))) {
        const cells = (line: string): string[] =>
          line
            .slice(1, -1)
            .split(/(?<!\\)\|/)
            .map(cell => cell.trim().replace(/\\\|/g, '|'))
        const [head = '', , ...rows] = lines
        const th = cells(head).map(cell => `<th>${inline(cell)}</th>`)
        const trs = rows.map(
          row =>
            `<tr>${cells(row)
              .map(c => `<td>${inline(c)}</td>`)
              .join('')}</tr>`
        )
        return `<table><thead><tr>${th.join('')}</tr></thead><tbody>${trs.join('')}</tbody></table>`
      }
      return `<p>${lines.map(inline).join('<br>')}</p>`
    })
    .join('\n')
}

const STYLE = `
body { margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI",
  "Noto Sans", Helvetica, Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; color: #1f2328; }
.page { margin: 16px; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
.title { padding: 12px 16px; border-bottom: 1px solid #d1d9e0; font-weight: 600; font-size: 14px; }
.body { padding: 8px 24px 16px; }
h3 { font-size: 1.25em; font-weight: 600; margin: 16px 0; }
p, ul, table { margin: 0 0 16px; }
ul { padding-left: 2em; }
li + li { margin-top: 4px; }
code { font: 85% ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  background: rgba(129, 139, 152, 0.12); border-radius: 6px; padding: 0.2em 0.4em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; text-align: left; }
th { font-weight: 600; }
tbody tr:nth-child(2n) { background: #f6f8fa; }
a { color: #0969da; text-decoration: none; }
`

const page = (markdown: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>` +
  `<div class="page"><div class="title">register summary</div><div class="body">` +
  `${markdownToHtml(markdown)}</div></div></body></html>\n`

const out = resolve('.build/summary')
mkdirSync(out, { recursive: true })
mkdirSync('docs', { recursive: true })
const chromium = process.env.CHROMIUM ?? 'chromium'
for (const [name, { result, height }] of Object.entries(pictures)) {
  const markdown = summaryMarkdown(result, conclude(result))
  writeFileSync(`${out}/${name}.md`, markdown)
  const html = `${out}/${name}.html`
  writeFileSync(html, page(markdown))
  const png = resolve(`docs/summary-${name}.png`)
  try {
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        `--screenshot=${png}`,
        `--window-size=900,${height}`,
        `file://${html}`
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] }
    )
    console.log(`docs/summary-${name}.png (from ${html})`)
  } catch (error) {
    console.error(`${name}: chromium failed (${String(error)}); the HTML is at ${html}`)
    process.exitCode = 1
  }
}
