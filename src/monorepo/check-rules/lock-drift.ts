/**
 * uv.lock records the version each package in scope carries, and so does the package's
 * own uv.lock when it has one (its hint says where to run `uv lock`).
 */
import { problem, type Problem } from '../../errors.js'
import { normalizeVersion } from '../../version/pep440.js'
import { label, versionOf } from '../package-version.js'
import type { CheckRule } from './context.js'

export const lockDrift: CheckRule = {
  name: 'lock-drift',
  problems({ repo, inScope }) {
    const problems: Problem[] = []
    for (const pkg of inScope) {
      const version = versionOf(pkg)
      if (!pkg.normalizedName || version === null) continue
      const own = repo.locks.get(pkg.dir)
      for (const lock of own ? [repo.lock, own] : [repo.lock]) {
        const entry = lock?.members.get(pkg.normalizedName)
        if (!lock || !entry || entry.version === null || normalizeVersion(entry.version) === version) continue
        problems.push(
          problem(
            'E_LOCK_DRIFT',
            `${lock.file} records ${label(pkg)} ${entry.version} but ${pkg.versionFile} has ${pkg.version}`,
            { file: lock.file, line: entry.line },
            lock === own ? `Run \`uv lock\` in ${pkg.dir} and commit its uv.lock (or let \`pyship bump\` update it).` : undefined
          )
        )
      }
    }
    return problems
  }
}
