/**
 * The version rules of the gate (SPEC §4 check), pure over the monorepo as read: every
 * version present and valid, group members in sync (and equal to `version` when given),
 * internal pins admit members' versions, uv.lock agrees. `check` reports them; the
 * release's preflight refuses to start on them.
 */
import { PyshipError, problem, type Problem } from '../errors.js'
import { resolveComponent, type Config } from '../config/load.js'
import { versionProblem, type Package } from '../pyproject/package.js'
import { SCM_DEFAULT_TAG_REGEX, tagVersion, type SourceKind } from '../pyproject/version-source.js'
import { admits, compareVersions, isValidSpecifier, normalizeVersion } from '../version/pep440.js'
import type { Monorepo } from './load.js'
import { byText } from '../order.js'

export interface CheckOptions {
  component: string
  version: string
  /**
   * The repository's tags (`git tag --list`), for packages whose version comes from
   * git tags; null or absent when they were not read (then pins onto them are not checked).
   */
  tags?: string[] | null
}

export const label = (pkg: Package): string => pkg.name ?? pkg.dir
/** Where a package's version is written: its pyproject or the file its backend reads. */
const at = (pkg: Package) => ({ file: pkg.versionFile, line: pkg.versionLine })

/** How many packages keep their version each way. */
export type SourceCounts = Record<SourceKind, number>

/** "12 packages: 9 static, 2 in files, 1 from tags". */
export function describeSources(counts: SourceCounts): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  const parts = [
    counts.static ? `${counts.static} static` : '',
    counts.file ? `${counts.file} in files` : '',
    counts.vcs ? `${counts.vcs} from tags` : '',
    counts.unknown ? `${counts.unknown} not located` : ''
  ].filter(Boolean)
  return `${total} package${total === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`
}

/** Directory → its first target, per config (configs are not changed once loaded). */
const targetsByDir = new WeakMap<Config, Map<string, Config['targets'][string]>>()

/** The tag pattern that gives a vcs package's version: its target's tag template, else its backend's. */
export function tagPatternOf(config: Config, pkg: Package): RegExp {
  let byDir = targetsByDir.get(config)
  if (!byDir) {
    byDir = new Map()
    for (const t of Object.values(config.targets)) for (const d of t.packages) if (!byDir.has(d)) byDir.set(d, t)
    targetsByDir.set(config, byDir)
  }
  const target = byDir.get(pkg.dir)
  if (target) {
    const [before, after] = target.tag.split('{version}')
    const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return new RegExp(`^${esc(before)}(?<version>.+)${esc(after ?? '')}$`)
  }
  return pkg.source.tagPattern ?? SCM_DEFAULT_TAG_REGEX
}

/** The highest version git tags give a vcs package (normal form), or null when none does. */
export function versionFromTags(config: Config, pkg: Package, tags: string[]): string | null {
  const pattern = tagPatternOf(config, pkg)
  const versions = tags
    .map((t) => tagVersion(t, pattern))
    .map((v) => (v === null ? null : normalizeVersion(v)))
    .filter((v): v is string => v !== null)
  return versions.length ? versions.sort(compareVersions)[versions.length - 1] : null
}

/** The PEP 440 normal form of a package's version, or null (absent, dynamic or invalid). */
export const versionOf = (pkg: Package): string | null => (pkg.version === null ? null : normalizeVersion(pkg.version))

