/**
 * Runs the committed bundle, `node dist/index.js`, as a runner does: INPUT_* variables,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, against the emulator, under Node 24 (what
 * `runs.using: node24` gives) and under the machine's own Node.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { load } from 'js-yaml'
import {
  RUNNER_REQUEST_TOKEN,
  TEST_AK,
  TEST_AUDIENCE,
  TEST_IDP,
  TEST_SK,
  lifecycles
} from '../tools/emulator/server.js'
import { moduleFactories } from '../tools/bundle-syntax.js'
import { NODE_24, SUPPORTED } from '../tools/node24/install.js'
import { type ProcessRun, inputVariables, runProcess } from '../tools/runner.js'
import { useEmulator } from './helpers/emulator.js'

const BUNDLE = join(process.cwd(), 'dist', 'index.js')
/** npm records the Node that runs it; under `npm test` that is the machine's. */
const MACHINE_NODE = process.env.npm_node_execpath ?? process.execPath
/** Installed by jest's global setup (tools/node24) wherever npm can install it: linux x64. */
const HAS_NODE_24 = existsSync(NODE_24)
/** For the tests that need one runtime: the runner's Node 24 where it is installed. */
const RUNNER_NODE = HAS_NODE_24 ? NODE_24 : MACHINE_NODE

function runBundle(
  node: string,
  env: Record<string, string>,
  onStart?: (pid: number) => void
): Promise<ProcessRun> {
  return runProcess({ node, args: [BUNDLE], env, onStart })
}

const emulator = useEmulator({ lifecycleFor: () => lifecycles.activeAfter(400) }, started => {
  started.pushBuildx('swr.cn-north-4.myhuaweicloud.com/my-org/my-image:3.1.4')
})

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  const all: Record<string, string> = {
    swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:3.1.4',
    endpoint: emulator.url,
    iam_endpoint: emulator.url,
    swr_endpoint: emulator.url,
    access_key_id: TEST_AK,
    secret_access_key: TEST_SK,
    poll_interval: '10s',
    ...extra
  }
  return inputVariables(all)
}

it('the bundle exists', () => {
  expect(existsSync(BUNDLE)).toBe(true)
})

it('every file of the bundle is ASCII, minified, each module factory in parentheses', () => {
  const files = readdirSync(dirname(BUNDLE)).filter(name => name.endsWith('.js'))
  expect(files.length).toBeGreaterThan(1)
  for (const file of files) {
    const code = readFileSync(join(dirname(BUNDLE), file), 'utf8')
    expect({ file, nonAscii: /[\u0080-\uffff]/.test(code) }).toEqual({ file, nonAscii: false })
    expect({ file, comments: /^\s*(\/\/|\/\*)/m.test(code) }).toEqual({ file, comments: false })
    const factories = moduleFactories(code)
    expect(factories.length).toBeGreaterThan(0)
    expect(factories.filter(factory => !factory.parenthesized)).toEqual([])
  }
})

it("an uncaught error's source line is short: lines end near 1,000 characters, a few longer", () => {
  for (const file of readdirSync(dirname(BUNDLE)).filter(name => name.endsWith('.js'))) {
    const code = readFileSync(join(dirname(BUNDLE), file), 'utf8')
    const lines = code.trimEnd().split('\n')
    const long = lines.filter(line => line.length > 1100).length
    // A long string or array (undici's WebAssembly, re2js's tables) cannot be broken.
    expect({
      file,
      long: long <= lines.length / 10,
      lines: lines.length >= code.length / 2000
    }).toEqual({
      file,
      long: true,
      lines: true
    })
    if (code.includes('X-Sdk-Date')) expect({ file, ours: long }).toEqual({ file, ours: 0 })
  }
})

it("dist/licenses.txt holds the notices the bundled code's comments carried", () => {
  const licenses = readFileSync(join(dirname(BUNDLE), 'licenses.txt'), 'utf8')
  for (const notice of [
    'Copyright Joyent, Inc. and other Node contributors.', // pasted into @actions/exec
    'ws. MIT License. Einar Otto Stangvik', // vendored in undici
    'formdata-polyfill. MIT License.',
    '@license MIT' // re2js
  ])
    expect({ notice, kept: licenses.includes(notice) }).toEqual({ notice, kept: true })
})

it('the minifier is pinned, and Dependabot bumps it in a pull request of its own (it rewrites dist/)', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    devDependencies: Record<string, string>
  }
  type Group = { patterns?: string[]; 'exclude-patterns'?: string[]; 'dependency-type'?: string }
  const config = load(readFileSync('.github/dependabot.yml', 'utf8')) as {
    updates: { directory: string; groups?: Record<string, Group> }[]
  }
  const groups = Object.values(
    config.updates.find(update => update.directory === '/')?.groups ?? {}
  )
  for (const name of ['terser', 'acorn']) {
    expect(pkg.devDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/)
    // Every group that could take it but its own leaves it out, whatever order Dependabot reads them in.
    const taking = groups.filter(
      group =>
        (group.patterns
          ? group.patterns.includes(name)
          : group['dependency-type'] !== 'production') && !group['exclude-patterns']?.includes(name)
    )
    expect({ name, taking }).toEqual({ name, taking: [{ patterns: ['terser', 'acorn'] }] })
  }
})

