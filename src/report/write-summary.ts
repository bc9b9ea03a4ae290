/** Writing the job summary where the runner reads it. */
import { appendFile } from 'node:fs/promises'
import * as core from '@actions/core'
import { messageOf } from '../base/errors.js'

/**
 * Appends to the file GITHUB_STEP_SUMMARY names, as core.summary does; read from the run's own
 * environment because core.summary keeps the first path it saw for the life of the process.
 */
export async function writeSummary(
  markdown: string,
  env: Readonly<Record<string, string | undefined>>
): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) return core.debug('no GITHUB_STEP_SUMMARY: no job summary written')
  try {
    await appendFile(file, markdown, 'utf8')
  } catch (error) {
    core.warning(`could not write the job summary: ${messageOf(error)}`)
  }
}
