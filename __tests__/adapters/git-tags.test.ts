/**
 * Git's tags against real repositories (a work tree whose origin is a local bare
 * repository): the local tags a release reads, the tags on origin it checks and pushes,
 * and the refusal to push a tag whose local namesake points at another commit.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { Git } from '../../src/adapters/git.js'
import { makeRepos, originTagCommits, type GitRepos, rejection } from '../../__fixtures__/git.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

let repos: GitRepos
let git: Git
beforeEach(() => {
  repos = makeRepos(writeTree(tempDir(), { 'README.md': 'one\n', 'cli/pyproject.toml': '[project]\nname = "cli"\n' }))
  git = new Git(repos.work)
})
afterEach(() => {
  repos.remove()
  removeTempDirs()
})

/** A new empty commit on the checked-out branch; its sha. */
const commit = (message: string): string => {
  repos.git(['commit', '-q', '--allow-empty', '-m', message])
  return repos.head()
}

describe('local tags', () => {
  test('localTags, mergedTags and tagsAt list tag names one per entry; outside a repository localTags and mergedTags are null, tagsAt is empty', async () => {
    const first = repos.head()
    repos.git(['tag', 'cli-v1.0.0'])
    repos.git(['tag', '-a', 'lib-v1.0.0', '-m', 'lib 1.0.0'])
    repos.git(['checkout', '-q', '-b', 'side'])
    const side = commit('side')
    repos.git(['tag', 'side-v1'])
    repos.git(['checkout', '-q', 'main'])
    const second = commit('second')
    repos.git(['tag', 'cli-v1.1.0'])

    expect(await git.localTags()).toEqual(['cli-v1.0.0', 'cli-v1.1.0', 'lib-v1.0.0', 'side-v1'])
    // HEAD's history only: the side branch's tag is not merged
    expect(await git.mergedTags()).toEqual(['cli-v1.0.0', 'cli-v1.1.0', 'lib-v1.0.0'])
    expect(await git.mergedTags('side')).toEqual(['cli-v1.0.0', 'lib-v1.0.0', 'side-v1'])
    expect(await git.tagsAt(first)).toEqual(['cli-v1.0.0', 'lib-v1.0.0'])
    expect(await git.tagsAt(second)).toEqual(['cli-v1.1.0'])
    expect(await git.tagsAt(side)).toEqual(['side-v1'])

    const outside = new Git(tempDir())
    expect(await outside.localTags()).toBeNull()
    expect(await outside.mergedTags()).toBeNull()
    expect(await outside.tagsAt('HEAD')).toEqual([])
  })

  test('a repository without tags has none (an empty list, not null)', async () => {
    expect(await git.localTags()).toEqual([])
    expect(await git.mergedTags()).toEqual([])
  })

  test('tagMessages: the whole message of each wanted annotated tag; lightweight and unwanted tags are absent', async () => {
    repos.git(['tag', '-a', 'a-v1', '-m', 'a 1\n\nbody line\nlast line'])
    repos.git(['tag', 'b-v1'])
    repos.git(['tag', '-a', 'c-v1', '-m', 'c 1'])
    repos.git(['tag', '-a', 'd-v1', '-m', 'd 1'])
    const messages = await git.tagMessages(['a-v1', 'b-v1', 'c-v1', 'missing'])
    expect(Object.fromEntries(messages)).toEqual({ 'a-v1': 'a 1\n\nbody line\nlast line\n', 'c-v1': 'c 1\n' })
    expect((await git.tagMessages([])).size).toBe(0)
    expect((await new Git(tempDir()).tagMessages(['a-v1'])).size).toBe(0)
  })

  test.each([
    ['a tag', 'cli-v1.0.0'],
    ['an annotated tag (peeled to its commit)', 'lib-v1.0.0'],
    ['a branch', 'main']
  ])('commitOf %s is its commit', async (_what, ref) => {
    repos.git(['tag', 'cli-v1.0.0'])
    repos.git(['tag', '-a', 'lib-v1.0.0', '-m', 'lib'])
    expect(await git.commitOf(ref)).toBe(repos.head())
  })

  test('commitOf a ref that does not exist is null', async () => {
    expect(await git.commitOf('cli-v9.9.9')).toBeNull()
  })
})

