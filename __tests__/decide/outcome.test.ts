import { describe, expect, it } from '@jest/globals'
import {
  AlreadyRegisteredError,
  ApiError,
  ArchRefusedError,
  CancelledError,
  DeadlineError,
  InputError,
  NetworkError,
  ServiceStateError
} from '../../src/base/errors.js'
import { type Ending, endingOf } from '../../src/decide/outcome.js'
import type { Plan, RunResult } from '../../src/model/run.js'
import { config, elsewhere, error, image, run } from '../helpers/run-result.js'

const REFUSAL = {
  asked: 'AARCH64',
  swrPath: 'swr.example/org/trainer:1',
  digest: `sha256:${'d'.repeat(64)}`,
  platforms: ['linux/amd64'],
  usable: ['X86_64']
}
const plan: Plan = { action: 'register', seen: new Set() }
const api = new ApiError({ what: 'register image', status: 403, errorCode: 'X.1', errorMsg: 'no' })
const agency = new ApiError({
  what: 'register image',
  status: 400,
  errorCode: 'ModelArts.6379',
  errorMsg: 'No IAM agency'
})
const missing = new ServiceStateError('find image_id', 'ModelArts has no image img-9')
const reset = new NetworkError('get a token', 'ECONNRESET')
const differs = new AlreadyRegisteredError('differs', 'it differs: arch')
const ifExistsFail = new AlreadyRegisteredError('if-exists-fail', 'if_exists')
const failed = image({ status: 'CREATE_FAILED' })

describe('endingOf: what happened, as data', () => {
  it.each<[string, RunResult, Ending]>([
    ['a dry run carries its plan', run({ kind: 'dry-run', plan }), { kind: 'dry-run', plan }],
    [
      'final and failed: the record',
      run({ kind: 'final' }, { image: failed, created: true }),
      { kind: 'registration-failed', image: failed }
    ],
    [
      'not waited for, but already failed',
      run({ kind: 'not-waited' }, { image: image({ status: 'ERROR' }) }),
      { kind: 'registration-failed', image: image({ status: 'ERROR' }) }
    ],
    [
      'not waited for',
      run({ kind: 'not-waited' }, { image: image({ status: 'INIT' }) }),
      { kind: 'not-waited' }
    ],
    ['not waited for, no record', run({ kind: 'not-waited' }), { kind: 'not-waited' }],
    [
      'final, created',
      run({ kind: 'final' }, { image: image(), created: true }),
      { kind: 'active' }
    ],
    [
      'final, reused',
      run({ kind: 'final' }, { image: image(), created: false }),
      { kind: 'reused' }
    ],
    ['final, created not known', run({ kind: 'final' }, { image: image() }), { kind: 'reused' }],
    [
      'the wait ran out, with its last problem',
      run({ kind: 'timeout', lastProblem: 'HTTP 503' }),
      { kind: 'timeout', lastProblem: 'HTTP 503' }
    ],
    ['the wait ran out', run({ kind: 'timeout' }), { kind: 'timeout' }],
    [
      'the wait ran out, an empty problem',
      run({ kind: 'timeout', lastProblem: '' }),
      { kind: 'timeout' }
    ],
    ['cancelled', run({ kind: 'cancelled' }), { kind: 'cancelled' }],
    [
      'a CancelledError, with writes left half done',
      run(error(new CancelledError()), { writes: { deletedId: 'old-1' } }),
      {
        kind: 'cancelled',
        error: {
          message: new CancelledError().message,
          cause: { kind: 'other' },
          writes: { deletedId: 'old-1' }
        }
      }
    ],
    [
      'a DeadlineError',
      run(error(new DeadlineError('register image'))),
      {
        kind: 'deadline',
        error: { message: new DeadlineError('register image').message, cause: { kind: 'other' } }
      }
    ],
    [
      'a dry run that would fail',
      run(error(ifExistsFail), { config: config({ dryRun: true }), image: image(), created: true }),
      {
        kind: 'dry-run-fail',
        error: { message: 'if_exists', cause: { kind: 'if-exists-fail' } }
      }
    ],
    [
      'an error after this run registered, with a known code',
      run(error(agency), { image: image(), created: true }),
      {
        kind: 'failed-after-register',
        error: {
          message: agency.message,
          cause: { kind: 'service', what: 'register image' },
          code: 'no-agency'
        }
      }
    ],
    [
      'created, but no record',
      run(error(api), { created: true }),
      {
        kind: 'not-registered',
        error: { message: api.message, cause: { kind: 'service', what: 'register image' } }
      }
    ],
    [
      'a record not this run’s',
      run(error(api), { image: image(), created: false }),
      {
        kind: 'not-registered',
        error: { message: api.message, cause: { kind: 'service', what: 'register image' } }
      }
    ],
    [
      'image_id names nothing',
      run(error(missing), { config: config({ imageId: 'img-9' }) }),
      {
        kind: 'not-found',
        error: { message: missing.message, cause: { kind: 'unknown-image-id' } }
      }
    ],
    [
      'image_id, and no answer',
      run(error(reset), { config: config({ imageId: 'img-9' }) }),
      {
        kind: 'not-found',
        error: { message: reset.message, cause: { kind: 'service', what: 'get a token' } }
      }
    ],
    [
      'image_id, and its record read',
      run(error(missing), { config: config({ imageId: 'img-9' }), image: image() }),
      {
        kind: 'not-registered',
        error: { message: missing.message, cause: { kind: 'service', what: 'find image_id' } }
      }
    ],
    [
      'image_id, and an input problem',
      run(error(new InputError(['a'])), { config: config({ imageId: 'img-9' }) }),
      {
        kind: 'not-registered',
        error: { message: 'a', cause: { kind: 'invalid-inputs', count: 1 } }
      }
    ],
    [
      'inputs, no config',
      run(error(new InputError(['a', 'b'])), { config: undefined }),
      {
        kind: 'not-registered',
        error: {
          message: '2 inputs are invalid:\n- a\n- b',
          cause: { kind: 'invalid-inputs', count: 2 }
        }
      }
    ],
    [
      'the wrong arch',
      run(error(new ArchRefusedError(REFUSAL))),
      {
        kind: 'not-registered',
        error: {
          message: 'swr.example/org/trainer:1 is not built for arch AARCH64',
          cause: { kind: 'arch-refused', refusal: REFUSAL }
        }
      }
    ],
    [
      'a registration that differs',
      run(error(differs)),
      { kind: 'not-registered', error: { message: 'it differs: arch', cause: { kind: 'differs' } } }
    ],
    [
      'the tag registered elsewhere',
      run(error(elsewhere)),
      {
        kind: 'not-registered',
        error: { message: elsewhere.message, cause: { kind: 'registered-elsewhere' } }
      }
    ],
    [
      'anything else thrown, a write answer lost',
      run(error('boom'), { writes: { answerLost: true } }),
      {
        kind: 'not-registered',
        error: { message: 'boom', cause: { kind: 'other' }, writes: { answerLost: true } }
      }
    ]
  ])('%s', (_name, result, ending) => {
    expect(endingOf(result)).toStrictEqual(ending)
  })
})
