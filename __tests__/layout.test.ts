/**
 * The layout CONTRIBUTING.md describes is the tree: every file of src/ is listed there with its
 * job, and nothing listed is missing. (A file is as long as its one idea needs: length is capped
 * per function, by ESLint.)
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '..')

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.ts'))
    .map(entry => relative(join(root, dir), join(entry.parentPath, entry.name)))
    .sort()
}

/** The file paths the `src/` block of CONTRIBUTING's Layout section lists, one per line. */
function listedSourceFiles(contributing: string): string[] {
  const section = contributing.split(/^## Layout$/m)[1]?.split(/^## /m)[0] ?? ''
  const block = section.split('```')[1] ?? ''
  const srcBlock = block.split(/^\S/m).find(part => part.startsWith('rc/')) ?? ''
  return [...srcBlock.matchAll(/^ {2}((?:[\w-]+\/)*[\w-]+\.ts)\b/gm)].map(m => m[1] ?? '').sort()
}

describe('the layout', () => {
  const contributing = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8')

  it('CONTRIBUTING lists every file of src/, and only those', () => {
    expect(listedSourceFiles(contributing)).toEqual(filesUnder('src'))
  })

  it('notices a file that is missing from the list', () => {
    const dropped = contributing.replace(/^ {2}budget\.ts.*$/m, '')
    expect(listedSourceFiles(dropped)).not.toEqual(filesUnder('src'))
  })
})
