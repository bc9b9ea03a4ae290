import { afterEach, beforeEach, expect, it } from '@jest/globals'
import {
  type Emulator,
  TEST_PROJECT_ID,
  lifecycles,
  startEmulator
} from '../tools/emulator/server.js'
import { errorLine, runAgainst } from './helpers/run-action.js'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator({ lifecycleFor: () => lifecycles.activeAtOnce() })
})
afterEach(async () => {
  await emulator.close()
})

it('ModelArts.2785 (ModelArts itself not authorized, 403) does not tell the user to grant a permission they have', async () => {
  emulator.inject({
    kind: 'status',
    status: 403,
    errorCode: 'ModelArts.2785',
    method: 'POST',
    path: /^\/v1\/[^/]+\/images$/,
    body: {
      error_code: 'ModelArts.2785',
      error_msg: 'AuthorizationNotFound: go to the Settings page to authorize ModelArts'
    }
  } as never)
  const run = await runAgainst(emulator, {
    inputs: { project_id: TEST_PROJECT_ID, check_image: 'false' }
  })
  const line = errorLine(run.log) ?? ''
  expect(line).toContain('Settings')
  expect(line).not.toContain('grant modelarts:image:register')
})
