/**
 * The GitHub Release of a target, pure: whether it becomes the repository's "latest",
 * the previous tag its generated notes start from, and its body (notes, the images
 * with their digests), cut below GitHub's limit.
 */
import type { Release } from '../adapters/github.js'
import type { Latest } from '../inputs.js'
import { compareVersions, parseVersion } from '../version/pep440.js'
import { versionFromTag, type TargetPlan } from './plan.js'

/** GitHub refuses release bodies longer than this many characters. */
export const BODY_LIMIT = 125_000

/** The body of the draft record intent writes: it marks the draft as pyship's ledger entry. */
export function intentBody(tag: string, holder: string): string {
  return `Release of ${tag} in progress (pyship): ${holder}.`
}

/** A draft pyship wrote (record intent), not one the user prepared (by hand, release-drafter). */
export function isIntentDraft(release: Release): boolean {
  return release.draft && /^Release of \S+ in progress \(pyship\)/.test(release.body ?? '')
}

/** A draft the user prepared with their own notes: they are kept when it is published. */
export function isUserDraft(release: Release): boolean {
  return release.draft && !isIntentDraft(release)
}

/**
 * The releases of `tag`: this commit's own (published first, then the oldest draft) and
 * every other one — pyship's drafts of another commit or extra drafts are leftovers of runs
 * that raced or crashed (`strays`), never to be published beside ours. With `tagCommit`
 * (where origin's tag points) at this commit, a published release of the tag is this
 * commit's whatever it names as its target: one the user published (`on: release:
 * published`) is adopted, not doubled. A draft the user prepared for the tag on a branch
 * (release-drafter's, or by hand) is `prepared`: record intent adopts it instead of making
 * its own, and it is never removed as a leftover.
 */
export function releasesOfTag(
  releases: Release[],
  tag: string,
  sha: string,
  tagCommit: string | null = null
): { ours: Release | null; foreign: Release[]; strays: Release[]; prepared: Release | null } {
  const all = releases.filter((r) => r.tag_name === tag)
  const mine = all.filter((r) => r.target_commitish === sha).sort((a, b) => Number(a.draft) - Number(b.draft) || a.id - b.id)
  const adopted = tagCommit === sha ? all.find((r) => !r.draft && r.target_commitish !== sha) : undefined
  const ours = mine.find((r) => !r.draft) ?? adopted ?? mine[0] ?? null
  const foreign = all.filter((r) => r.target_commitish !== sha && r !== ours)
  const strays = all.filter((r) => r !== ours && isIntentDraft(r))
  const prepared = ours ? null : (foreign.filter(isUserDraft).sort((a, b) => a.id - b.id)[0] ?? null)
  return { ours, foreign, strays, prepared }
}

/** Whether this version should be GitHub's latest release (`latest: auto`). */
export function makeLatest(latest: Latest, target: TargetPlan, version: string, releases: Release[]): 'true' | 'false' {
  if (latest !== 'auto') return latest
  if (!target.githubLatest || target.prerelease) return 'false'
  const stable = releases
    .filter((r) => !r.draft && !r.prerelease)
    .map((r) => versionFromTag(target.tagTemplate, r.tag_name))
    .filter((v): v is string => v !== null && !(parseVersion(v)?.isPrerelease ?? true))
  return stable.every((v) => compareVersions(version, v) >= 0) ? 'true' : 'false'
}

/** The highest released tag of this target below `version` (where generated notes start). */
export function previousTag(target: TargetPlan, version: string, releases: Release[]): string | undefined {
  return releases
    .filter((r) => !r.draft)
    .map((r) => ({ tag: r.tag_name, v: versionFromTag(target.tagTemplate, r.tag_name) }))
    .filter((x): x is { tag: string; v: string } => x.v !== null && compareVersions(x.v, version) < 0)
    .sort((a, b) => compareVersions(a.v, b.v))
    .pop()?.tag
}

export interface ImageListing {
  ref: string
  digest: string | null
  tags: string[]
}

/** The release notes' list of images: every reference with its digest, and how to pull it. */
export function imagesSection(images: ImageListing[]): string {
  const lines = ['## Images', '']
  for (const img of images) lines.push(`- \`${img.ref}@${img.digest}\` (tags: ${img.tags.join(', ')})`)
  lines.push('', '```bash', ...images.map((img) => `docker pull ${img.ref}:${img.tags[0]}`), '```')
  return lines.join('\n')
}

/**
 * The release body: the notes, then the images. Notes too long for GitHub are cut
 * (at a line break) with a link to the full changelog; the images list always stays.
 */
export function releaseBody(notes: string, images: ImageListing[], changelogUrl: string | null): string {
  const tail = images.length ? `\n\n${imagesSection(images)}` : ''
  if (notes.length + tail.length <= BODY_LIMIT) return `${notes}${tail}`
  const more = `\n\n… (cut: the notes are longer than a GitHub Release allows)${changelogUrl ? ` — the full notes: ${changelogUrl}` : ''}`
  let cut = notes.slice(0, Math.max(0, BODY_LIMIT - tail.length - more.length))
  const lastBreak = cut.lastIndexOf('\n')
  if (lastBreak > cut.length / 2) cut = cut.slice(0, lastBreak)
  return `${cut}${more}${tail}`
}
