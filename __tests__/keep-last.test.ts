/**
 * keep_last against the emulator, the way matrix builds and release automation run it: a matrix
 * sibling of another architecture, a re-run of an old release, a host-less record of the shared
 * SWR, a service clock behind the runner's, a list that changes while it is read, a delete that
 * answers 200 and deletes nothing, a cancel or the timeout while deleting, image_id, keep_tags
 * with a catastrophic expression, and thousands of protected records in the summary.
 */
import { describe, expect, it } from '@jest/globals'
import { lifecycles } from '../tools/emulator/server.js'
import { errorLine, expectOutcome, runAgainst } from './helpers/run-action.js'
import { ACTIVE_AT_ONCE, DAY, INPUTS, restartEmulator, useEmulator } from './helpers/emulator.js'

const REGISTRY = 'swr.cn-north-4.myhuaweicloud.com'
const REPO = `${REGISTRY}/my-org/my-image`

const emulator = useEmulator(ACTIVE_AT_ONCE)

const writes = () => emulator.requests.filter(r => r.method !== 'GET')
const deletes = () =>
  emulator.requests.filter(r => r.method === 'DELETE').map(r => r.path.split('/').pop())
const deletedIds = (value: string | undefined) => JSON.parse(value ?? 'null') as unknown

describe('the same image: architecture, registry, and what this run hands out', () => {
  it('a matrix job (amd64) never deletes its arm64 sibling’s registrations', async () => {
    const armNow = emulator.seed(`${REPO}:1.4.0-arm64`, {
      ageMs: 2000,
      fields: { arch: 'AARCH64' },
      lifecycle: lifecycles.activeAfter(60_000)
    })
    const armOld = emulator.seed(`${REPO}:1.3.0-arm64`, { ageMs: DAY, fields: { arch: 'AARCH64' } })
    const amdOld = emulator.seed(`${REPO}:1.3.0-amd64`, { ageMs: DAY, fields: { arch: 'X86_64' } })
    const amdOlder = emulator.seed(`${REPO}:1.2.0-amd64`, { ageMs: 2 * DAY })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, swr_path: `${REPO}:1.4.0-amd64`, arch: 'X86_64', keep_last: '2' }
    })
    expectOutcome(run, { failed: false, deleted_image_ids: JSON.stringify([amdOlder.id]) })
    expect(deletes()).toEqual([amdOlder.id])
    for (const kept of [armNow, armOld, amdOld]) expect(deletes()).not.toContain(kept.id)
  })

  it('re-running an old release deletes nothing newer than the newest N', async () => {
    const v1 = emulator.seed(`${REPO}:1.0`, { ageMs: 3 * DAY })
    const v2 = emulator.seed(`${REPO}:2.0`, { ageMs: 2 * DAY })
    const v3 = emulator.seed(`${REPO}:3.0`, { ageMs: 1 * DAY })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, swr_path: `${REPO}:1.0`, keep_last: '1' }
    })
    expectOutcome(run, { failed: false, image_id: v1.id, created: 'false' })
    expect(deletes()).toEqual([v2.id])
    expect(run.summary).toContain(`- image \`${v1.id}\` (tag \`1.0\`)`)
    expect(run.summary).toContain(`- image \`${v3.id}\` (tag \`3.0\`)`)
    expect(deletedIds(run.outputs.deleted_image_ids)).toEqual([v2.id])
  })

  it('a host-less record is the shared SWR’s, never an Enterprise Edition image’s', async () => {
    const ee = 'myinst.swr-pro.cn-north-4.myhuaweicloud.com/my-org/my-image'
    const eeNewer = emulator.seed(`${ee}:0.9.0`, { ageMs: DAY })
    const eeOlder = emulator.seed(`${ee}:0.7.0`, { ageMs: 3 * DAY })
    const shared = emulator.seed(`${REPO}:0.8.0`, { ageMs: 2 * DAY })
    shared.swr_path = 'my-org/my-image:0.8.0'
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, swr_path: `${ee}:1.0.0`, region: 'cn-north-4', keep_last: '2' }
    })
    expect(errorLine(run.log)).toBeUndefined()
    expect(deletes()).toEqual([eeOlder.id])
    expect(deletes()).not.toContain(shared.id)
    expect(deletes()).not.toContain(eeNewer.id)
  })
})

