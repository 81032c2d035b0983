/**
 * What history each group answers to (SPEC §11), pure: the directories of its packages
 * (without the packages nested inside them that are not its own), the directories of the
 * packages it pins, its targets' tag templates, and the last release tag among the tags.
 */
import type { Monorepo } from '../monorepo/load.js'
import { compareVersions } from '../version/pep440.js'
import { versionFromTag } from '../version/tag-template.js'

export interface GroupScope {
  group: string
  /** Its packages' directories (relative to the working directory, POSIX; '.' for the root). */
  dirs: string[]
  /** Directories inside `dirs` that are other packages (not part of this group's history). */
  excluded: string[]
  /** Directories of the monorepo packages it pins (in another group or none). */
  pinned: string[]
  /** Its targets' tag templates (`cli-v{version}`), in config order; none: it was never released. */
  templates: string[]
}

const under = (file: string, dir: string): boolean => dir === '.' || dir === '' || file === dir || file.startsWith(`${dir}/`)

/** The scope of each group of the config, in config order. */
export function groupScopes(repo: Monorepo): GroupScope[] {
  const { config } = repo
  const allDirs = [...repo.packages.keys()]
  const byName = new Map([...repo.packages.values()].filter((p) => p.normalizedName).map((p) => [p.normalizedName, p.dir]))
  return Object.values(config.groups).map((g) => {
    const own = new Set(g.packages)
    const excluded = allDirs.filter((d) => !own.has(d) && g.packages.some((o) => o !== d && under(d, o)))
    const pinned = new Set<string>()
    for (const dir of g.packages) {
      for (const r of repo.packages.get(dir)?.requirements ?? []) {
        const dep = byName.get(r.name)
        if (dep !== undefined && !own.has(dep)) pinned.add(dep)
      }
    }
    const templates = [
      ...new Set(
        Object.values(config.targets)
          .filter((t) => t.group === g.name)
          .map((t) => t.tag)
      )
    ]
    return { group: g.name, dirs: [...g.packages], excluded, pinned: [...pinned], templates }
  })
}

/** git pathspecs for a scope's own files (its directories, the nested packages excluded). */
export function pathspecs(dirs: string[], excluded: string[]): string[] {
  return [...dirs.map((d) => (d === '' ? '.' : d)), ...excluded.map((d) => `:(exclude)${d}`)]
}

/** Whether a changed file (relative to the working directory) belongs to the scope's own files. */
export function ownsFile(scope: Pick<GroupScope, 'dirs' | 'excluded'>, file: string): boolean {
  return scope.dirs.some((d) => under(file, d)) && !scope.excluded.some((d) => under(file, d))
}

export interface ReleaseTag {
  tag: string
  version: string
}

/**
 * The group's last release: the highest version any of its tag templates gives among `tags`,
 * not above `atMost` (the version its files hold: a tag above it is a release that was reverted
 * or abandoned, not the one the files come from); null when none.
 */
export function lastReleaseTag(templates: string[], tags: string[], atMost: string | null = null): ReleaseTag | null {
  let best: ReleaseTag | null = null
  for (const tag of tags) {
    for (const template of templates) {
      const version = versionFromTag(template, tag)
      if (version === null || (atMost !== null && compareVersions(version, atMost) > 0)) continue
      if (!best || compareVersions(version, best.version) > 0) best = { tag, version }
    }
  }
  return best
}

export interface GroupChange {
  group: string
  /** The last release tag the group is compared with; null: never released (it counts as changed). */
  since: string | null
  changed: boolean
  /** Why: its own files (a count), the packages it pins, or no release yet. */
  reason: string
}

/**
 * Whether a pinned package (by directory) changed since ITS OWN group's last release, and since
 * which tag (`since` null: never released); undefined for a package of no group, whose files
 * are then compared since the pinning group's base.
 */
export type PinnedChange = (dir: string) => { changed: boolean; since: string | null } | undefined

/**
 * Whether a group changed, from the files changed since its base (relative to the working
 * directory): one of its own, or a package it pins that changed — since that package's own last
 * release (`pinned`), so a dependent is not "changed" by a package released since; a group
 * never released changed.
 */
export function groupChange(
  scope: GroupScope,
  since: string | null,
  files: string[] | null,
  labelOf: (dir: string) => string,
  pinned: PinnedChange = () => undefined
): GroupChange {
  if (files === null) return { group: scope.group, since, changed: true, reason: 'no release tag yet' }
  const own = files.filter((f) => ownsFile(scope, f))
  if (own.length > 0) {
    return { group: scope.group, since, changed: true, reason: `${own.length} file${own.length === 1 ? '' : 's'} changed since ${since}` }
  }
  const pins = scope.pinned.flatMap((d) => {
    const verdict = pinned(d)
    if (verdict === undefined)
      return files.some((f) => ownsFile({ dirs: [d], excluded: [] }, f)) ? [`${labelOf(d)}, changed since ${since}`] : []
    if (!verdict.changed) return []
    return [verdict.since === null ? `${labelOf(d)}, never released` : `${labelOf(d)}, changed since ${verdict.since}`]
  })
  if (pins.length > 0) return { group: scope.group, since, changed: true, reason: `it pins ${pins.join('; ')}` }
  return { group: scope.group, since, changed: false, reason: `nothing under its packages changed since ${since}` }
}
