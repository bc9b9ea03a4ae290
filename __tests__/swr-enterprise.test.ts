/**
 * Images in an SWR Enterprise Edition instance (swr_instance_id), checked like images in the shared
 * SWR: the instance's address against swr_path, the tag in the instance, the platforms from its own
 * registry (a host of its own, `localhost:{port}`, with a Harbor-style Bearer challenge), the same
 * arch decision and outputs; X-Project-Id signed into SWR calls; re-runs; the temporary credential
 * kept out of the log, the summary and the outputs. Over real HTTP against the emulator.
 */
import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../src/base/errors.js'
import { isNotFound } from '../src/cloud/modelarts.js'
import { instanceHost, servesRegistry } from '../src/base/hosts.js'
import { parseConfig } from '../src/config/inputs.js'
import type { EmulatorInstance } from '../tools/emulator/swr-enterprise.js'
import { TEST_PROJECT_ID } from '../tools/emulator/server.js'
import { errorLine, runAgainst } from './helpers/run-action.js'
import { SwrClient } from '../src/cloud/swr.js'
import { completeSwrPath, parseSwrPath } from '../src/config/swr-path.js'
import { checkImage } from '../src/steps/image-check.js'
import { signedGet, testAuth, testHttp, testRun } from './helpers/signed.js'
import { ACTIVE_AT_ONCE, IMAGES, MODELARTS, answer, useEmulator } from './helpers/emulator.js'

const INSTANCE_API = /^\/v2\/([^/]+\/)?instances\//
const TAGS = /^\/v2\/instances\/[^/]+\/namespaces\/[^/]+\/repositories\/[^/]+\/tags$/
const SWR_OR_REGISTRY = /^\/(v2|swr|service)\//

let instance: EmulatorInstance
let path: string
const emulator = useEmulator(ACTIVE_AT_ONCE, started => {
  instance = started.addInstance('instance-0001')
  path = `${instance.host}/team/trainer:1.0`
})

/** A run with the image in the instance (region given: the path names none). */
const runEnterprise = (inputs: Record<string, string> = {}) =>
  runAgainst(emulator, {
    inputs: { swr_path: path, region: 'cn-north-4', swr_instance_id: instance.id, ...inputs }
  })
const posted = (): Record<string, unknown> =>
  JSON.parse(
    emulator.requests.find(r => r.method === 'POST' && IMAGES.test(r.path))?.body ?? '{}'
  ) as Record<string, unknown>
const swrRequests = (): string[] =>
  emulator.requests
    .filter(r => SWR_OR_REGISTRY.test(r.path))
    .map(r => `${r.method} ${r.headers.host === instance.host ? 'registry' : 'api'} ${r.status}`)
/** ModelArts' look-up (a GET) runs beside the check; a definite fact stops the step before any write. */
const modelArtsWrites = (): number =>
  emulator.requests.filter(r => MODELARTS.test(r.path) && r.method !== 'GET').length

describe('which registry an access_address serves', () => {
  it.each<[string, string, boolean]>([
    ['team.swr.cn-north-4.myhuaweicloud.com', 'team.swr.cn-north-4.myhuaweicloud.com', true],
    [
      'https://team.swr.cn-north-4.myhuaweicloud.com/',
      'team.swr.cn-north-4.myhuaweicloud.com',
      true
    ],
    ['https://Team.Example:443', 'team.example', true],
    ['team.example', 'team.example:5000', true],
    ['team.example:5000', 'team.example:5000', true],
    ['team.example:5000', 'team.example', false],
    ['team.example', 'swr.cn-north-4.myhuaweicloud.com', false],
    ['', 'team.example', false],
    ['not a host', 'team.example', false]
  ])('%s serves %s: %s', (address, registry, serves) => {
    expect(servesRegistry(address, registry)).toBe(serves)
  })

  it('reads the host with or without scheme and port', () => {
    expect(instanceHost('https://localhost:8443')).toBe('localhost:8443')
    expect(instanceHost('http://team.example/')).toBe('team.example')
    expect(instanceHost('')).toBeUndefined()
  })

  it("a dedicated gateway's APIG.0101 is a wrong endpoint in ModelArts too, never a missing image", () => {
    const gateway = (code: string): ApiError =>
      new ApiError({
        what: 'x',
        status: 404,
        errorCode: code,
        errorMsg: 'no API',
        retryable: false
      })
    expect(isNotFound(gateway('APIG.0101'))).toBe(false)
    expect(isNotFound(gateway('APIGW.0101'))).toBe(false)
    expect(isNotFound(gateway('SVCSTG.SWR.4040115'))).toBe(true)
  })
})

