/**
 * `npm start` (tools/launch.js → scripts/start.ts): your own inputs with `--with`, run through the
 * bundle against the emulator, the image swr_path names pushed first for `--platform`'s platforms
 * (or not, with --not-pushed), with the kind of credentials the inputs give; whether dist/ is
 * current is decided from content (tools/source-hash.js).
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderLog } from '../tools/runner.js'
import { STAMP, bundleWarning, sourceHash } from '../tools/source-hash.js'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/trainer:1.4.2'
const ARM64 = ['--with', `swr_path=${PATH}`, '--with', 'arch=arm64']

function start(...args: string[]): { code: number | null; out: string } {
  const run = spawnSync(process.execPath, ['tools/launch.js', 'start', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    timeout: 120_000
  })
  return { code: run.status, out: `${run.stdout}${run.stderr}` }
}

describe('npm start', () => {
  it('--help lists the scenarios and --with', () => {
    const { code, out } = start('--help')
    expect(code).toBe(0)
    for (const word of [
      'success',
      'keep-last',
      'enterprise',
      '--with name=value',
      '--platform',
      '--not-pushed',
      'auth_token'
    ])
      expect(out).toContain(word)
  }, 120_000)

  it('--with runs your inputs through the bundle, the image pushed for --platform', () => {
    const { code, out } = start(...ARM64, '--platform', 'linux/arm64')
    expect(out).toContain(`  swr_path: ${PATH}`)
    expect(out).toContain('  arch: arm64')
    expect(out).toContain('arch=AARCH64')
    expect(out).toContain('### ✅ ACTIVE: registered by this run')
    expect(code).toBe(0)
  }, 120_000)

  it('an image not pushed for the arch asked is refused, as in the cloud', () => {
    const { code, out } = start(...ARM64, '--platform', 'linux/amd64')
    expect(out).toContain('### ❌ Not registered: the image is not built for this architecture')
    expect(code).toBe(1)
  }, 120_000)

  it('--not-pushed runs a tag nobody pushed: the message a workflow would get, npm start itself succeeding', () => {
    const { code, out } = start('--with', `swr_path=${PATH}`, '--not-pushed')
    expect(out).toMatch(/is not in SWR.*push it first/)
    expect(out).not.toContain('### ✅')
    expect(code).toBe(0)
  }, 120_000)

  it('the with: block names the README’s secrets and shows every secret as ***', () => {
    const { out } = start()
    expect(out).toContain(
      '  secret_access_key: ***  # the emulator’s test secret; in a workflow: ${{ secrets.HUAWEI_CLOUD_SK }}'
    )
    expect(out).toContain('${{ secrets.HUAWEI_CLOUD_AK }}')
    expect(out).not.toMatch(/HUAWEICLOUD_(?:AK|SK)/)
  }, 120_000)

  it.each([
    [
      'an IAM token (auth_token)',
      [
        '--with',
        'auth_token=MIIuser-own-iam-token-0001',
        '--with',
        'project_id=0123456789abcdef0123456789abcdef'
      ],
      ['auth_token']
    ],
    [
      'a temporary key (security_token)',
      [
        '--with',
        'access_key_id=HST3USEROWNTEMPAK001',
        '--with',
        'secret_access_key=userOwnTemporarySecret0001',
        '--with',
        'security_token=user-own-security-token-0001'
      ],
      ['secret_access_key', 'security_token']
    ],
    [
      'keyless OIDC (identity_provider)',
      ['--with', 'identity_provider=github-actions', '--with', 'audience=huaweicloud'],
      []
    ]
  ])(
    'runs %s as given, with no test key pair added, its secrets shown as ***',
    (_, args, secrets) => {
      const { code, out } = start('--with', `swr_path=${PATH}`, ...args)
      expect(out).not.toContain('give one kind of credentials')
      expect(out).not.toContain('HPUAEXAMPLEAK0000001')
      for (const name of secrets) expect(out).toContain(`  ${name}: ***`)
      for (const secret of [
        'MIIuser-own-iam-token-0001',
        'userOwnTemporarySecret0001',
        'user-own-security-token-0001'
      ])
        expect(out).not.toContain(secret)
      expect(out).toContain('### ✅ ACTIVE: registered by this run')
      expect(code).toBe(0)
    },
    120_000
  )
})

describe('is dist/ current? (from content, never file times)', () => {
  let root: string
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  /** A lock file with one production package (re2js), the minifier and a development package (jest). */
  function writeLock(dir: string, re2js: string, jest: string, terser = '5.0.0'): void {
    const packages = {
      '': {},
      'node_modules/re2js': { version: re2js },
      'node_modules/terser': { version: terser, dev: true },
      'node_modules/jest': { version: jest, dev: true }
    }
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ packages }))
  }

  /** A tree with src/, a lock file and dist/ stamped by what npm run package writes. */
  function tree(): string {
    root = mkdtempSync(join(tmpdir(), 'bundle-'))
    mkdirSync(join(root, 'src'))
    mkdirSync(join(root, 'dist'))
    writeFileSync(join(root, 'src', 'main.ts'), 'export const a = 1\n')
    writeFileSync(join(root, 'tsconfig.json'), '{}\n')
    writeLock(root, '1.0.0', '1')
    writeFileSync(join(root, 'dist', 'index.js'), '// bundle\n')
    writeFileSync(join(root, STAMP), `${sourceHash(root)}\n`)
    return root
  }

  it('a fresh clone, its bundle written before its sources, prints no warning', () => {
    tree()
    const past = new Date('2020-01-01T00:00:00Z')
    utimesSync(join(root, 'dist', 'index.js'), past, past)
    utimesSync(join(root, STAMP), past, past)
    expect(bundleWarning(root)).toBeUndefined()
  })

  it.each<[string, (dir: string) => void]>([
    [
      'a source changed',
      (dir: string) => writeFileSync(join(dir, 'src', 'main.ts'), 'export const a = 2\n')
    ],
    ['a source added', (dir: string) => writeFileSync(join(dir, 'src', 'more.ts'), '\n')],
    ['a production package changed', (dir: string) => writeLock(dir, '2.0.0', '1')],
    ['the minifier changed', (dir: string) => writeLock(dir, '1.0.0', '1', '5.1.0')],
    ...['minify-bundle.js', 'bundle-syntax.js'].map((tool): [string, (dir: string) => void] => [
      `the minifier's ${tool} changed`,
      (dir: string) => {
        mkdirSync(join(dir, 'tools'))
        writeFileSync(join(dir, 'tools', tool), '\n')
      }
    ])
  ])('warns when %s since npm run package', (_, change) => {
    change(tree())
    expect(bundleWarning(root)).toMatch(/^warning: dist\/index.js is not the bundle of src\//)
  })

  it('a devDependency changed is no change to the bundle', () => {
    tree()
    writeLock(root, '1.0.0', '2')
    expect(bundleWarning(root)).toBeUndefined()
  })

  it('says so when there is no stamp or no bundle', () => {
    tree()
    rmSync(join(root, STAMP))
    expect(bundleWarning(root)).toMatch(/no sources\.sha256/)
    rmSync(join(root, 'dist', 'index.js'))
    expect(bundleWarning(root)).toMatch(/no dist\/index\.js/)
  })

  it('this tree: the stamp npm run package writes is the hash of its sources, whatever their copies’ times', () => {
    root = mkdtempSync(join(tmpdir(), 'clone-'))
    for (const entry of [
      'src',
      'tsconfig.json',
      'package-lock.json',
      'tools/minify-bundle.js',
      'tools/bundle-syntax.js'
    ])
      cpSync(entry, join(root, entry), { recursive: true })
    expect(sourceHash(root)).toBe(sourceHash('.'))
  })

  it('--with agency_urn and provider_urn runs keyless: the id token, STS, no test key', () => {
    const account = '0123456789abcdef0123456789abcdef'
    const { code, out } = start(
      '--with',
      `agency_urn=iam::${account}:agency:ci/gh-register`,
      '--with',
      `provider_urn=iam::${account}:oidcProvider:github`
    )
    expect(out).not.toContain('access_key_id')
    expect(out).toContain(`assumed agency iam::${account}:agency:ci/gh-register as session`)
    expect(out).toContain('### ✅ ACTIVE: registered by this run')
    expect(code).toBe(0)
  }, 120_000)
})

describe('the runner simulation renders the log as a runner shows it', () => {
  it('annotations, masks, and no ::debug:: noise unless asked', () => {
    const log = [
      '::add-mask::s3cret',
      'hello s3cret',
      '::debug::GET /x -> 200',
      '::warning::careful%0Athere',
      '::error::broke'
    ].join('\n')
    expect(renderLog(log)).toBe('hello ***\nWarning: careful\nthere\nError: broke')
    expect(renderLog(log, true)).toContain('##[debug]GET /x -> 200')
  })
})
