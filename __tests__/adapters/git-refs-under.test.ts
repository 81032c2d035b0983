/**
 * The refs origin keeps under a prefix (`refs/pyship/retired/`, the rolled-back calendar tags'
 * names), read with a real `git ls-remote` from a real bare origin.
 */
import { afterAll, expect, test } from '@jest/globals'
import { Git } from '../../src/adapters/git.js'
import { makeRepos } from '../../__fixtures__/git.js'

const repos = makeRepos('__fixtures__/repos/vcs-release')
afterAll(() => repos.remove())

test('only the refs under the prefix, each by the rest of its name, with the object it points at; none is an empty map', async () => {
  const git = new Git(repos.work)
  const sha = repos.head()
  expect(await git.remoteRefsUnder('refs/pyship/retired/')).toEqual(new Map())
  expect(await git.casRemoteRef('refs/pyship/retired/v2026.12.04', null, sha)).toBe(true)
  expect(await git.casRemoteRef('refs/pyship/retired/v2026.12.04.2', null, sha)).toBe(true)
  // beside it, not under it: a ref whose name only starts the same, a lock, a tag, a ref that only ends the same
  expect(await git.casRemoteRef('refs/pyship/retired-not/v1', null, sha)).toBe(true)
  expect(await git.casRemoteRef('refs/pyship/locks/v2026.12.05', null, sha)).toBe(true)
  // ls-remote matches a pattern against the end of a name: this one ends like a retired name
  expect(await git.casRemoteRef('refs/mirror/refs/pyship/retired/v2026.12.07', null, sha)).toBe(true)
  repos.git(['tag', 'v2026.12.06', sha])
  repos.git(['push', '-q', 'origin', 'refs/tags/v2026.12.06'])
  expect(await git.remoteRefsUnder('refs/pyship/retired/')).toEqual(
    new Map([
      ['v2026.12.04', sha],
      ['v2026.12.04.2', sha]
    ])
  )
})
