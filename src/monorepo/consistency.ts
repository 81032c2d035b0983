/**
 * The version gate (SPEC §4 check), pure over the monorepo as read: the rules of
 * src/monorepo/check-rules/ (every version present and valid, group members in sync and equal
 * to `version` when given, version-files, internal pins admit members' versions, uv.lock
 * agrees) applied in their order. `check` reports them; the release's preflight refuses to
 * start on them.
 */
import type { Problem } from '../errors.js'
import type { Package } from '../pyproject/package.js'
import type { SourceKind } from '../pyproject/version-source.js'
import type { Monorepo } from './load.js'
import { byText } from '../order.js'
import { versionOf } from './package-version.js'
import { checkContext, type CheckOptions } from './check-rules/context.js'
import { CHECK_RULES } from './check-rules/rules.js'
import { applyWaivers, staleNotice, waivedNotice, type WaivedProblem } from './waivers.js'

export type { CheckOptions } from './check-rules/context.js'
export { label, tagPatternOf, versionFromTags, versionOf } from './package-version.js'

/** How many packages keep their version each way. */
export type SourceCounts = Record<SourceKind, number>

/**
 * "12 packages: 9 static, 2 in files, 1 from tags"; `tallies` (how many of them a backend
 * counts apart: Cargo.toml, Poetry, declared) are named apart and left out of their kind's
 * count: "5 packages: 1 static, 1 Poetry, 1 in files, 1 Cargo.toml, 1 declared".
 */
export function describeSources(
  counts: SourceCounts,
  tallies: ReadonlyMap<string, { kind: SourceKind; count: number }> = new Map()
): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  const apart = (kind: SourceKind): [string, number][] =>
    [...tallies].filter(([, t]) => t.kind === kind && t.count > 0).map(([name, t]) => [name, t.count])
  const own = (kind: SourceKind): number => counts[kind] - apart(kind).reduce((a, [, n]) => a + n, 0)
  const parts = [
    own('static') ? `${own('static')} static` : '',
    ...apart('static').map(([name, n]) => `${n} ${name}`),
    own('file') ? `${own('file')} in files` : '',
    ...apart('file').map(([name, n]) => `${n} ${name}`),
    counts.vcs ? `${counts.vcs} from tags` : '',
    counts.unknown ? `${counts.unknown} not located` : ''
  ].filter(Boolean)
  return `${total} package${total === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`
}

export interface Consistency {
  problems: Problem[]
  notices: string[]
  /** The groups checked. */
  groups: string[]
  /** The packages in scope (a component's groups, or every package). */
  packages: Package[]
  /** The packages in scope by version source. */
  sources: SourceCounts
  /** Of those, the ones a backend counts apart (`Cargo.toml`, `Poetry`, `declared`), with their kind. */
  tallies: Map<string, { kind: SourceKind; count: number }>
  /** vcs packages in scope: the version their tags give (null: no tag gives one, or tags not read). */
  tagVersions: Map<string, string | null>
  /** Problems the config's waivers accept (each also a notice; not in `problems`). */
  waived: WaivedProblem[]
}

/** Every rule of src/monorepo/check-rules/ over the monorepo as read; problems sorted by file and line. */
export function checkVersions(repo: Monorepo, options: CheckOptions): Consistency {
  const ctx = checkContext(repo, options)
  const problems: Problem[] = [...repo.problems]
  const notices = [...repo.config.notices]
  for (const rule of CHECK_RULES) {
    problems.push(...rule.problems(ctx))
    notices.push(...(rule.notices?.(ctx) ?? []))
  }
  const sources: SourceCounts = { static: 0, file: 0, vcs: 0, unknown: 0 }
  const tallies = new Map<string, { kind: SourceKind; count: number }>()
  for (const pkg of ctx.inScope) {
    sources[pkg.source.kind]++
    const { tally, kind } = pkg.source
    if (tally) tallies.set(tally, { kind, count: (tallies.get(tally)?.count ?? 0) + 1 })
  }
  problems.sort((a, b) => byText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0))
  // waivers: a known problem is shown with its reason, never silently dropped
  const waivers = applyWaivers(repo, problems, !options.component)
  notices.push(...waivers.waived.map(waivedNotice), ...waivers.stale.map((w) => staleNotice(repo, w)))
  return {
    problems: waivers.problems,
    waived: waivers.waived,
    notices,
    groups: ctx.groups.map((g) => g.name),
    packages: ctx.inScope,
    sources,
    tallies,
    tagVersions: ctx.tagVersions
  }
}

/** The one version every member of a group carries (normal form), or '' when they disagree. */
export function groupVersionOf(repo: Monorepo, group: string): string {
  const versions = new Set(repo.config.groups[group].packages.map((d) => repo.packages.get(d)).map((p) => (p ? versionOf(p) : null)))
  return versions.size === 1 ? ([...versions][0] ?? '') : ''
}
