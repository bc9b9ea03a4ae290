/**
 * What `replace` may delete, and what a step that wrote half of something says: a concurrent run's
 * registration is waited on, never deleted (allowing for a service clock that is behind ours); a
 * replace whose new registration never came says the old one is gone; a POST whose answer was lost
 * says a registration may exist. Against the emulator, over real HTTP.
 */
import { describe, expect, it } from '@jest/globals'
import { lifecycles } from '../tools/emulator/server.js'
import { errorLine, runAgainst } from './helpers/run-action.js'
import {
  ACTIVE_AT_ONCE,
  IMAGES,
  IMAGE_BY_ID,
  INPUTS,
  KEYS,
  PATH,
  answer,
  useEmulator
} from './helpers/emulator.js'

const HALF_DONE = (id: string) =>
  `the old registration ${id} was deleted; no new one was made: re-run to register`
const MAY_EXIST = 'a registration may exist: a re-run reuses it'

const emulator = useEmulator(ACTIVE_AT_ONCE)

const deletes = () => emulator.count('DELETE', IMAGE_BY_ID)
const posts = () => emulator.count('POST', IMAGES)

/** Aborts the run's signal once a request matching `method` and `path` has arrived. */
function cancelAfter(method: string, path: RegExp): AbortSignal {
  const controller = new AbortController()
  const timer = setInterval(() => {
    if (emulator.count(method, path) > 0) {
      clearInterval(timer)
      setTimeout(() => controller.abort(), 200)
    }
  }, 20)
  controller.signal.addEventListener('abort', () => clearInterval(timer))
  return controller.signal
}

describe('replace never deletes a concurrent run’s registration (service clock 30 s behind)', () => {
  it('a CREATING registration is waited on, not deleted', async () => {
    // Registered 30 s ago by the service's clock: CREATING after 20 s of its 100 s.
    const sibling = emulator.seed(PATH, {
      lifecycle: lifecycles.activeAfter(100_000),
      ageMs: 30_000
    })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, if_exists: 'replace', wait: 'false' }
    })
    expect(run.failed).toBe(false)
    expect(deletes()).toBe(0)
    expect(posts()).toBe(0)
    expect(run.outputs.image_id).toBe(sibling.id)
    expect(run.outputs.created).toBe('false')
    expect(run.log).toContain(
      'not replaced: it is still CREATING: a concurrent run may be waiting on it'
    )
  })

  it('an ACTIVE registration made 30 s before the step is reused, not deleted', async () => {
    const sibling = emulator.seed(PATH, { ageMs: 30_000 })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, if_exists: 'replace' } })
    expect(run.failed).toBe(false)
    expect(deletes()).toBe(0)
    expect(run.outputs.image_id).toBe(sibling.id)
    expect(run.outputs.created).toBe('false')
    expect(run.log).toContain('less than two minutes before this step started, or after')
  })

  it('an hour-old registration is still replaced', async () => {
    const old = emulator.seed(PATH, { ageMs: 3_600_000 })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, if_exists: 'replace' } })
    expect(run.failed).toBe(false)
    expect(deletes()).toBe(1)
    expect(run.outputs.image_id).not.toBe(old.id)
    expect(run.outputs.created).toBe('true')
  })
})

describe('a half-done replace says the old registration is gone', () => {
  it('the new registration refused', async () => {
    const old = emulator.seed(PATH, { ageMs: 3_600_000 })
    emulator.inject(answer('POST', IMAGES, 400))
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, if_exists: 'replace' } })
    expect(run.failed).toBe(true)
    expect(deletes()).toBe(1)
    expect(errorLine(run.log)).toContain(`register image failed: HTTP 400`)
    expect(errorLine(run.log)).toContain(HALF_DONE(old.id))
    expect(errorLine(run.log)).not.toContain(MAY_EXIST)
    const headline = run.summary.split('\n')[0] ?? ''
    expect(headline).toContain('Not registered')
    expect(headline).toContain(
      `the old registration \`${old.id}\` was deleted; no new one was made: re-run to register`
    )
  })

  it('cancelled while registering again', async () => {
    const old = emulator.seed(PATH, { ageMs: 3_600_000 })
    emulator.inject({ kind: 'silent', method: 'POST', path: IMAGES })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, if_exists: 'replace' },
      signal: cancelAfter('POST', IMAGES)
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^cancelled after /)
    expect(errorLine(run.log)).toContain(HALF_DONE(old.id))
    const headline = run.summary.split('\n')[0] ?? ''
    expect(headline).toContain('Cancelled')
    expect(headline).toContain(`\`${old.id}\` was deleted; no new one was made: re-run to register`)
  })

  it('a replace that registers again says nothing of the kind', async () => {
    emulator.seed(PATH, { ageMs: 3_600_000 })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, if_exists: 'replace' } })
    expect(run.failed).toBe(false)
    expect(run.log).not.toContain('was deleted; no new one')
    expect(run.summary).not.toContain('was deleted; no new one')
  })
})

