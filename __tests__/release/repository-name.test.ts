/**
 * owner/repo of the release (GitHub's API, release URLs): GITHUB_REPOSITORY, else origin's
 * github.com URL; otherwise E_INPUT saying which of the two is missing, never the URL itself.
 */
import { describe, expect, test } from '@jest/globals'
import type { Git } from '../../src/adapters/git.js'
import { PyshipError } from '../../src/errors.js'
import type { Runner } from '../../src/runner.js'
import { repositoryName } from '../../src/release/context.js'

const git = (url: string | null): Git => ({ originUrl: async () => url }) as unknown as Git
const runner = (repository: string): Runner => ({ repository }) as unknown as Runner

describe('repositoryName', () => {
  test.each([
    ['GITHUB_REPOSITORY wins', 'acme/dakora', 'git@github.com:other/x.git', 'acme/dakora'],
    ['an ssh origin', '', 'git@github.com:acme/dakora.git', 'acme/dakora'],
    ['an https origin without .git', '', 'https://github.com/acme/dakora', 'acme/dakora'],
    ['an https origin with credentials', '', 'https://x-access-token:s3cret@github.com/acme/dakora.git', 'acme/dakora']
  ])('%s', async (_what, repository, url, expected) => {
    expect(await repositoryName(git(url), runner(repository))).toBe(expected)
  })

  test.each([
    ['no origin at all', null, 'GITHUB_REPOSITORY is not set and the repository has no remote origin'],
    [
      'origin elsewhere (the URL is not printed)',
      'https://user:s3cret@gitlab.example/acme/dakora.git',
      'GITHUB_REPOSITORY is not set and origin is not a github.com URL'
    ]
  ])('%s: E_INPUT naming what is missing', async (_what, url, message) => {
    const error = await repositoryName(git(url), runner('')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PyshipError)
    expect((error as PyshipError).code).toBe('E_INPUT')
    expect((error as PyshipError).message).toBe(`cannot tell the GitHub repository: ${message}`)
    expect(`${(error as PyshipError).message} ${(error as PyshipError).hint}`).not.toContain('s3cret')
  })
})
