/**
 * `npm run readme`: writes the README's inputs and outputs tables from action.yml, between their
 * markers (tools/readme-tables.ts), so the two cannot disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { readmeTables, withTables } from '../tools/readme-tables.js'

const readme = readFileSync('README.md', 'utf8')
const updated = withTables(readme, readmeTables(readFileSync('action.yml', 'utf8')))
writeFileSync('README.md', updated)
console.log(updated === readme ? 'README.md: tables already current' : 'README.md: tables written')
