import { expect, it } from '@jest/globals'
import * as http from 'node:http'
import { systemRuntime } from '../../src/base/runtime.js'
import { Secrets } from '../../src/base/secrets.js'
import { Budget } from '../../src/budget.js'
import { HttpApi, noAuth } from '../../src/cloud/http.js'

it('an HTTP reason phrase that echoes a token is redacted before it is cut', async () => {
  const token = 'T'.repeat(3000) // an IAM token of a few KB
  const server = http.createServer((_req, res) => {
    res.writeHead(400, `bad token ${token}`, { 'Content-Length': '0' })
    res.end()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const secrets = new Secrets(() => undefined)
  secrets.add(token)
  const log = { info: () => undefined, debug: () => undefined, warning: () => undefined }
  const budget = new Budget(systemRuntime, Date.now() + 10_000, new AbortController().signal)
  const api = new HttpApi({ runtime: systemRuntime, log, budget, redact: t => secrets.redact(t) })
  let message = ''
  try {
    await api.send({
      what: 'probe',
      method: 'GET',
      endpoint: `http://127.0.0.1:${port}`,
      path: '/',
      auth: noAuth,
      retry: 'transient'
    })
  } catch (error) {
    message = (error as Error).message
  } finally {
    api.dispose()
    server.close()
  }
  expect(message).toContain('HTTP 400')
  expect(message).not.toMatch(/T{20}/)
})

it.each([
  [
    'declared to bring secrets: not quoted',
    true,
    'the answer was not quoted: it may carry credentials'
  ],
  ['an ordinary answer: quoted', false, '<html>password hunter2</html>']
])('an error without a message or a reason phrase, %s', async (_, secrets, expected) => {
  const server = http.createServer((_req, res) => {
    res.writeHead(400, '', { 'Content-Type': 'text/html' })
    res.end('<html>password hunter2</html>')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const log = { info: () => undefined, debug: () => undefined, warning: () => undefined }
  const budget = new Budget(systemRuntime, Date.now() + 10_000, new AbortController().signal)
  const api = new HttpApi({ runtime: systemRuntime, log, budget })
  const request = {
    what: 'probe',
    method: 'GET' as const,
    endpoint: `http://127.0.0.1:${port}`,
    path: '/',
    auth: noAuth,
    retry: 'transient' as const,
    ...(secrets ? { answerSecrets: { of: () => [], mask: () => undefined } } : {})
  }
  const error = await api.send(request).catch((e: unknown) => e)
  api.dispose()
  server.close()
  expect(error).toMatchObject({ status: 400, errorMsg: expected })
})
