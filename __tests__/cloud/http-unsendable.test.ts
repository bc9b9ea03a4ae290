import { expect, it } from '@jest/globals'
import * as http from 'node:http'
import { FakeRuntime, MemoryLogger } from '../helpers/fake-runtime.js'
import { Budget } from '../../src/budget.js'
import { HttpApi, accessKeyAuth } from '../../src/cloud/http.js'

it('a header Node cannot send (a token that is not ASCII) is not retried as a network error, and nothing is sent', async () => {
  let hits = 0
  const server = http.createServer((_req, res) => {
    hits++
    res.end('{}')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const runtime = new FakeRuntime(Date.now())
  const log = new MemoryLogger()
  const budget = new Budget(runtime, runtime.now() + 600_000, new AbortController().signal)
  const api = new HttpApi({ runtime, log, budget })
  const auth = accessKeyAuth({
    accessKeyId: 'HSTAEXAMPLE',
    secretAccessKey: 'sk',
    securityToken: 'tok\u4e2d'
  })
  let error: unknown
  try {
    await api.send({
      what: 'list',
      method: 'GET',
      endpoint: `http://127.0.0.1:${port}`,
      path: '/',
      auth,
      retry: 'transient'
    })
  } catch (e) {
    error = e
  } finally {
    api.dispose()
    server.close()
  }
  expect(runtime.pauses).toEqual([])
  expect(hits).toBe(0)
  expect(String(error)).toMatch(/Invalid character in header content/)
})
