import { describe, expect, it } from '@jest/globals'
import {
  ApiError,
  CancelledError,
  DeadlineError,
  InputError,
  NetworkError,
  ServiceStateError,
  AlreadyRegisteredError,
  ArchRefusedError
} from '../../src/base/errors.js'
import { type Conclusion, conclude, planText } from '../../src/report/conclusion.js'
import { codeSpan } from '../../src/report/markdown.js'
import type { Plan, RunResult } from '../../src/model/run.js'
import { PATH, config, elsewhere, error, image, run } from '../helpers/run-result.js'

const seen: ReadonlySet<string> = new Set()
const register: Plan = { action: 'register', seen }
const reuse: Plan = { action: 'reuse', image: image(), arch: 'X86_64', why: 'the same image' }
const replace: Plan = {
  action: 'replace',
  image: image({ id: 'img-old' }),
  arch: 'X86_64',
  differences: [],
  why: 'it differs',
  seen
}
const RERUN = 're-run the job to wait again (the registration is reused), or raise timeout'
const DRY_NEXT = 'set dry_run: false (or remove it) to do this'
const FAILED_NEXT =
  'read the status message, fix the image (or the inputs), and re-run the job: a failed registration is replaced'
const INPUT_NEXT = 'fix the workflow’s with: inputs and re-run the job'
const API_NEXT =
  'fix what the error names (credentials, permissions, the endpoint) and re-run the job'
const IMAGE_ID_NEXT =
  'check that image_id names a registration in this region and project (the step that registered it sets it as its image_id output), and re-run the job'
const missingId = new ServiceStateError('find image_id', 'ModelArts has no image no-such-image')
const api = new ApiError({ what: 'register image', status: 403, errorCode: 'X.1', errorMsg: 'no' })
const differs = new AlreadyRegisteredError(
  'differs',
  `${PATH} is registered as image img-1, but it differs from what this run would register: arch`
)
const ifExistsFail = new AlreadyRegisteredError(
  'if-exists-fail',
  `${PATH} is registered as image img-1 (status ACTIVE), and if_exists is fail`
)

