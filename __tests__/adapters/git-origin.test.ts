/**
 * A repository without an `origin` remote is reported as what it is (E_CONFIG, with the
 * command that adds it), not as a network or proxy problem: git's "Could not read from
 * remote repository" line is shared by both.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { PyshipError } from '../../src/errors.js'
import { Git, gitFailureCode } from '../../src/adapters/git.js'
import { removeTempDirs, tempDir } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const COULD_NOT_READ =
  'fatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.'

describe('gitFailureCode', () => {
  test.each([
    [`fatal: 'origin' does not appear to be a git repository\n${COULD_NOT_READ}`, 'E_CONFIG'],
    ["error: No such remote 'origin'", 'E_CONFIG'],
    [`ssh: Could not resolve hostname github.com: Name or service not known\n${COULD_NOT_READ}`, 'E_NETWORK'],
    ["fatal: unable to access 'https://github.com/acme/x.git/': Could not resolve proxy: proxy.example", 'E_NETWORK'],
    [`fatal: '/tmp/gone.git' does not appear to be a git repository\n${COULD_NOT_READ}`, 'E_NETWORK'],
    ["fatal: Authentication failed for 'https://github.com/acme/x.git/'", 'E_GITHUB_DENIED'],
    ['fatal: not a git repository (or any of the parent directories): .git', 'E_INPUT']
  ])('%j → %s', (output, code) => {
    expect(gitFailureCode(output)).toBe(code)
  })
})

describe('a real repository without origin', () => {
  const repo = (): string => {
    const dir = tempDir()
    const git = (args: string[]): void => {
      const r = spawnSync('git', args, {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'x',
          GIT_AUTHOR_EMAIL: 'x@example.com',
          GIT_COMMITTER_NAME: 'x',
          GIT_COMMITTER_EMAIL: 'x@example.com'
        }
      })
      if (r.status !== 0) throw new Error(r.stderr)
    }
    git(['init', '-q'])
    git(['commit', '-q', '--allow-empty', '-m', 'first'])
    return dir
  }

  test.each<[string, (git: Git) => Promise<unknown>, string]>([
    ['reading its tags', (git) => git.remoteTags(), 'git ls-remote --tags origin failed: this repository has no remote named origin'],
    [
      'reading one tag',
      (git) => git.remoteTagCommit('cli-v2.0.0'),
      'git ls-remote origin cli-v2.0.0 failed: this repository has no remote named origin'
    ],
    [
      'deleting a tag (a push)',
      (git) => git.deleteRemoteTag('cli-v2.0.0'),
      'deleting tag cli-v2.0.0 on origin failed: this repository has no remote named origin'
    ]
  ])('%s is E_CONFIG saying so, with `git remote add origin` as the hint', async (_, act, message) => {
    const error = await act(new Git(repo())).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(PyshipError)
    expect((error as PyshipError).code).toBe('E_CONFIG')
    expect((error as PyshipError).message).toBe(message)
    expect((error as PyshipError).hint).toContain('git remote add origin https://github.com/OWNER/REPO.git')
    expect(`${(error as PyshipError).message} ${(error as PyshipError).hint}`).not.toMatch(/could not be reached|proxy|re-run resumes/)
  })
})
