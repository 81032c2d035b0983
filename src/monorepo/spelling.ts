/**
 * How a version is written in a file that carries it: PEP 440 normal form, or SemVer for the
 * files that need it (Cargo.toml, Cargo.lock: `1.2.0rc1` is `1.2.0-rc.1`). Pure.
 */
import { PyshipError } from '../errors.js'
import type { VersionSpot } from '../pyproject/version-file.js'
import { normalizeVersion } from '../version/pep440.js'
import { semverSpelling } from '../version/semver-spelling.js'

/** `version` (normal form) as the spot's file writes it; E_INVALID_VERSION when SemVer cannot say it. */
export function spelledFor(spot: VersionSpot, version: string): string {
  if (spot.spelling !== 'semver') return version
  const semver = semverSpelling(version)
  if (semver === null) {
    throw new PyshipError('E_INVALID_VERSION', `${spot.file} needs a SemVer version, and ${version} has no SemVer spelling`, {
      location: { file: spot.file, line: spot.line },
      hint: 'Cargo versions are MAJOR.MINOR.PATCH with an optional pre-release (1.2.0rc1 is written 1.2.0-rc.1): choose a version without an epoch or a post-release.'
    })
  }
  return semver
}

/** Whether the spot already carries `version` (normal form), whatever its spelling. */
export const carries = (spot: VersionSpot, version: string): boolean => normalizeVersion(spot.version) === version
