/** The git repository: the release commit, work-tree state, branches and tags on `origin`. */
import { PyshipError } from '../errors.js'
import { exec, lastLines, type ExecResult } from './exec.js'
import { httpSettings, redact } from './http.js'

/** A URL's credentials scrubbed from git's output (`https://user:token@host/…` → `https://host/…`). */
export function scrubUrls(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1')
}

/** git's words for a repository without a remote named origin. */
const NO_ORIGIN = /'origin' does not appear to be a git repository|No such remote '?origin'?/i

/**
 * What a failed git command says about its cause: the repository has no `origin`
 * remote (E_CONFIG: git's own "Could not read from remote repository" would otherwise read as
 * a network problem), origin could not be reached (E_NETWORK), origin refused the
 * credentials (E_GITHUB_DENIED), or it is the checkout itself (E_INPUT: not a repository, a bad ref).
 */
export function gitFailureCode(output: string): 'E_CONFIG' | 'E_NETWORK' | 'E_GITHUB_DENIED' | 'E_INPUT' {
  if (NO_ORIGIN.test(output)) return 'E_CONFIG'
  if (
    /Authentication failed|Permission denied|could not read (Username|Password)|returned error: 40[13]\b|Write access to repository not granted|denied to /i.test(
      output
    )
  )
    return 'E_GITHUB_DENIED'
  if (
    /Could not resolve (host|proxy)|Failed to connect|Couldn't connect|Connection (refused|timed out|reset)|Operation timed out|timed out after|Operation too slow|returned error: 5\d\d|RPC failed|early EOF|remote end hung up|SSL_connect|SSL_ERROR|gnutls_handshake|Network is unreachable|No route to host|Could not read from remote repository/i.test(
      output
    )
  ) {
    return 'E_NETWORK'
  }
  return 'E_INPUT'
}

/** A repository without an `origin` remote: said as such, with the command that adds it. */
export function noOriginError(what: string): PyshipError {
  return new PyshipError('E_CONFIG', `${what} failed: this repository has no remote named origin`, {
    hint: 'pyship reads and pushes tags through `origin`: add it with `git remote add origin https://github.com/OWNER/REPO.git` (in a workflow, actions/checkout sets it up).'
  })
}

/** A push that failed: no origin is E_CONFIG, origin unreachable E_NETWORK; anything else origin refused. */
function pushFailure(push: ExecResult, what: string): PyshipError {
  const output = scrubUrls(lastLines(push))
  const code = gitFailureCode(`${push.stdout}\n${push.stderr}`)
  if (code === 'E_CONFIG') return noOriginError(what)
  if (code === 'E_NETWORK') {
    return new PyshipError('E_NETWORK', `${what} failed: origin could not be reached: ${output}; a re-run resumes where this one stopped`)
  }
  return new PyshipError('E_GITHUB_DENIED', `${what} was refused: ${output}`)
}

/** Commits of each branch a shallow checkout fetches first to find the release commit on it. */
export const BRANCH_FETCH_DEPTH = 100

export class Git {
  constructor(
    readonly cwd: string,
    private readonly identity: { name: string; email: string } = { name: 'pyship', email: 'pyship@users.noreply.github.com' }
  ) {}

  private async run(args: string[], quiet = true, env: NodeJS.ProcessEnv = {}): Promise<ExecResult> {
    // git over HTTP gives up on a stalled origin like the HTTP seam does (no byte for the idle timeout)
    const lowSpeed = { GIT_HTTP_LOW_SPEED_LIMIT: '1', GIT_HTTP_LOW_SPEED_TIME: String(Math.max(1, Math.round(httpSettings().idleTimeout))) }
    return exec('git', args, { cwd: this.cwd, quiet, env: { GIT_TERMINAL_PROMPT: '0', ...lowSpeed, ...env } })
  }

  private async ok(args: string[], what: string, quiet = true, env: NodeJS.ProcessEnv = {}): Promise<string> {
    const r = await this.run(args, quiet, env)
    if (r.status !== 0) throw await this.failure(r, what)
    return r.stdout.trim()
  }

