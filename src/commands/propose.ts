/**
 * `propose` (SPEC §11) — the release pull request, as release-please users know it: run the
 * same bump as `bump` (versions, pins, locks, version files, changelogs) for one group, or
 * every group in one pull request, then commit the changed files through GitHub's Git Data
 * API so that GitHub makes and signs the commit (blobs, a tree on the base commit's tree, a
 * commit with no author of pyship's own), point `pyship/release-<group>` (or
 * `pyship/release`) at it, and open the pull request — or update the one already open.
 *
 * The local work tree is left exactly as it was: like release-please, the proposal lives on
 * the pull request's branch only (a developer running it keeps their checkout; a CI job has
 * nothing to clean). The release lock (§8) is never read or taken: a merged pull request
 * whose release has not run yet never blocks the next proposal.
 */
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { Git } from '../adapters/git.js'
import { GitHubData, type PullRequest, type TreeEntry } from '../adapters/github.js'
import { readMonorepo } from '../adapters/monorepo.js'
import { PyshipError } from '../errors.js'
import { hasGroups } from '../config/types.js'
import type { Inputs } from '../inputs.js'
import { log } from '../log.js'
import { repositoryName } from '../release/context.js'
import { bumpGroups } from '../release/history.js'
import {
  changelogSections,
  pullRequestText,
  releaseBranch,
  type ProposedChangelog,
  type ProposedGroup,
  type PullRequestText
} from '../release/pull-request.js'
import type { CommandResult } from '../report/result.js'
import type { Runner } from '../runner.js'

export const PROPOSE_PERMISSIONS_HINT =
  'The release pull request needs a token that may push a branch and open pull requests: give the job `permissions: contents: write` and `pull-requests: write`, and turn on "Allow GitHub Actions to create and approve pull requests" in the repository\'s (or organization\'s) Settings → Actions → General. A personal access token or an app token works as well (input github-token).'

/** What the bump changed, read before the work tree is restored. */
interface Proposal {
  groups: ProposedGroup[]
  /** Changed files (repository-root relative), with their bytes (null: deleted) and index mode. */
  files: { file: string; bytes: Buffer | null; mode: TreeEntry['mode'] }[]
  changelogs: ProposedChangelog[]
  notices: string[]
}

export async function propose(inputs: Inputs, runner: Runner): Promise<CommandResult> {
  // a release pull request is never opened for an unnamed scope or version
  if (!inputs.all && inputs.component === '') {
    throw new PyshipError('E_INPUT', 'propose needs a group: input component (a group or target name) or all: true', {
      hint: 'CLI: `pyship propose platform minor` or `pyship propose --all patch`; in a workflow, `component:` or `all: true`.'
    })
  }
  if (inputs.version === '') {
    throw new PyshipError(
      'E_INPUT',
      'propose needs input version: the version to propose, or a keyword bump accepts (major, minor, patch)',
      {
        hint: 'CLI: `pyship propose platform minor`; in a workflow, `version: minor`.'
      }
    )
  }
  const git = new Git(inputs.repositoryRoot)
  const dirty = await git.dirtyFiles()
  if (dirty.length > 0) {
    throw new PyshipError(
      'E_DIRTY_TREE',
      `the work tree has uncommitted changes: ${dirty.slice(0, 10).join(', ')}${dirty.length > 10 ? ', …' : ''}`,
      {
        hint: 'propose bumps the committed state (HEAD) and leaves your work tree as it was: commit or stash the files listed, then run again.'
      }
    )
  }
  const head = await git.headCommit()
  const repository = await repositoryName(git, runner)
  const github = new GitHubData(runner.apiUrl, repository, inputs.githubToken)

  const scope = inputs.all ? null : inputs.component
  const proposal = await bumpAndRestore(inputs, runner, git, scope)
  const branch = releaseBranch(scope === null ? null : (proposal.groups[0]?.group ?? scope))
  if (proposal.groups.length === 0) {
    return result(inputs, {
      headline: `propose: nothing to propose: ${scope === null ? 'every group is' : `group ${scope} is`} already at the version asked for`,
      notices: proposal.notices
    })
  }

  const base = await baseBranch(git, runner, github)
  const text = pullRequestText(
    proposal.groups,
    proposal.files.map((f) => f.file),
    proposal.changelogs,
    base
  )
  const rows = proposal.files.map((f) => [f.file, f.bytes === null ? 'deleted' : 'changed'])
  const versions = proposal.groups.map((g) => `${g.group} ${g.to}`).join(', ')

  if (inputs.dryRun) {
    const open = await denied(() => github.openPull(branch))
    return result(inputs, {
      headline: `propose (dry run): would ${open ? `update pull request #${open.number}` : 'open a pull request'} releasing ${versions} from ${branch} into ${base}: ${rows.length} file${rows.length === 1 ? '' : 's'}; nothing written`,
      notices: proposal.notices,
      rows,
      outputs: { version: proposal.groups.length === 1 ? proposal.groups[0].to : '' },
      text
    })
  }

  const { pull, created, commit } = await denied(() => publish(github, { head, branch, base, text, files: proposal.files, git }))
  log(`${created ? 'opened' : 'updated'} ${pull.html_url} (${branch} at ${commit.slice(0, 12)})`)
  return result(inputs, {
    headline: `propose: ${created ? 'opened' : 'updated'} pull request #${pull.number} releasing ${versions} (${branch} → ${base}, ${rows.length} file${rows.length === 1 ? '' : 's'}): ${pull.html_url}`,
    notices: proposal.notices,
    rows,
    outputs: {
      version: proposal.groups.length === 1 ? proposal.groups[0].to : '',
      'pull-request': pull.html_url
    },
    text,
    nextSteps: ['review and merge the pull request; then run `release` for each group (README "Release pull request")']
  })
}

