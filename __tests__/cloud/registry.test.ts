/**
 * The Docker Registry v2 client (the shared SWR's registry and an Enterprise Edition instance's)
 * against the emulator's registries over real HTTP: the Bearer challenge answered once and the
 * token reused, the manifest asked for with every manifest type it reads, the login kept to the
 * registry's own host, the token masked.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { ServiceStateError } from '../../src/base/errors.js'
import { systemRuntime } from '../../src/base/runtime.js'
import { Budget } from '../../src/budget.js'
import { HttpApi } from '../../src/cloud/http.js'
import { MANIFEST_ACCEPT, RegistryClient, sha256 } from '../../src/cloud/registry.js'
import { completeSwrPath, parseSwrPath } from '../../src/config/swr-path.js'
import type { EmulatorInstance } from '../../tools/emulator/swr-enterprise.js'
import { MemoryLogger } from '../helpers/fake-runtime.js'
import { useEmulator } from '../helpers/emulator.js'

let instance: EmulatorInstance
let http: HttpApi
// Declared first, so that it runs before the emulator closes.
afterEach(() => {
  http.dispose()
})
const emulator = useEmulator({}, started => {
  instance = started.addInstance()
})
beforeEach(() => {
  http = new HttpApi({
    runtime: systemRuntime,
    log: new MemoryLogger(),
    budget: new Budget(systemRuntime, Date.now() + 20_000, new AbortController().signal),
    baseBackoffMs: 10,
    maxBackoffMs: 20
  })
})

/** A client for the instance's registry, logged in with a credential the instance issued. */
function client(swrPath: string, masked: string[] = []): RegistryClient {
  instance.credentials.set('temp_user', 'temp-password')
  const image = completeSwrPath(parseSwrPath(swrPath), 'cn-north-4')
  return new RegistryClient(http, image, 'temp_user:temp-password', s => void masked.push(s))
}
const registryRequests = (): string[] =>
  emulator.requests.filter(r => r.headers.host === instance.host).map(r => `${r.path} ${r.status}`)

describe('RegistryClient', () => {
  it('reads a manifest through the Harbor-style challenge, and masks the token', async () => {
    const path = `${instance.host}/team/trainer:1.0`
    const tag = instance.pushBuildx(path, ['linux/arm64'])
    const masked: string[] = []
    const read = await client(path, masked).manifest('1.0')
    expect(read.digest).toBe(tag.digest)
    expect(read.manifest?.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(masked).toEqual([...instance.tokens])
    expect(registryRequests()).toEqual([
      '/v2/team/trainer/manifests/1.0 401',
      '/service/token 200',
      '/v2/team/trainer/manifests/1.0 200'
    ])
    const token = emulator.requests.find(r => r.path === '/service/token')
    expect(token?.query.get('service')).toBe('harbor-registry')
    expect(token?.query.get('scope')).toBe('repository:team/trainer:pull')
  })

  it('reuses its token for the config blob: one challenge for both', async () => {
    const path = `${instance.host}/team/classic:1.0`
    instance.pushClassic(path, 'linux/arm64')
    const registry = client(path)
    const read = await registry.manifest('1.0')
    const config = (read.manifest?.config as { digest: string }).digest
    expect(await registry.configBlob(config)).toMatchObject({ os: 'linux', architecture: 'arm64' })
    expect(registryRequests().filter(r => r.endsWith(' 401'))).toHaveLength(1)
    expect(registryRequests()).toHaveLength(4)
  })

  it('asks for every manifest type it reads: a registry answers 404 for a type not asked for', async () => {
    const path = `${instance.host}/team/trainer:1.0`
    instance.pushBuildx(path)
    await client(path).manifest('1.0')
    const [token] = [...instance.tokens]
    const url = `http://${instance.host}/v2/team/trainer/manifests/1.0`
    const headers = (accept: string) => ({ Authorization: `Bearer ${token}`, Accept: accept })
    const dockerOnly = 'application/vnd.docker.distribution.manifest.v2+json'
    expect((await fetch(url, { headers: headers(dockerOnly) })).status).toBe(404)
    expect((await fetch(url, { headers: headers(MANIFEST_ACCEPT) })).status).toBe(200)
  })

  it('never sends the login to a realm with another scheme on the same host', async () => {
    instance.options.realm = `https://${instance.host}/service/token`
    const path = `${instance.host}/team/trainer:1.0`
    instance.pushBuildx(path)
    await expect(client(path).manifest('1.0')).rejects.toBeInstanceOf(ServiceStateError)
    expect(emulator.requests.some(r => r.headers.authorization?.startsWith('Basic '))).toBe(false)
  })

  it('a manifest that is not there is the registry’s 404', async () => {
    await expect(client(`${instance.host}/team/none:1.0`).manifest('1.0')).rejects.toMatchObject({
      status: 404
    })
  })
})

describe('helpers', () => {
  it('sha256 names the UTF-8 bytes', () => {
    expect(sha256('')).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    )
  })
})
