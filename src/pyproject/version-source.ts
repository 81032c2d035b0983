/**
 * Where a package's version lives (SPEC §1 "version sources"): `[project] version`
 * (static), `[tool.poetry] version`, a file its build backend reads (hatch `path` in the
 * pyproject or hatch.toml, setuptools `attr`/`file`, PDM `source = "file"`, flit's
 * `__version__`, maturin's `Cargo.toml`), a file the config declares, git tags (hatch-vcs,
 * setuptools-scm, uv-dynamic-versioning, versioningit, PDM `scm`), or nowhere pyship can tell
 * (unknown, with the reason). One module per backend in ./backends/; this module is their
 * entry point. Read-only.
 */
import type { TomlDocument } from './toml.js'
import type { DeclaredVersion, VersionSource } from './backends/backend.js'
import { versionSourceOf } from './backends/index.js'

export type { DeclaredVersion, SourceKind, VersionSource } from './backends/backend.js'
export { HATCH_DEFAULT_PATTERN } from './backends/hatch.js'
export { SCM_DEFAULT_TAG_REGEX } from './backends/vcs.js'
export { isPoetryProject, poetryName } from './backends/poetry.js'

/**
 * The version source of a package. `dir` is the package's absolute directory, `rel` that
 * directory relative to the repository root; `declared` the version its config declares.
 */
export function versionSource(doc: TomlDocument, dir: string, rel: string, declared?: DeclaredVersion): VersionSource {
  return versionSourceOf({ dir, rel: rel === '.' ? '' : rel, doc, ...(declared ? { declared } : {}) })
}

/** Whether a tag names a version through `pattern` (the `version` group), and which. */
export function tagVersion(tag: string, pattern: RegExp): string | null {
  const m = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).exec(tag)
  return m?.groups?.version ?? null
}
