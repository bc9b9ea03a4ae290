/**
 * `npm run set-name owner/name`: writes the action's published name into package.json's repository
 * (the one source) and every document that names it. `--check owner/name` only checks (the release).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { misnamed, namingFiles, publishedName, rename } from '../tools/published-name.js'

const args = process.argv.slice(2)
const check = args.includes('--check')
const name = args.find(arg => !arg.startsWith('--')) ?? ''
if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(name)) {
  console.error('usage: npm run set-name owner/name   (or: npm run set-name -- --check owner/name)')
  process.exit(2)
}

if (!check) {
  const from = publishedName(readFileSync('package.json', 'utf8'))
  for (const file of ['package.json', ...namingFiles()]) {
    const text = readFileSync(file, 'utf8')
    const renamed = file === 'package.json' ? text.split(from).join(name) : rename(text, from, name)
    if (renamed !== text) {
      writeFileSync(file, renamed)
      console.log(`${file}: ${from} → ${name}`)
    }
  }
}
const problems = misnamed(name)
for (const problem of problems) console.error(`names another repository: ${problem}`)
if (problems.length) {
  console.error(`run npm run set-name ${name} and commit the documents`)
  process.exit(1)
}
console.log(`every document names ${name}`)
