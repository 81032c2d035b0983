#!/usr/bin/env node
// `node scripts/check-promises.mjs`: every test that docs/promises.md names exists.
// A row's "guarded by" cell lists one or more tests as `path/to/file.test.ts` › title,
// separated by ";". The file must exist and contain the title verbatim (a test.each
// table names its row's title instead). Exits 1 listing each missing test.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const table = process.argv[2] ?? path.join(root, 'docs', 'promises.md')

/** Every `file` › title reference of the table, with its line number. */
export function references(markdown) {
  const refs = []
  markdown.split('\n').forEach((line, index) => {
    if (!line.startsWith('|')) return
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim())
    for (const cell of cells) {
      for (const part of cell.split(/;\s*(?=`)/)) {
        const m = /^`([^`]+\.test\.ts)`\s*›\s*(.+)$/.exec(part.trim())
        if (m) refs.push({ line: index + 1, file: m[1], title: m[2].replace(/\\\|/g, '|').trim() })
      }
    }
  })
  return refs
}

/** The references whose file is missing or does not contain the title. */
export function missing(refs, read = (file) => (existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : null)) {
  const cache = new Map()
  return refs.filter((ref) => {
    if (!cache.has(ref.file)) cache.set(ref.file, read(ref.file))
    const text = cache.get(ref.file)
    return text === null || !text.includes(ref.title)
  })
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const refs = references(readFileSync(table, 'utf8'))
  const gone = missing(refs)
  for (const ref of gone) console.error(`${path.relative(root, table)}:${ref.line}: no test "${ref.title}" in ${ref.file}`)
  console.log(`promises: ${refs.length} tests named, ${refs.length - gone.length} found`)
  if (refs.length === 0 || gone.length > 0) process.exit(1)
}
