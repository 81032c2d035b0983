/**
 * Per-package settings (SPEC §1): `[tool.pyship.packages."<dir>"]`, the directory relative to
 * the working directory. `version = { path = "…", pattern = '…(?P<version>…)…' }` declares
 * where the package's version lives when no build backend says it (the path relative to the
 * package directory). Validated with the config's other keys (unknown keys are E_CONFIG with
 * their line), resolved here: a directory without a pyproject.toml is E_CONFIG on its table.
 */
import path from 'node:path'
import { problem, type Location, type Problem } from '../errors.js'
import { pythonRegex } from '../pyproject/version-file.js'
import type { TomlPath } from '../pyproject/toml.js'
import type { DeclaredVersion } from '../pyproject/version-source.js'
import { cleanRelative } from './glob.js'
import type { Rule } from './schema.js'

export interface PackageSettings {
  /** The package directory, relative to the working directory. */
  dir: string
  /** Where the config declares its version, when it does. */
  version?: DeclaredVersion
  location?: Location
}

/** `version = { path, pattern }` of one package. */
const declaredVersion: Rule = {
  type: 'table',
  required: ['path', 'pattern'],
  keys: {
    path: {
      type: 'string',
      pattern: /^(?!\/)(?![A-Za-z]:).+$/,
      patternText: 'a file path relative to the package directory'
    },
    pattern: {
      type: 'string',
      check: (value) => {
        try {
          pythonRegex(value)
          return null
        } catch (error) {
          return `must be a regular expression with a (?P<version>…) group around the version: ${(error as Error).message}`
        }
      }
    }
  }
}

/** The `packages` key of the config: a table per package directory. */
export const PACKAGE_SETTINGS_RULE: Rule = {
  type: 'map',
  of: { type: 'table', keys: { version: declaredVersion } }
}

/**
 * The settings of every `[packages."<dir>"]` table (already validated against the rule), by
 * directory; a directory outside the working directory or without a pyproject.toml is a problem.
 */
export function resolvePackageSettings(
  raw: unknown,
  where: (p: TomlPath) => Location | undefined,
  hasPyproject: (dir: string) => boolean
): { settings: Record<string, PackageSettings>; problems: Problem[] } {
  const settings: Record<string, PackageSettings> = Object.create(null)
  const problems: Problem[] = []
  const tables = (raw ?? {}) as Record<string, { version?: { path: string; pattern: string } }>
  for (const [key, value] of Object.entries(tables)) {
    const at: TomlPath = ['packages', key]
    const dir = cleanRelative(key)
    if (path.isAbsolute(key) || dir.split('/').includes('..')) {
      problems.push(problem('E_CONFIG', `packages.${JSON.stringify(key)} must be a directory inside the working directory`, where(at)))
      continue
    }
    if (!hasPyproject(dir)) {
      problems.push(
        problem(
          'E_CONFIG',
          `packages.${JSON.stringify(key)}: ${dir}/pyproject.toml does not exist`,
          where(at),
          'Name the package directory (relative to `working-directory`) that holds its pyproject.toml.'
        )
      )
      continue
    }
    const entry: PackageSettings = { dir, location: where(at) }
    if (value.version) {
      const location = where([...at, 'version'])
      entry.version = {
        path: value.version.path,
        pattern: value.version.pattern,
        ...(location?.file && location.line ? { location: { file: location.file, line: location.line } } : {})
      }
    }
    settings[dir] = entry
  }
  return { settings, problems }
}
