/**
 * The release pull request's words (SPEC §11, pure): its branch, title, commit message and
 * body, from what `propose` bumped. One group: `pyship/release-<group>`; every group:
 * `pyship/release`. The title and body say each group's versions, list every changed file and
 * carry each changelog section the bump wrote.
 */
import path from 'node:path'
import { changelogSection } from './changelog.js'

/** One group the pull request releases. */
export interface ProposedGroup {
  group: string
  /** The versions before, as written (members agree; several when a keyword was not used). */
  from: string[]
  to: string
  /** Project names (or directories) of the group's packages. */
  packages: string[]
}

export interface ProposedChangelog {
  /** Repository-root relative path. */
  file: string
  version: string
  section: string
}

export interface PullRequestText {
  title: string
  body: string
  message: string
}

/** A changed file that may be a changelog: CHANGELOG/CHANGES/HISTORY/NEWS, or any text document (a config may name its own). */
const CHANGELOG_LIKE = /^(CHANGELOG|CHANGES|HISTORY|NEWS|RELEASES?)\b|\.(md|markdown|rst|txt)$/i

/**
 * The changelog sections the bump wrote: in each changed text file, the section of the first
 * proposed version it has a heading for (`## [2.1.0] - …`, `## 2.1.0`).
 */
export function changelogSections(files: { file: string; text: string }[], groups: ProposedGroup[]): ProposedChangelog[] {
  const out: ProposedChangelog[] = []
  for (const f of files) {
    if (!CHANGELOG_LIKE.test(path.posix.basename(f.file))) continue
    for (const g of groups) {
      const section = changelogSection(f.text, g.to)
      if (section) {
        out.push({ file: f.file, version: g.to, section })
        break
      }
    }
  }
  return out
}

/** The branch every run of the same scope writes (re-running updates the same pull request). */
export function releaseBranch(group: string | null): string {
  return group === null ? 'pyship/release' : `pyship/release-${group}`
}

/** `pyship/release` and `pyship/release-<group>`: the branches whose merge a `release` follows. */
export const RELEASE_BRANCH_PREFIX = 'pyship/release'

export function pullRequestText(groups: ProposedGroup[], files: string[], changelogs: ProposedChangelog[], base: string): PullRequestText {
  const versions = groups.map((g) => `${g.group} ${g.to}`).join(', ')
  const title = `chore(${base}): release ${versions}`
  const rows = groups.map((g) => `| ${g.group} | ${g.from.join(', ') || '—'} → ${g.to} | ${g.packages.join(', ')} |`)
  const lines = [
    `This pull request releases ${versions}.`,
    '',
    '| Group | Version | Packages |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `### Changed files (${files.length})`,
    '',
    ...files.map((f) => `- \`${f}\``)
  ]
  for (const c of changelogs) lines.push('', `### ${c.file} — ${c.version}`, '', c.section.trim())
  lines.push(
    '',
    '---',
    `Made by \`pyship propose\` on \`${base}\`. Running it again updates this pull request (its branch is rewritten from \`${base}\`; edits pushed to the branch are replaced). Merge it, then run \`pyship release\` for each group to publish.`
  )
  const message = [title, '', ...groups.map((g) => `- ${g.group}: ${g.from.join(', ') || '—'} → ${g.to}`)].join('\n')
  return { title, body: `${lines.join('\n')}\n`, message: `${message}\n` }
}
