/**
 * The places a package's own backend says carry its version too (a maturin crate's entry in
 * Cargo.lock) carry the same version, compared as PEP 440 (`1.2.0-rc.1` = `1.2.0rc1`):
 * E_LOCK_DRIFT on the entry's line.
 */
import { problem, type Problem } from '../../errors.js'
import { normalizeVersion } from '../../version/pep440.js'
import { label, versionOf } from '../package-version.js'
import type { CheckRule } from './context.js'

export const sourceMirrors: CheckRule = {
  name: 'source-mirrors',
  problems({ inScope }) {
    const problems: Problem[] = []
    // packages sharing a Cargo workspace version share its mirrors: each is said once
    const said = new Set<string>()
    for (const pkg of inScope) {
      const version = versionOf(pkg)
      if (version === null) continue
      for (const spot of pkg.source.mirrors ?? []) {
        if (normalizeVersion(spot.version) === version || said.has(`${spot.file}:${spot.line}`)) continue
        said.add(`${spot.file}:${spot.line}`)
        problems.push(
          problem(
            'E_LOCK_DRIFT',
            `${spot.file} records ${spot.label ? `${spot.label} (which inherits ${label(pkg)}'s version)` : label(pkg)} ${spot.version} but ${pkg.versionFile} has ${pkg.version}`,
            { file: spot.file, line: spot.line },
            `Run \`cargo update --workspace\` (or any cargo build) where ${spot.file} is and commit it, or let \`pyship bump\` update it.`
          )
        )
      }
    }
    return problems
  }
}
