/**
 * Git.branchContaining against real repositories: a checkout as actions/checkout makes it
 * (depth 1, one commit, no branch refs; or fetch-depth 0) finds the release commit on an
 * allowed branch of origin, fetching only what it needs, and never makes a full clone shallow.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { Git } from '../../src/adapters/git.js'
import { actionsCheckout, makeRepos, type GitRepos } from '../../__fixtures__/git.js'

const allowed = (b: string): boolean => b === 'main' || b.startsWith('hotfix/')

describe('Git.branchContaining: is a detached commit on an allowed branch of origin?', () => {
  let repos: GitRepos
  beforeEach(() => {
    repos = makeRepos('examples/dakora')
  })
  afterEach(() => repos.remove())

  /** `count` commits on `branch`, committed on `day` (the history before them is older), pushed. */
  const commits = (count: number, branch = 'main', day = '2026-11-21'): void => {
    for (let i = 0; i < count; i++) {
      const r = spawnSync('git', ['commit', '-q', '--allow-empty', '-m', `${branch} ${i}`], {
        cwd: repos.work,
        env: { ...process.env, ...repos.env, GIT_COMMITTER_DATE: `${day}T12:00:00Z` }
      })
      if (r.status !== 0) throw new Error(String(r.stderr))
    }
    repos.git(['push', '-q', 'origin', `HEAD:refs/heads/${branch}`])
  }

  test.each([
    // [what, commits on main after the release commit, fetch-depth of the job, main moves on after the checkout, expected, commits of main the job then holds]
    ["main's tip, depth 1", 0, 1, 0, 'main', 1],
    ['1 commit behind main, depth 1 (the bounded fetch)', 1, 1, 0, 'main', 3],
    ['150 commits behind main, depth 1 (back to the commit time, not the older history)', 150, 1, 0, 'main', 151],
    ['a full clone, main moved 150 commits on after the checkout', 0, 0, 150, 'main', 152]
  ] as [string, number, number, number, string, number][])('%s', async (_what, behind, depth, after, expected, held) => {
    // the release commit is weeks younger than the history below it
    commits(1, 'main', '2026-11-20')
    const sha = repos.head()
    commits(behind)
    const job = path.join(repos.root, 'job')
    actionsCheckout(repos, job, { githubRef: 'refs/heads/main', githubSha: repos.head(), ref: sha, fetchDepth: depth })
    const wasShallow = repos.git(['rev-parse', '--is-shallow-repository'], job)
    commits(after)
    expect(await new Git(job).branchContaining(sha, allowed, ['main'])).toBe(expected)
    // a full clone stays full (never fetched with --depth)
    if (wasShallow === 'false') expect(repos.git(['rev-parse', '--is-shallow-repository'], job)).toBe('false')
    expect(Number(repos.git(['rev-list', '--count', behind + after === 0 ? 'HEAD' : 'refs/remotes/origin/main'], job))).toBe(held)
  })

  test('a commit only on a feature branch is on no allowed branch; one on a hotfix/* branch is found there', async () => {
    repos.git(['checkout', '-q', '-b', 'feature/x'])
    commits(1, 'feature/x')
    const feature = repos.head()
    repos.git(['checkout', '-q', '-b', 'hotfix/cli-v1.0.0', 'main'])
    commits(2, 'hotfix/cli-v1.0.0')
    const fix = repos.git(['rev-parse', 'HEAD~1'])
    for (const [sha, expected] of [
      [feature, null],
      [fix, 'hotfix/cli-v1.0.0']
    ] as const) {
      const job = path.join(repos.root, `job-${sha}`)
      actionsCheckout(repos, job, { githubRef: 'refs/tags/t', githubSha: sha })
      expect(await new Git(job).branchContaining(sha, allowed, ['main'])).toBe(expected)
    }
  })
})
