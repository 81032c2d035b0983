/**
 * The monorepo as pyship sees it: config, every package (group members and uv
 * workspace members — or, with neither, every tracked pyproject with a [project]) read
 * with positions and version sources, uv.lock and each package's own uv.lock, and the
 * groups' `version-files` mirrors. Read-only; no processes (git's file list comes in
 * as data from the command).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, toProblems, type Problem } from '../errors.js'
import { isTable, readToml, type TomlDocument } from '../pyproject/toml.js'
import { isPoetryProject, poetryName } from '../pyproject/version-source.js'
import { packageFromDocument, readPackage, relativeFile, type Package, type PackagePaths } from '../pyproject/package.js'
import { readLock, type Lock } from '../pyproject/lock.js'
import { documentsReadBy, loadConfig, type Config } from '../config/load.js'
import { hasGroups } from '../config/types.js'
import { discoverMembers, memberProblems } from './workspace.js'
import { excludedBy } from '../config/exclude.js'
import { locateMirrors, type Mirror } from './version-files.js'

export interface Monorepo {
  paths: PackagePaths
  config: Config
  /** Every package that could be read, by directory (relative to the working directory). */
  packages: Map<string, Package>
  /** uv workspace members (directories), root first when it has a [project]. */
  workspaceMembers: string[]
  /** No config and no uv workspace: the packages were discovered (every tracked pyproject with a [project]). */
  discovered: boolean
  lock: Lock | null
  /** Each package directory's own uv.lock (not the working directory's), by directory. */
  locks: Map<string, Lock>
  /** The groups' `version-files`, located. */
  mirrors: Mirror[]
  /** Packages that could not be read (E_CONFIG with file/line/column). */
  problems: Problem[]
  /** `external = true` packages, read but never checked or bumped (their pins are deliberate), by directory. */
  external: Map<string, Package>
  /** Every package found that the gate does not check, with why (SPEC §1 "What belongs to the monorepo"). */
  unchecked: UncheckedPackage[]
  /** Package directories (a pyproject.toml) left out by the config's `exclude`. */
  excluded: string[]
}

/** A package the gate found and did not check. */
export interface UncheckedPackage {
  dir: string
  /** Its pyproject.toml, relative to the repository root. */
  file: string
  /** `[project] name`, when it could be read. */
  name: string | null
  /**
   * `external`: consumed from the index (`external = true`); `outside`: a tracked pyproject.toml
   * with a [project] that no group and not the uv workspace holds; `unmanaged`: a workspace member
   * with `[tool.uv] managed = false`; `unreadable`: a tracked pyproject.toml outside the
   * workspace and every group that does not parse.
   */
  reason: 'external' | 'outside' | 'unmanaged' | 'unreadable'
}

export type { Mirror } from './version-files.js'

export interface LoadOptions {
  /**
   * The files git tracks below the working directory (relative to it, `git ls-files`),
   * or null when it is not a git repository (then the directories are walked).
   * Packages are discovered in it: every package when there are no groups and no uv workspace,
   * else the packages the gate does not check (named in its summary).
   */
  trackedFiles?: string[] | null
  /**
   * false: do not discover packages (no config and no uv workspace leaves `packages`
   * empty, `discovered` true), for a caller that reads git's file list only when needed.
   */
  discover?: boolean
}

/** Directories that never hold the monorepo's own packages. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'venv',
  'env',
  'site-packages',
  '__pycache__',
  'vendor',
  'vendored',
  '_vendor',
  'third_party',
  'build',
  'dist'
])
const skipped = (segment: string): boolean => segment.startsWith('.') || SKIPPED_DIRS.has(segment)

/** pyproject.toml files below the working directory: git's list, or a walk when there is none. */
function pyprojectDirs(workDir: string, tracked: string[] | null | undefined): string[] {
  const dirs: string[] = []
  if (tracked) {
    for (const file of tracked) {
      const parts = file.split('/')
      if (parts[parts.length - 1] !== 'pyproject.toml' || parts.slice(0, -1).some(skipped)) continue
      dirs.push(parts.length === 1 ? '.' : parts.slice(0, -1).join('/'))
    }
    return dirs.sort()
  }
  const walk = (rel: string, depth: number): void => {
    const abs = path.join(workDir, rel)
    const entries = readdirSync(abs, { withFileTypes: true })
    if (entries.some((e) => e.name === 'pyproject.toml' && e.isFile())) dirs.push(rel || '.')
    if (depth >= 8) return
    for (const e of entries) if (e.isDirectory() && !skipped(e.name)) walk(rel ? `${rel}/${e.name}` : e.name, depth + 1)
  }
  walk('', 0)
  return dirs.sort()
}

