/**
 * The members of a uv workspace exactly as uv finds them (`crates/uv-workspace/src/workspace.rs`):
 * each `[tool.uv.workspace] members` glob normalized (`./`, trailing `/`, inner `..`) and walked
 * with the Rust glob crate's rules from the workspace root (symbolic links to directories
 * followed, hidden directories and `.git`, `.venv`, `node_modules` entered); a match is dropped
 * when an `exclude` pattern matches its path relative to the root (`*` may cross `/` there);
 * a matched directory without `pyproject.toml` is skipped when it is hidden or holds only
 * git-ignored files, and is otherwise an error, as uv refuses it. An invalid pattern is an
 * error when the file is read, worded as uv's. Read-only.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { problem, type Problem } from '../errors.js'
import { isTable, locate, type TomlDocument } from '../pyproject/toml.js'
import {
  compilePattern,
  escapePattern,
  GlobPatternError,
  GlobWalkError,
  globPaths,
  isNormalized,
  matches,
  normalizePath,
  type Pattern
} from '../config/glob.js'
import { hasOnlyIgnoredFiles } from './gitignore.js'

export interface Discovery {
  /** Member directories relative to the root, root first when it has a [project], then in uv's order. */
  members: string[]
  problems: Problem[]
}

interface Exclusion {
  /** Matched against the path relative to the root (uv's `Relative`), or against the absolute path. */
  relative: boolean
  pattern: Pattern | null
}

const WORKSPACE_HINT =
  'uv reads these patterns with the Rust glob crate (https://docs.rs/glob/latest/glob/struct.Pattern.html): `*`, `?`, `**` as a whole path component, `[abc]`, `[!abc]`; write a literal `[` as `[[]`.'

/** The workspace table's `members` and `exclude`, as uv reads them; problems for what uv refuses. */
export function discoverMembers(workDir: string, root: TomlDocument | null): Discovery {
  const members: string[] = []
  const problems: Problem[] = []
  if (!root) return { members, problems }
  const seen = new Set<string>()
  if (isTable(root.value.project)) {
    members.push('.')
    seen.add('.')
  }
  const tool = isTable(root.value.tool) ? root.value.tool : {}
  const uv = isTable(tool.uv) ? tool.uv : {}
  const workspace = isTable(uv.workspace) ? uv.workspace : {}
  const base = ['tool', 'uv', 'workspace']
  const at = (key: string, i?: number): ReturnType<typeof locate> => locate(root, i === undefined ? [...base, key] : [...base, key, i])

  const list = (key: 'members' | 'exclude'): { raw: string; index: number; pattern: Pattern }[] => {
    const value = workspace[key]
    if (value === undefined) return []
    if (!Array.isArray(value)) {
      problems.push(
        problem(
          'E_CONFIG',
          `tool.uv.workspace.${key}: invalid type: expected a sequence of strings`,
          at(key),
          `Write ${key} as a list of directory globs, e.g. ${key} = ["packages/*"].`
        )
      )
      return []
    }
    const out: { raw: string; index: number; pattern: Pattern }[] = []
    value.forEach((raw: unknown, index: number) => {
      if (typeof raw !== 'string') {
        problems.push(
          problem(
            'E_CONFIG',
            `tool.uv.workspace.${key}[${index}]: invalid type: expected a string`,
            at(key, index),
            `Write ${key} as a list of directory globs, e.g. ${key} = ["packages/*"].`
          )
        )
        return
      }
      const pattern = compilePattern(raw)
      if (pattern instanceof GlobPatternError) {
        problems.push(
          problem(
            'E_CONFIG',
            `tool.uv.workspace.${key}[${index}] = ${JSON.stringify(raw)}: ${pattern.message}`,
            at(key, index),
            WORKSPACE_HINT
          )
        )
        return
      }
      out.push({ raw, index, pattern })
    })
    return out
  }
  const memberGlobs = list('members')
  const excludeGlobs = list('exclude')
  if (problems.length > 0) return { members, problems }

  const rootAbs = path.resolve(workDir)
  const escapedRoot = escapePattern(rootAbs.replace(/\/+$/, ''))
  const absoluteGlob = (normalized: string): string => (normalized.startsWith('/') ? normalized : `${escapedRoot}/${normalized}`)
  let exclusions: Exclusion[] | null = null
  const excluded = (abs: string, rel: string): boolean => {
    exclusions ??= excludeGlobs.map(({ raw, index, pattern }) => {
      if (isNormalized(raw) && !raw.startsWith('/')) return { relative: true, pattern }
      const full = absoluteGlob(normalizePath(raw))
      const compiled = compilePattern(full)
      if (compiled instanceof GlobPatternError) {
        problems.push(
          problem(
            'E_CONFIG',
            `tool.uv.workspace.exclude[${index}] = ${JSON.stringify(raw)}: Failed to find directories for glob: \`${full}\`: ${compiled.message}`,
            at('exclude', index),
            WORKSPACE_HINT
          )
        )
        return { relative: false, pattern: null }
      }
      return { relative: false, pattern: compiled }
    })
    const relText = rel === '.' ? '' : rel
    return exclusions.some((x) => x.pattern !== null && matches(x.pattern, x.relative ? relText : abs))
  }

  for (const { raw, index } of memberGlobs) {
    const full = absoluteGlob(normalizePath(raw))
    let hits
    try {
      const compiled = compilePattern(full)
      if (compiled instanceof GlobPatternError) throw compiled
      hits = globPaths(full, rootAbs)
    } catch (error) {
      if (!(error instanceof GlobPatternError || error instanceof GlobWalkError)) throw error
      const why =
        error instanceof GlobPatternError
          ? `Failed to find directories for glob: \`${full}\`: ${error.message}`
          : `Directory walking failed for \`tool.uv.workspace.members\` glob: \`${full}\`: ${error.message}`
      problems.push(
        problem('E_CONFIG', `tool.uv.workspace.members[${index}] = ${JSON.stringify(raw)}: ${why}`, at('members', index), WORKSPACE_HINT)
      )
      continue
    }
    for (const hit of hits) {
      const rel = normalizePath(path.relative(rootAbs, path.resolve(hit.abs))) || '.'
      if (seen.has(rel)) continue
      seen.add(rel)
      const abs = hit.abs
        .split('/')
        .filter((s, i) => i === 0 || (s !== '' && s !== '.'))
        .join('/')
      if (excluded(abs, rel)) continue
      if (!hit.isDirectory) continue
      if (existsSync(path.join(hit.abs, 'pyproject.toml'))) {
        members.push(rel)
        continue
      }
      if (path.basename(path.resolve(hit.abs)).startsWith('.')) continue
      if (hasOnlyIgnoredFiles(hit.abs)) continue
      problems.push(
        problem(
          'E_CONFIG',
          `Workspace member \`${rel}\` is missing a \`pyproject.toml\` (matches: \`${raw}\`)`,
          at('members', index),
          `uv refuses this workspace too: add a pyproject.toml to ${rel}, remove the directory, or list it in [tool.uv.workspace] exclude.`
        )
      )
    }
  }
  return { members, problems }
}

