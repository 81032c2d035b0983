/**
 * Every uv.lock (the working directory's and each package's own) records the version each
 * package in scope carries, wherever it records it: a package's own lock names the package
 * and often its siblings (editable or path entries), each a mirror of that sibling's version.
 * Versions compare as PEP 440 versions (`1.0` = `1.0.0`). A lock below the working directory
 * gets a hint saying where to run `uv lock`.
 */
import { problem, type Problem } from '../../errors.js'
import { sameVersion } from '../../version/specifier-set.js'
import { everyLock, entryFor, ownLockHint } from '../locks.js'
import { label, versionOf } from '../package-version.js'
import type { CheckRule } from './context.js'

export const lockDrift: CheckRule = {
  name: 'lock-drift',
  problems({ repo, inScope }) {
    const problems: Problem[] = []
    const locks = everyLock(repo)
    for (const pkg of inScope) {
      const version = versionOf(pkg)
      if (version === null) continue
      for (const lock of locks) {
        const entry = entryFor(lock, pkg)
        if (!entry || entry.version === null || sameVersion(entry.version, version)) continue
        problems.push(
          problem(
            'E_LOCK_DRIFT',
            `${lock.file} records ${label(pkg)} ${entry.version} but ${pkg.versionFile} has ${pkg.version}`,
            { file: lock.file, line: entry.line },
            ownLockHint(lock)
          )
        )
      }
    }
    return problems
  }
}
