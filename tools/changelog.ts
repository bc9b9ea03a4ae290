/**
 * CHANGELOG.md in Keep a Changelog's format, read: its entries, and the release notes of a tag
 * (the release workflow's check that package.json, the CHANGELOG's top entry and the tag agree).
 */

export interface ChangelogEntry {
  /** `Unreleased` or a version, e.g. `1.0.0`. */
  version: string
  date?: string
  /** The entry's text under its heading, trimmed. */
  body: string
}

/** The `## [version] - date` entries, in order. */
export function changelogEntries(text: string): ChangelogEntry[] {
  const parts = text.split(/^## /m).slice(1)
  return parts.map(part => {
    const heading = /^\[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?\s*\n/.exec(part)
    if (!heading?.[1])
      throw new Error(
        `CHANGELOG.md: a heading not "## [version] - date": ## ${part.split('\n')[0]}`
      )
    const body = part
      .slice(heading[0].length)
      .replace(/^\[[^\]]+\]: \S+$/gm, '')
      .trim()
    return { version: heading[1], ...(heading[2] ? { date: heading[2] } : {}), body }
  })
}

/** The notes of a release of `tag` (`vX.Y.Z`): its entry, which must be the top one and the package's version. */
export function releaseNotes(changelog: string, packageVersion: string, tag: string): string {
  const version = tag.replace(/^v/, '')
  const entries = changelogEntries(changelog)
  const unreleased = entries.find(entry => entry.version === 'Unreleased')
  const top = entries.find(entry => entry.version !== 'Unreleased')
  const problems = [
    ...(packageVersion === version ? [] : [`package.json's version is ${packageVersion}`]),
    ...(top?.version === version ? [] : [`the CHANGELOG's top entry is ${top?.version ?? 'none'}`]),
    ...(top?.date ? [] : [`the CHANGELOG's entry of ${version} has no date`]),
    ...(unreleased?.body.includes('- ') ? ['the CHANGELOG lists changes under Unreleased'] : [])
  ]
  if (problems.length) throw new Error(`${tag} cannot be released: ${problems.join('; ')}`)
  return top?.body ?? ''
}
