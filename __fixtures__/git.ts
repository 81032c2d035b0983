/**
 * Real git repositories for e2e tests: a bare `origin` and a work tree holding a copy
 * of an example monorepo, committed on `main` and pushed. No global git config is read.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './action.js'

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

/** A bare origin (default branch main) and a clone with `source` (relative to the project) committed and pushed. */
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
  cpSync(path.join(ROOT, source), work, { recursive: true })
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
