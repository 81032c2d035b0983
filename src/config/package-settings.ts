/**
 * `[tool.pyship.packages."<dir>"]` (SPEC §1): settings of one package directory, relative to
 * the working directory.
 * - `external = true` ("What belongs to the monorepo"): a package that lives in the repository
 *   but is consumed from the index (its pins onto older published releases of its siblings are
 *   deliberate). Pins onto it and from it are neither checked nor rewritten, and no bump edits
 *   its files.
 * - `version = { path = "…", pattern = '…(?P<version>…)…' }` ("declared"): where the package's
 *   version lives when no build backend says it (the path relative to the package directory).
 * Validated with the config's other keys (unknown keys are E_CONFIG with their line), resolved
 * here: a directory outside the working directory or without a pyproject.toml is E_CONFIG on its
 * table. Pure: directories are checked through `hasPyproject`.
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
  /** Consumed from the index (`external = true`). */
  external?: boolean
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

/** The keys of one `[tool.pyship.packages."<dir>"]` table (the schema validates their types). */
export const PACKAGE_SETTING_KEYS: Record<string, Rule> = {
  external: { type: 'boolean' },
  version: declaredVersion
}

/** The `packages` key of the config: a table per package directory. */
export const PACKAGE_SETTINGS_RULE: Rule = {
  type: 'map',
  of: { type: 'table', keys: PACKAGE_SETTING_KEYS }
}

/**
 * The settings of every `[packages."<dir>"]` table (already validated against the rule), by
 * directory, with the directories marked `external = true`; a directory outside the working
 * directory or without a pyproject.toml is a problem.
 */
export function resolvePackageSettings(
  raw: unknown,
  where: (p: TomlPath) => Location | undefined,
  hasPyproject: (dir: string) => boolean
): { settings: Record<string, PackageSettings>; external: string[]; problems: Problem[] } {
  const settings: Record<string, PackageSettings> = Object.create(null)
  const external: string[] = []
  const problems: Problem[] = []
  const tables = (raw ?? {}) as Record<string, { version?: { path: string; pattern: string }; external?: boolean }>
  for (const [key, value] of Object.entries(tables)) {
    const at: TomlPath = ['packages', key]
    const dir = cleanRelative(key)
    if (key.startsWith('/') || path.isAbsolute(key) || dir.split('/').includes('..')) {
      problems.push(
        problem(
          'E_CONFIG',
          `packages.${JSON.stringify(key)} must name a package directory inside the working directory`,
          where(at),
          'Name the package by its directory relative to the working directory, e.g. [tool.pyship.packages."legacy/x"].'
        )
      )
      continue
    }
    if (!hasPyproject(dir)) {
      problems.push(
        problem(
          'E_CONFIG',
          `packages.${JSON.stringify(key)}: ${dir}/pyproject.toml does not exist`,
          where(at),
          'The table is named by a package directory (one holding a pyproject.toml), relative to the working directory.'
        )
      )
      continue
    }
    const entry: PackageSettings = { dir, location: where(at) }
    if (value.external === true) {
      entry.external = true
      if (!external.includes(dir)) external.push(dir)
    }
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
  return { settings, external, problems }
}
