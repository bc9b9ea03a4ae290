/**
 * The action's published `owner/name`: one source (package.json's `repository`), written into every
 * document that names it (`npm run set-name`), and the check that no document names another.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Owners of the other actions the documents use; any other `uses:` names this action. */
const OTHER_ACTIONS = /^(?:actions|docker|github|huaweicloud)\//

/** The documents a user reads, where the action's repository is named. */
export function namingFiles(root = '.'): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter(file => file.endsWith('.md'))
    .map(file => join('docs', file))
  return ['README.md', 'SECURITY.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'action.yml', ...docs]
}

/** `owner/name` from package.json's repository URL. */
export function publishedName(packageJson: string): string {
  const parsed = JSON.parse(packageJson) as { repository?: { url?: string } | string }
  const url = typeof parsed.repository === 'string' ? parsed.repository : parsed.repository?.url
  const name = /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url ?? '')?.[1]
  if (!name) throw new Error(`package.json: repository is not a GitHub URL (${url ?? 'none'})`)
  return name
}

/** Every place a text names this action's repository: `uses:` lines, and `owner/<name>` anywhere. */
function mentions(text: string, name: string): RegExp {
  const base = name.split('/')[1] ?? name
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<=uses:\\s*)(?!\\./)[\\w.-]+/[\\w.-]+(?=@)|[\\w.-]+/${escaped}\\b`, 'g')
}

/** The repositories a text names for this action other than `name`, one entry per mention. */
export function otherNames(text: string, name: string): string[] {
  return [...text.matchAll(mentions(text, name))]
    .map(match => match[0])
    .filter(found => found !== name && !OTHER_ACTIONS.test(found))
}

/** The text with every mention of this action's repository made `to`. */
export function rename(text: string, from: string, to: string): string {
  return text.replace(mentions(text, from), found => (OTHER_ACTIONS.test(found) ? found : to))
}

/** What names another repository than `name`, as `file: mention` lines (package.json first). */
export function misnamed(name: string, root = '.'): string[] {
  const own = publishedName(readFileSync(join(root, 'package.json'), 'utf8'))
  const problems = own === name ? [] : [`package.json: repository is ${own}`]
  for (const file of namingFiles(root))
    for (const other of otherNames(readFileSync(join(root, file), 'utf8'), name))
      problems.push(`${file}: ${other}`)
  return problems
}
