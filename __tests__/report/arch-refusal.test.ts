import { describe, expect, it } from '@jest/globals'
import { archRefusalLine } from '../../src/report/arch-refusal.js'

describe('archRefusalLine: what the image is built for, and what to do', () => {
  const swrPath = 'swr.cn-north-4.myhuaweicloud.com/org/trainer:1.4.2'
  const digest = `sha256:${'d'.repeat(64)}`
  const path = `${swrPath} (${digest})`
  const onlyOf = (platform: string): string =>
    `${path} is built for ${platform}, and ModelArts runs linux/amd64 (X86_64) or linux/arm64 (AARCH64) only: build and push one of those`

  it.each<[string, string | undefined, string[], string[], string]>([
    [
      'asked AARCH64, built for amd64 only',
      'AARCH64',
      ['linux/amd64'],
      ['X86_64'],
      `arch is AARCH64 but ${path} is built for linux/amd64 only: set arch: X86_64, or build and push linux/arm64`
    ],
    [
      'asked X86_64, built for arm64 only',
      'X86_64',
      ['linux/arm64'],
      ['AARCH64'],
      `arch is X86_64 but ${path} is built for linux/arm64 only: set arch: AARCH64, or build and push linux/amd64`
    ],
    [
      'asked X86_64, built for windows/amd64 and linux/arm/v7',
      'X86_64',
      ['windows/amd64', 'linux/arm/v7'],
      [],
      `arch is X86_64 but ${path} is built for windows/amd64, linux/arm/v7 only: build and push linux/amd64`
    ],
    [
      'asked, and the index lists nothing',
      'X86_64',
      [],
      [],
      `arch is X86_64 but ${path} is built for no platform only: build and push linux/amd64`
    ],
    ['not asked, Windows only', undefined, ['windows/amd64'], [], onlyOf('windows/amd64')],
    ['not asked, no platform', undefined, [], [], onlyOf('no platform')]
  ])('%s', (_, asked, platforms, usable, line) => {
    const refusal = { ...(asked ? { asked } : {}), swrPath, digest, platforms, usable }
    expect(archRefusalLine(refusal)).toBe(line)
  })
})
