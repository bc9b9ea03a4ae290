import { describe, expect, it } from '@jest/globals'
import { decideArch } from '../../src/decide/arch.js'
import type { Platform } from '../../src/model/image.js'
import {
  archOfPlatform,
  platformName,
  platformOf,
  platformSource
} from '../../src/decide/platforms.js'
import type { ImageReference } from '../../src/config/swr-path.js'

const D = (c: string) => `sha256:${c.repeat(64)}`
const INDEX = 'application/vnd.oci.image.index.v1+json'
const LIST = 'application/vnd.docker.distribution.manifest.list.v2+json'
const entry = (platform: unknown, extra: Record<string, unknown> = {}) => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: D('a'),
  platform,
  ...extra
})
const attestation = entry(
  { os: 'unknown', architecture: 'unknown' },
  { annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }
)

describe('platformSource: what a manifest says about its platforms', () => {
  it.each<[string, Record<string, unknown> | undefined, unknown]>([
    ['no manifest', undefined, { kind: 'unknown', why: 'SWR returned no readable manifest' }],
    [
      'an OCI index, attestations left out',
      { mediaType: INDEX, manifests: [entry({ os: 'linux', architecture: 'amd64' }), attestation] },
      { kind: 'index', platforms: [{ os: 'linux', architecture: 'amd64', digest: D('a') }] }
    ],
    [
      'a Docker manifest list',
      {
        mediaType: LIST,
        manifests: [entry({ os: 'linux', architecture: 'arm64', variant: 'v8' })]
      },
      {
        kind: 'index',
        platforms: [{ os: 'linux', architecture: 'arm64', variant: 'v8', digest: D('a') }]
      }
    ],
    [
      'an index without a media type',
      { manifests: [entry({ os: 'linux', architecture: 'amd64' }, { digest: 'nope' })] },
      { kind: 'index', platforms: [{ os: 'linux', architecture: 'amd64' }] }
    ],
    [
      'an entry unknown/unknown without the annotation is an attestation too',
      { mediaType: INDEX, manifests: [entry({ os: 'unknown', architecture: 'unknown' })] },
      { kind: 'index', platforms: [] }
    ],
    [
      'an attestation named by its annotation alone is left out',
      {
        mediaType: INDEX,
        manifests: [
          entry(
            { os: 'linux', architecture: 'arm64' },
            { annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }
          ),
          entry(
            { os: 'linux', architecture: 'amd64' },
            { annotations: { other: 'attestation-manifest' } }
          )
        ]
      },
      { kind: 'index', platforms: [{ os: 'linux', architecture: 'amd64', digest: D('a') }] }
    ],
    [
      'an unknown architecture alone is a platform',
      { mediaType: INDEX, manifests: [entry({ os: 'linux', architecture: 'unknown' })] },
      { kind: 'index', platforms: [{ os: 'linux', architecture: 'unknown', digest: D('a') }] }
    ],
    [
      'a digest that is not text is not kept (a list of one would read as one)',
      {
        mediaType: INDEX,
        manifests: [entry({ os: 'linux', architecture: 'amd64' }, { digest: [D('a')] })]
      },
      { kind: 'index', platforms: [{ os: 'linux', architecture: 'amd64' }] }
    ],
    [
      'a media type that is not text is no media type',
      { mediaType: 5, manifests: [entry({ os: 'linux', architecture: 'amd64' })] },
      { kind: 'index', platforms: [{ os: 'linux', architecture: 'amd64', digest: D('a') }] }
    ],
    [
      'a config digest that is not text names no config blob',
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: [D('b')] } },
      { kind: 'unknown', why: 'the image manifest names no config blob' }
    ],
    [
      'an unknown os alone is a platform',
      { mediaType: INDEX, manifests: [entry({ os: 'unknown', architecture: 'amd64' })] },
      { kind: 'index', platforms: [{ os: 'unknown', architecture: 'amd64', digest: D('a') }] }
    ],
    [
      'manifests: null',
      { mediaType: INDEX, manifests: null },
      { kind: 'unknown', why: 'the index lists no manifests' }
    ],
    [
      'manifests not a list, no media type',
      { manifests: {} },
      { kind: 'unknown', why: 'the index lists no manifests' }
    ],
    [
      'an entry without a platform',
      {
        mediaType: INDEX,
        manifests: [entry({ os: 'linux', architecture: 'amd64' }), entry(undefined)]
      },
      { kind: 'unknown', why: 'an index entry names no platform' }
    ],
    [
      'an entry whose platform is not readable',
      { mediaType: INDEX, manifests: [entry({ os: 'linux' })] },
      { kind: 'unknown', why: 'an index entry names no platform' }
    ],
    [
      'an entry that is not an object',
      { mediaType: INDEX, manifests: ['x'] },
      { kind: 'unknown', why: 'an index entry is not an object' }
    ],
    [
      'a nested index',
      {
        mediaType: INDEX,
        manifests: [entry({ os: 'linux', architecture: 'amd64' }, { mediaType: INDEX })]
      },
      { kind: 'unknown', why: 'the index holds another index' }
    ],
    [
      'a nested Docker list',
      { mediaType: INDEX, manifests: [entry(undefined, { mediaType: LIST })] },
      { kind: 'unknown', why: 'the index holds another index' }
    ],
    [
      'an image manifest names its config',
      {
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: { digest: D('b') }
      },
      { kind: 'config', configDigest: D('b') }
    ],
    [
      'an OCI image manifest without a media type',
      { config: { digest: D('c') } },
      { kind: 'config', configDigest: D('c') }
    ],
    [
      'an image manifest whose config digest is not sha256',
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: 'md5:x' } },
      { kind: 'unknown', why: 'the image manifest names no config blob' }
    ],
    [
      'an image manifest without a config',
      { mediaType: 'application/vnd.oci.image.manifest.v1+json' },
      { kind: 'unknown', why: 'the image manifest names no config blob' }
    ],
    [
      'another media type',
      { mediaType: 'application/vnd.docker.distribution.manifest.v1+prettyjws' },
      {
        kind: 'unknown',
        why: 'manifest type application/vnd.docker.distribution.manifest.v1+prettyjws is not one the action reads'
      }
    ],
    [
      'an empty object',
      {},
      { kind: 'unknown', why: 'manifest type unknown is not one the action reads' }
    ]
  ])('%s', (_, manifest, expected) => {
    expect(platformSource(manifest)).toEqual(expected)
  })
})

