/**
 * One Python package of the monorepo, read from its pyproject.toml with the
 * positions of its name, version and internal-dependency strings.
 */
import path from 'node:path'
import { PyshipError, problem, type Problem } from '../errors.js'
import { isTable, locate, locateValue, valueNode, readToml, type TomlDocument, type TomlPath } from './toml.js'
import { normalizeName, parseRequirement, type ParsedRequirement } from './requirement.js'

export interface Requirement extends ParsedRequirement {
  /** The requirement string as written. */
  text: string
  /** Where it is declared: `dependencies`, `optional-dependencies.dev`, `dependency-groups.test`. */
  where: string
  line: number
  column: number
  /** Path of the string in the TOML document. */
  path: TomlPath
}

export interface Package {
  /** Directory relative to the working directory, POSIX separators, `.` for the root. */
  dir: string
  /** pyproject.toml relative to the repository root (annotation path). */
  file: string
  /** `[project] name` as written, or null for a virtual (project-less) pyproject. */
  name: string | null
  /** PEP 503 normal form of the name. */
  normalizedName: string | null
  /** `[project] version` as written; null when absent or dynamic. */
  version: string | null
  /** Line/column of the version string (or of `[project]` when it has none). */
  versionLine: number
  versionColumn: number
  /** `dynamic` includes "version". */
  dynamicVersion: boolean
  /** Line of the `dynamic` key (when dynamicVersion). */
  dynamicLine: number
  requirements: Requirement[]
  doc: TomlDocument
}

export interface PackagePaths {
  /** Absolute working directory (the workspace root). */
  workDir: string
  /** Absolute repository root: annotation paths are relative to it. */
  repoRoot: string
}

export function relativeFile(paths: PackagePaths, absolute: string): string {
  return path.relative(paths.repoRoot, absolute).split(path.sep).join('/')
}

export function readPackage(paths: PackagePaths, dir: string): Package {
  const abs = path.join(paths.workDir, dir, 'pyproject.toml')
  const doc = readToml(abs, relativeFile(paths, abs))
  return packageFromDocument(doc, dir)
}

export function packageFromDocument(doc: TomlDocument, dir: string): Package {
  const project = doc.value.project
  const fail = (message: string, at: TomlPath): never => {
    throw new PyshipError('E_CONFIG', message, { location: locate(doc, at) })
  }
  if (project !== undefined && !isTable(project)) fail(`${doc.file}: [project] must be a table`, ['project'])
  const table = (project ?? {}) as Record<string, unknown>
  const name = table.name
  if (name !== undefined && typeof name !== 'string') fail(`${doc.file}: [project] name must be a string`, ['project', 'name'])
  const version = table.version
  if (version !== undefined && typeof version !== 'string') {
    fail(`${doc.file}: [project] version must be a string`, ['project', 'version'])
  }
  const dynamic = Array.isArray(table.dynamic) && table.dynamic.includes('version')
  const at = version !== undefined ? locateValue(doc, ['project', 'version']) : locate(doc, ['project'])
  return {
    dir,
    file: doc.file,
    name: (name as string | undefined) ?? null,
    normalizedName: typeof name === 'string' ? normalizeName(name) : null,
    version: (version as string | undefined) ?? null,
    versionLine: at.line,
    versionColumn: at.column,
    dynamicVersion: dynamic,
    dynamicLine: dynamic ? locate(doc, ['project', 'dynamic']).line : at.line,
    requirements: requirementsOf(doc),
    doc
  }
}

function requirementsOf(doc: TomlDocument): Requirement[] {
  const found: Requirement[] = []
  const collect = (list: unknown, where: string, at: TomlPath): void => {
    if (!Array.isArray(list)) return
    list.forEach((item, index) => {
      // dependency-groups may also hold `{ include-group = "…" }` tables
      if (typeof item !== 'string') return
      const parsed = parseRequirement(item)
      if (!parsed) return
      const path = [...at, index]
      const node = valueNode(doc, path)
      const line = node?.loc.start.line ?? locate(doc, path).line
      const column = (node?.loc.start.column ?? 0) + 1
      found.push({ ...parsed, text: item, where, line, column, path })
    })
  }
  const project = isTable(doc.value.project) ? doc.value.project : {}
  collect(project.dependencies, 'dependencies', ['project', 'dependencies'])
  const optional = project['optional-dependencies']
  if (isTable(optional)) {
    for (const [extra, list] of Object.entries(optional)) {
      collect(list, `optional-dependencies.${extra}`, ['project', 'optional-dependencies', extra])
    }
  }
  const groups = doc.value['dependency-groups']
  if (isTable(groups)) {
    for (const [group, list] of Object.entries(groups)) collect(list, `dependency-groups.${group}`, ['dependency-groups', group])
  }
  return found
}

/**
 * Why a package pyship manages (a group member) has no static version to check or
 * bump, or null when it has one.
 */
export function staticVersionProblem(pkg: Package): Problem | null {
  if (pkg.dynamicVersion) {
    return problem(
      'E_CONFIG',
      `${pkg.file}: dynamic = ["version"] is not supported yet; pyship manages a static [project] version`,
      { file: pkg.file, line: pkg.dynamicLine },
      'Write the version into [project] version = "…" and remove "version" from dynamic.'
    )
  }
  if (pkg.version === null) return problem('E_CONFIG', `${pkg.file} has no [project] version`, { file: pkg.file, line: pkg.versionLine })
  return null
}
