/**
 * Conventional Commits (https://www.conventionalcommits.org) read from history, pure:
 * raw commits in (as `git log` gives them), the commits that count out — each one's
 * type, scope, subject, whether it breaks, its `Release-As:` footer and pull request.
 * Parsed by conventional-commits-parser (the parser conventional-changelog and its
 * presets use), not by hand: `!` after the type is its `breakingHeaderPattern`,
 * `BREAKING CHANGE:`/`BREAKING-CHANGE:` and `Release-As:` are note keywords.
 * Merge commits are left out (the commits they bring are counted once, themselves);
 * a commit reverted within the same range counts for neither side.
 */
import { CommitParser, type Commit } from 'conventional-commits-parser'

/** One commit as git gives it. */
export interface RawCommit {
  /** Full SHA. */
  sha: string
  /** Parent SHAs (two or more: a merge commit). */
  parents: string[]
  /** The whole message (subject, body, trailers). */
  message: string
}

export interface ConventionalCommit {
  sha: string
  /** `feat`, `fix`, … (lower case); null when the header is not conventional. */
  type: string | null
  scope: string | null
  /** The header's description, or the whole header when it is not conventional. */
  subject: string
  /** `!` after the type/scope, or a `BREAKING CHANGE:` footer. */
  breaking: boolean
  /** The breaking-change note's text (the footer's, else the subject). */
  breakingText: string | null
  /** A `Release-As: x.y.z` footer, as written. */
  releaseAs: string | null
  /** Pull request numbers named in the header (`(#123)`, as GitHub's squash and merge writes them). */
  pullRequests: string[]
}

const RELEASE_AS = 'Release-As'

const parser = new CommitParser({
  // a scope may hold any character but ')' (release-please accepts `feat(api/v2)!:`)
  headerPattern: /^(\w*)(?:\(([^()\r\n]*)\))?!?: (.*)$/,
  breakingHeaderPattern: /^(\w*)(?:\(([^()\r\n]*)\))?!: (.*)$/,
  headerCorrespondence: ['type', 'scope', 'subject'],
  noteKeywords: ['BREAKING CHANGE', 'BREAKING-CHANGE', RELEASE_AS],
  // git's own revert message, with the full or abbreviated SHA
  revertPattern: /^(?:Revert|revert:)\s"?([\s\S]+?)"?\s*This reverts commit (\w+)\.?/i,
  revertCorrespondence: ['header', 'hash']
})

function isBreakingNote(title: string): boolean {
  return /^BREAKING[ -]CHANGE$/i.test(title)
}

/** One commit's message parsed (pure; a message that is not conventional has type null). */
export function parseCommit(raw: RawCommit): ConventionalCommit & { header: string; reverts: string | null; revertsHeader: string | null } {
  const parsed: Commit = parser.parse(raw.message.replace(/\r\n/g, '\n'))
  const notes = parsed.notes ?? []
  // the parser reads `!` only when the message has no other note (a Release-As footer is one): the header alone tells it
  const headerNotes = parsed.header ? (parser.parse(parsed.header).notes ?? []) : []
  const breakingNote = notes.find((n) => isBreakingNote(n.title)) ?? headerNotes.find((n) => isBreakingNote(n.title))
  const releaseAs = notes.find((n) => n.title.toLowerCase() === RELEASE_AS.toLowerCase())
  const header = parsed.header ?? raw.message.split('\n')[0]
  const type = typeof parsed.type === 'string' && parsed.type !== '' ? parsed.type.toLowerCase() : null
  const subject = typeof parsed.subject === 'string' && type ? parsed.subject : header
  const pullRequests = (parsed.references ?? [])
    .filter((r) => r.prefix === '#' && !r.owner && !r.repository && header.includes(`#${r.issue}`))
    .map((r) => r.issue)
  return {
    sha: raw.sha,
    type,
    scope: typeof parsed.scope === 'string' && parsed.scope !== '' ? parsed.scope : null,
    subject,
    breaking: Boolean(breakingNote),
    breakingText: breakingNote ? breakingNote.text.trim() || subject : null,
    releaseAs: releaseAs ? releaseAs.text.trim().split(/\s+/)[0] || null : null,
    pullRequests: [...new Set(pullRequests)],
    header,
    reverts: parsed.revert?.hash ?? null,
    revertsHeader: parsed.revert?.header ?? null
  }
}

/**
 * The commits that count, newest first as given: merge commits left out, and every
 * commit reverted by a later commit of the same list left out together with its revert
 * (matched by the SHA git's revert message names, else by the reverted header). A revert
 * of a commit outside the list (already released) stays, as an uncategorized commit.
 */
export function conventionalCommits(raws: RawCommit[]): ConventionalCommit[] {
  const parsed = raws.filter((r) => r.parents.length < 2).map(parseCommit)
  const dropped = new Set<string>()
  // newest first, so that a revert of a revert takes that revert out and the original stays
  for (let i = 0; i < parsed.length; i++) {
    const c = parsed[i]
    if (dropped.has(c.sha) || (c.reverts === null && c.revertsHeader === null)) continue
    const older = parsed.slice(i + 1).filter((o) => !dropped.has(o.sha))
    const target =
      (c.reverts && c.reverts.length >= 7 ? older.find((o) => o.sha.startsWith(c.reverts as string)) : undefined) ??
      older.find((o) => c.revertsHeader !== null && o.header === c.revertsHeader.trim())
    if (target) {
      dropped.add(target.sha)
      dropped.add(c.sha)
    }
  }
  return parsed.filter((c) => !dropped.has(c.sha)).map(({ reverts: _r, revertsHeader: _h, header: _x, ...c }) => c)
}
