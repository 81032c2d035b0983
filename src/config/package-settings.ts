/**
 * `[tool.pyship.packages."<dir>"]` (SPEC §1 "What belongs to the monorepo"): settings of one
 * package directory. This module reads the `external` key: a package that lives in the
 * repository but is consumed from the index (its pins onto older published releases of its
 * siblings are deliberate). Pins onto it and from it are neither checked nor rewritten, and no
 * bump edits its files. Pure: directories are checked through `hasPyproject`.
 */
import { problem, type Location, type Problem } from '../errors.js'
import type { TomlPath } from '../pyproject/toml.js'
import { cleanRelative } from './glob.js'
import type { Rule } from './schema.js'

/** The keys of one `[tool.pyship.packages."<dir>"]` table (the schema validates their types). */
export const PACKAGE_SETTING_KEYS: Record<string, Rule> = {
  external: { type: 'boolean' }
}

/** The directories marked `external = true`, and what is wrong with the table's directory names. */
export function externalPackages(
  raw: Record<string, unknown>,
  where: (p: TomlPath) => Location | undefined,
  hasPyproject: (dir: string) => boolean
): { external: string[]; problems: Problem[] } {
  const external: string[] = []
  const problems: Problem[] = []
  const table = (raw.packages ?? {}) as Record<string, Record<string, unknown>>
  for (const [key, settings] of Object.entries(table)) {
    const dir = cleanRelative(key)
    const at = where(['packages', key])
    if (key.startsWith('/') || dir.split('/').includes('..')) {
      problems.push(
        problem(
          'E_CONFIG',
          `packages.${JSON.stringify(key)} must name a package directory inside the working directory`,
          at,
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
          at,
          'The table is named by a package directory (one holding a pyproject.toml), relative to the working directory.'
        )
      )
      continue
    }
    if (settings.external === true && !external.includes(dir)) external.push(dir)
  }
  return { external, problems }
}
