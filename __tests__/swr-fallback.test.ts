/**
 * A region whose SWR has no ShowRepoTag (an older page lists it in some regions only): the gateway's
 * "no such API" there is not the user's swr_endpoint; the tag is read from the repository's tag
 * list (every page, compared exactly), and when that cannot be asked either the image is not
 * checked, with a warning. Against the emulator's SWR without ShowRepoTag, over real HTTP.
 */
import { describe, expect, it } from '@jest/globals'
import { SwrClient } from '../src/cloud/swr.js'
import { completeSwrPath, parseSwrPath } from '../src/config/swr-path.js'
import { checkImage } from '../src/steps/image-check.js'
import { errorLine, expectOutcome, runAgainst } from './helpers/run-action.js'
import { testAuth, testHttp, testRun } from './helpers/signed.js'
import { ACTIVE_AT_ONCE, TAG as SHOW, answer, useEmulator } from './helpers/emulator.js'

const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0'
const LIST = /^\/v2\/manage\/namespaces\/[^/]+\/repos\/[^/]+\/tags$/

const emulator = useEmulator({ ...ACTIVE_AT_ONCE, swrWithoutShowRepoTag: true })

describe('the tag list stands in for ShowRepoTag', () => {
  it('every page read, the tag matched exactly (the filter also matches longer tags)', async () => {
    for (let i = 0; i < 120; i++) emulator.pushBuildx(`${PATH}-build${i}`, ['linux/amd64'])
    const tag = emulator.pushBuildx(PATH, ['linux/arm64'])
    const run = await runAgainst(emulator, { inputs: { swr_path: PATH } })
    expectOutcome(run, { failed: false, digest: tag.digest, arch: 'AARCH64' })
    expect(
      emulator.requests.filter(r => LIST.test(r.path)).map(r => r.query.get('offset'))
    ).toEqual(['0', '100'])
    expect(emulator.requests.find(r => LIST.test(r.path))?.query.get('tag')).toBe('1.0')
    expect(run.log).not.toContain('::warning::')
    expect(run.log).not.toContain('swr_endpoint')
  })

  it('a tag not in the list is not in SWR: push it first', async () => {
    emulator.pushBuildx(`${PATH}.1`)
    const run = await runAgainst(emulator, { inputs: { swr_path: PATH }, seed: false })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toContain(`swr_path: ${PATH} is not in SWR`)
    expect(errorLine(run.log)).toContain('push it first')
  })

  it('a refused list warns naming swr:repo:listRepoTags', async () => {
    emulator.usePolicy({
      Version: '5.0',
      Statement: [{ Effect: 'Allow', Action: ['modelarts:*', 'swr:repo:getRepoTag'] }]
    })
    const run = await runAgainst(emulator, { inputs: { swr_path: PATH } })
    expect(run.failed).toBe(false)
    expect(run.log).toMatch(/::warning::the image was not checked: .*; grant swr:repo:listRepoTags/)
  })
})

describe('when the list cannot be asked either', () => {
  const noList = (): void => emulator.inject(answer('GET', LIST, 404, { errorCode: 'APIGW.0101' }))

  it("on the region's default endpoint: a warning, not checked, never 'check swr_endpoint'", async () => {
    noList()
    emulator.pushBuildx(PATH)
    const { http, log, budget } = testHttp()
    try {
      const run = testRun({
        http,
        budget,
        log,
        swr: new SwrClient(http, emulator.url, testAuth),
        config: {
          timeoutMs: 10_000,
          image: completeSwrPath(parseSwrPath(PATH), 'cn-north-4'),
          checkImage: true,
          region: 'cn-north-4',
          // The region's default endpoint: a gateway's "no such API" is the region lacking it.
          swrEndpoint: 'https://swr-api.cn-north-4.myhuaweicloud.com'
        }
      })
      const facts = await checkImage(run)
      expect(facts).toEqual({})
    } finally {
      http.dispose()
    }
    const warnings = log.lines.filter(line => line.startsWith('warning: '))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^warning: the image was not checked: the region's SWR could not be asked \(list the tags in SWR failed: HTTP 404 APIGW\.0101/
    )
    expect(warnings[0]).not.toContain('swr_endpoint')
    expect(emulator.count('GET', SHOW)).toBe(1)
    expect(emulator.count('GET', LIST)).toBe(1)
  })

  it('on a swr_endpoint the user gave: an error naming it', async () => {
    noList()
    const run = await runAgainst(emulator, { inputs: { swr_path: PATH } })
    expect(run.failed).toBe(true)
    expect(errorLine(run.log)).toMatch(/^swr_endpoint: SWR's API is not at this endpoint/)
  })
})
