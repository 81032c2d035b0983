/**
 * Git's branches, here and on origin (a real bare repository): the checked-out branch,
 * origin's default branch and branch tips, pushing a branch, and which allowed branch of
 * origin holds a commit (the cheap cases: at a tip, none allowed, a full clone, and a
 * shallow checkout whose commit no allowed branch reaches).
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Git } from '../../src/adapters/git.js'
import { actionsCheckout, makeRepos, type GitRepos, rejection } from '../../__fixtures__/git.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

let repos: GitRepos
let git: Git
beforeEach(() => {
  repos = makeRepos(writeTree(tempDir(), { 'README.md': 'one\n' }))
  git = new Git(repos.work)
})
afterEach(() => {
  repos.remove()
  removeTempDirs()
})

/** A new empty commit on the checked-out branch (committed on `day`); its sha. */
const commit = (message: string, day = '2026-11-01'): string => {
  const r = spawnSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
    cwd: repos.work,
    env: { ...process.env, ...repos.env, GIT_COMMITTER_DATE: `${day}T12:00:00Z` }
  })
  if (r.status !== 0) throw new Error(String(r.stderr))
  return repos.head()
}

/** `count` empty commits on main after HEAD, committed on `day`, written by one git process (fast-import); main checked out and pushed. */
const manyCommits = (count: number, day: string): void => {
  const when = Date.parse(`${day}T12:00:00Z`) / 1000
  let stream = ''
  for (let i = 0; i < count; i++) {
    const message = `main ${i}`
    stream += `commit refs/heads/main\ncommitter T <t@example.com> ${when} +0000\ndata ${message.length}\n${message}\n${i === 0 ? `from ${repos.head()}\n` : ''}\n`
  }
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: repos.work, input: stream, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  repos.git(['reset', '-q', '--hard', 'refs/heads/main'])
  repos.git(['push', '-q', 'origin', 'main'])
}

const all = (): boolean => true

describe('branches', () => {
  test('currentBranch is the checked-out branch, null on a detached HEAD', async () => {
    expect(await git.currentBranch()).toBe('main')
    repos.git(['checkout', '-q', '-b', 'hotfix/cli-v1.0.0'])
    expect(await git.currentBranch()).toBe('hotfix/cli-v1.0.0')
    repos.git(['checkout', '-q', '--detach'])
    expect(await git.currentBranch()).toBeNull()
  })

  test("originUrl is origin's URL, null without origin", async () => {
    expect(await git.originUrl()).toBe(repos.bare)
    repos.git(['remote', 'remove', 'origin'])
    expect(await git.originUrl()).toBeNull()
  })

  test("defaultBranch is origin's HEAD branch; null when origin's HEAD names no branch it has, or there is no origin", async () => {
    expect(await git.defaultBranch()).toBe('main')
    repos.git(['push', '-q', 'origin', 'main:refs/heads/release/trunk'])
    repos.git(['symbolic-ref', 'HEAD', 'refs/heads/release/trunk'], repos.bare)
    expect(await git.defaultBranch()).toBe('release/trunk')
    repos.git(['symbolic-ref', 'HEAD', 'refs/heads/gone'], repos.bare)
    expect(await git.defaultBranch()).toBeNull()
    repos.git(['remote', 'remove', 'origin'])
    expect(await git.defaultBranch()).toBeNull()
  })

  test('remoteBranches: each branch of origin with its tip; remoteBranchExists by exact name', async () => {
    const first = repos.head()
    repos.git(['checkout', '-q', '-b', 'feature/x'])
    const tip = commit('feature')
    await git.pushBranch('feature/x')
    expect(Object.fromEntries(await git.remoteBranches())).toEqual({ main: first, 'feature/x': tip })
    expect(await git.remoteBranchExists('feature/x')).toBe(true)
    expect(await git.remoteBranchExists('main')).toBe(true)
    expect(await git.remoteBranchExists('x')).toBe(false)
    expect(await git.remoteBranchExists('mai')).toBe(false)
  })

  test('an origin without a branch has none, and holds no commit', async () => {
    repos.git(['init', '-q', '--bare', 'empty.git'], repos.root)
    repos.git(['remote', 'set-url', 'origin', path.join(repos.root, 'empty.git')])
    expect((await git.remoteBranches()).size).toBe(0)
    expect(await git.branchContaining(repos.head(), all, ['main'])).toBeNull()
  })

  test('remoteBranches without origin is E_CONFIG', async () => {
    repos.git(['remote', 'remove', 'origin'])
    const error = await rejection(git.remoteBranches())
    expect(error.code).toBe('E_CONFIG')
    expect(error.message).toBe('git ls-remote --heads origin failed: this repository has no remote named origin')
  })

  test('pushBranch pushes the branch; a push origin cannot fast-forward is refused (E_GITHUB_DENIED)', async () => {
    const first = repos.head()
    const next = commit('next')
    await git.pushBranch('main')
    expect(repos.git(['rev-parse', 'refs/heads/main'], repos.bare)).toBe(next)
    repos.git(['reset', '-q', '--hard', first])
    commit('diverged')
    const error = await rejection(git.pushBranch('main'))
    expect(error.code).toBe('E_GITHUB_DENIED')
    expect(error.message).toMatch(/^git push of branch main to origin was refused: /)
    expect(repos.git(['rev-parse', 'refs/heads/main'], repos.bare)).toBe(next)
  })
})