  /** The coded error of a failed git command. */
  private async failure(r: ExecResult, what: string): Promise<PyshipError> {
    const output = scrubUrls(lastLines(r))
    const code = gitFailureCode(`${r.stdout}\n${r.stderr}`)
    if (code === 'E_CONFIG') return noOriginError(`git ${what}`)
    if (code === 'E_NETWORK') {
      const origin = await this.originUrl()
      return new PyshipError(
        'E_NETWORK',
        `origin${origin ? ` (${redact(origin) === '(invalid URL)' ? scrubUrls(origin) : redact(origin)})` : ''} could not be reached: git ${what} failed: ${output}; a re-run resumes where this one stopped`
      )
    }
    if (code === 'E_GITHUB_DENIED') return new PyshipError('E_GITHUB_DENIED', `origin refused git ${what}: ${output}`)
    return new PyshipError('E_INPUT', `git ${what} failed: ${output}`, {
      hint: 'pyship runs in a git checkout with an `origin` remote (actions/checkout with fetch-depth: 0 for tags).'
    })
  }

  /** Files git tracks below the working directory, relative to it (`git ls-files`); null outside a git repository. */
  async trackedFiles(): Promise<string[] | null> {
    const r = await this.run(['ls-files', '-z', '--cached', '--', '.'])
    return r.status === 0 ? r.stdout.split('\0').filter(Boolean) : null
  }

  /** `git tag <args>` as a list of tag names; null when git fails (outside a git repository). */
  private async tagList(args: string[]): Promise<string[] | null> {
    const r = await this.run(['tag', ...args])
    return r.status === 0
      ? r.stdout
          .split('\n')
          .map((t) => t.trim())
          .filter(Boolean)
      : null
  }

  /** The local tags (`git tag --list`); null outside a git repository. */
  async localTags(): Promise<string[] | null> {
    return this.tagList(['--list'])
  }

  /** The tags whose commit is in `ref`'s history (`git tag --merged`, HEAD by default); null outside a git repository. */
  async mergedTags(ref = 'HEAD'): Promise<string[] | null> {
    return this.tagList(['--merged', ref])
  }

  /** The message of each annotated tag among `tags` (a lightweight tag has none). */
  async tagMessages(tags: string[]): Promise<Map<string, string>> {
    const wanted = new Set(tags)
    const out = new Map<string, string>()
    if (wanted.size === 0) return out
    const r = await this.run(['for-each-ref', '--format=%(refname:strip=2)%00%(objecttype)%00%(contents)%00', 'refs/tags'])
    if (r.status !== 0) return out
    const fields = r.stdout.split('\0')
    for (let i = 0; i + 2 < fields.length; i += 3) {
      const tag = fields[i].replace(/^\n/, '')
      if (wanted.has(tag) && fields[i + 1] === 'tag') out.set(tag, fields[i + 2])
    }
    return out
  }

  /** The message of annotated tag `tag` on origin (fetched by name, no local ref written), or null. */
  async remoteTagMessage(tag: string): Promise<string | null> {
    if ((await this.run(['fetch', '--quiet', '--no-tags', 'origin', `refs/tags/${tag}`])).status !== 0) return null
    const r = await this.run(['cat-file', 'tag', 'FETCH_HEAD'])
    if (r.status !== 0) return null
    const blank = r.stdout.indexOf('\n\n')
    return blank < 0 ? '' : r.stdout.slice(blank + 2)
  }

  /** The local tags on `ref`'s commit (`git tag --points-at`). */
  async tagsAt(ref: string): Promise<string[]> {
    return (await this.tagList(['--points-at', ref])) ?? []
  }

  /** The commit a local ref (a tag, a branch) points at, or null when there is no such ref. */
  async commitOf(ref: string): Promise<string | null> {
    const r = await this.run(['rev-parse', '-q', '--verify', `${ref}^{commit}`])
    return r.status === 0 ? r.stdout.trim() : null
  }