describe('tags on origin', () => {
  test('remoteTagCommit: an annotated tag is peeled to its commit, a lightweight tag is its commit, a missing tag null', async () => {
    const first = repos.head()
    repos.git(['tag', '-a', 'cli-v1.0.0', '-m', 'cli 1.0.0'])
    const second = commit('second')
    repos.git(['tag', 'cli-v1.0.0-light'])
    repos.git(['push', '-q', 'origin', '--tags'])
    expect(await git.remoteTagCommit('cli-v1.0.0')).toBe(first)
    expect(await git.remoteTagCommit('cli-v1.0.0-light')).toBe(second)
    expect(await git.remoteTagCommit('cli-v2.0.0')).toBeNull()
  })

  test('remoteTags: every tag on origin with its commit, annotated ones peeled; none on an origin without tags', async () => {
    expect((await git.remoteTags()).size).toBe(0)
    const first = repos.head()
    repos.git(['tag', '-a', 'cli-v1.0.0', '-m', 'cli 1.0.0'])
    repos.git(['tag', 'lib-v1.0.0'])
    const second = commit('second')
    repos.git(['tag', '-a', 'cli-v1.1.0', '-m', 'cli 1.1.0'])
    repos.git(['push', '-q', 'origin', '--tags'])
    expect(Object.fromEntries(await git.remoteTags())).toEqual({ 'cli-v1.0.0': first, 'cli-v1.1.0': second, 'lib-v1.0.0': first })
  })

  test("remoteTagMessage: an annotated tag's message as origin has it, without a local tag; null for a lightweight or missing tag", async () => {
    repos.git(['tag', '-a', 'cli-v1.0.0', '-m', 'cli 1.0.0\n\nnotes'])
    repos.git(['tag', 'lib-v1.0.0'])
    repos.git(['push', '-q', 'origin', '--tags'])
    repos.git(['tag', '-d', 'cli-v1.0.0', 'lib-v1.0.0'])
    expect(await git.remoteTagMessage('cli-v1.0.0')).toBe('cli 1.0.0\n\nnotes\n')
    expect(await git.localTags()).toEqual([])
    expect(await git.remoteTagMessage('lib-v1.0.0')).toBeNull()
    expect(await git.remoteTagMessage('cli-v9.0.0')).toBeNull()
  })

  test('remoteTagMessage of an annotated tag without a message is empty', async () => {
    // a tag object whose header is all there is (no blank line, no message)
    const sha = repos.head()
    const tagObject = `object ${sha}\ntype commit\ntag bare-v1\ntagger T <t@example.com> 1793534400 +0000\n`
    const written = spawnSync('git', ['hash-object', '-t', 'tag', '-w', '--stdin'], {
      cwd: repos.work,
      input: tagObject,
      encoding: 'utf8'
    }).stdout.trim()
    repos.git(['update-ref', 'refs/tags/bare-v1', written])
    repos.git(['push', '-q', 'origin', 'refs/tags/bare-v1'])
    expect(await git.remoteTagMessage('bare-v1')).toBe('')
  })

  test('deleteRemoteTag removes the tag on origin and the local one; again is no error', async () => {
    repos.git(['tag', '-a', 'cli-v1.0.0', '-m', 'cli'])
    repos.git(['tag', 'lib-v1.0.0'])
    repos.git(['push', '-q', 'origin', '--tags'])
    await git.deleteRemoteTag('cli-v1.0.0')
    expect(Object.keys(originTagCommits(repos))).toEqual(['lib-v1.0.0'])
    expect(await git.localTags()).toEqual(['lib-v1.0.0'])
    // deleting it again (a re-run) is no error
    await git.deleteRemoteTag('cli-v1.0.0')
    expect(Object.keys(originTagCommits(repos))).toEqual(['lib-v1.0.0'])
  })

  test('branchFromTag fetches the tag from origin and checks out a new branch at it', async () => {
    const first = repos.head()
    repos.git(['tag', '-a', 'cli-v1.0.0', '-m', 'cli'])
    repos.git(['push', '-q', 'origin', 'refs/tags/cli-v1.0.0'])
    repos.git(['tag', '-d', 'cli-v1.0.0'])
    commit('later')
    await git.branchFromTag('hotfix/cli-v1.0.0', 'cli-v1.0.0')
    expect(await git.currentBranch()).toBe('hotfix/cli-v1.0.0')
    expect(repos.head()).toBe(first)
    expect(await git.localTags()).toEqual(['cli-v1.0.0'])
  })

  test('branchFromTag of a tag origin does not have is E_INPUT, naming the fetch', async () => {
    const error = await rejection(git.branchFromTag('hotfix/x', 'cli-v9.0.0'))
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toMatch(/^git fetch tag cli-v9\.0\.0 failed: /)
    expect(await git.currentBranch()).toBe('main')
  })
})

describe('createLocalTag', () => {
  test('is annotated, by pyship or the identity given, with the message, at the commit', async () => {
    const sha = repos.head()
    commit('later')
    expect(await git.createLocalTag('cli-v1.0.0', sha, 'cli 1.0.0')).toBe(true)
    expect(await new Git(repos.work, { name: 'Rel Bot', email: 'rel@example.com' }).createLocalTag('lib-v1.0.0', sha, 'lib')).toBe(true)
    expect(
      repos.git([
        'for-each-ref',
        '--format=%(refname:strip=2) %(objecttype) %(*objectname) %(taggername) %(taggeremail) %(contents:subject)',
        'refs/tags'
      ])
    ).toBe(
      [
        `cli-v1.0.0 tag ${sha} pyship <pyship@users.noreply.github.com> cli 1.0.0`,
        `lib-v1.0.0 tag ${sha} Rel Bot <rel@example.com> lib`
      ].join('\n')
    )
  })
})

