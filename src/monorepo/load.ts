/**
 * The monorepo as pyship sees it: config, every package (group members and uv
 * workspace members — or, with neither, every tracked pyproject with a [project]) read
 * with positions and version sources, uv.lock and each package's own uv.lock, and the
 * groups' `version-files` mirrors. Read-only; no processes (git's file list comes in
 * as data from the command).
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, problem, toProblems, type Problem } from '../errors.js'
import { locateVersion, pythonRegex, regexFinder, VersionFileError, type VersionSpot } from '../pyproject/version-file.js'
import { isTable, readToml, type TomlDocument } from '../pyproject/toml.js'
import { isPoetryProject } from '../pyproject/version-source.js'
import { packageFromDocument, readPackage, relativeFile, type Package, type PackagePaths } from '../pyproject/package.js'
import { readLock, type Lock } from '../pyproject/lock.js'
import { documentsReadBy, loadConfig, type Config } from '../config/load.js'
import { discoverMembers, memberProblems } from './workspace.js'

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
}

/** A further file that carries a group's version (config `version-files`). */
export interface Mirror {
  group: string
  spot: VersionSpot
}

export interface LoadOptions {
  /**
   * The files git tracks below the working directory (relative to it, `git ls-files`),
   * or null when it is not a git repository (then the directories are walked).
   * Only needed to discover packages when there is no config and no uv workspace.
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
  const discovered = config.kind === 'none' && !hasWorkspace(root)
  const discovery = discovered ? { members: [], problems: [] } : discoverMembers(paths.workDir, root)
  let members = discovery.members
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
  // uv leaves out a member marked `[tool.uv] managed = false` (pyship too, unless a group lists it)
  const grouped = new Set(Object.values(config.groups).flatMap((g) => g.packages))
  members = members.filter((dir) => {
    const tool = packages.get(dir)?.doc.value.tool
    const unmanaged = dir !== '.' && isTable(tool) && isTable(tool.uv) && tool.uv.managed === false
    if (unmanaged && !grouped.has(dir)) packages.delete(dir)
    return !unmanaged
  })
  problems.push(...memberProblems(members, new Map([...packages].map(([dir, pkg]) => [dir, pkg.doc]))))
  if (discovered && options.discover !== false) {
    for (const dir of pyprojectDirs(paths.workDir, options.trackedFiles)) {
      attempt(() => {
        const pkg = read(dir)
        if (isTable(pkg.doc.value.project) || isPoetryProject(pkg.doc)) {
          packages.set(dir, pkg)
          members.push(dir)
        }
      })
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
  const mirrors: Mirror[] = []
  for (const group of Object.values(config.groups)) {
    for (const entry of group.versionFiles) {
      const abs = path.join(paths.workDir, entry.path)
      const file = relativeFile(paths, abs)
      try {
        mirrors.push({ group: group.name, spot: locateVersion(abs, file, regexFinder(pythonRegex(entry.pattern))) })
      } catch (error) {
        if (!(error instanceof VersionFileError)) throw error
        const why =
          error.message === 'no version found in it' ? `its pattern ${JSON.stringify(entry.pattern)} finds no version in it` : error.message
        problems.push(
          problem(
            'E_VERSION_SOURCE',
            `${file} (version-files of group ${group.name}): ${why}`,
            entry.location ?? { file },
            `Fix the \`pattern\` of this version-files entry so its (?P<version>…) group matches the version in ${file}, or remove the entry.`
          )
        )
      }
    }
  }
  return { paths, config, packages, workspaceMembers: members, discovered, lock, locks, mirrors, problems }
}

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
