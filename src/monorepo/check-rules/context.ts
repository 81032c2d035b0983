/**
 * What every check rule reads: the monorepo as loaded and the views of it the rules share
 * (the groups checked, the packages in scope, the version input, the versions git tags
 * give). Built once per check; pure once built. A rule is one module exporting a
 * `CheckRule`; `rules.ts` lists them in the order their problems and notices are reported.
 */
import { resolveComponent, type Config } from '../../config/load.js'
import type { Problem } from '../../errors.js'
import type { Package } from '../../pyproject/package.js'
import { normalizeVersion } from '../../version/pep440.js'
import type { Mirror, Monorepo } from '../load.js'
import { versionFromTags, versionOf } from '../package-version.js'

export interface CheckOptions {
  component: string
  version: string
  /**
   * The repository's tags (`git tag --list`), for packages whose version comes from
   * git tags; null or absent when they were not read (then pins onto them are not checked).
   */
  tags?: string[] | null
}

/** A group as the rules see it. */
export interface GroupView {
  name: string
  /** Members (config order) whose version is present and valid PEP 440. */
  members: Package[]
  /** Normal form → how many of those members carry it (first-seen order). */
  counts: Map<string, number>
  /** The group's `version-files`, located. */
  mirrors: Mirror[]
}

export interface CheckContext {
  repo: Monorepo
  config: Config
  options: CheckOptions
  /** The groups checked, config order. */
  groups: GroupView[]
  /** The packages in scope: members of the groups checked, or every package without a component. */
  inScope: Package[]
  /** Whether a package directory is in scope. */
  isInScope(dir: string): boolean
  /** Whether a package directory belongs to any group (in scope or not). */
  isManaged(dir: string): boolean
  /** Normal names other packages of the monorepo require. */
  pinned: Set<string>
  /** The version input in normal form; null when not given or not PEP 440. */
  expected: string | null
  /** vcs packages with a name: the version their tags give (null: no tag gives one, or tags not read). */
  tagVersions: Map<string, string | null>
  /** The version a package carries for pins: its normal form, or for a vcs package its highest tag. */
  current(pkg: Package): string | null
}

export interface CheckRule {
  /** Kebab-case, as the module is named. */
  name: string
  /** What the rule refuses (each with code, message, file and line where there is one). */
  problems(ctx: CheckContext): Problem[]
  /** What the rule only reports (nothing fails). */
  notices?(ctx: CheckContext): string[]
}

export function checkContext(repo: Monorepo, options: CheckOptions): CheckContext {
  const { config, packages } = repo
  const scope = options.component ? resolveComponent(config, options.component) : null
  const groupNames = scope ? scope.groups : Object.keys(config.groups)
  const grouped = new Set(groupNames.flatMap((g) => config.groups[g].packages))
  const isInScope = (dir: string): boolean => (scope ? grouped.has(dir) : true)
  const allGrouped = new Set(Object.values(config.groups).flatMap((g) => g.packages))
  const pinned = new Set(
    [...packages.values()].flatMap((from) => from.requirements.filter((r) => r.name !== from.normalizedName).map((r) => r.name))
  )
  const tagVersions = new Map<string, string | null>()
  for (const pkg of packages.values()) {
    if (pkg.source.kind !== 'vcs' || pkg.name === null) continue
    tagVersions.set(pkg.dir, options.tags ? versionFromTags(config, pkg, options.tags) : null)
  }
  const groups = groupNames.map((name): GroupView => {
    const members = config.groups[name].packages
      .map((dir) => packages.get(dir))
      .filter((p): p is Package => p !== undefined && versionOf(p) !== null)
    const counts = new Map<string, number>()
    for (const p of members) counts.set(versionOf(p) as string, (counts.get(versionOf(p) as string) ?? 0) + 1)
    return { name, members, counts, mirrors: repo.mirrors.filter((m) => m.group === name) }
  })
  return {
    repo,
    config,
    options,
    groups,
    inScope: [...packages.values()].filter((p) => isInScope(p.dir)),
    isInScope,
    isManaged: (dir) => allGrouped.has(dir),
    pinned,
    expected: options.version ? normalizeVersion(options.version) : null,
    tagVersions,
    current: (p) => (p.source.kind === 'vcs' ? (tagVersions.get(p.dir) ?? null) : versionOf(p))
  }
}