const cases: [string, RunResult, Conclusion][] = [
  [
    'dry run: would register, with an arch',
    run({ kind: 'dry-run', plan: register }, { arch: 'AARCH64' }),
    {
      kind: 'dry-run',
      headline: `🧪 Dry run: would register \`${PATH}\` as \`AARCH64\``,
      nextStep: DRY_NEXT
    }
  ],
  [
    'dry run: would register, the service default arch',
    run({ kind: 'dry-run', plan: register }),
    { kind: 'dry-run', headline: `🧪 Dry run: would register \`${PATH}\``, nextStep: DRY_NEXT }
  ],
  [
    'dry run: would reuse',
    run({ kind: 'dry-run', plan: reuse }),
    {
      kind: 'dry-run',
      headline: '🧪 Dry run: would reuse image `img-1` (`ACTIVE`)',
      nextStep: DRY_NEXT
    }
  ],
  [
    'dry run: would replace',
    run({ kind: 'dry-run', plan: replace }),
    {
      kind: 'dry-run',
      headline: '🧪 Dry run: would delete image `img-old` and register again',
      nextStep: DRY_NEXT
    }
  ],
  [
    'dry run: would wait on image_id',
    run({
      kind: 'dry-run',
      plan: { action: 'wait', image: image({ status: 'CREATING' }), arch: 'X86_64' }
    }),
    {
      kind: 'dry-run',
      headline: '🧪 Dry run: would wait on image `img-1` (`CREATING`)',
      nextStep: DRY_NEXT
    }
  ],
  [
    'final: CREATE_FAILED with a status message',
    run(
      { kind: 'final' },
      { image: image({ status: 'CREATE_FAILED', status_message: 'pull failed' }), created: true }
    ),
    {
      kind: 'registration-failed',
      failure: `image img-1 (${PATH}) is CREATE_FAILED: pull failed`,
      headline: '❌ Registration failed: `CREATE_FAILED`',
      nextStep: FAILED_NEXT
    }
  ],
  [
    'final: ERROR without a status message, no config: the record’s path',
    run(
      { kind: 'final' },
      { config: undefined, image: image({ status: 'ERROR', swr_path: 'other/path:1' }) }
    ),
    {
      kind: 'registration-failed',
      failure: 'image img-1 (other/path:1) is ERROR',
      headline: '❌ Registration failed: `ERROR`',
      nextStep: FAILED_NEXT
    }
  ],
  [
    'not waited for, but already DELETED',
    run({ kind: 'not-waited' }, { image: image({ status: 'DELETED' }) }),
    {
      kind: 'registration-failed',
      failure: `image img-1 (${PATH}) is DELETED`,
      headline: '❌ Registration failed: `DELETED`',
      nextStep: FAILED_NEXT
    }
  ],
  [
    'not waited for: INIT',
    run({ kind: 'not-waited' }, { image: image({ status: 'INIT' }), created: true }),
    {
      kind: 'not-waited',
      headline: '✅ Registered, not waited for: status `INIT`',
      nextStep: 'later steps must wait for ACTIVE before they use the image (wait: true does)'
    }
  ],
  [
    'not waited for, no record',
    run({ kind: 'not-waited' }),
    {
      kind: 'not-waited',
      headline: '✅ Registered, not waited for: status `unknown`',
      nextStep: 'later steps must wait for ACTIVE before they use the image (wait: true does)'
    }
  ],
  [
    'final: ACTIVE, created by this run',
    run({ kind: 'final' }, { image: image(), created: true }),
    { kind: 'active', headline: '✅ ACTIVE: registered by this run' }
  ],
  [
    'final: ACTIVE, reused',
    run({ kind: 'final' }, { image: image(), created: false }),
    { kind: 'reused', headline: '✅ Reused: the existing registration is ACTIVE' }
  ],
  [
    'timeout, with the last problem',
    run(
      { kind: 'timeout', lastProblem: 'HTTP 503' },
      { image: image({ status: 'CREATING' }), created: true }
    ),
    {
      kind: 'timeout',
      failure: `timed out after 1m 05s (timeout 30m 00s): image img-1 is still CREATING; the last check failed: HTTP 503. ModelArts goes on with it: ${RERUN}`,
      headline: '⏱️ Timed out waiting for ACTIVE: status `CREATING`',
      nextStep: RERUN
    }
  ],
  [
    'timeout, no config, no last problem',
    run({ kind: 'timeout' }, { config: undefined, image: image({ status: 'INIT' }) }),
    {
      kind: 'timeout',
      failure: `timed out after 1m 05s (timeout 0s): image img-1 is still INIT. ModelArts goes on with it: ${RERUN}`,
      headline: '⏱️ Timed out waiting for ACTIVE: status `INIT`',
      nextStep: RERUN
    }
  ],
  [
    'timeout before any record was read',
    run({ kind: 'timeout' }),
    {
      kind: 'timeout',
      failure: `timed out after 1m 05s (timeout 30m 00s): no image record was read. ModelArts goes on with it: ${RERUN}`,
      headline: '⏱️ Timed out waiting for ACTIVE: status `unknown`',
      nextStep: RERUN
    }
  ],
  [
    'cancelled, with a record',
    run({ kind: 'cancelled' }, { image: image({ status: 'CREATING' }) }),
    {
      kind: 'cancelled',
      failure: 'cancelled after 1m 05s; image img-1 was CREATING',
      headline: '⏹️ Cancelled'
    }
  ],
  [
    'cancelled, no record',
    run({ kind: 'cancelled' }),
    { kind: 'cancelled', failure: 'cancelled after 1m 05s', headline: '⏹️ Cancelled' }
  ],
  [
    'a CancelledError',
    run(error(new CancelledError()), { image: image({ status: 'INIT' }) }),
    {
      kind: 'cancelled',
      failure: 'cancelled after 1m 05s; image img-1 was INIT',
      headline: '⏹️ Cancelled'
    }
  ],
  [
    'a DeadlineError',
    run(error(new DeadlineError('register image'))),
    {
      kind: 'deadline',
      failure: "timed out after 1m 05s: register image did not finish before the step's timeout",
      headline: '⏱️ Timed out',
      nextStep: 'raise timeout, or re-run the job'
    }
  ],
  [
    'dry run: would fail, if_exists: fail',
    run(error(ifExistsFail), { config: config({ dryRun: true }) }),
    {
      kind: 'dry-run-fail',
      failure: `dry run: would fail: ${ifExistsFail.message}`,
      headline: '🧪 Dry run: would fail: already registered, and if_exists is fail',
      nextStep: 'use another tag, or set if_exists: reuse or if_exists: replace'
    }
  ],
  [
    'an error after this run registered',
    run(error(api), { image: image({ status: 'CREATING' }), created: true }),
    {
      kind: 'failed-after-register',
      failure: 'register image failed: HTTP 403 X.1: no',
      headline: '❌ Failed after registering image `img-1`',
      nextStep: 're-run the job: the registration is found and reused'
    }
  ],
  [
    'created, but no record: not registered',
    run(error(api), { created: true }),
    {
      kind: 'not-registered',
      failure: 'register image failed: HTTP 403 X.1: no',
      headline: '❌ Not registered: register image failed',
      nextStep: API_NEXT
    }
  ],
  [
    'a record that is not this run’s: not registered',
    run(error(api), { image: image(), created: false }),
    {
      kind: 'not-registered',
      failure: 'register image failed: HTTP 403 X.1: no',
      headline: '❌ Not registered: register image failed',
      nextStep: API_NEXT
    }
  ],
  [
    'the wrong arch',
    run(
      error(
        new ArchRefusedError({
          asked: 'AARCH64',
          swrPath: PATH,
          digest: 'sha256:d',
          platforms: ['linux/amd64'],
          usable: ['X86_64']
        })
      )
    ),
    {
      kind: 'not-registered',
      failure: `arch is AARCH64 but ${PATH} (sha256:d) is built for linux/amd64 only: set arch: X86_64, or build and push linux/arm64`,
      headline: '❌ Not registered: the image is not built for this architecture',
      nextStep: 'push the image for that architecture (docker buildx --platform), or change arch'
    }
  ],
  [
    'one input problem',
    run(error(new InputError(['arch: got "sparc"']))),
    {
      kind: 'not-registered',
      failure: 'arch: got "sparc"',
      headline: '❌ Not registered: an input is invalid',
      nextStep: INPUT_NEXT
    }
  ],
  [
    'three input problems',
    run(error(new InputError(['a', 'b', 'c'])), { config: undefined }),
    {
      kind: 'not-registered',
      failure: '3 inputs are invalid:\n- a\n- b\n- c',
      headline: '❌ Not registered: 3 inputs are invalid',
      nextStep: INPUT_NEXT
    }
  ],
  [
    'two input problems',
    run(error(new InputError(['a', 'b']))),
    {
      kind: 'not-registered',
      failure: '2 inputs are invalid:\n- a\n- b',
      headline: '❌ Not registered: 2 inputs are invalid',
      nextStep: INPUT_NEXT
    }
  ],
  [
    'if_exists: fail',
    run(error(ifExistsFail), { image: image(), created: false }),
    {
      kind: 'not-registered',
      failure: ifExistsFail.message,
      headline: '❌ Not registered: already registered, and if_exists is fail',
      nextStep: 'use another tag, or set if_exists: reuse or if_exists: replace'
    }
  ],
  [
    'a registration that differs',
    run(error(differs)),
    {
      kind: 'not-registered',
      failure: differs.message,
      headline: '❌ Not registered: the existing registration differs',
      nextStep: 'fix the inputs (or the tag), or set if_exists: replace to register it again'
    }
  ],
  [
    'no answer',
    run(error(new NetworkError('get a token', 'ECONNRESET'))),
    {
      kind: 'not-registered',
      failure: 'get a token failed: ECONNRESET',
      headline: '❌ Not registered: get a token failed',
      nextStep: API_NEXT
    }
  ],
  [
    'an answer the action cannot act on',
    run(error(new ServiceStateError('find the project', 'none'))),
    {
      kind: 'not-registered',
      failure: 'find the project failed: none',
      headline: '❌ Not registered: find the project failed',
      nextStep: API_NEXT
    }
  ],
  [
    'the tag registered from another registry',
    run(error(elsewhere)),
    {
      kind: 'not-registered',
      failure: elsewhere.message,
      headline: '❌ Not registered: the tag is registered from another registry',
      nextStep: 'use another tag, or another workspace'
    }
  ],
  [
    'anything else thrown',
    run(error('boom')),
    {
      kind: 'not-registered',
      failure: 'boom',
      headline: '❌ Not registered: the step failed',
      nextStep: 'fix what the error names and re-run the job'
    }
  ],
  [
    'a wait on an image_id that does not exist: not found, never not registered',
    run(error(missingId), { config: config({ imageId: 'no-such-image' }) }),
    {
      kind: 'not-found',
      failure: 'find image_id failed: ModelArts has no image no-such-image',
      headline: '❌ Not found: image `no-such-image`',
      nextStep: IMAGE_ID_NEXT
    }
  ],
  [
    'a wait on image_id that fails before its record is read: not found, the API’s next step',
    run(error(new NetworkError('find image_id', 'ECONNRESET')), {
      config: config({ imageId: 'img-9' })
    }),
    {
      kind: 'not-found',
      failure: 'find image_id failed: ECONNRESET',
      headline: '❌ Not found: image `img-9`',
      nextStep: API_NEXT
    }
  ]
]