/** Members of the uv workspace declared in the root pyproject, as uv finds them (see ./workspace.ts). */
export function workspaceMembers(paths: PackagePaths, root: TomlDocument | null): string[] {
  return discoverMembers(paths.workDir, root).members
}

const hasWorkspace = (root: TomlDocument | null): boolean => {
  const tool = root && isTable(root.value.tool) ? root.value.tool : {}
  return isTable(tool.uv) && isTable(tool.uv.workspace)
}

export function loadMonorepo(paths: PackagePaths, configInput: string, options: LoadOptions = {}): Monorepo {
  const rootFile = path.join(paths.workDir, 'pyproject.toml')
  const root = existsSync(rootFile) ? readToml(rootFile, relativeFile(paths, rootFile)) : null
  const config = loadConfig(paths, configInput, root)
  // no groups (no config, or one with only `exclude` or `waivers`) and no uv workspace: every package found
  const discovered = !hasGroups(config) && !hasWorkspace(root)
  const discovery = discovered ? { members: [], problems: [] } : discoverMembers(paths.workDir, root)
  const exclude = config.exclude ?? []
  const externalDirs = new Set(config.external ?? [])
  const excluded: string[] = []
  const unchecked: UncheckedPackage[] = []
  const fileOf = (dir: string): string => relativeFile(paths, path.join(paths.workDir, dir, 'pyproject.toml'))
  let members = discovery.members.filter((dir) => {
    if (excludedBy(exclude, dir) !== null) excluded.push(dir)
    return !excluded.includes(dir) && !externalDirs.has(dir)
  })
  const dirs = new Set<string>(members)
  for (const group of Object.values(config.groups)) for (const dir of group.packages) dirs.add(dir)
  // a package whose version the config declares is read, in a group or not
  for (const dir of Object.keys(config.packages ?? {})) if (config.packages?.[dir].version) dirs.add(dir)

  const packages = new Map<string, Package>()
  const problems: Problem[] = [...discovery.problems]
  const attempt = (fn: () => void): void => {
    try {
      fn()
    } catch (error) {
      if (!(error instanceof PyshipError)) throw error
      problems.push(...toProblems(error))
    }
  }
  const parsed = documentsReadBy(config)
  const read = (dir: string): Package => {
    const doc = dir === '.' ? root : parsed.get(dir)
    const declared = config.packages?.[dir]?.version
    return doc ? packageFromDocument(doc, dir, paths, declared) : readPackage(paths, dir, declared)
  }
  for (const dir of dirs) attempt(() => packages.set(dir, read(dir)))
  const external = new Map<string, Package>()
  for (const dir of externalDirs) {
    if (excludedBy(exclude, dir) !== null) continue
    try {
      external.set(dir, read(dir))
    } catch (error) {
      if (!(error instanceof PyshipError)) throw error
    }
    const pkg = external.get(dir)
    unchecked.push({ dir, file: fileOf(dir), name: pkg?.name ?? null, reason: 'external' })
  }
  // uv leaves out a member marked `[tool.uv] managed = false` (pyship too, unless a group lists it)
  const grouped = new Set(Object.values(config.groups).flatMap((g) => g.packages))
  members = members.filter((dir) => {
    const pkg = packages.get(dir)
    const tool = pkg?.doc.value.tool
    const unmanaged = dir !== '.' && isTable(tool) && isTable(tool.uv) && tool.uv.managed === false
    if (unmanaged && !grouped.has(dir)) {
      packages.delete(dir)
      unchecked.push({ dir, file: fileOf(dir), name: pkg?.name ?? null, reason: 'unmanaged' })
    }
    return !unmanaged
  })
  problems.push(...memberProblems(members, new Map([...packages].map(([dir, pkg]) => [dir, pkg.doc]))))
  if (options.discover !== false) {
    // every tracked pyproject.toml: each package when nothing else says which they are, else the ones not checked
    const known = new Set([...dirs, ...unchecked.map((u) => u.dir)])
    for (const dir of pyprojectDirs(paths.workDir, options.trackedFiles)) {
      if (known.has(dir) || excluded.includes(dir)) continue
      if (excludedBy(exclude, dir) !== null) {
        excluded.push(dir)
        continue
      }
      if (discovered) {
        attempt(() => {
          const pkg = read(dir)
          if (isTable(pkg.doc.value.project) || isPoetryProject(pkg.doc)) {
            packages.set(dir, pkg)
            members.push(dir)
          }
        })
        continue
      }
      let doc: TomlDocument | null
      try {
        doc = dir === '.' ? root : readToml(path.join(paths.workDir, dir, 'pyproject.toml'), fileOf(dir))
      } catch (error) {
        if (!(error instanceof PyshipError)) throw error
        unchecked.push({ dir, file: fileOf(dir), name: null, reason: 'unreadable' })
        continue
      }
      const project = doc?.value.project
      if (isTable(project)) {
        unchecked.push({ dir, file: fileOf(dir), name: typeof project.name === 'string' ? project.name : null, reason: 'outside' })
      } else if (doc && isPoetryProject(doc)) {
        unchecked.push({ dir, file: fileOf(dir), name: poetryName(doc), reason: 'outside' })
      }
    }
  }
  let lock: Lock | null = null
  attempt(() => (lock = readLock(paths)))
  const locks = new Map<string, Lock>()
  for (const dir of packages.keys()) {
    if (dir === '.') continue
    attempt(() => {
      const own = readLock(paths, dir)
      if (own) locks.set(dir, own)
    })
  }
  const located = locateMirrors(paths, config)
  const mirrors = located.mirrors
  problems.push(...located.problems)
  excluded.sort()
  return { paths, config, packages, workspaceMembers: members, discovered, lock, locks, mirrors, problems, external, unchecked, excluded }
}

