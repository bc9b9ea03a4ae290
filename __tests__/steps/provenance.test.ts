/**
 * loadProvenance: @actions/github is evaluated only after the requests started beside it are
 * written, so its evaluation overlaps their answers instead of delaying them.
 */
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { loadProvenance } from '../../src/steps/provenance.js'

let server: http.Server
beforeAll(async () => {
  server = http.createServer((_req, res) => res.end())
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
})
afterAll(() => new Promise(resolve => server.close(resolve)))

it('writes a request started beside it before @actions/github evaluates', async () => {
  const order: string[] = []
  // The package's context says so on stdout when it is evaluated with an event file that is gone.
  process.env.GITHUB_EVENT_PATH = join(tmpdir(), 'provenance-test-no-such-event.json')
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    if (String(chunk).includes('GITHUB_EVENT_PATH')) order.push('@actions/github evaluated')
    return true
  })
  try {
    const { port } = server.address() as AddressInfo
    const answered = new Promise(resolve => {
      const request = http.get({ host: '127.0.0.1', port, path: '/' }, response =>
        response.resume().on('end', resolve)
      )
      request.on('finish', () => order.push('request written'))
    })
    const provenance = await loadProvenance()
    await answered
    // The package makes its context twice (github.js and utils.js): both after the request.
    expect(order[0]).toBe('request written')
    expect(order.slice(1)).toContain('@actions/github evaluated')
    expect(provenance.serverUrl).toBeDefined()
  } finally {
    write.mockRestore()
    delete process.env.GITHUB_EVENT_PATH
  }
})