describe('an image in the instance', () => {
  it('arm64 buildx image: registered AARCH64 with its digest, in six requests', async () => {
    const tag = instance.pushBuildx(path, ['linux/arm64'])
    const run = await runEnterprise()
    expect(errorLine(run.log)).toBeUndefined()
    expect(posted()).toMatchObject({
      arch: 'AARCH64',
      swr_instance_id: instance.id,
      swr_path: path
    })
    expect(String(posted().description)).toMatch(new RegExp(`${tag.digest}$`))
    expect(run.outputs).toMatchObject({ digest: tag.digest, arch: 'AARCH64', created: 'true' })
    expect(run.summary).toContain(`| Digest | \`${tag.digest}\` |`)
    expect(run.log).toContain(
      `${path} is ${tag.digest} in SWR Enterprise Edition instance ${instance.id}`
    )
    // ShowInstance and ListInstanceTags, the credential, the manifest's challenge, the token,
    // the manifest.
    expect(swrRequests().sort()).toEqual(
      [
        'GET api 200',
        'GET api 200',
        'POST api 201',
        'GET registry 401',
        'GET registry 200',
        'GET registry 200'
      ].sort()
    )
    // Basic credentials went to the instance's own token realm only; the manifest asked for
    // every manifest type.
    const basic = emulator.requests.filter(r => r.headers.authorization?.startsWith('Basic '))
    expect(basic.map(r => `${r.headers.host} ${r.path}`)).toEqual([
      `${instance.host} /service/token`
    ])
    // The manifest by its digest, as every instance call takes it.
    const manifest = emulator.requests.find(r => r.path.endsWith(`/manifests/${tag.digest}`))
    expect(manifest?.headers.accept).toContain('application/vnd.oci.image.index.v1+json')
    expect(manifest?.headers.accept).toContain(
      'application/vnd.docker.distribution.manifest.v2+json'
    )
  })

  it('classic arm64 image: the config blob gives the arch (seven requests)', async () => {
    const tag = instance.pushClassic(path, 'linux/arm64')
    const run = await runEnterprise()
    expect(errorLine(run.log)).toBeUndefined()
    expect(run.outputs).toMatchObject({ digest: tag.digest, arch: 'AARCH64' })
    expect(swrRequests()).toHaveLength(7)
    expect(emulator.requests.filter(r => r.path.includes('/blobs/'))).toHaveLength(1)
  })

  it('an access_address with a scheme and a port is the same host', async () => {
    instance.options.accessAddress = `https://${instance.host}/`
    instance.pushBuildx(path, ['linux/amd64'])
    const run = await runEnterprise()
    expect(errorLine(run.log)).toBeUndefined()
    expect(run.outputs.arch).toBe('X86_64')
  })

  it('arch given and missing from the image: fails before any write, naming both', async () => {
    const tag = instance.pushBuildx(path, ['linux/amd64'])
    const run = await runEnterprise({ arch: 'AARCH64' })
    expect(errorLine(run.log)).toBe(
      `arch is AARCH64 but ${path} (${tag.digest}) is built for linux/amd64 only: set arch: X86_64, or build and push linux/arm64`
    )
    expect(emulator.count('POST', IMAGES)).toBe(0)
  })

  it('a nested repository name is written %2F, then escaped (%252F on the wire)', async () => {
    path = `${instance.host}/team/vision/trainer:2.0`
    instance.pushBuildx(path, ['linux/arm64'])
    const run = await runEnterprise()
    expect(errorLine(run.log)).toBeUndefined()
    expect(emulator.requests.find(r => TAGS.test(r.path))?.path).toBe(
      `/v2/instances/${instance.id}/namespaces/team/repositories/vision%252Ftrainer/tags`
    )
    expect(run.outputs.arch).toBe('AARCH64')
  })

  it('dry run: checks in the instance, writes nothing, says what it would register', async () => {
    const tag = instance.pushBuildx(path, ['linux/arm64'])
    const run = await runEnterprise({ dry_run: 'true' })
    expect(run.failed).toBe(false)
    expect(run.log).toContain(`dry run: would register ${path} as AARCH64; nothing was written`)
    expect(run.outputs.digest).toBe(tag.digest)
    expect(emulator.count('POST', IMAGES)).toBe(0)
  })
})

