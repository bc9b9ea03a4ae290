/**
 * What the services' error codes mean, as data: what cloud/ retries and what report/ words the
 * next step from.
 */

/** What an error code tells the action. */
export type CodeMeaning =
  /** ModelArts has no agency (authorization) to act for the user in this region. */
  | 'no-agency'
  /** ModelArts could not read the image in SWR. */
  | 'cannot-read-image'
  /** The image is larger than ModelArts registers. */
  | 'too-large'
  /** Throttled: retried as a 429 is, whatever the HTTP status. */
  | 'throttled'
  /** A gateway knows no such API at this endpoint. */
  | 'no-such-api'

/** Every code the action has a rule for, and what it means. */
export const CODE_MEANINGS: Readonly<Record<string, CodeMeaning>> = {
  'ModelArts.2785': 'no-agency',
  'ModelArts.6379': 'no-agency',
  'ModelArts.0428': 'no-agency',
  'ModelArts.2885': 'cannot-read-image',
  'ModelArts.6797': 'cannot-read-image',
  'ModelArts.2810': 'cannot-read-image',
  'ModelArts.6771': 'too-large',
  'ModelArts.2845': 'too-large',
  'APIG.0308': 'throttled',
  'APIGW.0308': 'throttled',
  'ModelArts.2799': 'throttled',
  'ModelArts.4206': 'throttled',
  'ModelArts.6101': 'throttled',
  'APIG.0101': 'no-such-api',
  'APIGW.0101': 'no-such-api'
}

/** The meaning of a service's error code; undefined for a code the action has no rule for. */
export function meaningOf(code: string): CodeMeaning | undefined {
  return Object.hasOwn(CODE_MEANINGS, code) ? CODE_MEANINGS[code] : undefined
}