describe('conclude: the error line, the headline, the next step', () => {
  it.each(cases)('%s', (_name, result, expected) => {
    expect(conclude(result)).toStrictEqual(expected)
  })

  it.each(cases)('%s: "Next" names a step, never text that is not there', (_name, result) => {
    expect(conclude(result).nextStep ?? '').not.toMatch(/below|above/)
  })

  it('a status that is Markdown stays inside a code span', () => {
    const result = run({ kind: 'not-waited' }, { image: image({ status: '<b>`x`</b>' }) })
    expect(conclude(result).headline).toBe('✅ Registered, not waited for: status ``<b>`x`</b>``')
  })
})

describe('planText: what a dry run would do, for the log', () => {
  it.each<[string, Pick<RunResult, 'config' | 'arch'>, Plan, string]>([
    [
      'register as an arch',
      { config: config(), arch: 'AARCH64' },
      register,
      `would register ${PATH} as AARCH64`
    ],
    ['register, default arch', { config: config() }, register, `would register ${PATH}`],
    ['register, no config', {}, register, 'would register '],
    ['reuse', { config: config() }, reuse, 'would reuse image img-1 (ACTIVE)'],
    [
      'wait',
      { config: config() },
      { action: 'wait', image: image({ status: 'CREATING' }), arch: 'X86_64' },
      'would wait on image img-1 (CREATING)'
    ],
    [
      'replace',
      { config: config() },
      replace,
      'would delete image img-old and register again (it differs)'
    ]
  ])('%s', (_name, result, plan, text) => {
    expect(planText(result, plan)).toBe(text)
  })

  it('the headline without a config names an empty path', () => {
    const result = run({ kind: 'dry-run', plan: register }, { config: undefined })
    expect(conclude(result).headline).toBe('🧪 Dry run: would register ``')
  })
})