describe('protected: never deleted (recent and in-progress ones counted all the same)', () => {
  it('a sibling registered after the step started, with the service clock 30 s behind', async () => {
    // The service stamps create_at 30 s behind the runner: "30 s ago" is just after the start.
    const sibling = emulator.seed(`${REPO}:1.1.0`, { ageMs: 30_000 })
    const old = emulator.seed(`${REPO}:0.8.0`, { ageMs: 2 * DAY })
    const older = emulator.seed(`${REPO}:0.7.0`, { ageMs: 3 * DAY })
    // keep_last 1 is this run's registration; the sibling, past the N, is protected, not deleted.
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1' } })
    expect(deletes()).toEqual([old.id, older.id])
    expect(deletes()).not.toContain(sibling.id)
    expect(run.summary).toContain(
      'Protected, never deleted: 1 (1 registered less than an hour before the step)'
    )
  })

  it('INIT and CREATING registrations are never deleted', async () => {
    const creating = emulator.seed(`${REPO}:0.5.0`, {
      ageMs: 5 * DAY,
      lifecycle: [{ status: 'CREATING', afterMs: 0 }]
    })
    const init = emulator.seed(`${REPO}:0.4.0`, {
      ageMs: 6 * DAY,
      lifecycle: [{ status: 'INIT', afterMs: 0 }]
    })
    emulator.seed(`${REPO}:0.9.0`, { ageMs: DAY })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '2' } })
    expect(run.failed).toBe(false)
    expect(deletes()).toEqual([])
    expect(run.summary).toContain(`\`${creating.id}\``)
    expect(run.summary).toContain(`\`${init.id}\``)
  })

  it('4,999 protected records give a small summary, each list cut at 20', async () => {
    for (let i = 0; i < 4999; i++) emulator.seed(`${REPO}:0.0.${i}`, { ageMs: 1000 })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1' } })
    expect(run.failed).toBe(false)
    expect(deletes()).toEqual([])
    expect(run.summary).toContain('Protected, never deleted: 4999')
    expect(run.summary).toContain('- and 4979 more')
    expect(Buffer.byteLength(run.summary)).toBeLessThan(16 * 1024)
  })
})

describe('the list: once per id; a list that changes deletes nothing', () => {
  const seedMany = (count: number) => {
    const seeded = []
    for (let i = 0; i < count; i++)
      seeded.push(emulator.seed(`${REPO}:0.${i}.0`, { ageMs: DAY + i * 60_000 }))
    return seeded
  }

  it('a page served twice deletes nothing, with a warning', async () => {
    seedMany(150)
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1' } })
    expect(run.failed).toBe(false)
    expect(deletes().length).toBeGreaterThan(0)
    // The same again with the second page served as the first once registered: nothing deleted.
    await restartEmulator(emulator)
    seedMany(150)
    emulator.options.afterListPage = () => {
      emulator.options.repeatListPage = emulator.requests.some(r => r.method === 'POST')
    }
    const again = await runAgainst(emulator, {
      inputs: { ...INPUTS, swr_path: `${REPO}:2.0.0`, keep_last: '1' }
    })
    expect(again.failed).toBe(false)
    expect(deletes()).toEqual([])
    expect(again.log).toContain('::warning::keep_last: the image list changed while it was read')
    expect(deletedIds(again.outputs.deleted_image_ids)).toEqual([])
  })

  it('a record that moves between pages while a sibling registers deletes nothing', async () => {
    seedMany(150)
    emulator.options.afterListPage = offset => {
      // After the registration, a record of page 1 moves to the end of the list.
      if (offset !== 0 || !emulator.requests.some(r => r.method === 'POST')) return
      const moving = [...emulator.images.values()].find(i => i.type === 'DEDICATED')
      if (!moving) return
      emulator.images.delete(moving.id)
      emulator.images.set(moving.id, moving)
    }
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1' } })
    expect(run.failed).toBe(false)
    expect(deletes()).toEqual([])
    expect(run.log).toContain('::warning::keep_last: the image list changed while it was read')
    expect(run.summary).toContain('The image list changed while it was read: nothing was deleted')
    expect(run.summary).not.toContain('Nothing older to delete')
  })

  it('the look-up reads a list that changed once again, and does not register twice', async () => {
    seedMany(150)
    const existing = emulator.seed(`${REPO}:1.0.0`, { ageMs: 2 * DAY })
    let moved = 0
    emulator.options.afterListPage = offset => {
      if (offset !== 0 || moved++ > 0) return
      const first = [...emulator.images.values()].find(i => i.type === 'DEDICATED')
      if (!first) return
      emulator.images.delete(first.id)
      emulator.images.set(first.id, first)
    }
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expectOutcome(run, { failed: false, image_id: existing.id, created: 'false' })
    expect(emulator.count('POST', /\/images$/)).toBe(0)
  })
})

