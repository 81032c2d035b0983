/**
 * One Python package of the monorepo, read from its pyproject.toml with the
 * positions of its name, version and internal-dependency strings.
 */
import path from 'node:path'
import { PyshipError, problem, type Problem } from '../errors.js'
import { isTable, locate, locateValue, valueNode, readToml, type TomlDocument, type TomlPath } from './toml.js'
import { normalizeName, parseRequirement, type ParsedRequirement } from './requirement.js'
import { isPoetryProject, poetryName, versionSource, type DeclaredVersion, type VersionSource } from './version-source.js'
import { poetryAlternatives } from '../version/poetry-constraint.js'

export interface Requirement extends ParsedRequirement {
  /** The requirement string as written. */
  text: string
  /** Where it is declared: `dependencies`, `optional-dependencies.dev`, `dependency-groups.test`. */
  where: string
  line: number
  column: number
  /** Path of the string in the TOML document. */
  path: TomlPath
  /**
   * `poetry`: a `[tool.poetry.dependencies]` constraint (`^1.2`): `text` is the constraint as
   * written, `specifier` the PEP 440 one it means; a rewrite replaces the whole string.
   */
  syntax?: 'poetry'
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
  /**
   * The version as written where it lives: `[project] version`, or the file the build
   * backend reads (see `source`); null when absent, from git tags, or not locatable.
   */
  version: string | null
  /** Where the version is: how, and for a file source the exact characters. */
  source: VersionSource
  /** The file that carries the version (relative to the repository root): the pyproject or a version file. */
  versionFile: string
  /** Line/column of the version in `versionFile` (the `dynamic` line when no file carries it, `[project]` when absent). */
  versionLine: number
  versionColumn: number
  /** `dynamic` includes "version". */
  dynamicVersion: boolean
  /** Line of the `dynamic` key (when dynamicVersion). */
  dynamicLine: number
  /** Line of `dynamic` when it lists "dependencies" (generated at build time), else null. */
  dynamicDependenciesLine: number | null
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

export function readPackage(paths: PackagePaths, dir: string, declared?: DeclaredVersion): Package {
  const abs = path.join(paths.workDir, dir, 'pyproject.toml')
  const doc = readToml(abs, relativeFile(paths, abs))
  return packageFromDocument(doc, dir, paths, declared)
}

/** The value at a path of a document's values. */
function valueAt(doc: TomlDocument, at: TomlPath): unknown {
  let value: unknown = doc.value
  for (const key of at) value = isTable(value) ? value[key] : undefined
  return value
}

/**
 * The package a pyproject describes. With `paths`, a dynamic version is looked up where
 * its build backend keeps it (a file is read); without, it stays unknown.
 */
export function packageFromDocument(doc: TomlDocument, dir: string, paths?: PackagePaths, declared?: DeclaredVersion): Package {
  const project = doc.value.project
  const fail = (message: string, at: TomlPath): never => {
    throw new PyshipError('E_CONFIG', message, { location: locate(doc, at) })
  }
  if (project !== undefined && !isTable(project)) fail(`${doc.file}: [project] must be a table`, ['project'])
  const table = (project ?? {}) as Record<string, unknown>
  const name = project === undefined ? poetryName(doc) : table.name
  if (name !== undefined && name !== null && typeof name !== 'string')
    fail(`${doc.file}: [project] name must be a string`, ['project', 'name'])
  const version = table.version
  if (version !== undefined && typeof version !== 'string') {
    fail(`${doc.file}: [project] version must be a string`, ['project', 'version'])
  }
  const dynamicList = Array.isArray(table.dynamic) ? table.dynamic : []
  const dynamic = dynamicList.includes('version') && version === undefined
  // positions are looked up when first read (a problem, an annotation, an edit): the
  // document's syntax tree is built only then
  const dynamicAt = lazy(() => locate(doc, ['project', 'dynamic']).line)
  const absDir = paths ? path.join(paths.workDir, dir) : ''
  const source: VersionSource = paths
    ? versionSource(doc, absDir, relativeFile(paths, absDir) || '.', declared)
    : dynamic && !isPoetryProject(doc)
      ? { kind: 'unknown', backend: 'dynamic', reason: 'not looked up' }
      : versionSource(doc, '', '.')
  let at = lazy(() => locate(doc, ['project']))
  let versionFile = doc.file
  let written: string | null = null
  const { spot, tomlPath } = source
  if (tomlPath) {
    const value = valueAt(doc, tomlPath)
    if (value !== undefined && typeof value !== 'string') fail(`${doc.file}: ${tomlPath.join('.')} must be a string`, tomlPath)
    written = (value as string | undefined) ?? null
    at = lazy(() => (value !== undefined ? locateValue(doc, tomlPath) : locate(doc, tomlPath.slice(0, -1))))
  } else if (spot) {
    at = () => ({ file: spot.file, line: spot.line, column: spot.column })
    versionFile = spot.file
    written = spot.version
  } else if (dynamic) {
    at = () => ({ file: doc.file, line: dynamicAt(), column: 1 })
  }
  const hasDynamicDependencies = dynamicList.includes('dependencies')
  return {
    dir,
    file: doc.file,
    name: (name as string | undefined) ?? null,
    normalizedName: typeof name === 'string' ? normalizeName(name) : null,
    version: written,
    source,
    versionFile,
    get versionLine() {
      return at().line
    },
    get versionColumn() {
      return at().column
    },
    dynamicVersion: dynamic,
    get dynamicLine() {
      return dynamic ? dynamicAt() : at().line
    },
    get dynamicDependenciesLine() {
      return hasDynamicDependencies ? dynamicAt() : null
    },
    requirements: [...requirementsOf(doc), ...(isPoetryProject(doc) ? poetryRequirements(doc) : [])],
    doc
  }
}

/** A value computed on first use, then kept. */
function lazy<T>(compute: () => T): () => T {
  let done = false
  let value: T
  return () => {
    if (!done) {
      value = compute()
      done = true
    }
    return value
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
      const position = lazy(() => {
        const node = valueNode(doc, path)
        return { line: node?.loc.start.line ?? locate(doc, path).line, column: (node?.loc.start.column ?? 0) + 1 }
      })
      found.push({
        ...parsed,
        text: item,
        where,
        get line() {
          return position().line
        },
        get column() {
          return position().column
        },
        path
      })
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
 * `[tool.poetry.dependencies]` (and `[tool.poetry.group.<g>.dependencies]`, the older
 * `dev-dependencies`) of a Poetry project without `[project]`: each constraint string (`"^1.2"`,
 * or a table's `version`) as a requirement on that name. A `{ path = … }` dependency without a
 * version constrains nothing; `python` is no package.
 */
function poetryRequirements(doc: TomlDocument): Requirement[] {
  const found: Requirement[] = []
  const poetry = valueAt(doc, ['tool', 'poetry'])
  const collect = (deps: unknown, where: string, at: TomlPath): void => {
    if (!isTable(deps)) return
    for (const [name, spec] of Object.entries(deps)) {
      if (name.toLowerCase() === 'python') continue
      const [text, path] = typeof spec === 'string' ? [spec, [...at, name]] : isTable(spec) ? [spec.version, [...at, name, 'version']] : []
      if (typeof text !== 'string') continue
      // `*` admits every version; a constraint pyship cannot read stays, to be reported
      const alternatives = poetryAlternatives(text)
      if (alternatives?.includes('')) continue
      const specifier = alternatives ? alternatives.join(' || ') : text
      const position = lazy(() => locateValue(doc, path as TomlPath))
      found.push({
        name: normalizeName(name),
        extras: [],
        specifier,
        specifierOffset: -1,
        text,
        where: `${where} ${name}`,
        get line() {
          return position().line
        },
        get column() {
          return position().column
        },
        path: path as TomlPath,
        syntax: 'poetry'
      })
    }
  }
  if (!isTable(poetry)) return found
  collect(poetry.dependencies, '[tool.poetry.dependencies]', ['tool', 'poetry', 'dependencies'])
  collect(poetry['dev-dependencies'], '[tool.poetry.dev-dependencies]', ['tool', 'poetry', 'dev-dependencies'])
  if (isTable(poetry.group)) {
    for (const [group, table] of Object.entries(poetry.group)) {
      if (isTable(table))
        collect(table.dependencies, `[tool.poetry.group.${group}.dependencies]`, ['tool', 'poetry', 'group', group, 'dependencies'])
    }
  }
  return found
}

/**
 * Why a package's version cannot be checked or bumped, or null when pyship knows where
 * it is (a static or file version, or git tags). An unlocatable dynamic version is
 * E_VERSION_SOURCE on the `dynamic` line; a missing version E_CONFIG.
 */
export function versionProblem(pkg: Package): Problem | null {
  if (pkg.source.kind === 'unknown') {
    const { at, hint, reason } = pkg.source
    const why = pkg.dynamicVersion ? 'has dynamic = ["version"] but pyship cannot locate it' : 'has a version pyship cannot locate'
    return problem(
      'E_VERSION_SOURCE',
      `${pkg.file}: ${pkg.name ?? pkg.dir} ${why}: ${reason ?? 'unknown source'}`,
      at ?? { file: pkg.file, line: pkg.dynamicLine },
      hint
    )
  }
  if (pkg.source.kind === 'static' && pkg.version === null) {
    const key = pkg.source.tomlPath?.[0] === 'tool' ? '[tool.poetry] version' : '[project] version'
    return problem(
      'E_CONFIG',
      `${pkg.file} has no ${key}`,
      { file: pkg.file, line: pkg.versionLine },
      'Add [project] version = "…", or declare dynamic = ["version"] with a version source (hatch path, setuptools attr, …).'
    )
  }
  return null
}
