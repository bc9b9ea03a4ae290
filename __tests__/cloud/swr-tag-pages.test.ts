import { expect, it } from '@jest/globals'
import * as http from 'node:http'
import { systemRuntime } from '../../src/base/runtime.js'
import { Budget } from '../../src/budget.js'
import { HttpApi, noAuth } from '../../src/cloud/http.js'
import { SwrClient } from '../../src/cloud/swr.js'
import { completeSwrPath, parseSwrPath } from '../../src/config/swr-path.js'

const DIGEST = `sha256:${'a'.repeat(64)}`
const image = completeSwrPath(
  parseSwrPath('swr.cn-north-4.myhuaweicloud.com/org/app:t120'),
  'cn-north-4'
)

/** A server that serves at most 50 tags a page of 250, whatever page size was asked. */
async function withShortPages<T>(use: (swr: SwrClient) => Promise<T>): Promise<T> {
  const all = Array.from({ length: 250 }, (_, i) => ({
    Tag: `t${i}`,
    name: `t${i}`,
    digest: DIGEST
  }))
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const offset = Number(url.searchParams.get('offset') ?? 0)
    const rows = all.slice(offset, offset + 50)
    const instance = url.pathname.startsWith('/v2/instances/')
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Range': `${offset}-${offset + rows.length - 1}/250`
    })
    res.end(JSON.stringify(instance ? { tags: rows, total: 250 } : rows))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const log = { info: () => undefined, debug: () => undefined, warning: () => undefined }
  const budget = new Budget(systemRuntime, Date.now() + 10_000, new AbortController().signal)
  const api = new HttpApi({ runtime: systemRuntime, log, budget })
  try {
    return await use(new SwrClient(api, `http://127.0.0.1:${port}`, noAuth))
  } finally {
    api.dispose()
    server.close()
  }
}

it('ListRepositoryTags served in pages of 50 (Content-Range says 250): the tag on page 3 is found', async () => {
  await withShortPages(async swr => {
    await expect(swr.findTag(image)).resolves.toMatchObject({ digest: DIGEST })
  })
})

it('ListInstanceTags: a short page before the total is an unreadable answer, never "not listed"', async () => {
  await withShortPages(async swr => {
    const instance = swr.instance({ projectId: 'p', instanceId: 'i' })
    await expect(instance.findTag(image)).rejects.toThrow(/a page of 50 tags before the end/)
  })
})