it('runs the Node that action.yml asks for, wherever npm can install it (linux x64)', () => {
  const actionYml = readFileSync(join(process.cwd(), 'action.yml'), 'utf8')
  expect(actionYml).toMatch(/using: node24\n\s+main: dist\/index.js/)
  if (SUPPORTED) expect(HAS_NODE_24).toBe(true)
  if (HAS_NODE_24)
    expect(execFileSync(NODE_24, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./)
})

describe.each([...(HAS_NODE_24 ? [['Node 24', NODE_24]] : []), ['the machine Node', MACHINE_NODE]])(
  'node dist/index.js under %s',
  (_name, node) => {
    it('registers, waits and writes outputs and summary', async () => {
      const run = await runBundle(node, inputs())
      expect(run.stdout).not.toContain('::error::')
      expect(run.code).toBe(0)
      const image = [...emulator.images.values()].find(i => i.type === 'DEDICATED')
      expect(run.outputs).toMatchObject({
        image_id: image?.id,
        status: 'ACTIVE',
        created: 'true',
        tag: '3.1.4'
      })
      expect(run.summary).toContain('ACTIVE: registered by this run')
      expect(run.stdout).toMatch(/status INIT \(elapsed [\d.]+s, next check in (0\.\d|1)s\)/)
    })
  }
)

it('fails with exit code 1 and the error on a failed image', async () => {
  emulator.options.lifecycleFor = () => lifecycles.failAfter(200)
  const run = await runBundle(RUNNER_NODE, inputs())
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(
    /::error::image \S+ \(swr.cn-north-4.myhuaweicloud.com\/my-org\/my-image:3.1.4\) is CREATE_FAILED: pull image failed/
  )
  expect(run.outputs.status).toBe('CREATE_FAILED')
})

it('keyless OIDC through the runner id-token service', async () => {
  const run = await runBundle(RUNNER_NODE, {
    ...inputs({
      access_key_id: '',
      secret_access_key: '',
      identity_provider: TEST_IDP,
      audience: TEST_AUDIENCE
    }),
    ACTIONS_ID_TOKEN_REQUEST_URL: emulator.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: RUNNER_REQUEST_TOKEN
  })
  expect(run.stdout).not.toContain('::error::')
  expect(run.code).toBe(0)
  expect(run.outputs.status).toBe('ACTIVE')
})

it('on SIGTERM stops waiting, writes outputs and summary, and exits within seconds', async () => {
  emulator.options.lifecycleFor = () => lifecycles.activeAfter(60_000)
  let signalledAt = 0
  const run = await runBundle(RUNNER_NODE, inputs(), pid => {
    const poll = setInterval(() => {
      // Signal once the image exists, i.e. while the action waits.
      if ([...emulator.images.values()].some(i => i.type === 'DEDICATED')) {
        clearInterval(poll)
        setTimeout(() => {
          signalledAt = Date.now()
          process.kill(pid, 'SIGTERM')
        }, 300)
      }
    }, 20)
  })
  const exitedAfter = Date.now() - signalledAt
  expect(signalledAt).toBeGreaterThan(0)
  // Typically 0.1 to 0.5 s; the bound leaves a loaded CI machine room.
  expect(exitedAfter).toBeLessThan(4000)
  expect(run.code).toBe(1)
  expect(run.stdout).toContain('received SIGTERM')
  expect(run.stdout).toMatch(/::error::cancelled after [\d.]+s; image \S+ was INIT/)
  expect(run.outputs).toMatchObject({ status: 'INIT', image_id: expect.any(String) })
  expect(run.summary).toContain('cancelled after')
})

it.each([
  ['SIGTERM', 'SIGTERM'],
  ['SIGTERM', 'SIGINT'],
  ['SIGINT', 'SIGINT']
] as const)(
  'a %s then a %s a few ms later still writes outputs, the error line and the summary',
  async (first, second) => {
    emulator.options.lifecycleFor = () => lifecycles.activeAfter(60_000)
    const run = await runBundle(RUNNER_NODE, inputs(), pid => {
      const poll = setInterval(() => {
        if ([...emulator.images.values()].some(i => i.type === 'DEDICATED')) {
          clearInterval(poll)
          setTimeout(() => {
            process.kill(pid, first)
            setTimeout(() => process.kill(pid, second), 5)
          }, 300)
        }
      }, 20)
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`received ${first}`)
    expect(run.stdout.match(/received SIG(TERM|INT): stopping/g)).toHaveLength(1)
    expect(run.stdout).toMatch(/::error::cancelled after [\d.]+s; image \S+ was INIT/)
    expect(run.outputs).toMatchObject({ status: 'INIT', image_id: expect.any(String) })
    expect(run.summary).toContain('cancelled after')
  }
)

it('checks a classic docker push in the registry before registering it', async () => {
  emulator.options.blobRedirect = true
  const path = `${emulator.registryHost}/my-org/classic:2.0`
  const tag = emulator.pushClassic(path, 'linux/arm64')
  const run = await runBundle(RUNNER_NODE, inputs({ swr_path: path, region: 'cn-north-4' }))
  expect(run.stdout).not.toContain('::error::')
  expect(run.code).toBe(0)
  expect(run.outputs).toMatchObject({ digest: tag.digest, arch: 'AARCH64', status: 'ACTIVE' })
  expect(run.summary).toContain(`| Digest | \`${tag.digest}\` |`)
  expect(emulator.blobStoreRequests).toHaveLength(1)
})