  /** Whether this is a shallow clone (actions/checkout's default depth 1): its history and tags are incomplete. */
  async isShallow(): Promise<boolean> {
    return (await this.run(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true'
  }

  /** Files changed between `base` and HEAD below the working directory, relative to it. */
  async changedFilesSince(base: string): Promise<string[]> {
    const out = await this.ok(['diff', '--name-only', '-z', '--no-renames', '--relative', `${base}^{commit}`, 'HEAD', '--'], `diff ${base}`)
    return out.split('\0').filter(Boolean)
  }

  /**
   * The commits in HEAD's history since `base` (all of it when null) that touched `pathspecs`
   * (relative to the working directory), newest first, merges included (with their parents).
   */
  async commitsSince(base: string | null, pathspecs: string[]): Promise<{ sha: string; parents: string[]; message: string }[]> {
    const range = base ? `${base}^{commit}..HEAD` : 'HEAD'
    const r = await this.run(['log', '--full-history', '--format=%H%x1f%P%x1f%B%x1e', range, '--', ...pathspecs])
    if (r.status !== 0) {
      // a repository without a commit has no history
      if (
        /does not have any commits|bad default revision|bad revision 'HEAD'|unknown revision or path not in the working tree/.test(
          r.stderr
        ) &&
        !base
      )
        return []
      throw await this.failure(r, `log ${range}`)
    }
    return r.stdout
      .split('\x1e')
      .map((entry) => entry.replace(/^\n+/, ''))
      .filter((entry) => entry.trim() !== '')
      .map((entry) => {
        const [sha, parents, message] = entry.split('\x1f')
        return { sha, parents: parents.split(' ').filter(Boolean), message: message.replace(/\n+$/, '') }
      })
  }

  /**
   * The commits since `base` (all history when null) that change no file and carry a
   * `Release-As:` footer (release-please's way to set the next version: an empty commit),
   * newest first, as commitsSince gives them.
   */
  async emptyReleaseAsSince(base: string | null): Promise<{ sha: string; parents: string[]; message: string }[]> {
    const range = base ? `${base}^{commit}..HEAD` : 'HEAD'
    const r = await this.run(['log', '-i', '--grep=^release-as:', '--format=%x1d%H%x1f%P%x1f%B%x1e', '--name-only', range])
    if (r.status !== 0) return []
    return r.stdout
      .split('\x1d')
      .filter((entry) => entry.includes('\x1e'))
      .map((entry) => {
        const [head, files] = entry.split('\x1e')
        const [sha, parents, message] = head.split('\x1f')
        return { sha, parents: parents.split(' ').filter(Boolean), message: message.replace(/\n+$/, ''), files: files.trim() }
      })
      .filter((c) => c.files === '' && c.parents.length <= 1)
      .map(({ sha, parents, message }) => ({ sha, parents, message }))
  }

  /** The commits of `base..HEAD` (all history when null), newest first. */
  async revList(base: string | null): Promise<string[]> {
    const r = await this.run(['rev-list', base ? `${base}^{commit}..HEAD` : 'HEAD'])
    return r.status === 0 ? r.stdout.split('\n').filter(Boolean) : []
  }

  /** origin's URL, or null. */
  async originUrl(): Promise<string | null> {
    const r = await this.run(['remote', 'get-url', 'origin'])
    return r.status === 0 ? r.stdout.trim() : null
  }

  headCommit(): Promise<string> {
    return this.ok(['rev-parse', 'HEAD'], 'rev-parse HEAD')
  }

  /** The tree of a commit. */
  treeOf(commit: string): Promise<string> {
    return this.ok(['rev-parse', `${commit}^{tree}`], 'rev-parse tree')
  }

  /** The modes the index records for these files (repository-root relative); untracked files are absent. */
  async fileModes(files: string[]): Promise<Map<string, string>> {
    const modes = new Map<string, string>()
    if (files.length === 0) return modes
    const out = await this.ok(['ls-files', '-s', '-z', '--full-name', '--', ...files.map((f) => `:(top,literal)${f}`)], 'ls-files')
    for (const entry of out.split('\0').filter(Boolean)) {
      const tab = entry.indexOf('\t')
      modes.set(entry.slice(tab + 1), entry.split(' ')[0])
    }
    return modes
  }

  /** Put tracked files back as HEAD has them (index and work tree). */
  async restoreTracked(files: string[]): Promise<void> {
    if (files.length === 0) return
    await this.ok(['checkout', 'HEAD', '--', ...files.map((f) => `:(top,literal)${f}`)], 'checkout HEAD --')
  }

  /** Committer time of a commit, in seconds since the epoch (SOURCE_DATE_EPOCH). */
  async commitTime(sha: string): Promise<number> {
    return Number(await this.ok(['show', '-s', '--format=%ct', sha], 'show'))
  }

  /** Uncommitted changes (tracked and untracked), as paths relative to the repository root. */
  async dirtyFiles(): Promise<string[]> {
    // -z: entries as they are (no trimming, no quoting of unusual names)
    const r = await this.run(['status', '--porcelain=v1', '-z', '--untracked-files=all'])
    if (r.status !== 0) throw await this.failure(r, 'status')
    const entries = r.stdout.split('\0')
    const files: string[] = []
    for (let i = 0; i < entries.length; i++) {
      if (entries[i].length < 4) continue
      files.push(entries[i].slice(3))
      // a rename or copy: its source path follows as an entry of its own
      if (/^[RC]/.test(entries[i])) i++
    }
    return files
  }

  /** The checked-out branch, or null on a detached HEAD. */
  async currentBranch(): Promise<string | null> {
    const r = await this.run(['symbolic-ref', '--short', '-q', 'HEAD'])
    return r.status === 0 ? r.stdout.trim() : null
  }

  /** origin's default branch (its HEAD), or null when it cannot be told. */
  async defaultBranch(): Promise<string | null> {
    const r = await this.run(['ls-remote', '--symref', 'origin', 'HEAD'])
    const m = /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(r.stdout)
    return m ? m[1] : null
  }

  /** origin's branches, each with the commit at its tip. */
  async remoteBranches(): Promise<Map<string, string>> {
    const out = await this.ok(['ls-remote', '--heads', 'origin'], 'ls-remote --heads origin')
    const heads = new Map<string, string>()
    for (const [sha, ref] of out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')))
      heads.set(ref.replace(/^refs\/heads\//, ''), sha)
    return heads
  }

  /** Whether `ancestor` is in the history of `ref` as this repository holds it. */
  async isAncestor(ancestor: string, ref: string): Promise<boolean> {
    return (await this.run(['merge-base', '--is-ancestor', ancestor, ref])).status === 0
  }

  /**
   * The first allowed branch of origin (those named in `first` before the others) whose
   * history holds `sha`, or null when none does. A runner's checkout may hold nothing but the one
   * commit (actions/checkout fetches one commit, depth 1): the branches are fetched into
   * their remote-tracking refs, in a shallow repository bounded — their last
   * {@link BRANCH_FETCH_DEPTH} commits, then back to a day before the commit's own time —
   * and never deepening a full clone's history to a shallow one.
   */
  async branchContaining(sha: string, allowed: (branch: string) => boolean, first: string[] = []): Promise<string | null> {
    const heads = await this.remoteBranches()
    const names = [...first, ...heads.keys()]
    const candidates = names.filter((b, i) => heads.has(b) && allowed(b) && names.indexOf(b) === i)
    const atTip = candidates.find((b) => heads.get(b) === sha)
    if (atTip !== undefined) return atTip
    if (candidates.length === 0) return null
    const refspecs = candidates.map((b) => `+refs/heads/${b}:refs/remotes/origin/${b}`)
    const found = async (): Promise<string | null> => {
      for (const b of candidates) if (await this.isAncestor(sha, `refs/remotes/origin/${b}`)) return b
      return null
    }
    const shallow = (await this.run(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true'
    if (!shallow) {
      await this.ok(['fetch', '--quiet', '--no-tags', 'origin', ...refspecs], `fetch of ${candidates.join(', ')} from origin`)
      return found()
    }
    await this.ok(
      ['fetch', '--quiet', '--no-tags', `--depth=${BRANCH_FETCH_DEPTH}`, 'origin', ...refspecs],
      `fetch of ${candidates.join(', ')} from origin`
    )
    const near = await found()
    if (near !== null) return near
    // a descendant is younger than its ancestor: everything committed since (with a day for clock skew)
    const since = (await this.commitTime(sha)) - 86_400
    const r = await this.run(['fetch', '--quiet', '--no-tags', `--shallow-since=@${since}`, 'origin', ...refspecs])
    // no commit of those branches is that young: none of them holds the commit
    if (r.status !== 0 && /no commits selected for shallow requests/.test(r.stderr)) return null
    if (r.status !== 0) throw await this.failure(r, `fetch of ${candidates.join(', ')} from origin`)
    return found()
  }

  /** The commit a tag on origin points at (peeled), or null when origin has no such tag. */
  async remoteTagCommit(tag: string): Promise<string | null> {
    const out = await this.ok(['ls-remote', '--tags', 'origin', `refs/tags/${tag}`, `refs/tags/${tag}^{}`], `ls-remote origin ${tag}`)
    const lines = out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'))
    const peeled = lines.find(([, ref]) => ref === `refs/tags/${tag}^{}`)
    const direct = lines.find(([, ref]) => ref === `refs/tags/${tag}`)
    return (peeled ?? direct)?.[0] ?? null
  }

  /** Every tag on origin with the commit it points at. */
  async remoteTags(): Promise<Map<string, string>> {
    const out = await this.ok(['ls-remote', '--tags', 'origin'], 'ls-remote --tags origin')
    const tags = new Map<string, string>()
    for (const [sha, ref] of out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'))) {
      const name = ref.replace(/^refs\/tags\//, '')
      if (name.endsWith('^{}')) tags.set(name.slice(0, -3), sha)
      else if (!tags.has(name)) tags.set(name, sha)
    }
    return tags
  }

  /** The refs on origin whose names start with `prefix` (`refs/pyship/retired/`): the rest of each name → the object it points at. */
  async remoteRefsUnder(prefix: string): Promise<Map<string, string>> {
    const out = await this.ok(['ls-remote', 'origin', `${prefix}*`], `ls-remote origin ${prefix}*`)
    const refs = new Map<string, string>()
    for (const [oid, ref] of out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'))) {
      if (ref?.startsWith(prefix) && ref.length > prefix.length) refs.set(ref.slice(prefix.length), oid)
    }
    return refs
  }

  /** Delete a tag on origin (and the local one). */
  async deleteRemoteTag(tag: string): Promise<void> {
    const push = await this.run(['push', 'origin', `:refs/tags/${tag}`], false)
    if (push.status !== 0) throw pushFailure(push, `deleting tag ${tag} on origin`)
    await this.run(['tag', '-d', tag])
  }

  /** Fetch a tag from origin, create `branch` at it, check it out. */
  async branchFromTag(branch: string, tag: string): Promise<void> {
    await this.ok(['fetch', '--quiet', 'origin', `refs/tags/${tag}:refs/tags/${tag}`], `fetch tag ${tag}`)
    await this.ok(['checkout', '--quiet', '-b', branch, `refs/tags/${tag}`], `checkout -b ${branch}`)
  }

  /** Whether origin has `branch`. */
  async remoteBranchExists(branch: string): Promise<boolean> {
    const r = await this.run(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`])
    return r.stdout.trim() !== ''
  }

  async commitAll(message: string, files: string[]): Promise<string> {
    await this.ok(['add', '--', ...files], 'add')
    await this.ok(
      ['-c', `user.name=${this.identity.name}`, '-c', `user.email=${this.identity.email}`, 'commit', '--quiet', '-m', message],
      'commit'
    )
    return this.headCommit()
  }

  async pushBranch(branch: string): Promise<void> {
    const push = await this.run(['push', 'origin', `refs/heads/${branch}:refs/heads/${branch}`], false)
    if (push.status !== 0) throw pushFailure(push, `git push of branch ${branch} to origin`)
  }

  /** The object a ref on origin points at, or null when origin has no such ref. */
  async remoteRef(ref: string): Promise<string | null> {
    const out = await this.ok(['ls-remote', 'origin', ref], `ls-remote origin ${ref}`)
    const line = out.split('\n').find((l) => l.endsWith(`\t${ref}`))
    return line ? line.split('\t')[0] : null
  }

  /** The committer time (seconds) and message of a commit on origin (fetched by name, no local ref written). */
  async remoteCommitMessage(ref: string, oid: string): Promise<{ time: number; message: string } | null> {
    await this.run(['fetch', '--quiet', '--no-tags', 'origin', ref])
    const r = await this.run(['show', '-s', '--format=%ct%n%B', oid])
    if (r.status !== 0) return null
    const [time, ...message] = r.stdout.split('\n')
    return { time: Number(time), message: message.join('\n').trim() }
  }

  /** A commit object with `message` on top of `parent` (same tree), not on any branch, dated now (whatever GIT_*_DATE says). */
  async note(parent: string, message: string): Promise<string> {
    const now = `${Math.floor(Date.now() / 1000)} +0000`
    return this.ok(
      [
        '-c',
        `user.name=${this.identity.name}`,
        '-c',
        `user.email=${this.identity.email}`,
        'commit-tree',
        `${parent}^{tree}`,
        '-p',
        parent,
        '-m',
        message
      ],
      'commit-tree',
      true,
      {
        GIT_COMMITTER_DATE: now,
        GIT_AUTHOR_DATE: now
      }
    )
  }

  /**
   * Compare-and-swap a ref on origin, atomic on the server: `expected` null means the ref
   * must not exist yet (create), `next` null deletes it. False when origin holds another value.
   */
  async casRemoteRef(ref: string, expected: string | null, next: string | null): Promise<boolean> {
    const push = await this.run(['push', '--porcelain', `--force-with-lease=${ref}:${expected ?? ''}`, 'origin', `${next ?? ''}:${ref}`])
    if (push.status === 0) return true
    if (/stale info|rejected|fetch first|already exists/i.test(`${push.stdout}${push.stderr}`)) return false
    throw pushFailure(push, `git push of ${ref} to origin`)
  }

  /** Create (or keep) the annotated tag locally and push it to origin. */
  /**
   * Create the annotated tag `tag` at `sha` locally only (not pushed), for a backend that
   * reads its version from tags; returns false when a local tag of that name already
   * exists (then it is left alone).
   */
  async createLocalTag(tag: string, sha: string, message: string): Promise<boolean> {
    const local = await this.run(['rev-parse', '-q', '--verify', `refs/tags/${tag}`])
    if (local.status === 0) return false
    await this.ok(
      ['-c', `user.name=${this.identity.name}`, '-c', `user.email=${this.identity.email}`, 'tag', '-a', tag, '-m', message, sha],
      `tag ${tag}`
    )
    return true
  }

  /** Delete a local tag (one createLocalTag made); origin is not touched. */
  async deleteLocalTag(tag: string): Promise<void> {
    await this.run(['tag', '-d', tag])
  }

  async pushAnnotatedTag(tag: string, sha: string, message: string): Promise<void> {
    const local = await this.run(['rev-parse', '-q', '--verify', `refs/tags/${tag}^{commit}`])
    if (local.status === 0 && local.stdout.trim() !== sha) {
      throw new PyshipError(
        'E_TAG_EXISTS',
        `the local tag ${tag} points at ${local.stdout.trim().slice(0, 12)}, not the release commit ${sha.slice(0, 12)}`,
        {
          hint: `Delete the stale local tag (git tag -d ${tag}) or bump the version.`
        }
      )
    }
    if (local.status !== 0) {
      await this.ok(
        ['-c', `user.name=${this.identity.name}`, '-c', `user.email=${this.identity.email}`, 'tag', '-a', tag, '-m', message, sha],
        `tag ${tag}`
      )
    }
    const push = await this.run(['push', 'origin', `refs/tags/${tag}:refs/tags/${tag}`], false)
    if (push.status !== 0) {
      throw pushFailure(push, `git push of tag ${tag} to origin`)
    }
  }
}
