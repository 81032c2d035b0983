/** Copy example repositories into temp dirs and fingerprint trees to prove nothing changed. */
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './action.js'

/** Copy `examples/<name>` (or any path under the project) to `<tmp>/<into>`; returns the tmp root. */
export function copyRepo(source: string, into = '.'): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pyship-repo-'))
  cpSync(path.join(ROOT, source), path.join(root, into), { recursive: true })
  return root
}

/** path → sha256 and mode of every file below `dir`. */
export function snapshotTree(dir: string): Record<string, string> {
  const found: Record<string, string> = {}
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(p)
      else {
        const abs = path.join(dir, p)
        found[p] = `${createHash('sha256').update(readFileSync(abs)).digest('hex')} ${statSync(abs).mode.toString(8)}`
      }
    }
  }
  walk('')
  return found
}
