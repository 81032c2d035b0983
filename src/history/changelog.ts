/**
 * A new version's changelog section, and the file with it inserted, pure (SPEC §11):
 * Keep a Changelog's layout (https://keepachangelog.com/en/1.1.0/) — `## [2.1.0] - 2026-12-03`
 * (the version linked to the comparison with the last release when the repository's web
 * address is known, as release-please does), the commits grouped by what they mean to a user,
 * each linked to its commit and its pull requests. The section goes above the newest release
 * (below an `## [Unreleased]` section and the file's title and introduction); every other
 * byte of the file stays as it was.
 */
import type { ConventionalCommit } from './commits.js'
import { DEFAULT_SECTIONS, headings, type ChangelogSection } from './sections.js'

/** The groups of a section, in order, and which commits each holds: breaking changes first, then the headings. */
function groupsOf(sections: readonly ChangelogSection[]): { title: string; holds: (c: ConventionalCommit) => boolean }[] {
  return [
    { title: 'Breaking changes', holds: (c) => c.breaking },
    ...headings(sections).map((h) => ({ title: h.title, holds: (c: ConventionalCommit) => !c.breaking && h.types.includes(c.type ?? '') }))
  ]
}

export interface SectionInput {
  version: string
  /** `YYYY-MM-DD`. */
  date: string
  /** The commits that touched the group since its last release, newest first. */
  commits: ConventionalCommit[]
  /** `https://github.com/OWNER/REPO` (no trailing slash), or null: no links. */
  repoUrl: string | null
  /** The last release's tag and this release's tag: the version heading links to their comparison. */
  previousTag: string | null
  tag: string
  /** The changelog sections (absent: pyship's default, history/sections.ts). */
  sections?: readonly ChangelogSection[]
}

/** The subject without the `(#123)` GitHub appends on squash-merge (it is linked after the entry). */
function subjectOf(c: ConventionalCommit): string {
  let subject = c.breaking && c.breakingText ? c.breakingText.split('\n')[0] : c.subject
  for (const pr of c.pullRequests) subject = subject.replace(new RegExp(`\\s*\\(#${pr}\\)`), '')
  return subject.trim()
}

function entry(c: ConventionalCommit, repoUrl: string | null): string {
  const scope = c.scope ? `**${c.scope}:** ` : ''
  const short = c.sha.slice(0, 7)
  const prs = c.pullRequests.map((n) => (repoUrl ? `[#${n}](${repoUrl}/pull/${n})` : `#${n}`))
  const commit = repoUrl ? `[${short}](${repoUrl}/commit/${c.sha})` : short
  return `- ${scope}${subjectOf(c)}${prs.length ? ` (${prs.join(', ')})` : ''} (${commit})`
}

/** The section for one version (heading, groups; ends with a newline). */
export function renderSection(input: SectionInput): string {
  const { version, date, commits, repoUrl, previousTag, tag, sections = DEFAULT_SECTIONS } = input
  const heading =
    repoUrl && previousTag ? `## [${version}](${repoUrl}/compare/${previousTag}...${tag}) - ${date}` : `## [${version}] - ${date}`
  const parts = [heading]
  for (const g of groupsOf(sections)) {
    const held = commits.filter(g.holds)
    if (held.length === 0) continue
    parts.push('', `### ${g.title}`, '', ...held.map((c) => entry(c, repoUrl)))
  }
  return `${parts.join('\n')}\n`
}

const TITLE =
  '# Changelog\n\nAll notable changes to this project are documented in this file.\nThe format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).\n'

/**
 * The changelog with `section` inserted above its newest release (after an `Unreleased`
 * section, the title and the introduction); a new file when `text` is null. The file's
 * own line endings are kept, and every other byte is unchanged.
 */
export function insertSection(text: string | null, section: string): string {
  if (text === null || text.trim() === '') return `${TITLE}\n${section}`
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const body = section.replace(/\n/g, eol)
  const lines = text.split(/(?<=\n)/)
  let offset = 0
  let inFence = false
  for (const line of lines) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence
    if (!inFence && /^##\s/.test(line) && !/^##\s+\[?unreleased\b/i.test(line)) {
      return `${text.slice(0, offset)}${body}${eol}${text.slice(offset)}`
    }
    offset += line.length
  }
  // no release yet: at the end, one blank line before it
  const end = text.endsWith(`${eol}${eol}`) ? '' : text.endsWith(eol) ? eol : `${eol}${eol}`
  return `${text}${end}${body}`
}

/**
 * Keep a Changelog's `[Unreleased]: …/compare/<last tag>...HEAD` link reference, moved on to
 * start from `tag` (the release this section is for); a file without one is returned as it is.
 * A reference is any CommonMark link reference definition: up to three spaces before it, the
 * address bare or in `<…>`, and an optional title (`"…"`, `'…'` or `(…)`), all kept.
 */
const UNRELEASED_LINK =
  /^( {0,3}\[unreleased\]:[ \t]*<?[^\s<>]*?\/compare\/)([^\s<>]+?)(\.\.\.[^\s<>]+>?(?:[ \t]+(?:"[^"\r\n]*"|'[^'\r\n]*'|\([^()\r\n]*\)))?[ \t]*)$/im

export function moveUnreleasedLink(text: string, tag: string): string {
  return text.replace(UNRELEASED_LINK, (_, head: string, _old: string, rest: string) => `${head}${tag}${rest}`)
}

/** The repository's web address from origin's URL (`git@github.com:o/r.git` → `https://github.com/o/r`); null when it has none. */
export function webUrlOf(origin: string | null): string | null {
  if (!origin) return null
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/)([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(origin)
  if (scp && !/^[a-z]$/i.test(scp[1])) return `https://${scp[1]}/${scp[2]}`
  try {
    const u = new URL(origin)
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(u.protocol)) return null
    const repoPath = u.pathname.replace(/\.git\/?$/, '').replace(/\/+$/, '')
    if (!/^\/[\w.-]+\/[\w.-]+$/.test(repoPath)) return null
    return `${u.protocol === 'http:' ? 'http' : 'https'}://${u.hostname}${u.port && u.protocol.startsWith('http') ? `:${u.port}` : ''}${repoPath}`
  } catch {
    return null
  }
}
