/**
 * Huawei's official SDK signer as an oracle: for generated requests the action's signer must
 * produce the very same Authorization header, and requests the SDK itself sends must pass the
 * emulator's verifier (so the emulator checks what the real gateway checks, not our own idea of it).
 */
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { signRequest } from '../src/cloud/signer.js'
import { TEST_AK, TEST_PROJECT_ID, TEST_SK } from '../tools/emulator/server.js'
import { sdkClient, sdkCredential, sdkSigner } from '../tools/huawei-sdk.js'
import { sdkIamClient, sdkSwrClient } from '../tools/huawei-sdk-services.js'
import { useEmulator } from './helpers/emulator.js'

/** A small deterministic PRNG (mulberry32), so a failure names a reproducible case. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Path segments avoid '%', "'" and non-ASCII: the SDK signs the path as Node's legacy url.parse
// leaves it, which has already escaped those, so it encodes them twice (a%27b → a%2527b). The
// action never sends such paths: its path segments are hex project ids and UUIDs.
const PATH_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!$&()*+,;=:@'
const QUERY_CHARS = `${PATH_CHARS}' /?#[]%"<>\\^\`{|}ü中文€😀\u00e9`

function pick(random: () => number, chars: string, min: number, max: number): string {
  const all = [...chars]
  const length = min + Math.floor(random() * (max - min + 1))
  return Array.from({ length }, () => all[Math.floor(random() * all.length)]).join('')
}

function generate(seed: number) {
  const random = prng(seed)
  const segments = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
    pick(random, PATH_CHARS, 1, 12)
  )
  const path = `/v1/${segments.join('/')}${random() < 0.2 ? '/' : ''}`
  const query: Record<string, string | string[]> = {}
  const keys = Math.floor(random() * 5)
  for (let i = 0; i < keys; i++) {
    const key = pick(random, 'abcdefghij_', 1, 8)
    query[key] =
      random() < 0.3
        ? Array.from({ length: 2 + Math.floor(random() * 2) }, () =>
            pick(random, QUERY_CHARS, 0, 10)
          )
        : pick(random, QUERY_CHARS, 0, 16)
  }
  const method = (['GET', 'POST', 'DELETE'] as const)[Math.floor(random() * 3)] as string
  const body =
    method === 'GET' || random() < 0.2
      ? undefined
      : {
          swr_path: `swr.cn-north-4.myhuaweicloud.com/org/${pick(random, 'abc', 1, 9)}:${pick(random, QUERY_CHARS, 1, 6)}`,
          resource_category: ['CPU', 'GPU'],
          n: random()
        }
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (random() < 0.5) headers['x-project-id'] = TEST_PROJECT_ID
  const securityToken = random() < 0.3 ? pick(random, PATH_CHARS, 10, 40) : undefined
  const second = String(Math.floor(random() * 60)).padStart(2, '0')
  return { path, query, method, body, headers, securityToken, date: `20240102T0304${second}Z` }
}

describe('the action signer agrees with the official SDK signer', () => {
  const cases = Array.from({ length: 400 }, (_, i) => i + 1)

  it.each(cases)('generated request #%i', seed => {
    const c = generate(seed)
    const host = seed % 3 === 0 ? '127.0.0.1:8443' : 'modelarts.cn-north-4.myhuaweicloud.com'
    const sdkHeaders: Record<string, string> = { ...c.headers, 'X-Sdk-Date': c.date }
    if (c.securityToken) sdkHeaders['X-Security-Token'] = c.securityToken
    const expected = sdkSigner.sign(
      {
        method: c.method,
        endpoint: `https://${host}${c.path}`,
        headers: sdkHeaders,
        queryParams: c.query,
        data: c.body
      },
      sdkCredential(TEST_AK, TEST_SK)
    ).Authorization
    const ours = signRequest(
      {
        method: c.method,
        host,
        path: c.path,
        query: c.query,
        headers: c.headers,
        body: c.body === undefined ? '' : JSON.stringify(c.body)
      },
      { accessKeyId: TEST_AK, secretAccessKey: TEST_SK, securityToken: c.securityToken },
      new Date(Date.UTC(2024, 0, 2, 3, 4, Number(c.date.slice(13, 15))))
    ).Authorization
    expect(ours).toBe(expected)
  })
})

describe('requests the SDK sends pass the emulator', () => {
  const emulator = useEmulator({}, undefined, { once: true })

  it('register, list with an awkward query, show and delete through the SDK HcClient', async () => {
    const client = sdkClient(emulator.url, TEST_AK, TEST_SK, TEST_PROJECT_ID)
    const base = {
      contentType: 'application/json',
      pathParams: { project_id: TEST_PROJECT_ID },
      headers: {}
    }
    const registered = await client.sendRequest({
      ...base,
      method: 'POST',
      url: '/v1/{project_id}/images',
      queryParams: {},
      data: { swr_path: 'swr.cn-north-4.myhuaweicloud.com/my-org/sdk-image:1.0', arch: 'X86_64' }
    })
    expect(registered).toMatchObject({ httpStatusCode: 200, status: 'INIT' })
    const listed = await client.sendRequest({
      ...base,
      method: 'GET',
      url: '/v1/{project_id}/images',
      queryParams: {
        type: 'DEDICATED',
        name: 'sdk-image',
        namespace: 'my org+ü*~',
        sort_key: ['update_at', 'create_at']
      },
      data: {}
    })
    expect(listed).toMatchObject({ httpStatusCode: 200, total: 0 })
    const id = registered.id as string
    const shown = await client.sendRequest({
      ...base,
      method: 'GET',
      url: `/v1/{project_id}/images/${id}`,
      queryParams: {},
      data: {}
    })
    expect(shown).toMatchObject({ httpStatusCode: 200, id })
    const deleted = await client.sendRequest({
      ...base,
      method: 'DELETE',
      url: `/v1/{project_id}/images/${id}`,
      queryParams: {},
      data: { is_force: false }
    })
    expect(deleted).toMatchObject({ httpStatusCode: 200, status: 'DELETED' })
    expect(emulator.requests.map(r => r.status)).toEqual([200, 200, 200, 200])
  })

  it('and the emulator refuses the SDK when the secret is wrong', async () => {
    const client = sdkClient(emulator.url, TEST_AK, 'not-the-secret', TEST_PROJECT_ID)
    await expect(
      client.sendRequest({
        method: 'GET',
        url: '/v1/{project_id}/images',
        contentType: 'application/json',
        pathParams: { project_id: TEST_PROJECT_ID },
        queryParams: {},
        headers: {},
        data: {}
      })
    ).rejects.toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' })
  })
})

describe("SWR's and IAM's own SDK clients pass the emulator", () => {
  const emulator = useEmulator({}, undefined, { once: true })

  it('CreateSecret gives a login that the registry token realm accepts', async () => {
    const client = sdkSwrClient(emulator.url, TEST_AK, TEST_SK, TEST_PROJECT_ID)
    const answer = await client.createSecret('cn-north-4')
    expect(answer.httpStatusCode).toBe(200)
    const auths = answer.auths as Record<string, { auth: string }>
    const login = Buffer.from(auths['swr.cn-north-4.myhuaweicloud.com']?.auth ?? '', 'base64')
    const [user, password] = login.toString().split(/:(.*)/s)
    expect(emulator.registryLogins.get(user ?? '')).toBe(password)
  })

  it('ListRepositoryTags reads the tags pushed, including a repository name with /', async () => {
    const buildx = emulator.pushBuildx('swr.cn-north-4.myhuaweicloud.com/my-org/team/trainer:1.0', [
      'linux/amd64',
      'linux/arm64'
    ])
    emulator.pushClassic('swr.cn-north-4.myhuaweicloud.com/my-org/team/trainer:0.9')
    const client = sdkSwrClient(emulator.url, TEST_AK, TEST_SK, TEST_PROJECT_ID)
    const answer = await client.listRepositoryTags('my-org', 'team$trainer')
    expect(answer.httpStatusCode).toBe(200)
    // The SDK spreads the bare array into its response object ('0', '1', …) beside the headers.
    expect(answer['Content-Range']).toBe('0-1/2')
    const body = Object.keys(answer)
      .filter(key => /^\d+$/.test(key))
      .map(key => answer[key] as { Tag: string; digest: string; tag_type: number })
    expect(body.map(t => [t.Tag, t.tag_type])).toEqual([
      ['1.0', 1],
      ['0.9', 0]
    ])
    expect(body[0]?.digest).toBe(buildx.digest)
  })

  it('the login pulls a manifest through the registry’s Bearer flow, as docker does', async () => {
    const tag = emulator.pushBuildx(`${emulator.registryHost}/my-org/pulled:3.0`, ['linux/arm64'])
    const client = sdkSwrClient(emulator.url, TEST_AK, TEST_SK, TEST_PROJECT_ID)
    const auths = (await client.createSecret('cn-north-4')).auths as Record<
      string,
      { auth: string }
    >
    const manifestUrl = `${emulator.url}/v2/my-org/pulled/manifests/3.0`
    const challenge = await fetch(manifestUrl)
    expect(challenge.status).toBe(401)
    const header = challenge.headers.get('www-authenticate') ?? ''
    const realm = /realm="([^"]+)"/.exec(header)?.[1] ?? ''
    expect(header).toContain('scope="repository:my-org/pulled:pull"')
    const tokenAnswer = await fetch(
      `${realm}?service=dockyard&scope=repository:my-org/pulled:pull`,
      {
        headers: { Authorization: `Basic ${auths[emulator.registryHost]?.auth}` }
      }
    )
    const { token } = (await tokenAnswer.json()) as { token: string }
    const manifest = await fetch(manifestUrl, { headers: { Authorization: `Bearer ${token}` } })
    expect(manifest.status).toBe(200)
    expect(manifest.headers.get('docker-content-digest')).toBe(tag.digest)
    const bytes = await manifest.text()
    expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(tag.digest)
  })

  it('IAM KeystoneListProjects by region name', async () => {
    const client = sdkIamClient(emulator.url, TEST_AK, TEST_SK, 'd0main')
    const answer = await client.listProjects('cn-north-4')
    expect(answer.httpStatusCode).toBe(200)
    expect(answer.projects).toEqual([
      expect.objectContaining({ id: TEST_PROJECT_ID, name: 'cn-north-4' })
    ])
  })

  it('all of them signed correctly: no signed request was refused', () => {
    // The registry's 401 is its Bearer challenge, not a refused signature.
    const signed = emulator.requests.filter(r => /^\/(v2\/manage|v3)\//.test(r.path))
    expect(signed.length).toBeGreaterThanOrEqual(4)
    expect(signed.filter(r => r.status === 401)).toEqual([])
  })
})