describe('codeSpan: literal text', () => {
  it.each([
    ['plain', '`plain`'],
    ['a|b', '`a|b`'],
    ['a`b', '``a`b``'],
    ['a``b`', '``` a``b` ```'],
    ['`a', '`` `a ``'],
    ['', '``']
  ])('%s', (text, span) => {
    expect(codeSpan(text)).toBe(span)
  })
})

describe('conclude: a failure that left a write half done says so', () => {
  const GONE = 'the old registration old-1 was deleted; no new one was made: re-run to register'
  const GONE_HEADLINE =
    'the old registration `old-1` was deleted; no new one was made: re-run to register'
  const MAY_EXIST = 'a registration may exist: a re-run reuses it'
  it.each<[string, RunResult, string, string]>([
    [
      'a refused POST after replace deleted the old one',
      run(error(api), { writes: { deletedId: 'old-1' } }),
      `${api.message}; ${GONE}`,
      `❌ Not registered: register image failed; ${GONE_HEADLINE}`
    ],
    [
      'a lost answer',
      run(error(new DeadlineError('register image')), { writes: { answerLost: true } }),
      `timed out after 1m 05s: ${new DeadlineError('register image').message}; ${MAY_EXIST}`,
      `⏱️ Timed out; ${MAY_EXIST}`
    ],
    [
      'both, on a cancel',
      run(error(new CancelledError()), { writes: { deletedId: 'old-1', answerLost: true } }),
      `cancelled after 1m 05s; ${GONE}; ${MAY_EXIST}`,
      `⏹️ Cancelled; ${GONE_HEADLINE}; ${MAY_EXIST}`
    ],
    [
      'nothing half done',
      run(error(api), { writes: { answerLost: false } }),
      api.message,
      '❌ Not registered: register image failed'
    ]
  ])('%s', (_, result, failure, headline) => {
    const conclusion = conclude(result)
    expect(conclusion.failure).toBe(failure)
    expect(conclusion.headline).toBe(headline)
  })
})

describe('an answer with a known code ends in its next step', () => {
  const coded = new ApiError({
    what: 'register image',
    status: 400,
    errorCode: 'ModelArts.6379',
    errorMsg: 'No IAM agency created in Settings.'
  })

  it('the error line and the summary both say it, with the region', () => {
    const conclusion = conclude(run(error(coded), { config: config({ region: 'ap-southeast-3' }) }))
    expect(conclusion.failure).toBe(
      'register image failed: HTTP 400 ModelArts.6379: No IAM agency created in Settings.; ' +
        'ModelArts is not authorized to use SWR for you in region ap-southeast-3: in the ModelArts console of that region, ' +
        'open Settings (Global Configuration) → Add Authorization, authorize this IAM user (or all users) with an agency, and re-run the job'
    )
    expect(conclusion.nextStep).toBe(conclusion.failure?.split('; ')[1])
    expect(conclusion.kind).toBe('not-registered')
  })

  it('after registering, too', () => {
    const conclusion = conclude(
      run(error(coded), { config: config({ region: 'cn-north-4' }), created: true, image: image() })
    )
    expect(conclusion.kind).toBe('failed-after-register')
    expect(conclusion.failure).toContain(
      '; ModelArts is not authorized to use SWR for you in region cn-north-4'
    )
  })

  it('an answer with another code is as it was', () => {
    const conclusion = conclude(run(error(api)))
    expect(conclusion.failure).toBe(api.message)
    expect(conclusion.nextStep).toBe(
      'fix what the error names (credentials, permissions, the endpoint) and re-run the job'
    )
  })
})
