/**
 * `npm start` (tools/launch.js → scripts/start.ts): your own inputs with `--with`, run through the
 * bundle against the emulator, the image swr_path names pushed first for `--platform`'s platforms.
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/trainer:1.4.2'

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
    for (const word of ['success', 'keep-last', 'enterprise', '--with name=value', '--platform'])
      expect(out).toContain(word)
  }, 120_000)

  it('--with runs your inputs through the bundle, the image pushed for --platform', () => {
    const { code, out } = start(
      '--with',
      `swr_path=${PATH}`,
      '--with',
      'arch=arm64',
      '--platform',
      'linux/arm64'
    )
    expect(out).toContain(`  swr_path: ${PATH}`)
    expect(out).toContain('  arch: arm64')
    expect(out).toContain('arch=AARCH64')
    expect(out).toContain('### ✅ ACTIVE: registered by this run')
    expect(code).toBe(0)
  }, 120_000)

  it('an image not pushed for the arch asked is refused, as in the cloud', () => {
    const { code, out } = start(
      '--with',
      `swr_path=${PATH}`,
      '--with',
      'arch=arm64',
      '--platform',
      'linux/amd64'
    )
    expect(out).toContain('### ❌ Not registered: the image is not built for this architecture')
    expect(code).toBe(1)
  }, 120_000)

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