export interface Consistency {
  problems: Problem[]
  notices: string[]
  /** The groups checked. */
  groups: string[]
  /** The packages in scope (a component's groups, or every package). */
  packages: Package[]
  /** The packages in scope by version source. */
  sources: SourceCounts
  /** vcs packages in scope: the version their tags give (null: no tag gives one, or tags not read). */
  tagVersions: Map<string, string | null>
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
      throw new PyshipError(
        'E_CONFIG',
        `no Python packages found in ${repo.paths.workDir}: no config, none of the default layout's package directories (cli, server, packages/client-python) and no uv workspace`,
        {
          hint: 'Point `working-directory` at the workspace root, or add a [tool.pyship] config naming your groups.'
        }
      )
    }
    notices.push(
      repo.discovered
        ? 'no groups are configured and there is no uv workspace: checked every tracked pyproject.toml with a [project] (add [tool.pyship] groups to check versions in sync)'
        : 'no groups are configured: checked every uv workspace member (add [tool.pyship] groups to check versions in sync)'
    )
  }

  const expected = options.version ? normalizeVersion(options.version) : null
  if (options.version && expected === null) {
    problems.push(problem('E_INVALID_VERSION', `version input ${JSON.stringify(options.version)} is not a valid PEP 440 version`))
  }

  // 1. every version is located, present and valid
  const pinned = new Set(
    [...packages.values()].flatMap((from) => from.requirements.filter((r) => r.name !== from.normalizedName).map((r) => r.name))
  )
  const sources: SourceCounts = { static: 0, file: 0, vcs: 0, unknown: 0 }
  for (const pkg of inScope) {
    const managed = allGrouped.has(pkg.dir)
    sources[pkg.source.kind]++
    if (pkg.name === null) {
      if (managed) problems.push(problem('E_CONFIG', `${pkg.file} has no [project] name`, { file: pkg.file, line: 1 }))
      continue
    }
    const missing = versionProblem(pkg)
    if (missing) {
      // a version nobody depends on and no group holds is only worth a notice
      if (managed || missing.code !== 'E_VERSION_SOURCE' || pinned.has(pkg.normalizedName as string)) problems.push(missing)
      else notices.push(`${pkg.file}:${pkg.dynamicLine}: ${missing.message} (not in a group and not pinned, so not an error)`)
      continue
    }
    if (pkg.source.kind === 'vcs') continue
    if (versionOf(pkg) === null) {
      problems.push(
        problem('E_INVALID_VERSION', `${label(pkg)} version ${JSON.stringify(pkg.version)} is not a valid PEP 440 version`, at(pkg))
      )
    }
  }
  for (const pkg of packages.values()) {
    if (pkg.dynamicDependenciesLine !== null && (!scope || grouped.has(pkg.dir))) {
      notices.push(
        `${pkg.file}:${pkg.dynamicDependenciesLine}: ${label(pkg)} generates its dependencies at build time (dynamic = ["dependencies"]): its pins on other packages of the monorepo are not checkable`
      )
    }
    const template = /\{\{\s*version\s*\}\}/.exec(pkg.doc.text)
    if (template) {
      const line = pkg.doc.text.slice(0, template.index).split('\n').length
      notices.push(
        `${pkg.file}:${line}: ${label(pkg)} writes a requirement from a {{ version }} template at build time: that pin is not checkable`
      )
    }
  }

  // versions git tags give (pins onto vcs packages are checked against them)
  const tagVersions = new Map<string, string | null>()
  for (const pkg of packages.values()) {
    if (pkg.source.kind !== 'vcs' || pkg.name === null) continue
    const fromTags = options.tags ? versionFromTags(config, pkg, options.tags) : null
    tagVersions.set(pkg.dir, fromTags)
    if (scope && !grouped.has(pkg.dir)) continue
    if (!options.tags)
      notices.push(
        `${pkg.file}: ${label(pkg)} takes its version from git tags (${pkg.source.backend}), which were not read: pins onto it are not checked`
      )
    else if (fromTags === null)
      notices.push(
        `${pkg.file}: ${label(pkg)} takes its version from git tags (${pkg.source.backend}) and no tag gives one yet: pins onto it are not checked`
      )
    else
      notices.push(
        `${pkg.file}: ${label(pkg)} takes its version from git tags (${pkg.source.backend}): ${fromTags}, the highest tag; pins onto it are checked against that`
      )
  }

  // 2. group members carry one version; with `version`, that one
  const mirrorsOf = new Map<string, Monorepo['mirrors']>()
  for (const m of repo.mirrors) {
    const list = mirrorsOf.get(m.group)
    if (list) list.push(m)
    else mirrorsOf.set(m.group, [m])
  }
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
        problems.push(
          problem(
            'E_VERSION_MISMATCH',
            message,
            at(p),
            `Make every member of group ${name} carry the same version, e.g. \`pyship bump ${name} ${highest}\` (the highest version among them), then commit and push.`
          )
        )
      }
    }
    if (expected) {
      for (const p of members) {
        if (versionOf(p) !== expected) {
          problems.push(
            problem(
              'E_VERSION_NOT_UPDATED',
              `${label(p)} is ${p.version} in ${p.versionFile}, not ${expected}`,
              at(p),
              `Run \`pyship bump ${name} ${expected}\`, commit, push, wait for CI, then release.`
            )
          )
        }
      }
    }
    // the group's version-files carry the members' version (or `version`)
    const groupVersion = expected ?? (counts.size === 1 ? [...counts.keys()][0] : null)
    for (const m of mirrorsOf.get(name) ?? []) {
      const where = { file: m.spot.file, line: m.spot.line }
      const carried = normalizeVersion(m.spot.version)
      if (carried === null) {
        problems.push(
          problem(
            'E_INVALID_VERSION',
            `${m.spot.file} (version-files of group ${name}) carries ${JSON.stringify(m.spot.version)}, not a valid PEP 440 version`,
            where
          )
        )
      } else if (groupVersion !== null && carried !== groupVersion) {
        problems.push(
          expected
            ? problem(
                'E_VERSION_NOT_UPDATED',
                `${m.spot.file} (version-files of group ${name}) carries ${m.spot.version}, not ${expected}`,
                where,
                `Run \`pyship bump ${name} ${expected}\`, commit, push, wait for CI, then release.`
              )
            : problem(
                'E_VERSION_MISMATCH',
                `${m.spot.file} (version-files of group ${name}) carries ${m.spot.version} but group ${name} is ${groupVersion}`,
                where,
                `Make it carry ${groupVersion}, e.g. with \`pyship bump ${name} ${groupVersion}\`, then commit and push.`
              )
        )
      }
    }
  }

  // 3. internal pins admit the version each member carries
  const byName = new Map<string, Package>()
  const current = (p: Package): string | null => (p.source.kind === 'vcs' ? (tagVersions.get(p.dir) ?? null) : versionOf(p))
  for (const p of packages.values()) if (p.normalizedName && current(p) !== null) byName.set(p.normalizedName, p)
  for (const from of packages.values()) {
    for (const req of from.requirements) {
      const to = byName.get(req.name)
      if (!to) continue
      if (scope && !grouped.has(to.dir) && !grouped.has(from.dir)) continue
      // the line is looked up only for a problem (it parses the file with positions)
      const where = (): { file: string; line: number } => ({ file: from.file, line: req.line })
      if (!isValidSpecifier(req.specifier)) {
        problems.push(
          problem(
            'E_CONFIG',
            `${from.file}: ${req.where} requirement ${JSON.stringify(req.text)} has an invalid version specifier`,
            where()
          )
        )
        continue
      }
      const version = current(to) as string
      if (!admits(req.specifier, version)) {
        const shown = to.source.kind === 'vcs' ? `${version} (its highest tag)` : to.version
        problems.push(
          problem(
            'E_PIN_EXCLUDES',
            `${label(from)} requires ${JSON.stringify(req.text)} (${req.where}), which excludes ${label(to)} ${shown}`,
            where(),
            `Change the pin "${req.text}" in ${from.file} so it admits ${version}, or let \`pyship bump\` rewrite internal pins.`
          )
        )
      }
    }
  }

  // 4. uv.lock (and each package's own uv.lock) records the versions the packages carry
  for (const pkg of inScope) {
    const version = versionOf(pkg)
    if (!pkg.normalizedName || version === null) continue
    const own = repo.locks.get(pkg.dir)
    for (const l of own ? [lock, own] : [lock]) {
      const entry = l?.members.get(pkg.normalizedName)
      if (!l || !entry || entry.version === null) continue
      if (normalizeVersion(entry.version) !== version) {
        problems.push(
          problem(
            'E_LOCK_DRIFT',
            `${l.file} records ${label(pkg)} ${entry.version} but ${pkg.versionFile} has ${pkg.version}`,
            { file: l.file, line: entry.line },
            l === own ? `Run \`uv lock\` in ${pkg.dir} and commit its uv.lock (or let \`pyship bump\` update it).` : undefined
          )
        )
      }
    }
  }

  problems.sort((a, b) => byText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0))
  return { problems, notices, groups: groupNames, packages: inScope, sources, tagVersions }
}

/** The one version every member of a group carries (normal form), or '' when they disagree. */
export function groupVersionOf(repo: Monorepo, group: string): string {
  const versions = new Set(repo.config.groups[group].packages.map((d) => repo.packages.get(d)).map((p) => (p ? versionOf(p) : null)))
  return versions.size === 1 ? ([...versions][0] ?? '') : ''
}