describe('deletes are confirmed', () => {
  it('a delete that answers 200 and keeps the record is not reported as deleted', async () => {
    emulator.options.deleteKeepsRecord = true
    emulator.seed(`${REPO}:0.9.0`, { ageMs: DAY })
    const old = emulator.seed(`${REPO}:0.8.0`, { ageMs: 2 * DAY })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, keep_last: '2', timeout: '8s' }
    })
    expectOutcome(run, { failed: false, status: 'ACTIVE', deleted_image_ids: '[]' })
    expect(deletes()).toEqual([old.id])
    expect(run.log).toContain(
      `::warning::keep_last: the delete of image ${old.id} (tag 0.8.0) is not confirmed`
    )
    expect(run.summary).toContain(`Not confirmed:\n\n- image \`${old.id}\``)
    expect(run.summary).not.toContain('Deleted:')
  })

  it('a delete confirmed gone is in deleted_image_ids', async () => {
    emulator.seed(`${REPO}:0.9.0`, { ageMs: DAY })
    const old = emulator.seed(`${REPO}:0.8.0`, { ageMs: 2 * DAY })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '2' } })
    expectOutcome(run, { failed: false, deleted_image_ids: JSON.stringify([old.id]) })
    const shows = emulator.requests.filter(r => r.method === 'GET' && r.path.endsWith(old.id))
    expect(shows.length).toBeGreaterThan(0)
  })
})

describe('when: a cancel or the timeout while deleting', () => {
  it('a cancel while deleting ends the step cancelled; the delete cut off is unknown', async () => {
    emulator.seed(`${REPO}:0.9.0`, { ageMs: DAY })
    const cutOff = emulator.seed(`${REPO}:0.8.0`, { ageMs: 2 * DAY })
    const notSent = emulator.seed(`${REPO}:0.7.0`, { ageMs: 3 * DAY })
    emulator.inject({ kind: 'silent', method: 'DELETE', times: Infinity })
    const cancel = new AbortController()
    const watch = setInterval(() => {
      if (emulator.requests.some(r => r.method === 'DELETE')) cancel.abort()
    }, 10)
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, keep_last: '2' },
      signal: cancel.signal
    }).finally(() => clearInterval(watch))
    expectOutcome(run, { failed: true, deleted_image_ids: '[]' })
    expect(run.summary).toContain('⏹️ Cancelled')
    expect(run.summary).toContain(`Unknown: check the image list:\n\n- image \`${cutOff.id}\``)
    expect(run.summary).toContain(`Not deleted:\n\n- image \`${notSent.id}\``)
    expect(deletes()).toEqual([cutOff.id])
  })

  it('the timeout while deleting leaves the step green, with how many were left', async () => {
    emulator.seed(`${REPO}:0.9.0`, { ageMs: DAY })
    emulator.seed(`${REPO}:0.8.0`, { ageMs: 2 * DAY })
    emulator.seed(`${REPO}:0.7.0`, { ageMs: 3 * DAY })
    emulator.inject({ kind: 'silent', method: 'DELETE', times: Infinity })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, keep_last: '2', timeout: '3s' }
    })
    expectOutcome(run, { failed: false, status: 'ACTIVE', deleted_image_ids: '[]' })
    expect(run.log).toMatch(
      /::warning::keep_last: 1 older registration\(s\) left for the next run, 1 unknown \(check the image list\): the step's timeout came first/
    )
  })
})

