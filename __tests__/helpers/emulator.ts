/** The emulator a test file runs against (a new one for each test, closed after it), and the image paths and routes flow tests share. */
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals'
import {
  type Emulator,
  type EmulatorOptions,
  type Fault,
  TEST_AK,
  TEST_PROJECT_ID,
  TEST_SK,
  lifecycles,
  startEmulator
} from '../../tools/emulator/server.js'

export const REPO = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image'
export const PATH = `${REPO}:1.0.0`
/** ModelArts' image list and one image by id. */
export const IMAGES = /^\/v1\/[^/]+\/images$/
export const IMAGE_BY_ID = /^\/v1\/[^/]+\/images\/[^/]+$/
export const MODELARTS = /^\/v1\//
/** SWR's ShowRepoTag. */
export const TAG = /^\/v2\/manage\/namespaces\/[^/]+\/repos\/[^/]+\/tags\/[^/]+$/
/** A registry's blobs. */
export const BLOB = /^\/v2\/.+\/blobs\//
export const DAY = 86_400_000
/** A project given and no SWR check: runs that make only ModelArts' requests. */
export const INPUTS = { project_id: TEST_PROJECT_ID, check_image: 'false' }
/** An access key and the project: runs that make every request, the SWR check's included. */
export const KEYS = {
  access_key_id: TEST_AK,
  secret_access_key: TEST_SK,
  project_id: TEST_PROJECT_ID
}
/** Registrations ACTIVE as soon as they are made. */
export const ACTIVE_AT_ONCE: EmulatorOptions = { lifecycleFor: () => lifecycles.activeAtOnce() }

/** A fault answering `status` to `method` (`*`: any) on `path`; `more` adds a body, an error code, a count. */
export function answer(
  method: string,
  path: RegExp,
  status: number,
  more: Omit<Partial<Fault>, 'kind'> = {}
): Partial<Fault> & { kind: 'status' } {
  return { kind: 'status', ...(method === '*' ? {} : { method }), path, status, ...more }
}

/** The register call (POST …/images) answered once with `status` and `body`. */
export function answerRegister(status: number, body: unknown): Partial<Fault> & { kind: 'status' } {
  return answer('POST', IMAGES, status, { body })
}

interface Started {
  current?: Emulator
  options: EmulatorOptions
  prepare: (emulator: Emulator) => void
}
const started = new WeakMap<Emulator, Started>()

/**
 * Starts an emulator before each test (`once`: before the file's or describe's tests) and closes it
 * after; the value returned stands for whichever emulator is running, so tests use it as one.
 */
export function useEmulator(
  options: EmulatorOptions = {},
  prepare: (emulator: Emulator) => void = () => undefined,
  { once = false }: { once?: boolean } = {}
): Emulator {
  const state: Started = { options, prepare }
  const emulator = new Proxy({} as Emulator, {
    get(_, key) {
      if (!state.current) throw new Error('the emulator runs only inside a test')
      const value: unknown = Reflect.get(state.current, key)
      return typeof value === 'function' ? value.bind(state.current) : value
    },
    set: (_, key, value) => Reflect.set(state.current ?? {}, key, value)
  })
  started.set(emulator, state)
  ;(once ? beforeAll : beforeEach)(async () => {
    // A copy, as a literal in each test was: tests change their emulator's options.
    state.current = await startEmulator({ ...options })
    prepare(state.current)
  })
  ;(once ? afterAll : afterEach)(async () => {
    await state.current?.close()
    state.current = undefined
  })
  return emulator
}

/** Closes the running emulator and starts a fresh one in its place, within one test. */
export async function restartEmulator(emulator: Emulator): Promise<void> {
  const state = started.get(emulator)
  if (!state) throw new Error('restartEmulator takes what useEmulator returned')
  await state.current?.close()
  state.current = await startEmulator({ ...state.options })
  state.prepare(state.current)
}
