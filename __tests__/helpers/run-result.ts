/** A run's result as decide/outcome.ts and report/ read it, built for their unit tests. */
import { TagRegisteredElsewhereError } from '../../src/base/errors.js'
import type { Config } from '../../src/config/config.js'
import type { Image, JudgedImage } from '../../src/model/image.js'
import type { Outcome, RunResult } from '../../src/model/run.js'

export const PATH = 'swr.cn-north-4.myhuaweicloud.com/my-org/trainer:1.4.2'

/** The config a result carries: only what the decisions and the report read. */
export const config = (fields: Partial<Config> = {}): Config =>
  ({
    image: { swrPath: PATH },
    timeoutMs: 1_800_000,
    dryRun: false,
    ...fields
  }) as unknown as Config

export const image = (fields: Partial<Image> = {}): JudgedImage =>
  ({ id: 'img-1', status: 'ACTIVE', swr_path: PATH, ...fields }) as JudgedImage

export const run = (outcome: Outcome, fields: Partial<RunResult> = {}): RunResult => ({
  outcome,
  config: config(),
  elapsedMs: 65_000,
  ...fields
})

export const error = (e: unknown): Outcome => ({ kind: 'error', error: e })

/** The tag registered from another registry in the workspace. */
export const elsewhere = new TagRegisteredElsewhereError(
  { id: 'img-1', swrPath: 'o/i:1', registry: 'the shared SWR' },
  'team.swr.example/o/i:1',
  '0'
)
