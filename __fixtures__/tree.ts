/**
 * Real temporary directory trees for filesystem tests (unit and e2e).
 *
 *   const root = tempDir()
 *   writeTree(root, { 'cli/pyproject.toml': '[project]\n…', 'empty/': null })
 *   editFile(root, 'cli/pyproject.toml', 'version = "1.0"', 'version = "1.1"')
 *   afterEach(removeTempDirs)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** This directory (`__fixtures__/`). */
export const FIXTURES_DIR = path.dirname(fileURLToPath(import.meta.url))
/** The project root (the directory holding `package.json`). */
export const PROJECT_DIR = path.dirname(FIXTURES_DIR)

/**
 * File contents by path relative to the root (POSIX separators). A string is written
 * as UTF-8 exactly as given (no line-ending conversion), a Buffer byte for byte, and
 * `null` (or a key ending in `/`) creates an empty directory.
 */
export type Tree = Record<string, string | Uint8Array | null>

const created = new Set<string>()

/** A new empty directory under the OS temp dir; removed by `removeTempDirs()`. */
export function tempDir(prefix = 'pyship-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)))
  created.add(dir)
  return dir
}

/** Remove every directory `tempDir()` created (for `afterEach`/`afterAll`). */
export function removeTempDirs(): void {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true })
  created.clear()
}

/** Write `files` under `root`, creating parent directories. Returns `root`. */
export function writeTree(root: string, files: Tree): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, ...rel.split('/'))
    if (content === null || rel.endsWith('/')) {
      fs.mkdirSync(abs, { recursive: true })
      continue
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true })
    fs.writeFileSync(abs, content)
  }
  return root
}

/** Copy a directory (e.g. an example repository) into a new temp dir and return it. */
export function copyTree(source: string): string {
  const dest = tempDir()
  fs.cpSync(source, dest, { recursive: true })
  return dest
}

/**
 * Replace `from` by `to` in `root/rel`, keeping every other byte. Throws unless `from`
 * occurs exactly once, so a fixture change can never silently miss.
 */
export function editFile(root: string, rel: string, from: string, to: string): void {
  const abs = path.join(root, ...rel.split('/'))
  const text = fs.readFileSync(abs, 'utf8')
  const count = text.split(from).length - 1
  if (count !== 1) throw new Error(`editFile: ${JSON.stringify(from)} occurs ${count} times in ${rel}, expected once`)
  fs.writeFileSync(
    abs,
    text.replace(from, () => to)
  )
}

/** Read `root/rel` as UTF-8. */
export function readText(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, ...rel.split('/')), 'utf8')
}
