/**
 * Poetry without a `[project]` table: `[tool.poetry] name` and `version` (and poetry-core 2
 * projects whose `[project]` declares `dynamic = ["version"]` and keeps it in
 * `[tool.poetry] version`). The version is a key of the pyproject itself, edited as TOML
 * like `[project] version`; with poetry-dynamic-versioning it comes from git tags.
 */
import { isTable, type TomlDocument } from '../toml.js'
import { buildSystem, dynamicVersion, table, toolTable, type VersionBackend } from './backend.js'

/** A Poetry project with no `[project]` table: pyship reads its name and version from `[tool.poetry]`. */
export function isPoetryProject(doc: TomlDocument): boolean {
  const poetry = table(table(doc.value.tool).poetry)
  return !isTable(doc.value.project) && (typeof poetry.name === 'string' || typeof poetry.version === 'string')
}

/** `[tool.poetry] name` of a Poetry project without `[project]`, else null. */
export function poetryName(doc: TomlDocument): string | null {
  const name = table(table(doc.value.tool).poetry).name
  return isPoetryProject(doc) && typeof name === 'string' ? name : null
}

export const poetry: VersionBackend = {
  name: 'poetry',
  claims: (ctx) =>
    isPoetryProject(ctx.doc) ||
    (dynamicVersion(ctx.doc) &&
      buildSystem(ctx.doc).backend.startsWith('poetry') &&
      typeof toolTable(ctx, 'poetry').version === 'string' &&
      !isTable(table(ctx.doc.value.tool)['poetry-dynamic-versioning'])),
  read(ctx) {
    const pdv = toolTable(ctx, 'poetry-dynamic-versioning')
    if (isTable(table(ctx.doc.value.tool)['poetry-dynamic-versioning']) && pdv.enable !== false)
      return { kind: 'vcs', backend: 'poetry-dynamic-versioning' }
    return { kind: 'static', backend: '[tool.poetry] version', tomlPath: ['tool', 'poetry', 'version'], tally: 'Poetry' }
  }
}