describe('platformOf and platformName', () => {
  it.each<[string, Record<string, unknown> | undefined, Platform | undefined]>([
    [
      'os and architecture',
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'amd64' }
    ],
    [
      'with a variant',
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' }
    ],
    [
      'an empty variant is left out',
      { os: 'linux', architecture: 'arm64', variant: '' },
      { os: 'linux', architecture: 'arm64' }
    ],
    [
      'a variant that is not text is left out',
      { os: 'linux', architecture: 'arm64', variant: 8 },
      { os: 'linux', architecture: 'arm64' }
    ],
    [
      'control characters and markup are dropped',
      { os: 'li\nnux', architecture: '<b>amd64</b>' },
      { os: 'linux', architecture: 'bamd64b' }
    ],
    [
      'names are cut at 32 characters',
      { os: 'l'.repeat(40), architecture: 'amd64' },
      { os: 'l'.repeat(32), architecture: 'amd64' }
    ],
    ['nothing', undefined, undefined],
    ['no os', { architecture: 'amd64' }, undefined],
    ['no architecture', { os: 'linux' }, undefined],
    ['an architecture of nothing but markup', { os: 'linux', architecture: '<>' }, undefined],
    ['an os of nothing but markup', { os: '\n', architecture: 'amd64' }, undefined]
  ])('%s', (_, value, expected) => {
    expect(platformOf(value)).toEqual(expected)
  })

  it.each<[Platform, string]>([
    [{ os: 'linux', architecture: 'amd64' }, 'linux/amd64'],
    [{ os: 'linux', architecture: 'arm64', variant: 'v8' }, 'linux/arm64/v8']
  ])('names %j as %s', (platform, name) => {
    expect(platformName(platform)).toBe(name)
  })
})

