import { describe, expect, it } from '@jest/globals'
import { adviceFor } from '../../src/report/advice.js'
import { REGISTER_DEPENDENCIES } from '../../src/model/permissions.js'
import { type CodeMeaning, meaningOf } from '../../src/model/service-codes.js'

const meaning = (code: string): CodeMeaning => {
  const known = meaningOf(code)
  if (!known) throw new Error(`no meaning for ${code}`)
  return known
}

describe('adviceFor: the next step for what a known code means', () => {
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
    expect(adviceFor(meaning(code), 'ap-southeast-3')).toBe(advice)
  })

  it('names "the region" when none is known', () => {
    expect(adviceFor('no-agency', undefined)).toContain('for you in region the region:')
    expect(adviceFor('no-agency', '')).toContain('for you in region the region:')
  })
})
