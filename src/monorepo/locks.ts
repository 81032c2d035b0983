/**
 * Every uv.lock pyship reads — the working directory's and each package directory's own —
 * and what each records of the monorepo's packages: each entry with a local source (editable,
 * virtual, directory) that names a package of the monorepo is a mirror of that package's
 * version, the lock's own package and its siblings alike (SPEC §1 "every lock"). Pure.
 */
import type { Lock, LockEntry } from '../pyproject/lock.js'
import type { Package } from '../pyproject/package.js'
import type { Monorepo } from './load.js'

/** The working directory's uv.lock first, then each package's own, by directory. */
export function everyLock(repo: Monorepo): Lock[] {
  const own = [...repo.locks.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0))
  return repo.lock ? [repo.lock, ...own] : own
}

/** A lock's entry for a package (by its PEP 503 name), if it records one. */
export const entryFor = (lock: Lock, pkg: Package): LockEntry | undefined =>
  pkg.normalizedName ? lock.members.get(pkg.normalizedName) : undefined

/** The hint of a drift in a lock below the working directory: where to run `uv lock`. */
export const ownLockHint = (lock: Lock): string | undefined =>
  lock.dir === '.' ? undefined : `Run \`uv lock\` in ${lock.dir} and commit its uv.lock (or let \`pyship bump\` update it).`

/** How a bump row names an entry: the lock's own package, or a sibling it records. */
export function lockedWhat(lock: Lock, pkg: Package): string {
  if (lock.dir === '.') return `${pkg.name} locked version`
  return lock.dir === pkg.dir ? `${pkg.name} locked version (its own uv.lock)` : `${pkg.name} locked version (${lock.dir}'s uv.lock)`
}