describe('the tag is resolved to its digest (ShowInstanceArtifact takes a digest)', () => {
  /** Pushes `count` other tags, so the tag asked for is on a later page. */
  const pushOthers = (count: number): void => {
    for (let i = 0; i < count; i++) instance.pushBuildx(`${instance.host}/team/trainer:0.${i}`)
  }

  it.each([
    ['takes digests only', false],
    ['also takes a tag', true]
  ])(
    'an instance that %s: every page of ListInstanceTags read, the exact name matched',
    async (_, acceptsTag) => {
      instance.options.acceptsTagReference = acceptsTag
      pushOthers(230)
      // Names the tag begins, or that begin with it, are other tags.
      instance.pushBuildx(`${instance.host}/team/trainer:1.0-rc`, ['linux/amd64'])
      const tag = instance.pushBuildx(path, ['linux/arm64'])
      const run = await runEnterprise()
      expect(errorLine(run.log)).toBeUndefined()
      expect(run.outputs).toMatchObject({ digest: tag.digest, arch: 'AARCH64' })
      const pages = emulator.requests.filter(r => TAGS.test(r.path))
      expect(pages.map(r => `${r.query.get('offset')}/${r.query.get('limit')}`)).toEqual([
        '0/100',
        '100/100',
        '200/100'
      ])
    }
  )

  it('a tag not listed on any page is not in the instance: push it first', async () => {
    pushOthers(120)
    const run = await runEnterprise()
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toContain(
      `swr_path: ${path} is not in SWR Enterprise Edition instance ${instance.id}`
    )
    expect(errorLine(run.log)).toContain('push it first')
    expect(emulator.requests.filter(r => TAGS.test(r.path))).toHaveLength(2)
    expect(modelArtsWrites()).toBe(0)
  })

  it("the emulator's ShowInstanceArtifact answers a tag 404 unless the instance takes tags", async () => {
    const tag = instance.pushBuildx(path)
    const artifact = (reference: string) =>
      `/v2/${TEST_PROJECT_ID}/instances/${instance.id}/namespaces/team/repositories/trainer/artifacts/${reference}`
    const ask = async (reference: string): Promise<number> =>
      (await signedGet(emulator, artifact(reference))).status
    expect(await ask('1.0')).toBe(404)
    expect(await ask(encodeURIComponent(tag.digest))).toBe(200)
    instance.options.acceptsTagReference = true
    expect(await ask('1.0')).toBe(200)
  })
})

