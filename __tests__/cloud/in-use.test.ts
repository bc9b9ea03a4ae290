import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/base/errors.js'
import { isInUse } from '../../src/cloud/modelarts.js'

const answer = (status: number, errorMsg: string) =>
  new ApiError({ what: 'delete existing registration', status, errorCode: 'X', errorMsg })

describe('isInUse: a DeleteImage refusal for an image in use (no documented code)', () => {
  it.each<[number, string, boolean]>([
    [400, 'The image is being used by notebook instances.', true],
    [400, 'image in use', true],
    [409, 'Image IS USED BY a training job', true],
    [403, 'the image is in use', false],
    [401, 'the image is in use', false],
    [402, 'the image is in use', true],
    [404, 'the image is in use', true],
    [499, 'in use', true],
    [400, 'Parameter error: the image is used', false],
    [400, 'reuse of the image', false],
    [400, 'misused by', false],
    [500, 'the image is in use', false],
    [399, 'the image is in use', false],
    [404, 'Image not found.', false]
  ])('%s %s: %s', (status, message, expected) => {
    expect(isInUse(answer(status, message))).toBe(expected)
  })

  it('is only an answer of the service', () => {
    expect(isInUse(new Error('the image is in use'))).toBe(false)
  })
})
