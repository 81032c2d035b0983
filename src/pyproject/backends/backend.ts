/**
 * The one interface every version backend implements (SPEC §1 "version sources"): given a
 * package's pyproject (and its directory), say whether this backend keeps the version and
 * where — the exact characters in a file, a key of the pyproject itself, git tags, or why it
 * cannot be located. One module per backend in this directory; `index.ts` lists them in the
 * order they are asked, so a new backend is one file and one entry there. Read-only.
 */
import path from 'node:path'
import { isTable, type TomlDocument, type TomlPath } from '../toml.js'
import { assigns, locateVersion, pythonRegex, readText, VersionFileError, type Finder, type VersionSpot } from '../version-file.js'

export type SourceKind = 'static' | 'file' | 'vcs' | 'unknown'

export interface VersionSource {
  kind: SourceKind
  /** What carries it, for people: `[project] version`, `hatch path`, `setuptools attr`, `hatch-vcs`, … */
  backend: string
  /** kind `file`: the version's characters in that file. */
  spot?: VersionSpot
  /** kind `static`: the key of the pyproject that carries the version (`[project] version`, `[tool.poetry] version`). */
  tomlPath?: TomlPath
  /** Further places that carry the same version and move with it (a crate's `Cargo.lock` entry). */
  mirrors?: VersionSpot[]
  /** kind `unknown`: why pyship cannot locate the version. */
  reason?: string
  /** kind `unknown`: where to annotate it, when not the pyproject's `dynamic` line (a declared source's config line). */
  at?: { file: string; line: number }
  /** kind `unknown`: what to do about it, when the generic E_VERSION_SOURCE hint does not fit. */
  hint?: string
  /** kind `vcs`: the backend's own tag pattern (a `version` group), when it declares one. */
  tagPattern?: RegExp
  /** How `check`'s summary counts it when not by its kind: `Cargo.toml`, `Poetry`, `declared`. */
  tally?: string
}

/** A version declared in the config (`[tool.pyship.packages."<dir>"] version = { path, pattern }`). */
export interface DeclaredVersion {
  /** Relative to the package directory. */
  path: string
  /** A Python regular expression with a `version` group. */
  pattern: string
  /** The `version` key in the config. */
  location?: { file: string; line: number }
}

export interface BackendContext {
  /** Absolute directory of the package. */
  dir: string
  /** Path of the package directory relative to the repository root ('' at the root). */
  rel: string
  doc: TomlDocument
  /** The version the config declares for this package, if any. */
  declared?: DeclaredVersion
}

export interface VersionBackend {
  /** Kebab-case, as the module is named. */
  name: string
  /** Whether this backend keeps the package's version (the first in `index.ts` that claims it reads it). */
  claims(ctx: BackendContext): boolean
  read(ctx: BackendContext): VersionSource
}

export const table = (value: unknown): Record<string, unknown> => (isTable(value) ? value : {})
export const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [])

export function unknown(backend: string, reason: string): VersionSource {
  return { kind: 'unknown', backend, reason }
}

/** `tool.<name>` of the pyproject. */
export const toolTable = (ctx: BackendContext, name: string): Record<string, unknown> => table(table(ctx.doc.value.tool)[name])

/** `[project]` lists "version" in `dynamic` and does not set it. */
export function dynamicVersion(doc: TomlDocument): boolean {
  const project = doc.value.project
  if (!isTable(project)) return false
  return Array.isArray(project.dynamic) && project.dynamic.includes('version') && project.version === undefined
}

/** The build backend named in `[build-system]`, and whether `requires` names a distribution. */
export function buildSystem(doc: TomlDocument): { backend: string; needs(name: string): boolean } {
  const build = table(doc.value['build-system'])
  const backend = typeof build['build-backend'] === 'string' ? build['build-backend'] : ''
  const requires = strings(build.requires).map((r) => r.toLowerCase().replace(/_/g, '-'))
  return {
    backend,
    needs: (name) => requires.some((r) => r === name || (r.startsWith(name) && /^[\s<>=!~[;]/.test(r.slice(name.length))))
  }
}

/** A file source at `relPath` below the package directory, or unknown naming what failed. */
export function fileSource(ctx: BackendContext, backend: string, relPath: string, find: Finder, name = 'the version'): VersionSource {
  const abs = path.resolve(ctx.dir, relPath)
  const file = path.posix.join(ctx.rel, relPath.split(path.sep).join('/'))
  if (path.relative(ctx.dir, abs).startsWith('..')) return unknown(backend, `${backend} names ${relPath}, outside the package directory`)
  try {
    return { kind: 'file', backend, spot: locateVersion(abs, file, find) }
  } catch (error) {
    if (!(error instanceof VersionFileError)) throw error
    if (error.message === 'no version found in it' && name !== 'the version') {
      const text = readText(abs).text
      const why = assigns(text, name) ? `assigns ${name} but not as a literal string` : `has no top-level ${name} = "…"`
      return unknown(backend, `${file} ${why}`)
    }
    return unknown(
      backend,
      `${backend}: ${file}: ${error.message === 'no version found in it' ? 'the pattern finds no version in it' : error.message}`
    )
  }
}

/** A tag pattern from the backend's config, or undefined (when absent or not usable). */
export function tagRegex(pattern: unknown, group = 'version'): RegExp | undefined {
  if (typeof pattern !== 'string') return undefined
  try {
    const regex = pythonRegex(pattern, group)
    return group === 'version' ? regex : new RegExp(regex.source.replace(`(?<${group}>`, '(?<version>'), regex.flags)
  } catch {
    return undefined
  }
}
