/**
 * Versions located by a pattern in a file that is not `[project] version`: a hatch
 * `path`, a setuptools `attr` module or `file`, PDM's file, flit's `__version__`, a
 * `version-files` mirror. The pattern's `version` group marks the characters; an edit
 * replaces exactly those and is verified by locating the version again.
 */
import { readFileSync, statSync } from 'node:fs'

/** Where a version's characters are, in a file read once. */
export interface VersionSpot {
  /** Path relative to the repository root (annotations). */
  file: string
  abs: string
  /** The text without a leading byte-order mark. */
  text: string
  bom: boolean
  /** The version as written. */
  version: string
  /** Offsets of the version characters in `text`. */
  start: number
  end: number
  /** 1-based line and column of the version's first character. */
  line: number
  column: number
  /** Locates the version in a text the same way (used to verify an edit). */
  find: Finder
  /** How a version is written there: PEP 440 (the default) or SemVer (`1.2.0-rc.1`, Cargo files). */
  spelling?: 'semver'
  /** A mirror that records another thing than the package itself (`crate foo` in a Cargo.lock). */
  label?: string
}

export type Finder = (text: string) => { start: number; end: number; version: string } | null

export class VersionFileError extends Error {}

/**
 * A Python regular expression (as hatch, setuptools-scm and pyship's `version-files`
 * write them) as a JavaScript one: `(?P<name>…)`, `(?P=name)`, leading inline flags
 * `(?i)`/`(?m)`/`(?s)`, `\A` and `\Z`. Multi-line like hatch's `re.MULTILINE`.
 * Throws VersionFileError when it cannot be compiled or has no `version` group.
 */
export function pythonRegex(pattern: string, group = 'version'): RegExp {
  let source = pattern
  let flags = 'dm'
  const inline = /^\(\?([aiLmsux]+)\)/.exec(source)
  if (inline) {
    for (const f of inline[1]) {
      if (f === 'i' || f === 's') flags += f
      else if (f !== 'm' && f !== 'u' && f !== 'a') throw new VersionFileError(`the inline flag (?${f}) is not supported`)
    }
    source = source.slice(inline[0].length)
  }
  source = source
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '(?<![\\s\\S])')
    .replace(/\\Z/g, '(?![\\s\\S])')
  let regex: RegExp
  try {
    regex = new RegExp(source, flags)
  } catch (error) {
    throw new VersionFileError(`not a valid regular expression: ${(error as Error).message}`)
  }
  if (!new RegExp(`\\(\\?<${group}>`).test(source)) throw new VersionFileError(`it has no (?P<${group}>…) group`)
  return regex
}

/** A finder from a regex with a `version` group (the first match counts, like `re.search`). */
export function regexFinder(regex: RegExp): Finder {
  return (text) => {
    const m = new RegExp(regex.source, regex.flags.includes('d') ? regex.flags : `${regex.flags}d`).exec(text)
    const at = m?.indices?.groups?.version
    if (!m || !at || m.groups?.version === undefined) return null
    return { start: at[0], end: at[1], version: m.groups.version }
  }
}

/** The whole file, stripped (setuptools `version = { file = "VERSION" }`). */
export const wholeFileFinder: Finder = (text) => {
  const start = text.length - text.trimStart().length
  const version = text.trim()
  return version ? { start, end: start + version.length, version } : null
}

/**
 * A top-level literal string assignment `NAME = "…"` (also `NAME: str = '…'`), the
 * way setuptools and flit read `__version__` without importing the module.
 */
export function assignmentFinder(name: string): Finder {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return regexFinder(
    new RegExp(`^${escaped}[ \\t]*(?::[^=\\n]*)?=[ \\t]*[rRuU]?(?<q>"""|'''|"|')(?<version>[^'"\\\\\\n]*)\\k<q>[ \\t]*(?:#.*)?$`, 'dm')
  )
}

/** Whether the file assigns NAME at top level at all (to tell "not a literal" from "absent"). */
export function assigns(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^(?:${escaped}[ \\t]*(?::[^=\\n]*)?=|from[ \\t].*\\bimport\\b.*\\b${escaped}\\b)`, 'm').test(text)
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Read a text file (UTF-8, BOM remembered); throws VersionFileError naming the reason. */
export function readText(abs: string): { text: string; bom: boolean } {
  let bytes: Buffer
  try {
    if (!statSync(abs).isFile()) throw new VersionFileError('it is not a regular file')
    bytes = readFileSync(abs)
  } catch (error) {
    if (error instanceof VersionFileError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new VersionFileError(code === 'ENOENT' ? 'it does not exist' : `it cannot be read (${code ?? String(error)})`)
  }
  let source: string
  try {
    source = utf8.decode(bytes)
  } catch {
    throw new VersionFileError('it is not valid UTF-8')
  }
  const bom = source.charCodeAt(0) === 0xfeff
  return { text: bom ? source.slice(1) : source, bom }
}

/** Locate the version in a file; throws VersionFileError when the file or the version is not there. */
export function locateVersion(abs: string, file: string, find: Finder): VersionSpot {
  const { text, bom } = readText(abs)
  const found = find(text)
  if (!found) throw new VersionFileError('no version found in it')
  const before = text.slice(0, found.start)
  const line = before.split('\n').length
  const column = found.start - (before.lastIndexOf('\n') + 1) + 1
  return { file, abs, text, bom, version: found.version, start: found.start, end: found.end, line, column, find }
}

/**
 * The file's new content with the version characters replaced by `version`, every other
 * byte kept (BOM, line endings). Verified: the version is found again, equal to `version`,
 * at the same offset. Throws VersionFileError otherwise.
 */
export function replaceVersion(spot: VersionSpot, version: string): string {
  const text = spot.text.slice(0, spot.start) + version + spot.text.slice(spot.end)
  const again = spot.find(text)
  if (!again || again.version !== version || again.start !== spot.start) {
    throw new VersionFileError(`${spot.file}:${spot.line}: writing ${version} there would not read back as the version`)
  }
  return (spot.bom ? '\ufeff' : '') + text
}
