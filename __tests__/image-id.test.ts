/**
 * image_id: waiting on an existing registration, with or without swr_path, its attributes
 * compared.
 */
import { describe, expect, it } from '@jest/globals'
import { TEST_PROJECT_ID, lifecycles } from '../tools/emulator/server.js'
import { errorLine, expectOutcome, runAgainst } from './helpers/run-action.js'
import { ACTIVE_AT_ONCE, IMAGES, INPUTS, PATH, REPO, useEmulator } from './helpers/emulator.js'

const emulator = useEmulator(ACTIVE_AT_ONCE)

const writes = () => emulator.requests.filter(r => r.method !== 'GET')

describe('image_id: wait on an existing registration', () => {
  it('waits on it with no SWR check, no look-up and no write; created is false', async () => {
    const existing = emulator.seed(PATH, { lifecycle: lifecycles.activeAfter(1500), ageMs: 0 })
    const run = await runAgainst(emulator, {
      inputs: { project_id: TEST_PROJECT_ID, image_id: existing.id }
    })
    expect(errorLine(run.log)).toBeUndefined()
    expect(run.outputs).toMatchObject({ image_id: existing.id, status: 'ACTIVE', created: 'false' })
    expect(writes()).toEqual([])
    expect(emulator.requests.some(r => IMAGES.test(r.path))).toBe(false)
    expect(emulator.requests.some(r => r.path.startsWith('/v2/'))).toBe(false)
  })

  it('an id that does not exist fails naming it', async () => {
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, image_id: 'no-such-image' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(
      /^find image_id failed: ModelArts has no image no-such-image/
    )
    expect(run.summary.split('\n')[0]).toBe('### ❌ Not found: image `no-such-image`')
    expect(writes()).toEqual([])
  })

  it('a registration of another path is an error', async () => {
    const other = emulator.seed(`${REPO}:9.9.9`)
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, image_id: other.id } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toContain(`image ${other.id} is not a registration of ${PATH}`)
  })

  it('a failed registration fails the step like one it made', async () => {
    const failed = emulator.seed(PATH, { lifecycle: [{ status: 'CREATE_FAILED', afterMs: 0 }] })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, image_id: failed.id } })
    expect(run.failed).toBe(true)
    expect(run.outputs.status).toBe('CREATE_FAILED')
  })
})

describe('image_id without swr_path', () => {
  it('waits on the registration it names, whatever its path', async () => {
    const existing = emulator.seed(PATH, { lifecycle: lifecycles.activeAfter(800), ageMs: 0 })
    const run = await runAgainst(emulator, {
      inputs: {
        project_id: TEST_PROJECT_ID,
        swr_path: '',
        region: 'cn-north-4',
        image_id: existing.id
      }
    })
    expectOutcome(run, { failed: false, image_id: existing.id, status: 'ACTIVE', created: 'false' })
    expect(run.outputs.swr_path).toBe(PATH)
    expect(writes()).toEqual([])
  })

  it('without image_id, swr_path stays required with the same message', async () => {
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, swr_path: '', region: 'cn-north-4' }
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^swr_path: required/)
    expect(emulator.requests).toEqual([])
  })
})

describe('image_id: the attributes given are compared with the record', () => {
  it('an X86_64/INFERENCE record is not "Reused" for arch AARCH64, service_type TRAIN', async () => {
    const record = emulator.seed(PATH, { fields: { arch: 'X86_64', service_type: 'INFERENCE' } })
    const run = await runAgainst(emulator, {
      inputs: {
        project_id: TEST_PROJECT_ID,
        region: 'cn-north-4',
        swr_path: '',
        image_id: record.id,
        arch: 'AARCH64',
        service_type: 'TRAIN'
      }
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toContain(
      `image ${record.id} differs from the inputs: arch is X86_64 (this run: AARCH64); service_type is INFERENCE (this run: TRAIN)`
    )
    expect(run.summary).not.toContain('Reused')
  })

  it('with swr_path too, visibility and services are compared', async () => {
    const record = emulator.seed(PATH, { fields: { visibility: 'PUBLIC', services: ['SSH'] } })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, image_id: record.id, visibility: 'private', services: 'NOTEBOOK' }
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toContain(
      'visibility is PUBLIC (this run: PRIVATE); services is SSH (this run: NOTEBOOK)'
    )
  })

  it('the same attributes, or none given: waited on as before', async () => {
    const record = emulator.seed(PATH, { fields: { arch: 'AARCH64', service_type: 'TRAIN' } })
    const same = await runAgainst(emulator, {
      inputs: {
        ...INPUTS,
        region: 'cn-north-4',
        swr_path: '',
        image_id: record.id,
        arch: 'arm64',
        service_type: 'train'
      }
    })
    expect(same.failed).toBe(false)
    const none = await runAgainst(emulator, {
      inputs: { ...INPUTS, region: 'cn-north-4', swr_path: '', image_id: record.id }
    })
    expect(none.failed).toBe(false)
    expect(none.outputs.arch).toBe('AARCH64')
  })
})