/**
 * Bump each group in the work tree as `bump` does, read what changed, and put every file
 * back as HEAD has it (also when the bump fails or the run is cancelled). A dry run plans
 * the bump and writes nothing.
 */
async function bumpAndRestore(inputs: Inputs, runner: Runner, git: Git, scope: string | null): Promise<Proposal> {
  const groups: ProposedGroup[] = []
  const notices: string[] = []
  const planned = new Set<string>()
  const first = await readMonorepo(inputs)
  if (scope === null && !hasGroups(first.repo.config)) {
    throw new PyshipError('E_CONFIG', 'propose --all: the config has no groups', {
      hint: 'Add [tool.pyship.groups.<name>] tables (README "Configuration"), or name a group.'
    })
  }
  try {
    // the same bump as `bump` (keywords, `auto` from the commits, changelog sections); `all`: every changed group
    const bumps = await bumpGroups(inputs, {
      component: scope ?? '',
      version: inputs.version,
      all: scope === null,
      dryRun: inputs.dryRun,
      allowDowngrade: inputs.allowDowngrade,
      envPath: runner.env.PATH ?? '',
      date: new Date().toISOString().slice(0, 10),
      repoUrl: runner.repository ? `${runner.serverUrl}/${runner.repository}` : null
    })
    for (const b of bumps) {
      notices.push(...b.notices)
      if (b.version === null || b.rows.length === 0) {
        notices.push(`${b.skipped ?? `${b.group}: already at ${b.version ?? b.from ?? '—'}`}; not in the pull request`)
        continue
      }
      for (const f of b.files) planned.add(f)
      const group = first.repo.config.groups[b.group]
      groups.push({
        group: b.group,
        from: b.from === null ? [] : [b.from],
        to: b.version,
        packages: (group?.packages ?? []).map((dir) => first.repo.packages.get(dir)?.name ?? dir)
      })
    }
    // everything the bump wrote (a changelog too), whoever wrote it: the tree was clean before
    const changed = inputs.dryRun ? [...planned].sort() : (await git.dirtyFiles()).sort()
    const modes = await git.fileModes(changed)
    const files = changed.map((file) => {
      let bytes: Buffer | null
      try {
        bytes = readFileSync(path.join(inputs.repositoryRoot, file))
      } catch {
        bytes = null
      }
      const mode = (modes.get(file) ?? '100644') as TreeEntry['mode']
      return { file, bytes, mode }
    })
    const changelogs = changelogSections(
      files.flatMap((f) => (f.bytes ? [{ file: f.file, text: f.bytes.toString('utf8') }] : [])),
      groups
    )
    return { groups, files, changelogs, notices }
  } finally {
    if (!inputs.dryRun) await restore(git, inputs.repositoryRoot)
  }
}