/** What uv refuses in the members it found: no `[project]`, two members of one name, a nested workspace. */
export function memberProblems(members: readonly string[], docs: ReadonlyMap<string, TomlDocument>): Problem[] {
  const problems: Problem[] = []
  const byName = new Map<string, string>()
  const hint = (what: string): string => `uv refuses this workspace too: ${what}`
  for (const dir of members) {
    const doc = docs.get(dir)
    if (!doc) continue
    const project = doc.value.project
    if (dir !== '.' && !isTable(project)) {
      problems.push(
        problem(
          'E_CONFIG',
          `No \`project\` table found in: ${doc.file}`,
          { file: doc.file, line: 1 },
          hint(`give ${doc.file} a [project] table, or list ${dir} in [tool.uv.workspace] exclude.`)
        )
      )
      continue
    }
    if (!isTable(project) || typeof project.name !== 'string') continue
    const name = project.name.toLowerCase().replace(/[-_.]+/g, '-')
    const first = byName.get(name)
    if (first !== undefined) {
      problems.push(
        problem(
          'E_CONFIG',
          `Two workspace members are both named \`${name}\`: \`${first}\` and \`${dir}\``,
          locate(doc, ['project', 'name']),
          hint('rename one of them, or exclude one from the workspace.')
        )
      )
    } else byName.set(name, dir)
    const tool = doc.value.tool
    if (dir !== '.' && isTable(tool) && isTable(tool.uv) && tool.uv.workspace !== undefined) {
      problems.push(
        problem(
          'E_CONFIG',
          `Nested workspaces are not supported, but workspace member has a \`tool.uv.workspace\` table: ${dir}`,
          locate(doc, ['tool', 'uv', 'workspace']),
          hint(`remove [tool.uv.workspace] from ${doc.file}, or exclude ${dir} from the workspace.`)
        )
      )
    }
  }
  return problems
}