describe('a POST whose answer was lost says a registration may exist', () => {
  it('a service that commits and never answers, then a cancel', async () => {
    emulator.inject({ kind: 'commit-then-silent', method: 'POST', path: IMAGES })
    const run = await runAgainst(emulator, {
      inputs: INPUTS,
      signal: cancelAfter('POST', IMAGES)
    })
    expect(run.failed).toBe(true)
    expect([...emulator.images.values()].some(i => i.swr_path === PATH && !i.deleted)).toBe(true)
    expect(errorLine(run.log)).toMatch(/^cancelled after /)
    expect(errorLine(run.log)).toContain(MAY_EXIST)
    expect(run.summary.split('\n')[0]).toContain(MAY_EXIST)
  })

  it('a service that commits and never answers, then the timeout', async () => {
    emulator.inject({ kind: 'commit-then-silent', method: 'POST', path: IMAGES })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, timeout: '2s' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^timed out after /)
    expect(errorLine(run.log)).toContain(MAY_EXIST)
    expect(run.summary.split('\n')[0]).toContain(MAY_EXIST)
  })

  it('an answer the service sent (a refusal) is not lost', async () => {
    emulator.inject(answer('POST', IMAGES, 400))
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).not.toContain(MAY_EXIST)
  })
})

describe('replace and an image in use', () => {
  it('keeps it (a warning), registers nothing and waits on it: green when it is ACTIVE', async () => {
    const used = emulator.seed(PATH, { ageMs: 3_600_000 })
    used.inUse = true
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, if_exists: 'replace' } })
    expect(errorLine(run.log)).toBeUndefined()
    expect(run.outputs).toMatchObject({ image_id: used.id, created: 'false', status: 'ACTIVE' })
    expect(run.log).toContain(
      `::warning::image ${used.id} kept: in use (ModelArts refused to delete it); waiting on it instead of replacing it`
    )
    expect(deletes()).toBe(1)
    expect(posts()).toBe(0)
  })

  it('a 403 that says "in use" is a missing permission, not an image in use', async () => {
    const old = emulator.seed(PATH, { ageMs: 3_600_000 })
    emulator.inject(
      answer('DELETE', IMAGE_BY_ID, 403, {
        body: { error_code: 'ModelArts.0203', error_msg: 'the image is in use: forbidden' }
      })
    )
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, if_exists: 'replace' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(
      /^delete existing registration failed: HTTP 403 .*; grant modelarts:image:delete$/
    )
    expect(emulator.images.get(old.id)?.deleted).toBeFalsy()
    expect(run.log).not.toContain('kept: in use')
    expect(posts()).toBe(0)
  })

  it('a failed registration in use is kept, and the step fails on its status, not on the delete', async () => {
    const used = emulator.seed(PATH, {
      ageMs: 3_600_000,
      lifecycle: lifecycles.failAfter(0)
    })
    used.inUse = true
    const run = await runAgainst(emulator, { inputs: { ...INPUTS } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toContain(`image ${used.id}`)
    expect(errorLine(run.log)).toContain('is CREATE_FAILED')
    expect(posts()).toBe(0)
  })
})

