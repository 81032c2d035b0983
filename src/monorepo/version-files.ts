/**
 * The groups' `version-files` located (SPEC §1 mirrors, "Pins that always follow"): each
 * entry's pattern over its file, every match a spot carrying the group's version. By default
 * an entry carries exactly one version, so a pattern matching several places is a problem on
 * the file (E_VERSION_SOURCE on the second match: a pattern too loose to say which one is
 * meant); `count = "all"` makes every match a mirror (a generated file with 55 `==X` strings).
 * `format = "semver"` reads and writes the version in its SemVer spelling
 * (src/version/semver-spelling.ts). Reads files; no processes.
 */
import path from 'node:path'
import { problem, type Problem } from '../errors.js'
import type { Config } from '../config/load.js'
import type { VersionFileConfig, VersionFileFormat } from '../config/types.js'
import { relativeFile, type PackagePaths } from '../pyproject/package.js'
import { pythonRegex, readText, VersionFileError, type Finder, type VersionSpot } from '../pyproject/version-file.js'
import { normalizeVersion } from '../version/pep440.js'
import { fromSemver, toSemver } from '../version/semver-spelling.js'

/** A further file that carries a group's version (config `version-files`): one match of its pattern. */
export interface Mirror {
  group: string
  spot: VersionSpot
  /** How the file spells the version. */
  format: VersionFileFormat
}

type Match = { start: number; end: number; version: string }

/** Every match of the pattern, in file order (a zero-length match moves on by one). */
function allMatches(regex: RegExp, text: string): Match[] {
  const flags = [...new Set(`${regex.flags}gd`)].join('')
  const global = new RegExp(regex.source, flags)
  const found: Match[] = []
  for (let m = global.exec(text); m; m = global.exec(text)) {
    const at = m.indices?.groups?.version
    if (at && m.groups?.version !== undefined) found.push({ start: at[0], end: at[1], version: m.groups.version })
    if (m[0] === '') global.lastIndex++
  }
  return found
}

/** Finds the n-th match again (an edit is verified by finding the new version at the same offset). */
const nthFinder =
  (regex: RegExp, n: number): Finder =>
  (text) =>
    allMatches(regex, text)[n] ?? null

/** The PEP 440 normal form of what a mirror carries, or null when it does not read in its format. */
export const mirrorVersion = (m: Mirror): string | null =>
  m.format === 'semver' ? fromSemver(m.spot.version) : normalizeVersion(m.spot.version)

/** The text a mirror takes for a PEP 440 version, or why it cannot. */
export function mirrorText(m: Mirror, version: string): { text: string } | { reason: string } {
  if (m.format !== 'semver') return { text: version }
  const spelled = toSemver(version)
  return 'semver' in spelled ? { text: spelled.semver } : spelled
}

const lineOf = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset)
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 }
}

/**
 * One entry's mirrors, or the problem that keeps it from carrying the group's version. In the
 * file holding the config itself (a `[tool.pyship]` in the pyproject.toml the entry points
 * into), a line that spells one of the config's patterns is the config, not a version: its
 * matches do not count.
 */
function locateEntry(
  paths: PackagePaths,
  group: string,
  entry: VersionFileConfig,
  patterns: readonly string[]
): { mirrors: Mirror[]; problems: Problem[] } {
  const abs = path.join(paths.workDir, entry.path)
  const file = relativeFile(paths, abs)
  const fail = (why: string, at: { file: string; line?: number } = entry.location ?? { file }, hint?: string) => ({
    mirrors: [],
    problems: [
      problem(
        'E_VERSION_SOURCE',
        `${file} (version-files of group ${group}): ${why}`,
        at,
        hint ??
          `Fix the \`pattern\` of this version-files entry so its (?P<version>…) group matches the version in ${file}, or remove the entry.`
      )
    ]
  })
  let regex: RegExp
  let text: string
  let bom: boolean
  try {
    regex = pythonRegex(entry.pattern)
    ;({ text, bom } = readText(abs))
  } catch (error) {
    if (!(error instanceof VersionFileError)) throw error
    return fail(error.message)
  }
  const lineText = (offset: number): string =>
    text.slice(text.lastIndexOf('\n', offset - 1) + 1, (text.indexOf('\n', offset) + 1 || text.length + 1) - 1)
  const matches = allMatches(regex, text).filter((m) => !patterns.some((p) => lineText(m.start).includes(p)))
  if (matches.length === 0) return fail(`its pattern ${JSON.stringify(entry.pattern)} finds no version in it`)
  const count = entry.count ?? 'one'
  if (count === 'one' && matches.length > 1) {
    const lines = matches.map((m) => lineOf(text, m.start).line)
    return fail(
      `its pattern ${JSON.stringify(entry.pattern)} matches ${matches.length} places (lines ${lines.join(', ')}); an entry carries one version unless it says count = "all"`,
      { file, line: lines[1] },
      `Make the pattern match only the version meant, or set count = "all" in this version-files entry when every match carries the group's version.`
    )
  }
  const mirrors = matches.map((m, n): Mirror => {
    const { line, column } = lineOf(text, m.start)
    const find = count === 'one' ? nthFinder(regex, 0) : nthFinder(regex, n)
    return {
      group,
      format: entry.format ?? 'pep440',
      spot: { file, abs, text, bom, version: m.version, start: m.start, end: m.end, line, column, find }
    }
  })
  return { mirrors, problems: [] }
}

/** Every group's `version-files`, located, with the problems of the entries that could not be. */
export function locateMirrors(paths: PackagePaths, config: Config): { mirrors: Mirror[]; problems: Problem[] } {
  const mirrors: Mirror[] = []
  const problems: Problem[] = []
  const groups = Object.values(config.groups)
  const patterns = groups.flatMap((g) => g.versionFiles.map((e) => e.pattern))
  for (const group of groups) {
    for (const entry of group.versionFiles) {
      const inConfig = config.kind === 'file' && relativeFile(paths, path.join(paths.workDir, entry.path)) === config.source
      const found = locateEntry(paths, group.name, entry, inConfig ? patterns : [])
      mirrors.push(...found.mirrors)
      problems.push(...found.problems)
    }
  }
  return { mirrors, problems }
}
