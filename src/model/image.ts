/**
 * The records the layers share about an image: a ModelArts registration (status, arch, the
 * RegisterImage body) and what SWR says of a tag (digest, platforms).
 */
import type { ImageAttributes } from '../config/config.js'

/** The status of a registration that can be used. */
export const ACTIVE = 'ACTIVE'
/** What ModelArts reports once a registration is gone, and what a vanished one is treated as. */
export const DELETED = 'DELETED'
/** The statuses a registration that failed keeps until it is deleted. */
const FAILED = ['CREATE_FAILED', 'ERROR'] as const
/** The statuses a registration ends in when it did not become ACTIVE. */
export const FAILED_STATUSES: ReadonlySet<string> = new Set([...FAILED, DELETED])
/** Registrations nobody waits on any more, still there: ACTIVE or failed. */
export const SETTLED_STATUSES: ReadonlySet<string> = new Set([ACTIVE, ...FAILED])
/** The six statuses ModelArts reports, in the API's spelling. */
export const STATUSES = ['INIT', 'CREATING', ACTIVE, ...FAILED, DELETED] as const
type ImageStatus = (typeof STATUSES)[number]

/** ACTIVE or failed: nothing more will happen to it. */
export function isFinal(status: string): boolean {
  return status === ACTIVE || FAILED_STATUSES.has(status)
}

/** The architectures ModelArts registers. */
export const ARCHES = ['X86_64', 'AARCH64'] as const
export type Arch = (typeof ARCHES)[number]
/** What ModelArts registers when no arch is sent. */
export const DEFAULT_ARCH: Arch = 'X86_64'

/** An image record as ModelArts returns it (register, show, list and delete share it). */
export interface Image {
  id: string
  status: ImageStatus | string
  name?: string
  namespace?: string
  tag?: string
  swr_path?: string
  status_message?: string
  workspace_id?: string
  type?: string
  /** Upper-cased where it is read when a string (cloud/modelarts.ts); read through the verdict. */
  arch?: unknown
  /** Epoch ms. */
  create_at?: number
  [field: string]: unknown
}

/**
 * A record that passed the verdict's identity check: status in upper case; arch in the API's
 * spelling when the record reports one, else absent (the verdict returns the default beside it).
 */
export type JudgedImage = Image & { status: ImageStatus }

/** The RegisterImage body, with the API's field names; absent fields are not sent. */
export interface RegisterImageBody extends ImageAttributes {
  swr_path: string
  arch?: string
  description?: string
  workspace_id?: string
}

/**
 * The arch a RegisterImage body or an image record stands for: its own (a record's is still to be
 * read through the verdict), else what ModelArts registers without one.
 */
export function archOrDefault<T>(item: { arch?: T | null }): T | Arch {
  return item.arch ?? DEFAULT_ARCH
}

/** A manifest or blob digest as SWR and the registry write it. */
export const DIGEST = /^sha256:[0-9a-f]{64}$/

/** One platform an image is built for, as Docker names it (`linux/amd64`, `linux/arm/v7`). */
export interface Platform {
  os: string
  architecture: string
  variant?: string
  /** The manifest digest of this platform's image, for an index entry. */
  digest?: string
}
