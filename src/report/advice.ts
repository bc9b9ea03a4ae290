/**
 * The next step for what a service's error code means (model/service-codes.ts): where in the
 * console, what to grant, what to check. Fixed words; the region is the input's.
 */
import { REGISTER_DEPENDENCIES } from '../model/permissions.js'
import type { CodeMeaning } from '../model/service-codes.js'

const ADVICE: Readonly<Record<CodeMeaning, (region: string) => string>> = {
  'no-agency': region =>
    `ModelArts is not authorized to use SWR for you in region ${region}: in the ModelArts console of that region, ` +
    'open Settings (Global Configuration) → Add Authorization, authorize this IAM user (or all users) with an agency, and re-run the job',
  'cannot-read-image': () =>
    'ModelArts could not read the image in SWR: check that the tag was pushed, that the SWR organization exists in this region ' +
    'and that swr_path names the image; with a classic policy ("Version": "1.1") RegisterImage also needs ' +
    `${REGISTER_DEPENDENCIES.join(', ')} (the answer does not say which is missing)`,
  'too-large': () =>
    'the image is larger than ModelArts registers: make it smaller (a slimmer base image, fewer layers) and push it again',
  throttled: () =>
    "the account's API rate limit is shared by every job: stagger the jobs, or raise timeout",
  'no-such-api': () =>
    'the endpoint has no such API: check endpoint, iam_endpoint and region (or leave the endpoints to the region)'
}

/** What to do about an answer whose code means `meaning`, in region `region` (when known). */
export function adviceFor(meaning: CodeMeaning, region: string | undefined): string {
  return ADVICE[meaning](region || 'the region')
}