describe('image_id and keep_tags', () => {
  it('image_id without swr_path prunes the waited-on record’s own image and arch', async () => {
    const target = emulator.seed(`${REPO}:1.0.0`, { ageMs: DAY, fields: { arch: 'AARCH64' } })
    const armOld = emulator.seed(`${REPO}:0.9.0`, { ageMs: 2 * DAY, fields: { arch: 'AARCH64' } })
    const amdOld = emulator.seed(`${REPO}:0.8.0`, { ageMs: 3 * DAY })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, swr_path: '', region: 'cn-north-4', image_id: target.id, keep_last: '1' }
    })
    expectOutcome(run, { failed: false, deleted_image_ids: JSON.stringify([armOld.id]) })
    expect(deletes()).not.toContain(amdOld.id)
  })

  it('keep_tags ^(a+)+$ against a hostile tag finishes, and matches as RE2 does', async () => {
    const hostile = emulator.seed(`${REPO}:${'a'.repeat(32)}!`, { ageMs: 2 * DAY })
    const tagged = emulator.seed(`${REPO}:aaaa`, { ageMs: 3 * DAY })
    emulator.seed(`${REPO}:0.9.0`, { ageMs: DAY })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, keep_last: '2', keep_tags: '^(a+)+$' }
    })
    expectOutcome(run, { failed: false, deleted_image_ids: JSON.stringify([hostile.id]) })
    expect(deletes()).not.toContain(tagged.id)
  })

  it('keep_tags on several lines: each line protects its own tags', async () => {
    const release = emulator.seed(`${REPO}:v1.0.0`, { ageMs: 3 * DAY })
    const stable = emulator.seed(`${REPO}:stable`, { ageMs: 4 * DAY })
    const old = emulator.seed(`${REPO}:0.8.0`, { ageMs: 5 * DAY })
    emulator.seed(`${REPO}:0.9.0`, { ageMs: DAY })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, keep_last: '2', keep_tags: '^v\\d+\\.\\d+\\.\\d+$\n^stable$' }
    })
    expectOutcome(run, { failed: false, deleted_image_ids: JSON.stringify([old.id]) })
    expect(deletes()).toEqual([old.id])
    expect(run.summary).toContain('Protected, never deleted: 2 (2 matching keep_tags)')
    for (const kept of [release, stable]) expect(run.summary).toContain(`\`${kept.id}\``)
  })

  it('keep_tags: a line RE2 cannot compile is refused before any request, naming the line', async () => {
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, keep_last: '1', keep_tags: '^stable$\n[' }
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/keep_tags \(line 2\): not RE2 syntax/)
    expect(emulator.requests).toEqual([])
  })

  it.each([
    ['^(?=v)', /keep_tags: look-around \(\?=…\) is not supported by RE2 syntax/],
    ['(v)\\1', /keep_tags: back-reference \\1 is not supported by RE2 syntax/],
    ['[', /keep_tags: not RE2 syntax/]
  ])('keep_tags %s is refused before any request', async (keepTags, message) => {
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, keep_last: '1', keep_tags: keepTags }
    })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(message)
    expect(emulator.requests).toEqual([])
  })
})

describe('an image in use (DeleteImage refuses it)', () => {
  it('is kept: a warning, the summary’s protected list, never a failure; the others are deleted', async () => {
    const used = emulator.seed(`${REPO}:0.9`, { ageMs: 3 * DAY })
    used.inUse = true
    const old = emulator.seed(`${REPO}:0.8`, { ageMs: 4 * DAY })
    emulator.seed(`${REPO}:1.0`, { ageMs: 2 * DAY })
    // keep_last: 2 keeps the run's own registration and the newest before it (1.0).
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, swr_path: `${REPO}:1.1`, keep_last: '2' }
    })
    expectOutcome(run, { failed: false, deleted_image_ids: JSON.stringify([old.id]) })
    expect(deletes().sort()).toEqual([used.id, old.id].sort())
    expect(run.log).toContain(
      `::warning::keep_last: image ${used.id} (tag 0.9) kept: in use (ModelArts refused to delete it)`
    )
    expect(run.summary).toContain('1 in use (ModelArts refused to delete them)')
    expect(run.summary).toContain(`- image \`${used.id}\` (tag \`0.9\`)`)
  })

  it('another 4xx refusal stays "not deleted", as before', async () => {
    emulator.seed(`${REPO}:1.0`, { ageMs: 2 * DAY })
    const old = emulator.seed(`${REPO}:0.8`, { ageMs: 4 * DAY })
    emulator.inject({
      kind: 'status',
      method: 'DELETE',
      status: 400,
      body: { error_code: 'ModelArts.0104', error_msg: 'Parameter error: the image is used' }
    })
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, swr_path: `${REPO}:1.1`, keep_last: '2' }
    })
    expect(run.failed).toBe(false)
    expect(run.log).toContain(`keep_last: could not delete image ${old.id}`)
    expect(run.log).not.toContain('kept: in use')
  })
})

