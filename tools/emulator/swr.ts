/**
 * The emulator's SWR model: tags as `docker buildx` and a classic `docker push` make them, with
 * real sha256 digests.
 */
import * as crypto from 'node:crypto'

/** A tag as SWR stores it. */
export interface SwrTag {
  digest: string
  /** 0 manifest, 1 manifest list (SWR's tag_type). */
  tagType: 0 | 1
  /** The manifest, as the bytes SWR returns in ShowRepoTag's `manifest` string. */
  manifest: string
  createdAt: number
}

export function sha256(text: string): string {
  return `sha256:${crypto.createHash('sha256').update(text).digest('hex')}`
}

/** `linux/arm64/v8` → its parts. */
function platform(name: string): { os: string; architecture: string; variant?: string } {
  const [os = 'linux', architecture = 'amd64', variant] = name.split('/')
  return { os, architecture, ...(variant ? { variant } : {}) }
}

/**
 * A buildx push: an OCI index over one image manifest per platform, and for each an attestation
 * manifest (platform unknown/unknown, annotated as buildx annotates them). Blobs are added to `blobs`.
 */
export function buildxTag(platforms: string[], blobs: Map<string, string>): SwrTag {
  const manifests = platforms.flatMap(name => {
    const image = classicManifest(platform(name), blobs)
    const attestation = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: sha256('{}'),
        size: 2
      },
      layers: []
    })
    return [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: image.digest,
        size: image.manifest.length,
        platform: platform(name)
      },
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: sha256(attestation),
        size: attestation.length,
        annotations: {
          'vnd.docker.reference.digest': image.digest,
          'vnd.docker.reference.type': 'attestation-manifest'
        },
        platform: { architecture: 'unknown', os: 'unknown' }
      }
    ]
  })
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests
  })
  return { digest: sha256(manifest), tagType: 1, manifest, createdAt: Date.now() }
}

/** A classic push: one Docker image manifest; its config blob is added to `blobs`. */
export function classicTag(name: string, blobs: Map<string, string>): SwrTag {
  const { manifest, digest } = classicManifest(platform(name), blobs)
  return { digest, tagType: 0, manifest, createdAt: Date.now() }
}

function classicManifest(
  p: { os: string; architecture: string; variant?: string },
  blobs: Map<string, string>
): { manifest: string; digest: string } {
  const config = JSON.stringify({
    architecture: p.architecture,
    os: p.os,
    ...(p.variant ? { variant: p.variant } : {}),
    config: { Cmd: ['python3'] },
    rootfs: { type: 'layers', diff_ids: [sha256(`layer-${p.architecture}`)] }
  })
  const configDigest = sha256(config)
  blobs.set(configDigest, config)
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: config.length,
      digest: configDigest
    },
    layers: [
      {
        mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
        size: 1024,
        digest: sha256(`layer-${p.architecture}`)
      }
    ]
  })
  return { manifest, digest: sha256(manifest) }
}

/** `registry/ns/repo/with/slashes:tag` → `ns/repo/with/slashes:tag`. */
export function tagKey(swrPath: string): string {
  return swrPath.slice(swrPath.indexOf('/') + 1)
}
