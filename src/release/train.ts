/**
 * A release of many groups at once (SPEC §11), pure: every changed group's targets in one
 * plan — each target with its own tag, or, with a release-level tag (`[tool.pyship.release]`),
 * every package and image under ONE tag and ONE GitHub Release listing them all.
 */
import type { ReleaseTag as ReleaseTagConfig } from '../config/release-tag.js'
import { compareVersions, parseVersion } from '../version/pep440.js'
import { tagFor } from '../version/tag-template.js'
import type { ReleasePlan, TargetPlan } from './plan.js'

/** The component name of a release of every changed group (input `all`). */
export const ALL = 'all'

/**
 * Where origin keeps the names of rolled-back calendar tags (`refs/pyship/retired/v2026.12.04`,
 * at the commit the tag pointed at): `dateTag` never chooses one again, so the fix released
 * later that day gets a tag of its own, never the name of the release it replaces (which
 * repositories with immutable releases refuse, and which users saw as the bad release).
 */
export const RETIRED_TAGS = 'refs/pyship/retired/'

/** `{date}`: the release commit's date in UTC, `YYYY.MM.DD` (a PEP 440 version, so tags sort as versions). */
export function dateVersion(commitTime: number): string {
  const d = new Date(commitTime * 1000)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}.${two(d.getUTCMonth() + 1)}.${two(d.getUTCDate())}`
}

const DATE_VERSION = /^\d{4}\.\d{2}\.\d{2}(?:\.([2-9]|[1-9]\d+))?$/

/** The raw version a release-level tag carries (`2026.12.03`, `2026.12.03.2`, a group's `1.4.0`), or null when `tag` is not one. */
export function releaseTagVersion(release: ReleaseTagConfig, tag: string): string | null {
  const [before, after = ''] = release.template.split('{version}')
  if (!tag.startsWith(before) || !tag.endsWith(after) || tag.length <= before.length + after.length) return null
  const raw = tag.slice(before.length, tag.length - after.length)
  if (release.kind === 'date') return DATE_VERSION.test(raw) ? raw : null
  return parseVersion(raw) ? raw : null
}

/** The release-level tags among `tags`, the last (highest version) first. */
export function trainTags(release: ReleaseTagConfig, tags: string[]): { tag: string; version: string }[] {
  return tags
    .map((tag) => ({ tag, version: releaseTagVersion(release, tag) }))
    .filter((t): t is { tag: string; version: string } => t.version !== null)
    .sort((a, b) => compareVersions(b.version, a.version))
}

/**
 * The calendar tag of a release made from a commit of `commitTime`: the day's first tag, or
 * the first of `.2`, `.3`… that is not `taken` (by another commit's tag or release, or retired by
 * a rollback), so a second release that day gets its own tag and a re-run of the same commit
 * finds its own again.
 */
export function dateTag(release: ReleaseTagConfig, commitTime: number, taken: (tag: string) => boolean): { tag: string; version: string } {
  const day = dateVersion(commitTime)
  for (let n = 1; ; n++) {
    const version = n === 1 ? day : `${day}.${n}`
    const tag = tagFor(release.template, version)
    if (!taken(tag)) return { tag, version }
  }
}

/**
 * The message of a release-level tag: its name, then each group it released with its version
 * (`core 2.1.0`), one per line — the ledger that tells, offline, which version of a group a
 * release-level tag released.
 */
export function trainTagMessage(releaseName: string, members: TrainMember[]): string {
  return [releaseName, '', ...members.map((m) => `${m.group} ${m.version}`)].join('\n')
}

/** The version of `group` a release-level tag's message says it released, or null. */
export function releasedIn(message: string, group: string): string | null {
  const [, ...lines] = message.split('\n')
  for (const line of lines) {
    const m = /^(\S+) (\S+)$/.exec(line.trim())
    if (m && m[1] === group && parseVersion(m[2])) return m[2]
  }
  return null
}

/** One member of a release under a release-level tag: what its notes section is made of. */
export interface TrainMember {
  group: string
  version: string
  /** Its packages and images, as its notes section names them. */
  names: string[]
  /** Its target's changelog file (absolute), when one exists. */
  changelog: string | null
}

/**
 * The plan of a release of several groups (`plans`: each changed group's own plan). Without a
 * release-level tag, their targets side by side (each with its own tag and release); with one,
 * ONE target carrying every package and image, its tag `tag` (version `version`).
 */
export function combinePlans(plans: ReleasePlan[], release?: { config: ReleaseTagConfig; tag: string; version: string }): ReleasePlan {
  const notices = plans.flatMap((p) => p.notices)
  const versions = [...new Set(plans.map((p) => p.version))]
  if (!release)
    return { component: ALL, version: versions.length === 1 ? versions[0] : '', notices, targets: plans.flatMap((p) => p.targets) }
  const targets = plans.flatMap((p) => p.targets)
  const uniqueBy = <T>(items: T[], key: (x: T) => string): T[] => [...new Map(items.map((x) => [key(x), x])).values()]
  // one member per group: the names of all its targets, the first target's changelog
  const byGroup = new Map<string, TrainMember>()
  for (const t of targets) {
    const names = [...t.packages.map((p) => p.name), ...t.images.map((i) => i.ref)]
    const member = byGroup.get(t.group)
    if (member) member.names = [...new Set([...member.names, ...names])]
    else byGroup.set(t.group, { group: t.group, version: t.version, names, changelog: t.changelog })
  }
  const members = [...byGroup.values()]
  const train: TargetPlan = {
    name: 'release',
    kind: 'pypi',
    group: [...new Set(targets.map((t) => t.group))].join(', '),
    version: release.version,
    tagTemplate: release.config.template,
    tag: release.tag,
    releaseName: release.tag,
    prerelease: release.config.kind === 'version' && (parseVersion(release.version)?.isPrerelease ?? false),
    githubLatest: release.config.githubLatest,
    tests: 'required',
    changelog: null,
    packages: uniqueBy(
      targets.flatMap((t) => t.packages),
      (p) => p.dir
    ),
    tested: uniqueBy(
      targets.flatMap((t) => t.tested),
      (p) => p.dir
    ),
    images: targets.flatMap((t) => t.images),
    members: members.filter((m) => m.names.length > 0),
    groupTags: [...new Set(targets.map((t) => t.tag))],
    ...(release.config.kind === 'date' ? { dated: true } : {})
  }
  return { component: ALL, version: release.version, notices, targets: [train] }
}

/**
 * The notes of a release under a release-level tag: a section per group, headed by its
 * version, with its changelog section (`sectionOf`) or else the list of what it released;
 * `generated` (GitHub's notes) follows when no member has a changelog section.
 */
export function trainNotes(members: TrainMember[], sectionOf: (m: TrainMember) => string | null, generated: string | null): string {
  const sections = members.map((m) => ({ m, section: sectionOf(m)?.trim() || null }))
  const body = sections
    .map(({ m, section }) => `## ${m.group} ${m.version}\n\n${section ?? m.names.map((n) => `- ${n}`).join('\n')}`)
    .join('\n\n')
  return sections.some((s) => s.section !== null) || !generated?.trim() ? body : `${body}\n\n${generated.trim()}`
}
