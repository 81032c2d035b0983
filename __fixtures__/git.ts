/**
 * Real git repositories for e2e tests: a bare `origin` and a work tree holding a copy
 * of an example monorepo, committed on `main` and pushed. No global git config is read.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './action.js'
import type { PyshipError } from '../src/errors.js'

export interface GitRepos {
  /** Temp root holding everything below. */
  root: string
  /** The bare repository that is `origin`. */
  bare: string
  /** The work tree (GITHUB_WORKSPACE). */
  work: string
  /** HOME for git (empty config). */
  home: string
  /** Environment for git commands run by tests and by the action. */
  env: Record<string, string>
  git(args: string[], cwd?: string): string
  head(): string
  remove(): void
}

export function gitEnv(home: string): Record<string, string> {
  return {
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.com',
    GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z',
    GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z'
  }
}

/** A bare origin (default branch main) and a clone with `source` (relative to the project, or absolute) committed and pushed. */
export function makeRepos(source = 'examples/dakora'): GitRepos {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pyship-git-'))
  const bare = path.join(root, 'origin.git')
  const work = path.join(root, 'work')
  const home = path.join(root, 'home')
  mkdirSync(home)
  const env = gitEnv(home)
  const git = (args: string[], cwd = work): string => {
    const r = spawnSync('git', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`)
    return r.stdout.trim()
  }
  git(['init', '-q', '--bare', '-b', 'main', bare], root)
  cpSync(path.resolve(ROOT, source), work, { recursive: true })
  git(['init', '-q', '-b', 'main'])
  git(['remote', 'add', 'origin', bare])
  git(['add', '-A'])
  git(['commit', '-q', '-m', 'initial'])
  git(['push', '-q', 'origin', 'main'])
  return {
    root,
    bare,
    work,
    home,
    env,
    git,
    head: () => git(['rev-parse', 'HEAD']),
    remove: () => rmSync(root, { recursive: true, force: true })
  }
}

/**
 * The message of a release lock another run holds (origin's `refs/pyship/locks/<tag>` points at a
 * commit with it), spelt out as pyship writes it (src/release/lock.ts `formatLock`): a change of
 * the format that locks written by an earlier pyship would not survive turns the e2e suites red.
 */
export function lockMessage(tag: string, commit: string, holder: { run?: number; since?: string } = {}): string {
  const run = `https://github.com/acme/dakora/actions/runs/${holder.run ?? 42}`
  return `pyship release lock for ${tag}\n\ncommit: ${commit}\nrun: ${run}\nattempt: 1\nhost: elsewhere\npid: 1\nsince: ${holder.since ?? '2026-11-28T10:00:00.000Z'}`
}

/** What starts a job, as the runner's environment and actions/checkout's inputs tell it. */
/** Each tag on the bare origin → the commit it points at (an annotated tag peeled). */
export function originTagCommits(repos: GitRepos): Record<string, string> {
  return Object.fromEntries(
    repos
      .git(['for-each-ref', '--format=%(refname:strip=2) %(*objectname)%(objectname)', 'refs/tags'], repos.bare)
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.split(' ')[0], l.split(' ')[1].slice(0, 40)])
  )
}

export interface JobCheckout {
  /** GITHUB_REF: the ref of the event (`refs/heads/main`, `refs/tags/cli-v2.0.0`). */
  githubRef: string
  /** GITHUB_SHA: the commit of the event. */
  githubSha: string
  /** actions/checkout's `ref` input ('' = the event's ref and commit); a 40-hex commit checks that commit out. */
  ref?: string
  /** actions/checkout's `fetch-depth` (default 1; 0 = every branch and tag). */
  fetchDepth?: number
}

/**
 * A job's checkout of `origin` into `dir`, as actions/checkout (v4, v5) does it
 * (`input-helper.ts`, `ref-helper.ts` getRefSpec/getCheckoutInfo, `git-source-provider.ts`):
 * fetch-depth 0 fetches every branch and tag; otherwise only the one commit, `--depth`,
 * `--no-tags`, into the ref the event names (`+<sha>:refs/remotes/origin/<branch>`,
 * `+<sha>:refs/tags/<tag>`, or no ref at all for a commit). A branch is checked out on a
 * local branch; a tag or a commit is a detached HEAD. Returns the runner environment
 * of the job (GITHUB_REF, GITHUB_REF_NAME, GITHUB_REF_TYPE, GITHUB_SHA).
 */
export function actionsCheckout(repos: GitRepos, dir: string, job: JobCheckout): Record<string, string> {
  const git = (args: string[]): string => repos.git(args, dir)
  let ref = job.ref || job.githubRef
  let commit = job.ref ? '' : job.githubSha
  if (/^[0-9a-f]{40}$/i.test(ref)) {
    commit = ref
    ref = ''
  }
  mkdirSync(dir, { recursive: true })
  git(['init', '-q'])
  git(['remote', 'add', 'origin', repos.bare])
  const depth = job.fetchDepth ?? 1
  const refSpec = ref.startsWith('refs/heads/')
    ? [`+${commit || ref}:refs/remotes/origin/${ref.slice('refs/heads/'.length)}`]
    : ref.startsWith('refs/tags/')
      ? [`+${commit || ref}:${ref}`]
      : [commit]
  if (depth <= 0) git(['fetch', '-q', '--prune', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'])
  else git(['fetch', '-q', '--no-tags', '--prune', `--depth=${depth}`, 'origin', ...refSpec])
  if (ref.startsWith('refs/heads/')) {
    const branch = ref.slice('refs/heads/'.length)
    git(['checkout', '-q', '--force', '-B', branch, `refs/remotes/origin/${branch}`])
  } else git(['checkout', '-q', '--force', '--detach', ref || commit])
  const [, type, name] = /^refs\/(heads|tags)\/(.+)$/.exec(job.githubRef) ?? ['', '', job.githubRef]
  return {
    GITHUB_REF: job.githubRef,
    GITHUB_REF_NAME: name,
    GITHUB_REF_TYPE: type === 'tags' ? 'tag' : 'branch',
    GITHUB_SHA: job.githubSha
  }
}

/** The error `p` is rejected with (a test of a refusal); a promise that resolves fails the test. */
export const rejection = (p: Promise<unknown>): Promise<PyshipError> =>
  p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e as PyshipError
  )
