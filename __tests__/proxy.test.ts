/**
 * The real network path: the committed bundle, run as a runner runs it, behind HTTPS_PROXY, over
 * TLS, to the default endpoint host names. A CONNECT proxy on 127.0.0.1 tunnels every connection
 * to the emulator's TLS listener, whose certificate is made here for those names and trusted
 * through NODE_EXTRA_CA_CERTS; nothing leaves the machine.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ConnectProxy, startConnectProxy } from '../tools/connect-proxy.js'
import {
  type Emulator,
  TEST_AK,
  TEST_SK,
  lifecycles,
  startEmulator
} from '../tools/emulator/server.js'
import { NODE_24 } from '../tools/node24/install.js'
import { existsSync } from 'node:fs'
import { runProcess } from '../tools/runner.js'

const HOSTS = [
  'modelarts.cn-north-4.myhuaweicloud.com',
  'iam.myhuaweicloud.com',
  'swr-api.cn-north-4.myhuaweicloud.com',
  'swr.cn-north-4.myhuaweicloud.com'
]
const NODE = existsSync(NODE_24) ? NODE_24 : process.execPath

let dir: string
let emulator: Emulator
let proxy: ConnectProxy

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'proxy-tls-'))
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-subj',
      '/CN=myhuaweicloud.test',
      '-addext',
      `subjectAltName=${HOSTS.map(h => `DNS:${h}`).join(',')}`
    ],
    { stdio: 'ignore' }
  )
  emulator = await startEmulator({ lifecycleFor: () => lifecycles.activeAfter(300) })
  for (const version of ['1.0.0', '2.0.0'])
    emulator.pushBuildx(`swr.cn-north-4.myhuaweicloud.com/my-org/behind-proxy:${version}`)
  const tlsPort = await emulator.listenTls({
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8')
  })
  proxy = await startConnectProxy(tlsPort)
})

afterAll(async () => {
  await proxy.close()
  await emulator.close()
  rmSync(dir, { recursive: true, force: true })
})

function runBehindProxy(inputs: Record<string, string> = {}) {
  return runProcess({
    node: NODE,
    args: [join(process.cwd(), 'dist', 'index.js')],
    inputs: {
      swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/behind-proxy:1.0.0',
      access_key_id: TEST_AK,
      secret_access_key: TEST_SK,
      poll_interval: '1s',
      ...inputs
    },
    env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') }
  })
}

it('registers through a CONNECT proxy over TLS to the default endpoints', async () => {
  const run = await runBehindProxy()
  expect(run.stdout).not.toContain('::error::')
  expect(run.code).toBe(0)
  expect(run.outputs).toMatchObject({ status: 'ACTIVE', created: 'true' })
  expect(proxy.tunnels).toContain('iam.myhuaweicloud.com:443')
  expect(proxy.tunnels).toContain('modelarts.cn-north-4.myhuaweicloud.com:443')
  expect(proxy.tunnels).toContain('swr-api.cn-north-4.myhuaweicloud.com:443')
  // The emulator saw the real host names, signed as such.
  const hosts = new Set(emulator.requests.map(r => r.headers.host))
  expect(hosts).toEqual(
    new Set([
      'iam.myhuaweicloud.com',
      'swr-api.cn-north-4.myhuaweicloud.com',
      'modelarts.cn-north-4.myhuaweicloud.com'
    ])
  )
})

it('exits soon after the timeout when a request hangs behind the proxy', async () => {
  emulator.inject({ kind: 'silent', method: 'GET', path: /\/images\/[^/]+$/, times: Infinity })
  emulator.options.lifecycleFor = () => lifecycles.activeAfter(60_000)
  const run = await runBehindProxy({
    swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/behind-proxy:2.0.0',
    timeout: '2s'
  })
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(/::error::timed out after/)
  // timeout 2 s, the last check's 3 s grace, and start-up: nothing waits for the tunnel to close (it used to keep the process ~23 s longer).
  expect(run.ms).toBeLessThan(15_000)
})