/**
 * Whether the working tree holds a pyproject.toml (outside hidden and vendored directories) that
 * `repo`, read without discovery, does not know: only then is git's file list worth a process.
 */
export function hasOtherPyprojects(repo: Monorepo): boolean {
  const known = new Set([...repo.packages.keys(), ...repo.unchecked.map((u) => u.dir), ...repo.excluded])
  const exclude = repo.config.exclude ?? []
  return pyprojectDirs(repo.paths.workDir, null).some((dir) => {
    if (known.has(dir)) return false
    if (excludedBy(exclude, dir) !== null) return true
    // a package has a [project] (or Poetry's [tool.poetry]) table (a virtual workspace root or a tool's settings file does not)
    return PROJECT_TABLE.test(readFileSync(path.join(repo.paths.workDir, dir, 'pyproject.toml'), 'utf8'))
  })
}
const PROJECT_TABLE = /^[ \t]*\[[ \t]*(project|tool\.poetry)[ \t]*[\].]|^[ \t]*project[ \t]*=/m

/** The group a package directory belongs to, if any. */
export function groupOf(config: Config, dir: string): string | undefined {
  let byDir = groupsByDir.get(config)
  if (!byDir) {
    byDir = new Map()
    // the first group listing a directory wins, as a search in config order would
    for (const g of Object.values(config.groups)) for (const d of g.packages) if (!byDir.has(d)) byDir.set(d, g.name)
    groupsByDir.set(config, byDir)
  }
  return byDir.get(dir)
}

/** Directory → group, per config (configs are not changed once loaded). */
const groupsByDir = new WeakMap<Config, Map<string, string>>()
