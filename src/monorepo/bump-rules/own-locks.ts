/**
 * Every uv.lock below the working directory (a package's own, which `uv lock` at the root
 * does not touch): each entry recording a member of the group — the lock's own package or a
 * sibling it records as an editable or path entry — takes the new version.
 */
import { entryFor, everyLock, lockedWhat } from '../locks.js'
import type { BumpRule, Edit } from './context.js'

export const ownLocks: BumpRule = {
  name: 'own-locks',
  edits: ({ repo, written, version }) =>
    everyLock(repo)
      .filter((lock) => lock !== repo.lock)
      .flatMap((lock) =>
        written.flatMap((p): Edit[] => {
          const entry = entryFor(lock, p)
          if (!entry || entry.version === null || entry.version === version) return []
          return [
            {
              kind: 'toml',
              doc: lock.doc,
              abs: lock.abs,
              change: { path: ['package', entry.index, 'version'], value: version },
              row: { line: entry.line, what: lockedWhat(lock, p), from: entry.version, to: version }
            }
          ]
        })
      )
}
