/**
 * `node tools/launch.js release-notes vX.Y.Z`: prints the CHANGELOG entry of that tag, the notes of
 * its GitHub release; fails unless package.json's version and the CHANGELOG's top entry are the tag.
 */
import { readFileSync } from 'node:fs'
import { releaseNotes } from '../tools/changelog.js'

const tag = process.argv[2] ?? ''
try {
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version
  console.log(releaseNotes(readFileSync('CHANGELOG.md', 'utf8'), version, tag))
} catch (error) {
  console.error(`::error::${(error as Error).message}`)
  process.exit(1)
}
