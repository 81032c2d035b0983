/**
 * The monorepo as pyship sees it: config, every package (group members and uv
 * workspace members) read with positions, and uv.lock. Read-only; no processes.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, toProblems, type Problem } from '../errors.js'
import { isTable, readToml, type TomlDocument } from '../pyproject/toml.js'
import { packageFromDocument, readPackage, relativeFile, type Package, type PackagePaths } from '../pyproject/package.js'
import { readLock, type Lock } from '../pyproject/lock.js'
import { expandDirGlob, matchGlob } from '../config/glob.js'
import { hasPyproject, loadConfig, type Config } from '../config/load.js'

export interface Monorepo {
  paths: PackagePaths
  config: Config
  /** Every package that could be read, by directory (relative to the working directory). */
  packages: Map<string, Package>
  /** uv workspace members (directories), root first when it has a [project]. */
  workspaceMembers: string[]
  lock: Lock | null
  /** Packages that could not be read (E_CONFIG with file/line/column). */
  problems: Problem[]
}

/** Members of the uv workspace declared in the root pyproject (`members` globs minus `exclude`). */
export function workspaceMembers(paths: PackagePaths, root: TomlDocument | null): string[] {
  if (!root) return []
  const members: string[] = []
  if (isTable(root.value.project)) members.push('.')
  const tool = isTable(root.value.tool) ? root.value.tool : {}
  const uv = isTable(tool.uv) ? tool.uv : {}
  const workspace = isTable(uv.workspace) ? uv.workspace : {}
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
  const exclude = strings(workspace.exclude)
  for (const pattern of strings(workspace.members)) {
    for (const dir of expandDirGlob(paths.workDir, pattern)) {
      if (exclude.some((x) => matchGlob(x, dir))) continue
      if (hasPyproject(paths.workDir, dir) && !members.includes(dir)) members.push(dir)
    }
  }
  return members
}

export function loadMonorepo(paths: PackagePaths, configInput: string): Monorepo {
  const rootFile = path.join(paths.workDir, 'pyproject.toml')
  const root = existsSync(rootFile) ? readToml(rootFile, relativeFile(paths, rootFile)) : null
  const config = loadConfig(paths, configInput, root)
  const members = workspaceMembers(paths, root)
  const dirs = new Set<string>(members)
  for (const group of Object.values(config.groups)) for (const dir of group.packages) dirs.add(dir)

  const packages = new Map<string, Package>()
  const problems: Problem[] = []
  for (const dir of dirs) {
    try {
      packages.set(dir, dir === '.' && root ? packageFromDocument(root, '.') : readPackage(paths, dir))
    } catch (error) {
      if (!(error instanceof PyshipError)) throw error
      problems.push(...toProblems(error))
    }
  }
  let lock: Lock | null = null
  try {
    lock = readLock(paths)
  } catch (error) {
    if (!(error instanceof PyshipError)) throw error
    problems.push(...toProblems(error))
  }
  return { paths, config, packages, workspaceMembers: members, lock, problems }
}

/** The group a package directory belongs to, if any. */
export function groupOf(config: Config, dir: string): string | undefined {
  return Object.values(config.groups).find((g) => g.packages.includes(dir))?.name
}
