/**
 * The next version of a group from the Conventional Commits that touched it, pure (SPEC §11):
 * - `fix` (and `perf`) → patch, `feat` → minor, a breaking change (`!`, `BREAKING CHANGE:`) → major;
 * - below 1.0.0 a breaking change is a minor bump (SPEC; python-semantic-release's
 *   `major_on_zero = false`, release-please's `bump-minor-pre-major` on), and `feat` stays minor
 *   (release-please's default: `bump-patch-for-minor-pre-major` off) — both as the config says,
 *   with release-please's own key names ({@link PreMajor});
 * - a `Release-As: x.y.z` footer wins (the newest one);
 * - a pre-release line continues in PEP 440 (`2.1.0rc1` → `2.1.0rc2`, `2.1.0.dev3` → `2.1.0.dev4`)
 *   while the commits stay within that line's level; a change beyond it starts the next line's
 *   first pre-release (`2.1.0rc1` + breaking → `3.0.0rc1`);
 * - other types (`docs`, `chore`, `ci`, `refactor`, `test`, …) release nothing.
 */
import { normalizeInputVersion, parseVersion } from '../version/pep440.js'
import { nextVersion, type BumpKeyword } from '../version/bump.js'
import type { ConventionalCommit } from './commits.js'
import { DEFAULT_SECTIONS, releasableTypes, type ChangelogSection } from './sections.js'

const RANK: Record<BumpKeyword, number> = { patch: 1, minor: 2, major: 3 }

/**
 * What a change does below 1.0.0, as release-please's keys say it: `bumpMinorPreMajor`
 * (default true here, as SPEC §11 wants): a breaking change is a minor bump, else it makes
 * 1.0.0; `bumpPatchForMinorPreMajor` (default false): a feature is a patch bump.
 */
export interface PreMajor {
  bumpMinorPreMajor: boolean
  bumpPatchForMinorPreMajor: boolean
}

export const PRE_MAJOR_DEFAULT: PreMajor = { bumpMinorPreMajor: true, bumpPatchForMinorPreMajor: false }

/** The bump one commit asks for, or null (not releasable): `releasable` are the types that make a release (history/sections.ts). */
export function commitLevel(c: ConventionalCommit, releasable: readonly string[] = releasableTypes(DEFAULT_SECTIONS)): BumpKeyword | null {
  if (c.breaking) return 'major'
  if (c.type === null || !releasable.includes(c.type)) return null
  return c.type === 'feat' ? 'minor' : 'patch'
}

/** The highest bump the commits ask for, or null when none is releasable. */
export function releaseLevel(commits: ConventionalCommit[], releasable?: readonly string[]): BumpKeyword | null {
  let level: BumpKeyword | null = null
  for (const c of commits) {
    const l = commitLevel(c, releasable)
    if (l && (!level || RANK[l] > RANK[level])) level = l
  }
  return level
}

export type NextVersion =
  | { version: string; level: BumpKeyword | 'release-as'; because: ConventionalCommit }
  | { version: null; why: string }
  | { version: null; invalid: ConventionalCommit }

/** The level a pre-release line is at: `3.0.0rc1` major, `2.1.0rc1` minor, `2.0.1rc1` patch. */
function lineLevel(release: number[]): BumpKeyword {
  const [, minor = 0, patch = 0] = release
  if (patch !== 0) return 'patch'
  return minor !== 0 ? 'minor' : 'major'
}

/** The first pre-release (same kind as `pre`) of the line after `current` at `level`. */
function startLine(current: string, level: BumpKeyword, kind: string | null): string {
  const stable = parseVersion(current)?.release.join('.') ?? current
  const next = nextVersion(stable, level)
  return kind ? `${next}${kind}1` : `${next}.dev0`
}

/** `current` (a PEP 440 normal form) moved on by `level`. */
export function applyLevel(current: string, level: BumpKeyword, preMajor: PreMajor = PRE_MAJOR_DEFAULT): string {
  const v = parseVersion(current)
  if (!v) throw new Error(`not a version: ${current}`)
  // 0.x: a breaking change is a minor bump, a feature a minor one (as the config says)
  const zero = (v.release[0] ?? 0) === 0
  const effective: BumpKeyword =
    zero && level === 'major' && preMajor.bumpMinorPreMajor
      ? 'minor'
      : zero && level === 'minor' && preMajor.bumpPatchForMinorPreMajor
        ? 'patch'
        : level
  if (!v.isPrerelease) return nextVersion(current, effective)
  const stable = v.release.join('.')
  if (RANK[effective] > RANK[lineLevel(v.release)]) return startLine(current, effective, v.pre ? v.pre[0] : null)
  const epoch = v.epoch ? `${v.epoch}!` : ''
  if (v.pre) return `${epoch}${stable}${v.pre[0]}${v.pre[1] + 1}`
  return `${epoch}${stable}.dev${(v.dev ?? 0) + 1}`
}

/**
 * The version after `current` for these commits (newest first): the newest `Release-As:`
 * footer, else `current` moved by the highest level the commits ask for; null with the reason
 * when no commit is releasable.
 */
export function nextFromCommits(
  current: string,
  commits: ConventionalCommit[],
  preMajor: PreMajor = PRE_MAJOR_DEFAULT,
  sections: readonly ChangelogSection[] = DEFAULT_SECTIONS
): NextVersion {
  const releasable = releasableTypes(sections)
  const pinned = commits.find((c) => c.releaseAs !== null)
  if (pinned) {
    const version = normalizeInputVersion(pinned.releaseAs as string)
    return version ? { version, level: 'release-as', because: pinned } : { version: null, invalid: pinned }
  }
  const level = releaseLevel(commits, releasable)
  if (!level) {
    return {
      version: null,
      why:
        commits.length === 0
          ? 'no commit touched it'
          : `none of its ${commits.length} commit${commits.length === 1 ? '' : 's'} is releasable (only ${releasable.join(', ')} or a breaking change are)`
    }
  }
  const because = commits.find((c) => commitLevel(c, releasable) === level) as ConventionalCommit
  return { version: applyLevel(current, level, preMajor), level, because }
}
