/**
 * The version rules of the gate (SPEC §4 check), pure over the monorepo as read: every
 * version present and valid, group members in sync (and equal to `version` when given),
 * internal pins admit members' versions, uv.lock agrees. `check` reports them; the
 * release's preflight refuses to start on them.
 */
import { PyshipError, problem, type Problem } from '../errors.js'
import { resolveComponent } from '../config/load.js'
import { staticVersionProblem, type Package } from '../pyproject/package.js'
import { admits, compareVersions, isValidSpecifier, normalizeVersion } from '../version/pep440.js'
import type { Monorepo } from './load.js'

export interface CheckOptions {
  component: string
  version: string
}

export const label = (pkg: Package): string => pkg.name ?? pkg.dir
const at = (pkg: Package) => ({ file: pkg.file, line: pkg.versionLine })

/** The PEP 440 normal form of a package's version, or null (absent, dynamic or invalid). */
export const versionOf = (pkg: Package): string | null => (pkg.version === null ? null : normalizeVersion(pkg.version))

export interface Consistency {
  problems: Problem[]
  notices: string[]
  /** The groups checked. */
  groups: string[]
  /** The packages in scope (a component's groups, or every package). */
  packages: Package[]
}

export function checkVersions(repo: Monorepo, options: CheckOptions): Consistency {
  const { config, packages, lock } = repo
  const problems: Problem[] = [...repo.problems]
  const notices = [...config.notices]
  const scope = options.component ? resolveComponent(config, options.component) : null
  const groupNames = scope ? scope.groups : Object.keys(config.groups)
  const grouped = new Set(groupNames.flatMap((g) => config.groups[g].packages))
  const inScope = [...packages.values()].filter((p) => (scope ? grouped.has(p.dir) : true))
  const allGrouped = new Set(Object.values(config.groups).flatMap((g) => g.packages))

  if (config.kind === 'none') {
    if (packages.size === 0 && problems.length === 0) {
      throw new PyshipError('E_CONFIG', `no Python packages found in ${repo.paths.workDir}: no config, none of the default layout's package directories (cli, server, packages/client-python) and no uv workspace`, {
        hint: 'Point `working-directory` at the workspace root, or add a [tool.pyship] config naming your groups.'
      })
    }
    notices.push('no groups are configured: checked every uv workspace member (add [tool.pyship] groups to check versions in sync)')
  }

  const expected = options.version ? normalizeVersion(options.version) : null
  if (options.version && expected === null) {
    problems.push(problem('E_INVALID_VERSION', `version input ${JSON.stringify(options.version)} is not a valid PEP 440 version`))
  }

  // 1. every version is present and valid
  for (const pkg of inScope) {
    const managed = allGrouped.has(pkg.dir)
    if (pkg.name === null) {
      if (managed) problems.push(problem('E_CONFIG', `${pkg.file} has no [project] name`, { file: pkg.file, line: 1 }))
      continue
    }
    const missing = staticVersionProblem(pkg)
    if (missing) {
      if (managed) problems.push(missing)
      else if (pkg.dynamicVersion) notices.push(`${pkg.file}: ${label(pkg)} has a dynamic version; its version is not checked`)
      continue
    }
    if (versionOf(pkg) === null) {
      problems.push(problem('E_INVALID_VERSION', `${label(pkg)} version ${JSON.stringify(pkg.version)} is not a valid PEP 440 version`, at(pkg)))
    }
  }

  // 2. group members carry one version; with `version`, that one
  for (const name of groupNames) {
    const members = config.groups[name].packages
      .map((dir) => packages.get(dir))
      .filter((p): p is Package => p !== undefined && versionOf(p) !== null)
    const counts = new Map<string, number>()
    for (const p of members) counts.set(versionOf(p) as string, (counts.get(versionOf(p) as string) ?? 0) + 1)
    if (counts.size > 1) {
      const top = Math.max(...counts.values())
      const leaders = [...counts.keys()].filter((v) => counts.get(v) === top)
      const listing = members.map((p) => `${label(p)} ${p.version}`).join(', ')
      // bump never lowers a group below its highest member (without allow-downgrade): suggest that one
      const highest = [...counts.keys()].sort(compareVersions).pop() as string
      for (const p of members) {
        if (leaders.length === 1 && versionOf(p) === leaders[0]) continue
        const message =
          leaders.length === 1
            ? `${label(p)} is ${p.version} but group ${name} is ${leaders[0]} (${listing})`
            : `group ${name} members disagree: ${listing}`
        problems.push(problem('E_VERSION_MISMATCH', message, at(p), `Make every member of group ${name} carry the same version, e.g. \`pyship bump ${name} ${highest}\` (the highest version among them), then commit and push.`))
      }
    }
    if (expected) {
      for (const p of members) {
        if (versionOf(p) !== expected) {
          problems.push(
            problem('E_VERSION_NOT_UPDATED', `${label(p)} is ${p.version} in ${p.file}, not ${expected}`, at(p), `Run \`pyship bump ${name} ${expected}\`, commit, push, wait for CI, then release.`)
          )
        }
      }
    }
  }

  // 3. internal pins admit the version each member carries
  const byName = new Map<string, Package>()
  for (const p of packages.values()) if (p.normalizedName && versionOf(p) !== null) byName.set(p.normalizedName, p)
  for (const from of packages.values()) {
    for (const req of from.requirements) {
      const to = byName.get(req.name)
      if (!to) continue
      if (scope && !grouped.has(to.dir) && !grouped.has(from.dir)) continue
      const where = { file: from.file, line: req.line }
      if (!isValidSpecifier(req.specifier)) {
        problems.push(problem('E_CONFIG', `${from.file}: ${req.where} requirement ${JSON.stringify(req.text)} has an invalid version specifier`, where))
        continue
      }
      const version = versionOf(to) as string
      if (!admits(req.specifier, version)) {
        problems.push(
          problem(
            'E_PIN_EXCLUDES',
            `${label(from)} requires ${JSON.stringify(req.text)} (${req.where}), which excludes ${label(to)} ${to.version}`,
            where,
            `Change the pin "${req.text}" in ${from.file} so it admits ${version}, or let \`pyship bump\` rewrite internal pins.`
          )
        )
      }
    }
  }

  // 4. uv.lock records the versions the pyprojects carry
  if (lock) {
    for (const pkg of inScope) {
      const entry = pkg.normalizedName ? lock.members.get(pkg.normalizedName) : undefined
      const version = versionOf(pkg)
      if (!entry || entry.version === null || version === null) continue
      if (normalizeVersion(entry.version) !== version) {
        problems.push(
          problem('E_LOCK_DRIFT', `${lock.file} records ${label(pkg)} ${entry.version} but ${pkg.file} has ${pkg.version}`, { file: lock.file, line: entry.line })
        )
      }
    }
  }

  problems.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0))
  return { problems, notices, groups: groupNames, packages: inScope }
}

/** The one version every member of a group carries (normal form), or '' when they disagree. */
export function groupVersionOf(repo: Monorepo, group: string): string {
  const versions = new Set(repo.config.groups[group].packages.map((d) => repo.packages.get(d)).map((p) => (p ? versionOf(p) : null)))
  return versions.size === 1 ? ([...versions][0] ?? '') : ''
}
