/** Each member's own uv.lock (`uv lock` at the root does not touch it): its entry's version. */
import type { BumpRule, Edit } from './context.js'

export const ownLocks: BumpRule = {
  name: 'own-locks',
  edits: ({ repo, written, version }) =>
    written.flatMap((p): Edit[] => {
      const own = repo.locks.get(p.dir)
      const entry = own && p.normalizedName ? own.members.get(p.normalizedName) : undefined
      if (!own || !entry || entry.version === null || entry.version === version) return []
      return [
        {
          kind: 'toml',
          doc: own.doc,
          abs: own.abs,
          change: { path: ['package', entry.index, 'version'], value: version },
          row: { line: entry.line, what: `${p.name} locked version (its own uv.lock)`, from: entry.version, to: version }
        }
      ]
    })
}
