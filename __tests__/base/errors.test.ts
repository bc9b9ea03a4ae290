import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/base/errors.js'

const refused = (status: number, fields: { permission?: string; authorizationMessage?: string }) =>
  new ApiError({ what: 'register image', status, errorCode: 'X.1', errorMsg: 'no', ...fields })

describe('ApiError: what a refusal says', () => {
  it('a 403 ends with the permission its call needs', () => {
    const error = refused(403, { permission: 'modelarts:image:register' })
    expect(error.message).toBe(
      'register image failed: HTTP 403 X.1: no; grant modelarts:image:register'
    )
    expect(error.permission).toBe('modelarts:image:register')
  })

  it('another status, or a call without one, says no grant', () => {
    expect(refused(400, { permission: 'modelarts:image:register' }).message).toBe(
      'register image failed: HTTP 400 X.1: no'
    )
    expect(refused(403, {}).message).toBe('register image failed: HTTP 403 X.1: no')
  })

  it('an encoded authorization message is shown, cleaned, before the grant', () => {
    const error = refused(403, {
      permission: 'swr:repo:getRepoTag',
      authorizationMessage: 'abc\u001b[2Jdef'
    })
    expect(error.message).toBe(
      'register image failed: HTTP 403 X.1: no (encoded authorization message, for your administrator: abc [2Jdef); grant swr:repo:getRepoTag'
    )
  })
})