test('createLocalTag at a commit that does not exist is E_INPUT naming the tag command', async () => {
  const error = await rejection(git.createLocalTag('cli-v1.0.0', '0123456789abcdef0123456789abcdef01234567', 'cli'))
  expect(error.code).toBe('E_INPUT')
  expect(error.message).toMatch(/^git tag cli-v1\.0\.0 failed: /)
})

describe('pushAnnotatedTag: the release tag', () => {
  test('a new tag is made annotated at the release commit with the message (by pyship) and pushed', async () => {
    const sha = repos.head()
    commit('later')
    await git.pushAnnotatedTag('cli-v1.0.0', sha, 'cli 1.0.0\n\nnotes')
    expect(originTagCommits(repos)).toEqual({ 'cli-v1.0.0': sha })
    expect(repos.git(['cat-file', '-t', 'refs/tags/cli-v1.0.0'], repos.bare)).toBe('tag')
    expect(repos.git(['for-each-ref', '--format=%(contents)', 'refs/tags/cli-v1.0.0'], repos.bare)).toBe('cli 1.0.0\n\nnotes')
    expect(repos.git(['for-each-ref', '--format=%(taggername) %(taggeremail)', 'refs/tags/cli-v1.0.0'], repos.bare)).toBe(
      'pyship <pyship@users.noreply.github.com>'
    )
  })

  test('an identity given to Git tags in its name', async () => {
    await new Git(repos.work, { name: 'Rel Bot', email: 'rel@example.com' }).pushAnnotatedTag('cli-v1.0.0', repos.head(), 'cli')
    expect(repos.git(['for-each-ref', '--format=%(taggername) %(taggeremail)', 'refs/tags/cli-v1.0.0'], repos.bare)).toBe(
      'Rel Bot <rel@example.com>'
    )
  })

  test('a local tag already at the release commit is pushed as it is (its own message kept)', async () => {
    const sha = repos.head()
    repos.git(['tag', '-a', 'cli-v1.0.0', '-m', 'made before'])
    const tagObject = repos.git(['rev-parse', 'refs/tags/cli-v1.0.0'])
    await git.pushAnnotatedTag('cli-v1.0.0', sha, 'cli 1.0.0')
    expect(repos.git(['rev-parse', 'refs/tags/cli-v1.0.0'], repos.bare)).toBe(tagObject)
    expect(repos.git(['for-each-ref', '--format=%(contents)', 'refs/tags/cli-v1.0.0'], repos.bare)).toBe('made before')
  })

  test('a local tag at another commit is E_TAG_EXISTS naming both commits, and nothing is pushed', async () => {
    const old = repos.head()
    repos.git(['tag', 'cli-v1.0.0'])
    const sha = commit('release')
    const error = await rejection(git.pushAnnotatedTag('cli-v1.0.0', sha, 'cli 1.0.0'))
    expect(error.code).toBe('E_TAG_EXISTS')
    expect(error.message).toBe(`the local tag cli-v1.0.0 points at ${old.slice(0, 12)}, not the release commit ${sha.slice(0, 12)}`)
    expect(error.hint).toBe('Delete the stale local tag (git tag -d cli-v1.0.0) or bump the version.')
    expect(originTagCommits(repos)).toEqual({})
  })

  test("a tag origin already has at another commit is refused (E_GITHUB_DENIED), origin's tag untouched", async () => {
    const old = repos.head()
    repos.git(['tag', 'cli-v1.0.0'])
    repos.git(['push', '-q', 'origin', 'refs/tags/cli-v1.0.0'])
    repos.git(['tag', '-d', 'cli-v1.0.0'])
    const sha = commit('release')
    const error = await rejection(git.pushAnnotatedTag('cli-v1.0.0', sha, 'cli 1.0.0'))
    expect(error.code).toBe('E_GITHUB_DENIED')
    expect(error.message).toMatch(/^git push of tag cli-v1\.0\.0 to origin was refused: .*rejected/)
    expect(originTagCommits(repos)).toEqual({ 'cli-v1.0.0': old })
  })

  test('a release commit that does not exist is E_INPUT naming the tag command', async () => {
    const error = await rejection(git.pushAnnotatedTag('cli-v1.0.0', '0123456789abcdef0123456789abcdef01234567', 'cli'))
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toMatch(/^git tag cli-v1\.0\.0 failed: /)
    expect(originTagCommits(repos)).toEqual({})
  })
})
