/**
 * `exclude` (SPEC §1 "What belongs to the monorepo"): package directories that are not part of
 * the monorepo — test fixtures, cookiecutter templates, examples pinning old versions on
 * purpose. Patterns are the globs of `packages` (src/config/glob.ts, the Rust glob crate's
 * syntax), matched as uv matches `[tool.uv.workspace] exclude`: against the directory's path
 * relative to the working directory, `*` crossing `/`. A package is excluded when a pattern
 * matches its directory or a directory above it (`templates` leaves out `templates/a/b`).
 * Pure.
 */
import { problem, type Location, type Problem } from '../errors.js'
import type { TomlPath } from '../pyproject/toml.js'
import { cleanRelative, compilePattern, GlobPatternError, matches, type Pattern } from './glob.js'

export interface Exclusion {
  /** The pattern as written. */
  raw: string
  pattern: Pattern
}

/** The config's `exclude` patterns, compiled; an invalid one is E_CONFIG on its line. */
export function readExclude(
  raw: Record<string, unknown>,
  where: (p: TomlPath) => Location | undefined
): { exclude: Exclusion[]; problems: Problem[] } {
  const exclude: Exclusion[] = []
  const problems: Problem[] = []
  const list = Array.isArray(raw.exclude) ? (raw.exclude as string[]) : []
  list.forEach((text, i) => {
    const clean = cleanRelative(text)
    const fail = (why: string): void => {
      problems.push(
        problem(
          'E_CONFIG',
          `exclude[${i}] = ${JSON.stringify(text)} ${why}`,
          where(['exclude', i]),
          'Write each `exclude` entry as a directory glob relative to the working directory, as in `packages`: e.g. exclude = ["**/examples/**", "templates/**"].'
        )
      )
    }
    if (text.startsWith('/') || clean.split('/').includes('..')) return fail('must be a glob inside the working directory')
    if (clean === '.') return fail('would exclude every package')
    const pattern = compilePattern(clean)
    if (pattern instanceof GlobPatternError) return fail(`is not a valid glob: ${pattern.message}`)
    exclude.push({ raw: text, pattern })
  })
  return { exclude, problems }
}

/** The pattern that leaves `dir` out (it or a directory above it matches), or null. */
export function excludedBy(exclude: readonly Exclusion[], dir: string): string | null {
  if (exclude.length === 0 || dir === '.') return null
  const parts = dir.split('/')
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('/')
    const hit = exclude.find((x) => matches(x.pattern, candidate))
    if (hit) return hit.raw
  }
  return null
}
