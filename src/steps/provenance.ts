/**
 * Where a run comes from, for the default description and the summary's run link; @actions/github
 * is loaded once the inputs are valid and the first requests are written, so its evaluation
 * overlaps their answers.
 */
import { type Provenance, runUrl } from '../model/run.js'

/**
 * Reads @actions/github's context once the event loop has polled for I/O: the requests the run
 * started meanwhile are written first, and the package's evaluation (Octokit) overlaps their answers.
 */
export async function loadProvenance(): Promise<Provenance> {
  // An immediate set from an immediate runs after the next poll, whichever phase this starts in.
  await new Promise(resolve => setImmediate(() => setImmediate(resolve)))
  const { context } = await import('@actions/github')
  let repository: string | undefined
  try {
    repository = `${context.repo.owner}/${context.repo.repo}`
  } catch {
    repository = undefined // not in a workflow run: no GITHUB_REPOSITORY and no event payload
  }
  const number = (value: number): string | undefined =>
    Number.isInteger(value) && value > 0 ? String(value) : undefined
  return {
    repository,
    sha: context.sha || undefined,
    workflow: context.workflow || undefined,
    runId: number(context.runId),
    runAttempt: number(context.runAttempt),
    serverUrl: context.serverUrl || undefined
  }
}

/**
 * "Registered by GitHub Actions from owner/repo@abc1234 (workflow, run 42): <run url>", ending with
 * the image's digest when it is known; at most 512 characters (the API's limit), the digest kept.
 */
export function provenanceDescription(p: Provenance, digest?: string): string {
  const parts = [
    p.repository
      ? `Registered by GitHub Actions from ${p.repository}${p.sha ? `@${p.sha.slice(0, 12)}` : ''}`
      : 'Registered by modelarts-register-image-action'
  ]
  const about = [p.workflow, p.runId && `run ${p.runId}`].filter(Boolean).join(', ')
  if (p.repository && about) parts.push(`(${about})`)
  const url = runUrl(p)
  if (url) parts.push(url)
  const tail = digest ? ` ${digest}` : ''
  return parts.join(' ').slice(0, 512 - tail.length) + tail
}