describe('keep_last: keep the newest N registrations of the image', () => {
  const seedOlder = () => ({
    v090: emulator.seed(`${REPO}:0.9.0`, { ageMs: 1 * DAY }),
    v080: emulator.seed(`${REPO}:0.8.0`, { ageMs: 2 * DAY }),
    v070: emulator.seed(`${REPO}:0.7.0`, { ageMs: 3 * DAY }),
    release: emulator.seed(`${REPO}:v1.0.0`, { ageMs: 30 * DAY }),
    other: emulator.seed('swr.cn-north-4.myhuaweicloud.com/my-org/other:0.1', { ageMs: 9 * DAY })
  })

  it('deletes the older ones, never forced, and lists them in deleted_image_ids', async () => {
    const old = seedOlder()
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, keep_last: '3', keep_tags: '^v\\d+\\.\\d+\\.\\d+$' }
    })
    expect(errorLine(run.log)).toBeUndefined()
    // keep_last: 3 keeps three: the new one, 0.9.0 and 0.8.0; v1.0.0 matches keep_tags (set aside,
    // not counted); other is another image.
    expect(deletedIds(run.outputs.deleted_image_ids)).toEqual([old.v070.id])
    expect(deletes()).toEqual([old.v070.id])
    expect(emulator.forcedDeletes).toBe(0)
    expect(run.summary).toContain('**keep_last:**')
    expect(run.summary).toContain(`Deleted:\n\n- image \`${old.v070.id}\` (tag \`0.7.0\`)`)
    expect(run.summary).toContain(
      `- image \`${old.release.id}\` (tag \`v1.0.0\`): \`tag v1.0.0 matches keep_tags\``
    )
  })

  it('never deletes a registration made after the step started', async () => {
    const sibling = emulator.seed(`${REPO}:1.1.0`, { ageMs: -5000 })
    const v090 = emulator.seed(`${REPO}:0.9.0`, { ageMs: DAY })
    const old = emulator.seed(`${REPO}:0.8.0`, { ageMs: 2 * DAY })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1' } })
    // keep_last 1 is the new one; the sibling, past the N and made after the start, is protected.
    expect(deletedIds(run.outputs.deleted_image_ids)).toEqual([v090.id, old.id])
    expect(deletes()).not.toContain(sibling.id)
  })

  it('a dry run lists what it would delete and deletes nothing', async () => {
    const old = seedOlder()
    const run = await runAgainst(emulator, {
      inputs: { ...INPUTS, keep_last: '1', dry_run: 'true' }
    })
    expect(run.failed).toBe(false)
    // keep_last 1 would be the registration this run makes: every older one would go.
    for (const image of [old.v090, old.v080, old.v070, old.release])
      expect(run.log).toContain(`would delete image ${image.id}`)
    expect(run.log).not.toContain(`would delete image ${old.other.id}`)
    expect(run.summary).toContain('Kept:\n\n- image `(the new registration)` (tag `1.0.0`)')
    expect(run.log).toContain(`would delete image ${old.v080.id} (tag 0.8.0)`)
    expect(writes()).toEqual([])
    expect(deletedIds(run.outputs.deleted_image_ids)).toEqual([])
    expect(run.summary).toContain(`Would delete:\n\n- image \`${old.v090.id}\` (tag \`0.9.0\`)`)
  })

  it('deletes nothing when the registration fails', async () => {
    seedOlder()
    emulator.options.lifecycleFor = () => [{ status: 'CREATE_FAILED', afterMs: 0 }]
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1' } })
    expect(run.failed).toBe(true)
    expect(deletes()).toEqual([])
    expect(deletedIds(run.outputs.deleted_image_ids)).toEqual([])
  })

  it('keep_last with wait: false is refused before any request', async () => {
    seedOlder()
    emulator.options.lifecycleFor = () => lifecycles.activeAfter(60_000)
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1', wait: 'false' } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/keep_last: needs wait: true/)
    expect(emulator.requests).toEqual([])
  })

  it('a delete that fails is a warning, not a failed step', async () => {
    emulator.seed(`${REPO}:1.0.0-rc1`, { ageMs: DAY / 2 })
    const old = emulator.seed(`${REPO}:0.9.0`, { ageMs: DAY })
    emulator.inject({
      kind: 'status',
      status: 403,
      method: 'DELETE',
      errorCode: 'ModelArts.0203',
      times: Infinity
    })
    const run = await runAgainst(emulator, { inputs: { ...INPUTS, keep_last: '1' } })
    expect(run.failed).toBe(false)
    expect(run.log).toContain(`::warning::keep_last: could not delete image ${old.id} (tag 0.9.0)`)
    expect(deletedIds(run.outputs.deleted_image_ids)).toEqual([])
  })

  it('leaves deleted_image_ids unset without keep_last', async () => {
    seedOlder()
    const run = await runAgainst(emulator, { inputs: INPUTS })
    expect(run.outputs.deleted_image_ids).toBeUndefined()
    expect(deletes()).toEqual([])
  })
})
