/** uv.lock's entries for the members: their version, unless uv rewrites the lock itself. */
import path from 'node:path'
import type { BumpRule, Edit } from './context.js'

export const lockVersions: BumpRule = {
  name: 'lock-versions',
  edits({ repo, options, written, version }) {
    const lock = repo.lock
    if (!lock || options.uvLocks) return []
    return written.flatMap((p): Edit[] => {
      const entry = p.normalizedName ? lock.members.get(p.normalizedName) : undefined
      if (!entry || entry.version === null || entry.version === version) return []
      return [
        {
          kind: 'toml',
          doc: lock.doc,
          abs: path.join(repo.paths.workDir, 'uv.lock'),
          change: { path: ['package', entry.index, 'version'], value: version },
          row: { line: entry.line, what: `${p.name} locked version`, from: entry.version, to: version }
        }
      ]
    })
  }
}
