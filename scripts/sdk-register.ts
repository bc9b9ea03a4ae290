/**
 * The baseline the benchmark compares against: the same register-and-poll done with Huawei's
 * official Node SDK core (HcClient, AK/SK signing), as a user without this action would script it.
 * Reads SWR_PATH, ENDPOINT, AK, SK, PROJECT_ID from the environment.
 */
import { sdkClient } from '../tools/huawei-sdk.js'

const env = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is required`)
  return value
}

const projectId = env('PROJECT_ID')
const client = sdkClient(env('ENDPOINT'), env('AK'), env('SK'), projectId)
const base = {
  contentType: 'application/json;charset=UTF-8',
  pathParams: { project_id: projectId },
  headers: {},
  queryParams: {}
}

let image = await client.sendRequest({
  ...base,
  method: 'POST',
  url: '/v1/{project_id}/images',
  data: { swr_path: env('SWR_PATH') }
})
let pause = 1000
while (!['ACTIVE', 'CREATE_FAILED', 'ERROR', 'DELETED'].includes(image.status as string)) {
  await new Promise(resolve => setTimeout(resolve, pause))
  pause = Math.min(pause * 2, 10_000)
  image = await client.sendRequest({
    ...base,
    method: 'GET',
    url: `/v1/{project_id}/images/${String(image.id)}`,
    data: {}
  })
}
console.log(`${String(image.id)} ${String(image.status)}`)
process.exitCode = image.status === 'ACTIVE' ? 0 : 1