describe('replace of a registration that differs and is in use', () => {
  const differing = () => {
    const used = emulator.seed(PATH, {
      ageMs: 3_600_000,
      fields: { arch: 'AARCH64', service_type: 'TRAIN' }
    })
    used.inUse = true
    return used
  }

  it('fails naming the fields and that it is in use; never green with the wrong image', async () => {
    const used = differing()
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, if_exists: 'replace', arch: 'x86_64', service_type: 'INFERENCE' }
    })
    expect(run.failed).toBe(true)
    const error = errorLine(run.log) ?? ''
    expect(error).toContain(`registered as image ${used.id}`)
    expect(error).toContain('arch')
    expect(error).toContain('service_type')
    expect(error).toContain('in use (ModelArts refused to delete it), so it could not be replaced')
    expect(run.outputs).toMatchObject({ image_id: used.id, arch: 'AARCH64', created: 'false' })
    expect(deletes()).toBe(1)
    expect(posts()).toBe(0)
  })

  it('with keep_last, the real run deletes nothing the dry run a moment before did not list', async () => {
    const REPO = PATH.slice(0, PATH.lastIndexOf(':'))
    const old = [1, 2, 3].map(i =>
      emulator.seed(`${REPO}:0.${i}.0`, {
        ageMs: (10 - i) * 3_600_000,
        fields: { arch: 'AARCH64' }
      })
    )
    differing()
    const inputs = { ...INPUTS, if_exists: 'replace', arch: 'x86_64', keep_last: '1' }
    const dry = await runAgainst(emulator, { inputs: { ...inputs, dry_run: 'true' } })
    const listed = old.filter(o => dry.log.includes(`would delete image ${o.id}`)).map(o => o.id)
    const real = await runAgainst(emulator, { inputs })
    const deleted = JSON.parse(real.outputs.deleted_image_ids ?? '[]') as string[]
    expect(deleted.filter(id => !listed.includes(id))).toEqual([])
    expect(old.every(o => !emulator.images.get(o.id)?.deleted)).toBe(true)
    expect(real.failed).toBe(true)
  })

  it('in use and the same image: kept, and keep_last prunes its own arch after it', async () => {
    const REPO = PATH.slice(0, PATH.lastIndexOf(':'))
    const older = emulator.seed(`${REPO}:0.1.0`, {
      ageMs: 9 * 3_600_000,
      fields: { arch: 'AARCH64' }
    })
    const used = emulator.seed(PATH, { ageMs: 3_600_000, fields: { arch: 'AARCH64' } })
    used.inUse = true
    const inputs = { ...INPUTS, if_exists: 'replace', arch: 'arm64', keep_last: '1' }
    const dry = await runAgainst(emulator, { inputs: { ...inputs, dry_run: 'true' } })
    expect(dry.log).toContain(`would delete image ${older.id}`)
    const real = await runAgainst(emulator, { inputs })
    expect(errorLine(real.log)).toBeUndefined()
    expect(real.outputs).toMatchObject({ image_id: used.id, arch: 'AARCH64', created: 'false' })
    expect(JSON.parse(real.outputs.deleted_image_ids ?? '[]')).toEqual([older.id])
  })
})

describe('if_exists: replace under concurrency', () => {
  it('reuses a registration made after this step started instead of deleting it', async () => {
    const sibling = emulator.seed(PATH, { ageMs: -2_000 })
    const run = await runAgainst(emulator, { inputs: { ...KEYS, if_exists: 'replace' } })
    expect(run.failed).toBe(false)
    expect(run.outputs).toMatchObject({ image_id: sibling.id, created: 'false' })
    expect(emulator.count('DELETE', IMAGE_BY_ID)).toBe(0)
    expect(run.log).toContain(
      'reusing it (not replaced: it was registered less than two minutes before this step started, or after: a concurrent run’s)'
    )
  })

  it('still replaces a registration from over two minutes before the step', async () => {
    const old = emulator.seed(PATH, { ageMs: 3_600_000 })
    const run = await runAgainst(emulator, { inputs: { ...KEYS, if_exists: 'replace' } })
    expect(run.failed).toBe(false)
    expect(run.outputs.image_id).not.toBe(old.id)
    expect(emulator.count('DELETE', IMAGE_BY_ID)).toBe(1)
  })
})