describe('branchContaining', () => {
  test('a commit at the tip of several allowed branches is found on the first one named, else in origin order', async () => {
    const sha = repos.head()
    repos.git(['push', '-q', 'origin', 'main:refs/heads/release/a', 'main:refs/heads/release/b'])
    expect(await git.branchContaining(sha, all, ['release/b', 'gone'])).toBe('release/b')
    expect(await git.branchContaining(sha, all)).toBe('main')
    expect(await git.branchContaining(sha, (b) => b.startsWith('release/'))).toBe('release/a')
  })

  test.each([
    // [what, commits on main after the release commit, commits of main the job then holds, still shallow]
    ['1 commit behind main: the bounded fetch finds it (all of main)', 1, 3, 'false'],
    ['150 commits behind main: back to a day before the commit, not the older history', 150, 151, 'true']
  ])('a shallow checkout (depth 1), %s', async (_what, behind, held, shallow) => {
    const sha = commit('release', '2026-11-20')
    repos.git(['push', '-q', 'origin', 'main'])
    manyCommits(behind, '2026-11-25')
    const job = path.join(repos.root, 'job')
    actionsCheckout(repos, job, { githubRef: 'refs/heads/main', githubSha: repos.head(), ref: sha, fetchDepth: 1 })
    expect(await new Git(job).branchContaining(sha, (b) => b === 'main', ['main'])).toBe('main')
    expect(Number(repos.git(['rev-list', '--count', 'refs/remotes/origin/main'], job))).toBe(held)
    expect(repos.git(['rev-parse', '--is-shallow-repository'], job)).toBe(shallow)
  })

  test('a shallow checkout whose fetch back to the commit time fails is E_NETWORK naming the fetch', async () => {
    const sha = commit('release', '2026-11-20')
    repos.git(['push', '-q', 'origin', 'main'])
    manyCommits(150, '2026-11-25')
    const job = path.join(repos.root, 'job')
    actionsCheckout(repos, job, { githubRef: 'refs/heads/main', githubSha: repos.head(), ref: sha, fetchDepth: 1 })
    // origin answers the look-up of its branches and the bounded fetch, then hangs up
    const count = path.join(repos.root, 'count')
    const script = path.join(repos.root, 'upload-pack.sh')
    writeFileSync(
      script,
      `#!/bin/sh\nn=$(($(cat '${count}' 2>/dev/null || echo 0) + 1))\necho $n > '${count}'\n[ $n -ge 3 ] && exit 1\nexec git-upload-pack "$@"\n`,
      { mode: 0o755 }
    )
    repos.git(['config', 'remote.origin.uploadpack', script], job)
    const error = await rejection(new Git(job).branchContaining(sha, (b) => b === 'main', ['main']))
    expect(error.code).toBe('E_NETWORK')
    expect(error.message).toMatch(
      new RegExp(`^origin \\(${repos.bare.replace(/[.]/g, '\\.')}\\) could not be reached: git fetch of main from origin failed: `)
    )
    expect(readFileSync(count, 'utf8').trim()).toBe('3')
  })

  test('no allowed branch: null, nothing fetched', async () => {
    const job = path.join(repos.root, 'job')
    actionsCheckout(repos, job, { githubRef: 'refs/heads/main', githubSha: repos.head(), ref: repos.head(), fetchDepth: 1 })
    expect(await new Git(job).branchContaining(repos.head(), () => false, ['main'])).toBeNull()
    expect(repos.git(['for-each-ref', 'refs/remotes'], job)).toBe('')
  })

  test('a full clone: a commit behind the tip of an allowed branch is found there, not on a branch that lacks it', async () => {
    const sha = repos.head()
    repos.git(['push', '-q', 'origin', 'main:refs/heads/release/old'])
    commit('later')
    repos.git(['push', '-q', 'origin', 'main'])
    const newer = commit('newer')
    repos.git(['push', '-q', 'origin', 'main'])
    const job = path.join(repos.root, 'job')
    actionsCheckout(repos, job, { githubRef: 'refs/heads/main', githubSha: newer, fetchDepth: 0 })
    const later = repos.git(['rev-parse', 'HEAD~1'])
    // a name origin does not have is no candidate (nothing to fetch)
    expect(await new Git(job).branchContaining(later, all, ['gone', 'release/old', 'main'])).toBe('main')
    expect(await new Git(job).branchContaining(sha, all, ['gone', 'release/old', 'main'])).toBe('release/old')
  })

  test('a shallow checkout of a commit no allowed branch reaches, younger than all of their commits: null', async () => {
    repos.git(['checkout', '-q', '-b', 'feature/x'])
    const sha = commit('feature', '2026-12-01')
    repos.git(['push', '-q', 'origin', 'feature/x'])
    const job = path.join(repos.root, 'job')
    actionsCheckout(repos, job, { githubRef: 'refs/heads/feature/x', githubSha: sha, fetchDepth: 1 })
    expect(await new Git(job).branchContaining(sha, (b) => b === 'main', ['main'])).toBeNull()
  })

  test.each([
    ['a shallow checkout', 1],
    ['a full clone', 0]
  ])('%s whose fetch of the branches fails is an error naming the fetch', async (_what, fetchDepth) => {
    repos.git(['push', '-q', 'origin', 'main:refs/heads/other'])
    const sha = commit('feature')
    repos.git(['push', '-q', 'origin', 'HEAD:refs/heads/feature'])
    const job = path.join(repos.root, 'job')
    actionsCheckout(repos, job, { githubRef: 'refs/heads/feature', githubSha: sha, fetchDepth })
    // a local ref in the way of origin/other: the fetch cannot write it
    repos.git(['update-ref', '-d', 'refs/remotes/origin/other'], job)
    repos.git(['update-ref', 'refs/remotes/origin/other/x', sha], job)
    const error = await rejection(new Git(job).branchContaining(sha, (b) => b === 'other'))
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toMatch(/^git fetch of other from origin failed: /)
  })
})
