/**
 * The release pull request's words (SPEC §11, pure): its branch, title, commit message and
 * body, from what `propose` bumped. One group: `pyship/release-<group>`; every group:
 * `pyship/release`. The title and body say each group's versions, list every changed file and
 * carry each changelog section the bump wrote.
 */

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
