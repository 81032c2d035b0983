import { afterAll, expect, test } from '@jest/globals'
import { Git } from '../../src/adapters/git.js'
import { makeRepos } from '../../__fixtures__/git.js'

const repos = makeRepos('__fixtures__/repos/vcs-release')
afterAll(() => repos.remove())

test('the release tag for a backend without an override is made locally only, and removed', async () => {
  const git = new Git(repos.work)
  const sha = repos.head()
  expect(await git.createLocalTag('vcs-scm-v2.0.0', sha, 'scm 2.0.0')).toBe(true)
  expect(repos.git(['rev-parse', 'vcs-scm-v2.0.0^{commit}'])).toBe(sha)
  expect(repos.git(['cat-file', '-t', 'vcs-scm-v2.0.0'])).toBe('tag') // annotated, like the one tag and release pushes
  expect(repos.git(['tag', '--list'], repos.bare)).toBe('') // never pushed
  // a tag that already exists locally is left alone (and not removed by the caller)
  expect(await git.createLocalTag('vcs-scm-v2.0.0', sha, 'scm 2.0.0')).toBe(false)
  await git.deleteLocalTag('vcs-scm-v2.0.0')
  expect(repos.git(['tag', '--list'])).toBe('')
})