/** Every file back as HEAD has it: tracked files checked out, files the bump created removed. */
async function restore(git: Git, root: string): Promise<void> {
  const changed = await git.dirtyFiles()
  const tracked = await git.fileModes(changed)
  await git.restoreTracked(changed.filter((f) => tracked.has(f)))
  for (const f of changed.filter((f) => !tracked.has(f))) rmSync(path.join(root, f), { force: true })
}

/** The branch the pull request goes into: the branch this run is on, else the repository's default branch. */
async function baseBranch(git: Git, runner: Runner, github: GitHubData): Promise<string> {
  // a push or a dispatch on a branch (a pull request's event names refs/pull/…, never a base)
  if (runner.ref.startsWith('refs/heads/')) return runner.ref.slice('refs/heads/'.length)
  if (!runner.ref && runner.refType === 'branch' && runner.refName) return runner.refName
  const current = await git.currentBranch()
  if (current) return current
  return (await denied(() => github.repo())).default_branch
}

/**
 * Blobs, a tree on HEAD's tree, a commit GitHub signs, the branch, the pull request. A
 * re-run whose branch already holds the same tree on the same base keeps its commit.
 */
async function publish(
  github: GitHubData,
  p: { head: string; branch: string; base: string; text: PullRequestText; files: Proposal['files']; git: Git }
): Promise<{ pull: PullRequest; created: boolean; commit: string }> {
  if (!(await github.hasCommit(p.head))) {
    throw new PyshipError('E_BRANCH', `commit ${p.head.slice(0, 12)} (HEAD) is not on GitHub: the pull request is made on it`, {
      hint: `Push ${p.base} first (git push origin ${p.base}), then run propose again.`
    })
  }
  const entries: TreeEntry[] = []
  for (const f of p.files) entries.push({ path: f.file, mode: f.mode, sha: f.bytes === null ? null : await github.blob(f.bytes) })
  const tree = await github.tree(await p.git.treeOf(p.head), entries)
  const existing = await github.ref(`heads/${p.branch}`)
  let commit = existing?.object.sha ?? ''
  const current = existing ? await github.gitCommit(existing.object.sha) : null
  const same = current !== null && current.tree.sha === tree && current.parents.length === 1 && current.parents[0].sha === p.head
  if (!same) {
    commit = (await github.commit(p.text.message, tree, [p.head])).sha
    await github.setBranch(p.branch, commit, existing !== null)
  }
  const open = await github.openPull(p.branch)
  if (open) {
    const pull = await github.updatePull(open.number, {
      title: p.text.title,
      body: p.text.body,
      ...(open.base.ref !== p.base ? { base: p.base } : {})
    })
    return { pull, created: false, commit }
  }
  return { pull: await github.createPull(p.branch, p.base, { title: p.text.title, body: p.text.body }), created: true, commit }
}

/** GitHub's answer when Settings → Actions → General forbids GitHub Actions to create pull requests. */
const ACTIONS_MAY_NOT_OPEN = /GitHub Actions is not permitted to create or approve pull requests/i

/** A 401/403 from GitHub names the permissions (or the repository setting) a release pull request needs. */
async function denied<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof PyshipError && error.code === 'E_GITHUB_DENIED' && /\b(401|403)\b/.test(error.message)) {
      // the job's token had the permissions, but the repository setting forbids Actions to open pull requests
      const why = ACTIONS_MAY_NOT_OPEN.test(error.message)
        ? "the repository does not let the job's token open pull requests"
        : 'propose needs permissions contents: write and pull-requests: write'
      throw new PyshipError('E_GITHUB_DENIED', `${error.message} — ${why}`, { hint: PROPOSE_PERMISSIONS_HINT })
    }
    throw error
  }
}

function result(
  inputs: Inputs,
  r: {
    headline: string
    notices: string[]
    rows?: string[][]
    outputs?: Record<string, string>
    text?: PullRequestText
    nextSteps?: string[]
  }
): CommandResult {
  return {
    command: 'propose',
    headline: r.headline,
    problems: [],
    outputs: r.outputs ?? {},
    table: r.rows ? { header: ['File', 'Change'], rows: r.rows } : undefined,
    notices: r.notices,
    nextSteps: r.nextSteps ?? [],
    data: r.text ? { title: r.text.title, body: r.text.body, dryRun: inputs.dryRun } : undefined
  }
}