describe('definite facts fail before any write', () => {
  it('a swr_path on another registry than the instance serves, naming both', async () => {
    instance.pushBuildx(path)
    path = 'swr.cn-north-4.myhuaweicloud.com/team/trainer:1.0'
    const run = await runEnterprise()
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toBe(
      `swr_path's registry is swr.cn-north-4.myhuaweicloud.com, but instance ${instance.id} serves ${instance.host}: ` +
        'push the image to the instance and use its address in swr_path, or check swr_instance_id'
    )
    expect(modelArtsWrites()).toBe(0)
  })

  it('an instance that does not exist, naming its id', async () => {
    const run = await runEnterprise({ swr_instance_id: 'no-such-instance' })
    expect(errorLine(run.log)).toBe(
      'swr_instance_id: instance no-such-instance was not found in region cn-north-4 (check swr_instance_id and region)'
    )
    expect(modelArtsWrites()).toBe(0)
  })

  it.each(['current', 'legacy'] as const)(
    'a tag missing from the instance (%s error body): push it first',
    async format => {
      emulator.options.swrErrorFormat = format
      const run = await runEnterprise()
      expect(errorLine(run.log)).toBe(
        `swr_path: ${path} is not in SWR Enterprise Edition instance ${instance.id} (namespace team, repository trainer, tag 1.0): push it first, or check the path`
      )
      expect(modelArtsWrites()).toBe(0)
    }
  )

  it("a dedicated gateway's APIG.0101 is a wrong swr_endpoint, never a missing tag", async () => {
    emulator.inject(
      answer('*', INSTANCE_API, 404, {
        errorCode: 'APIG.0101',
        times: 2
      })
    )
    const run = await runEnterprise()
    expect(errorLine(run.log)).toMatch(/^swr_endpoint: SWR's API is not at this endpoint \(/)
    expect(modelArtsWrites()).toBe(0)
  })
})

describe("a gateway's no such API on the region's DEFAULT swr endpoint", () => {
  const SHOW_INSTANCE = /^\/v2\/[^/]+\/instances\/[^/]+$/
  it.each([
    ['ListInstanceTags', TAGS, 'APIGW.0101'],
    ['ShowInstance', SHOW_INSTANCE, 'APIG.0101']
  ])(
    '%s answering it: a warning (not checked), never blamed on swr_endpoint',
    async (_, route, code) => {
      instance.pushBuildx(path, ['linux/amd64'])
      emulator.inject(answer('GET', route, 404, { errorCode: code, times: Infinity }))
      const { http, log, budget } = testHttp()
      const swr = new SwrClient(http, emulator.url, testAuth)
      try {
        const run = testRun({
          http,
          budget,
          log,
          swr,
          projectId: TEST_PROJECT_ID,
          config: {
            timeoutMs: 10_000,
            image: completeSwrPath(parseSwrPath(path), 'cn-north-4'),
            checkImage: true,
            region: 'cn-north-4',
            swrEndpoint: 'https://swr-api.cn-north-4.myhuaweicloud.com',
            attributes: { swr_instance_id: instance.id }
          }
        })
        expect(await checkImage(run)).toEqual({})
      } finally {
        http.dispose()
      }
      const warnings = log.lines.filter(line => line.startsWith('warning: '))
      expect(warnings).toEqual([
        expect.stringMatching(
          new RegExp(
            `^warning: the image was not checked: the region's SWR could not be asked \\(.*HTTP 404 ${code.replace('.', '\\.')}`
          )
        )
      ])
      expect(log.lines.join('\n')).not.toContain('swr_endpoint')
    }
  )
})

describe('what cannot be read is a warning, and registration goes on', () => {
  it('no permission to list the tags (403)', async () => {
    instance.pushBuildx(path, ['linux/arm64'])
    emulator.inject(answer('*', TAGS, 403, { errorCode: 'SVCSTG.SWR.4030001' }))
    const run = await runEnterprise()
    expect(run.failed).toBe(false)
    expect(run.log).toMatch(
      /::warning::the image was not checked: no permission to read it in SWR Enterprise Edition instance instance-0001 .*; grant swr:repository:listTags/
    )
    expect(run.outputs.digest).toBeUndefined()
    expect(posted().arch).toBeUndefined()
  })

  it('a manifest whose bytes are not the digest the instance reports', async () => {
    const tag = instance.pushBuildx(path, ['linux/arm64'])
    instance.tags.set('team/trainer:1.0', {
      ...tag,
      manifest: tag.manifest.replace('arm64', 'amd64')
    })
    const run = await runEnterprise()
    expect(run.failed).toBe(false)
    expect(run.log).toMatch(
      /::warning::the image's platforms were not checked: the registry's manifest of .* is sha256:\w+, not sha256:\w+ as the instance reports/
    )
    expect(run.outputs.digest).toBe(tag.digest)
    expect(posted().arch).toBeUndefined()
  })

  it('a token realm on another host: the credential is never sent', async () => {
    instance.options.realm = `http://${emulator.registryHost}/service/token`
    instance.pushBuildx(path, ['linux/arm64'])
    const run = await runEnterprise()
    expect(run.failed).toBe(false)
    expect(run.log).toMatch(
      /::warning::the image's platforms were not checked: .*not on the registry's own host/
    )
    expect(emulator.requests.some(r => r.headers.authorization?.startsWith('Basic '))).toBe(false)
  })
})

describe('the budget slice', () => {
  it('a registry that never answers costs the best-effort slice, not the step', async () => {
    instance.pushBuildx(path, ['linux/arm64'])
    emulator.inject({ kind: 'silent', path: /\/manifests\//, times: Infinity })
    // timeout 10s: the registry part gets a quarter of it.
    const run = await runEnterprise({ timeout: '10s' })
    expect(run.failed).toBe(false)
    expect(run.log).toMatch(/::warning::the image's platforms were not checked: /)
    expect(run.outputs).toMatchObject({ status: 'ACTIVE', created: 'true' })
    expect(posted().arch).toBeUndefined()
  })
})

describe('the temporary credential', () => {
  it('never appears in the log, the summary or the outputs', async () => {
    instance.pushClassic(path, 'linux/arm64')
    const run = await runAgainst(emulator, {
      inputs: { swr_path: path, region: 'cn-north-4', swr_instance_id: instance.id },
      env: { RUNNER_DEBUG: '1' }
    })
    expect(run.failed).toBe(false)
    const [[user, token]] = [...instance.credentials.entries()] as [[string, string]]
    const forms = [token, Buffer.from(`${user}:${token}`).toString('base64')]
    const [registryToken] = [...instance.tokens]
    // Masked the moment they were read; nowhere else, not even in debug lines.
    for (const secret of [...forms, registryToken ?? ''])
      expect(run.log).toContain(`::add-mask::${secret}`)
    const written = [
      run.log
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n'),
      run.summary,
      JSON.stringify(run.outputs)
    ]
    for (const text of written) for (const secret of forms) expect(text).not.toContain(secret)
  })

  it('in a 2xx that is not JSON: retried, never quoted, nowhere in the log, summary or outputs', async () => {
    const secret = 'instance-secret-0123456789abcdefABCDEF'
    const login = Buffer.from(`u:${secret}`).toString('base64')
    // A BOM before otherwise valid JSON: nothing of it can be read, so nothing masked.
    emulator.inject(
      answer('POST', /\/temp-credential$/, 201, {
        body: `\uFEFF{"auth_token":"${secret}","user_id":"u"}`
      })
    )
    instance.pushClassic(path, 'linux/arm64')
    const run = await runEnterprise()
    expect(run.failed).toBe(false)
    expect(posted().arch).toBe('AARCH64')
    for (const text of [run.log, run.summary, JSON.stringify(run.outputs)])
      for (const form of [secret, login]) expect(text).not.toContain(form.slice(0, 16))
    expect(run.log).toMatch(
      /^get a temporary login to the SWR Enterprise Edition instance: HTTP 201: the answer was not JSON \(not quoted: it may carry credentials\) \(request id [^)]+\); retry 1 of 4/m
    )
  })
})

describe('X-Project-Id is signed into SWR calls', () => {
  it('on the instance API and the shared SWR alike', async () => {
    instance.pushBuildx(path, ['linux/arm64'])
    await runEnterprise()
    emulator.pushBuildx('swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0')
    await runAgainst(emulator)
    const signed = emulator.requests.filter(r =>
      /^\/v2\/(manage|([^/]+\/)?instances)\//.test(r.path)
    )
    expect(signed.length).toBeGreaterThanOrEqual(4)
    for (const request of signed) {
      expect(request.headers['x-project-id']).toBe(TEST_PROJECT_ID)
      expect(request.headers.authorization).toMatch(/SignedHeaders=[^,]*x-project-id/)
      expect(request.status).toBeLessThan(300)
    }
  })
})

describe('without swr_instance_id', () => {
  it('a Huawei Cloud host that is not the shared SWR is not checked, whatever swr_endpoint says', async () => {
    const run = await runAgainst(emulator, {
      inputs: {
        swr_path: 'team-registry.swr-ee.cn-north-4.myhuaweicloud.com/team/trainer:1.0',
        region: 'cn-north-4'
      }
    })
    expect(run.failed).toBe(false)
    expect(swrRequests()).toEqual([])
    expect(run.log).toContain(
      "the image is not checked: team-registry.swr-ee.cn-north-4.myhuaweicloud.com is not the region's shared SWR; " +
        "if it is an SWR Enterprise Edition instance's, give swr_instance_id to check the image there"
    )
  })
})

describe('which images are checked, and where', () => {
  const EE_HOST = 'team-registry.swr-ee.cn-north-4.myhuaweicloud.com'
  const configOf = (inputs: Record<string, string>) =>
    parseConfig({
      input: name =>
        ({
          access_key_id: 'HPUAEXAMPLEAK0000001',
          secret_access_key: 'exampleSecretKey0000000000000000000000ab',
          region: 'cn-north-4',
          ...inputs
        })[name] ?? '',
      env: {},
      mask: () => undefined
    })
  it.each<[string, boolean, Record<string, string>]>([
    ['the shared SWR', true, { swr_path: 'swr.cn-north-4.myhuaweicloud.com/o/i:1' }],
    ['an instance host without swr_instance_id', false, { swr_path: `${EE_HOST}/o/i:1` }],
    [
      'an instance host, swr_endpoint given, no swr_instance_id',
      false,
      { swr_path: `${EE_HOST}/o/i:1`, swr_endpoint: 'https://swr-api.example' }
    ],
    [
      'an instance host with swr_instance_id',
      true,
      { swr_path: `${EE_HOST}/o/i:1`, swr_instance_id: 'i' }
    ],
    [
      'any host with swr_instance_id',
      true,
      { swr_path: 'registry.example/o/i:1', swr_instance_id: 'i' }
    ],
    [
      'loopback with swr_endpoint (tests of the shared SWR)',
      true,
      { swr_path: '127.0.0.1:5000/o/i:1', swr_endpoint: 'http://127.0.0.1:5000' }
    ],
    ['another registry', false, { swr_path: 'registry.example/o/i:1' }]
  ])('%s: checked %s', (_, checked, inputs) => {
    expect(configOf(inputs).checkImage).toBe(checked)
  })
})

describe('re-runs', () => {
  it("a re-run reuses the instance's registration", async () => {
    instance.pushBuildx(path, ['linux/arm64'])
    const first = await runEnterprise()
    const again = await runEnterprise()
    expect(again.outputs).toMatchObject({ image_id: first.outputs.image_id, created: 'false' })
    expect(emulator.count('POST', IMAGES)).toBe(1)
  })

  // needs i21b's verdict rule
  it('a host-less record is never adopted for an EE image', async () => {
    instance.pushBuildx(path, ['linux/arm64'])
    // A shared-SWR registration of the same name, as ma-cli makes them: without a registry host.
    const hostless = emulator.seed(path, { fields: { arch: 'AARCH64' } })
    hostless.swr_path = 'team/trainer:1.0'
    const run = await runEnterprise()
    expect(run.failed).toBe(false)
    expect(run.outputs.created).toBe('true')
    expect(run.outputs.image_id).not.toBe(hostless.id)
  })

  it.each([
    ["the shared SWR's host-less record", 'team/trainer:1.0', 'the shared SWR of the region'],
    [
      'another instance',
      'other-registry.swr.cn-north-4.myhuaweicloud.com/team/trainer:1.0',
      'other-registry.swr.cn-north-4.myhuaweicloud.com'
    ]
  ])(
    'a conflict held by a listed registration from %s: that one is named, not the listing',
    async (_, holderPath, registry) => {
      emulator.options.conflictOn = 'namespace-name-tag'
      instance.pushBuildx(path, ['linux/arm64'])
      const holder = emulator.seed(path, { fields: { arch: 'AARCH64' } })
      holder.swr_path = holderPath
      const run = await runEnterprise()
      expect(run.failed).toBe(true)
      const error = errorLine(run.log) ?? ''
      expect(error).toContain(
        `register image failed: ${path} cannot be registered in workspace 0: image ${holder.id} (swr_path ${holderPath}, registry ${registry}`
      )
      expect(error).toContain(
        'ModelArts keys a registration on namespace, name and tag, so the same tag cannot be registered from two registries in one workspace: use another tag, or another workspace'
      )
      expect(error).not.toContain('may not list')
      expect(run.summary).toContain('the tag is registered from another registry')
    }
  )

  it('a conflict that the look-up cannot find again: said plainly, naming swr_instance_id', async () => {
    instance.pushBuildx(path, ['linux/arm64'])
    emulator.inject(answer('POST', IMAGES, 400, { errorCode: 'ModelArts.6737' }))
    const run = await runEnterprise()
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(
      new RegExp(
        `^register image failed: ModelArts reports the tag as registered \\(.*ModelArts\\.6737.*\\) but does not list a registration of ${path} in workspace 0 ` +
          `\\(swr_instance_id ${instance.id}: it may not list SWR Enterprise Edition registrations\\), so if_exists: reuse could not be applied$`
      )
    )
    // The look-up before registering, and once more after the conflict.
    expect(emulator.count('GET', IMAGES)).toBe(2)
  })
})
