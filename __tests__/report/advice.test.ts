import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/base/errors.js'
import { adviceFor } from '../../src/decide/advice.js'
import { REGISTER_DEPENDENCIES } from '../../src/model/permissions.js'

const answer = (errorCode: string) =>
  new ApiError({ what: 'x', status: 400, errorCode, errorMsg: 'm' })

describe('adviceFor: the next step for a known code', () => {
  it.each([
    [
      'ModelArts.6379',
      'ModelArts is not authorized to use SWR for you in region ap-southeast-3: in the ModelArts console of that region, ' +
        'open Settings (Global Configuration) → Add Authorization, authorize this IAM user (or all users) with an agency, and re-run the job'
    ],
    [
      'ModelArts.2885',
      'ModelArts could not read the image in SWR: check that the tag was pushed, that the SWR organization exists in this region ' +
        'and that swr_path names the image; with a classic policy ("Version": "1.1") RegisterImage also needs ' +
        `${REGISTER_DEPENDENCIES.join(', ')} (the answer does not say which is missing)`
    ],
    [
      'ModelArts.2845',
      'the image is larger than ModelArts registers: make it smaller (a slimmer base image, fewer layers) and push it again'
    ],
    [
      'APIG.0308',
      "the account's API rate limit is shared by every job: stagger the jobs, or raise timeout"
    ],
    [
      'APIGW.0101',
      'the endpoint has no such API: check endpoint, iam_endpoint and region (or leave the endpoints to the region)'
    ]
  ])('%s', (code, advice) => {
    expect(adviceFor(answer(code), 'ap-southeast-3')).toBe(advice)
  })

  it('names "the region" when none is known', () => {
    expect(adviceFor(answer('ModelArts.2785'), undefined)).toContain(
      'for you in region the region:'
    )
    expect(adviceFor(answer('ModelArts.2785'), '')).toContain('for you in region the region:')
  })

  it('has none for other codes, and for what is not an answer', () => {
    expect(adviceFor(answer('ModelArts.6737'), 'cn-north-4')).toBeUndefined()
    expect(adviceFor(answer(''), 'cn-north-4')).toBeUndefined()
    expect(adviceFor(new Error('ModelArts.2785'), 'cn-north-4')).toBeUndefined()
  })
})