describe('archOfPlatform: only Linux amd64 and arm64 run on ModelArts', () => {
  it.each<[string, string, string | undefined, string | undefined]>([
    ['linux', 'amd64', undefined, 'X86_64'],
    ['linux', 'arm64', undefined, 'AARCH64'],
    ['linux', 'arm64', 'v8', 'AARCH64'],
    ['linux', 'arm64', 'v9', undefined],
    ['linux', 'arm', 'v7', undefined],
    ['linux', 's390x', undefined, undefined],
    ['windows', 'amd64', undefined, undefined],
    ['windows', 'arm64', undefined, undefined],
    ['darwin', 'arm64', undefined, undefined]
  ])('%s/%s/%s → %s', (os, architecture, variant, arch) => {
    expect(archOfPlatform({ os, architecture, ...(variant ? { variant } : {}) })).toBe(arch)
  })
})

describe('decideArch: the arch to register, decided once', () => {
  const image = { swrPath: 'swr.cn-north-4.myhuaweicloud.com/org/trainer:1.4.2' } as ImageReference
  const digest = D('d')
  const amd64: Platform = { os: 'linux', architecture: 'amd64', digest: D('1') }
  const arm64: Platform = { os: 'linux', architecture: 'arm64', digest: D('2') }
  const winAmd64: Platform = { os: 'windows', architecture: 'amd64' }
  const armV7: Platform = { os: 'linux', architecture: 'arm', variant: 'v7' }
  const notGiven = (arch: string, builtFor: string) =>
    `arch not given: registering as ${arch}, from the image's platforms (${builtFor})`
  const facts = { swrPath: image.swrPath, digest }

  it.each<[string, Platform[], string | undefined, unknown]>([
    ['given and built for it', [amd64, arm64], 'AARCH64', { kind: 'arch', arch: 'AARCH64' }],
    [
      'given AARCH64, built for amd64 only',
      [amd64],
      'AARCH64',
      {
        kind: 'refused',
        asked: 'AARCH64',
        ...facts,
        platforms: ['linux/amd64'],
        usable: ['X86_64']
      }
    ],
    [
      'given X86_64, built for arm64 only',
      [arm64],
      'X86_64',
      {
        kind: 'refused',
        asked: 'X86_64',
        ...facts,
        platforms: ['linux/arm64'],
        usable: ['AARCH64']
      }
    ],
    [
      'given X86_64, built for windows/amd64 only',
      [winAmd64],
      'X86_64',
      { kind: 'refused', asked: 'X86_64', ...facts, platforms: ['windows/amd64'], usable: [] }
    ],
    [
      'given, and the index lists nothing',
      [],
      'X86_64',
      { kind: 'refused', asked: 'X86_64', ...facts, platforms: [], usable: [] }
    ],
    [
      'not given, amd64 only',
      [amd64],
      undefined,
      { kind: 'arch', arch: 'X86_64', note: notGiven('X86_64', 'linux/amd64') }
    ],
    [
      'not given, arm64 only',
      [arm64],
      undefined,
      { kind: 'arch', arch: 'AARCH64', note: notGiven('AARCH64', 'linux/arm64') }
    ],
    [
      'not given, both: X86_64, and arm64 is the other',
      [arm64, amd64],
      undefined,
      {
        kind: 'arch',
        arch: 'X86_64',
        note: notGiven('X86_64', 'linux/arm64, linux/amd64'),
        other: arm64
      }
    ],
    [
      'not given, arm64 and an unusable one',
      [armV7, arm64],
      undefined,
      { kind: 'arch', arch: 'AARCH64', note: notGiven('AARCH64', 'linux/arm/v7, linux/arm64') }
    ],
    [
      'not given, Windows only',
      [winAmd64],
      undefined,
      { kind: 'refused', ...facts, platforms: ['windows/amd64'], usable: [] }
    ],
    [
      'not given, no platform',
      [],
      undefined,
      { kind: 'refused', ...facts, platforms: [], usable: [] }
    ]
  ])('%s', (_, platforms, given, expected) => {
    expect(decideArch(image, digest, platforms, given)).toStrictEqual(expected)
  })
})
