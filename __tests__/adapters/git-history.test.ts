/**
 * Git's history and work-tree reads against real repositories: the commits since the last
 * release that touched a package (what bump and release notes read), the empty
 * `Release-As:` commits, changed and tracked files relative to the working directory,
 * the modes of files (repository-root relative, wherever pyship runs), and the state of HEAD.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Git } from '../../src/adapters/git.js'
import { makeRepos, type GitRepos, rejection } from '../../__fixtures__/git.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

let repos: GitRepos
let git: Git
beforeEach(() => {
  repos = makeRepos(
    writeTree(tempDir(), {
      'README.md': 'one\n',
      'cli/pyproject.toml': '[project]\nname = "cli"\n',
      'lib/pyproject.toml': '[project]\nname = "lib"\n'
    })
  )
  git = new Git(repos.work)
})
afterEach(() => {
  repos.remove()
  removeTempDirs()
})

/** Write `files` and commit them with `message`; the new commit. */
const change = (message: string, files: Record<string, string> = {}): string => {
  writeTree(repos.work, files)
  repos.git(['add', '-A'])
  repos.git(['commit', '-q', '--allow-empty', '-m', message])
  return repos.head()
}

/** An empty repository (git init, no commit). */
const emptyRepo = (): string => {
  const dir = tempDir()
  spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: dir })
  return dir
}

describe('commitsSince', () => {
  test('the commits touching the paths since the base, newest first, with parents and whole messages (merges included)', async () => {
    const initial = repos.head()
    const c1 = change('feat(cli): one\n\nbody\n\nRelease-As: 2.0.0', { 'cli/a.py': '1' })
    change('docs: lib only', { 'lib/a.py': '1' })
    repos.git(['checkout', '-q', '-b', 'side', initial])
    const c2 = change('fix(cli): on a side branch', { 'cli/b.py': '1' })
    repos.git(['checkout', '-q', 'main'])
    repos.git(['merge', '-q', '--no-ff', '-m', 'Merge side', 'side'])
    const merge = repos.head()

    const since = await git.commitsSince(initial, ['cli'])
    expect(since).toEqual([
      { sha: merge, parents: [repos.git(['rev-parse', 'HEAD^1']), c2], message: 'Merge side' },
      { sha: c2, parents: [initial], message: 'fix(cli): on a side branch' },
      { sha: c1, parents: [initial], message: 'feat(cli): one\n\nbody\n\nRelease-As: 2.0.0' }
    ])
    // all of history when there is no base: the initial commit too, which has no parent
    const all = await git.commitsSince(null, ['cli'])
    expect(all.map((c) => c.sha)).toEqual([merge, c2, c1, initial])
    expect(all[3]).toEqual({ sha: initial, parents: [], message: 'initial' })
    // since a later base
    expect((await git.commitsSince(c1, ['cli'])).map((c) => c.sha)).toEqual([merge, c2])
    expect(await git.commitsSince(merge, ['cli'])).toEqual([])
  })

  test('pathspecs are relative to the working directory (a package directory)', async () => {
    const initial = repos.head()
    const c = change('feat: cli', { 'cli/a.py': '1' })
    change('feat: lib', { 'lib/a.py': '1' })
    expect((await new Git(path.join(repos.work, 'cli')).commitsSince(initial, ['.'])).map((x) => x.sha)).toEqual([c])
  })

  test('a repository without a commit has no history', async () => {
    expect(await new Git(emptyRepo()).commitsSince(null, ['.'])).toEqual([])
  })

  test('a base that does not exist is E_INPUT naming the range', async () => {
    const error = await rejection(git.commitsSince('cli-v9.9.9', ['.']))
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toMatch(/^git log cli-v9\.9\.9\^\{commit\}\.\.HEAD failed: /)
  })
})

describe('emptyReleaseAsSince', () => {
  test('only empty, non-merge commits with a Release-As footer (any case), newest first', async () => {
    const initial = repos.head()
    const e1 = change('chore: release 2.0.0\n\nRelease-As: 2.0.0')
    change('feat: with files\n\nRelease-As: 3.0.0', { 'cli/a.py': '1' })
    const plain = change('chore: empty, no footer')
    const e2 = change('chore: again\n\nrelease-as: 2.1.0\n')
    repos.git(['checkout', '-q', '-b', 'side', initial])
    change('side', { 'lib/x.py': '1' })
    repos.git(['checkout', '-q', 'main'])
    repos.git(['merge', '-q', '--no-ff', '-m', 'Merge side\n\nRelease-As: 4.0.0', 'side'])

    expect(await git.emptyReleaseAsSince(initial)).toEqual([
      { sha: e2, parents: [plain], message: 'chore: again\n\nrelease-as: 2.1.0' },
      { sha: e1, parents: [initial], message: 'chore: release 2.0.0\n\nRelease-As: 2.0.0' }
    ])
    expect((await git.emptyReleaseAsSince(null)).map((c) => c.sha)).toEqual([e2, e1])
    expect(await git.emptyReleaseAsSince(e2)).toEqual([])
  })

  test('a base that does not exist, or a repository without a commit, gives none', async () => {
    change('chore: release\n\nRelease-As: 2.0.0')
    expect(await git.emptyReleaseAsSince('cli-v9.9.9')).toEqual([])
    expect(await new Git(emptyRepo()).emptyReleaseAsSince(null)).toEqual([])
  })
})

describe('revList', () => {
  test("base..HEAD newest first, all of HEAD's history without a base, none for an unknown base", async () => {
    const initial = repos.head()
    const c1 = change('one')
    const c2 = change('two')
    expect(await git.revList(initial)).toEqual([c2, c1])
    expect(await git.revList(null)).toEqual([c2, c1, initial])
    expect(await git.revList(c2)).toEqual([])
    expect(await git.revList('cli-v9.9.9')).toEqual([])
  })
})

describe('files', () => {
  test('changedFilesSince: files changed below the working directory, relative to it; a rename is both names', async () => {
    const initial = repos.head()
    repos.git(['mv', 'cli/pyproject.toml', 'cli/setup.toml'])
    change('move', { 'cli/new file.py': '1', 'lib/a.py': '1' })
    expect((await git.changedFilesSince(initial)).sort()).toEqual(['cli/new file.py', 'cli/pyproject.toml', 'cli/setup.toml', 'lib/a.py'])
    expect((await new Git(path.join(repos.work, 'cli')).changedFilesSince(initial)).sort()).toEqual([
      'new file.py',
      'pyproject.toml',
      'setup.toml'
    ])
    expect(await git.changedFilesSince('HEAD')).toEqual([])
  })

  test('changedFilesSince an unknown base is E_INPUT naming the diff', async () => {
    const error = await rejection(git.changedFilesSince('cli-v9.9.9'))
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toMatch(/^git diff cli-v9\.9\.9 failed: /)
    expect(error.hint).toBe('pyship runs in a git checkout with an `origin` remote (actions/checkout with fetch-depth: 0 for tags).')
  })

  test('trackedFiles: tracked files below the working directory, relative to it, names as they are; null outside a repository', async () => {
    change('names', { 'cli/a "quoted" name.py': '1', 'cli/üñí.py': '1' })
    writeFileSync(path.join(repos.work, 'cli', 'untracked.py'), '1')
    expect((await new Git(path.join(repos.work, 'cli')).trackedFiles())?.sort()).toEqual(['a "quoted" name.py', 'pyproject.toml', 'üñí.py'])
    expect((await git.trackedFiles())?.length).toBe(5)
    expect(await new Git(tempDir()).trackedFiles()).toBeNull()
  })

  test('fileModes: the mode of each tracked file by its repository-root path, from any working directory; untracked files absent', async () => {
    writeTree(repos.work, { 'cli/run.sh': '#!/bin/sh\n', 'cli/untracked.py': '' })
    chmodSync(path.join(repos.work, 'cli/run.sh'), 0o755)
    symlinkSync('pyproject.toml', path.join(repos.work, 'cli/link.toml'))
    repos.git(['add', 'cli/run.sh', 'cli/link.toml'])
    repos.git(['commit', '-q', '-m', 'modes'])
    writeFileSync(path.join(repos.work, 'cli/untracked.py'), '')
    const files = ['cli/run.sh', 'cli/link.toml', 'cli/pyproject.toml', 'cli/untracked.py', 'README.md']
    const expected = { 'cli/run.sh': '100755', 'cli/link.toml': '120000', 'cli/pyproject.toml': '100644', 'README.md': '100644' }
    expect(Object.fromEntries(await git.fileModes(files))).toEqual(expected)
    expect(Object.fromEntries(await new Git(path.join(repos.work, 'lib')).fileModes(files))).toEqual(expected)
    expect((await git.fileModes([])).size).toBe(0)
  })

  test('fileModes and restoreTracked take names literally (no glob)', async () => {
    change('globs', { 'cli/[ab].py': 'literal\n', 'cli/a.py': 'a\n', 'cli/b.py': 'b\n' })
    writeTree(repos.work, { 'cli/[ab].py': 'changed', 'cli/a.py': 'changed' })
    expect([...(await git.fileModes(['cli/[ab].py'])).keys()]).toEqual(['cli/[ab].py'])
    await git.restoreTracked(['cli/[ab].py'])
    expect(await git.dirtyFiles()).toEqual(['cli/a.py'])
  })

  test('restoreTracked puts the files (repository-root paths) back as HEAD has them, from any working directory', async () => {
    writeFileSync(path.join(repos.work, 'cli/pyproject.toml'), 'changed')
    writeFileSync(path.join(repos.work, 'README.md'), 'changed')
    repos.git(['add', 'README.md'])
    await new Git(path.join(repos.work, 'lib')).restoreTracked(['cli/pyproject.toml', 'README.md'])
    expect(readFileSync(path.join(repos.work, 'cli/pyproject.toml'), 'utf8')).toBe('[project]\nname = "cli"\n')
    expect(readFileSync(path.join(repos.work, 'README.md'), 'utf8')).toBe('one\n')
    expect(await git.dirtyFiles()).toEqual([])
    await git.restoreTracked([])
  })

  test('restoreTracked of a file HEAD lacks is E_INPUT', async () => {
    const error = await rejection(git.restoreTracked(['nope.txt']))
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toMatch(/^git checkout HEAD -- failed: /)
  })

  test('dirtyFiles outside a repository is E_INPUT naming status', async () => {
    const error = await rejection(new Git(tempDir()).dirtyFiles())
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toMatch(/^git status failed: .*not a git repository/)
  })

  test('dirtyFiles: each untracked file in a new directory, by its path', async () => {
    writeTree(repos.work, { 'new/dir/a.txt': '', 'new/b.txt': '' })
    expect(await git.dirtyFiles()).toEqual(['new/b.txt', 'new/dir/a.txt'])
  })

  test('dirtyFiles: a copy is its new name (its source is not listed twice), and a one-letter name is listed', async () => {
    const text = 'line 1\nline 2\nline 3\nline 4\nline 5\n'
    change('text', { 'README.md': text })
    repos.git(['config', 'status.renames', 'copies'])
    writeTree(repos.work, { 'README.md': `${text}line 6\n`, 'copy.md': text, z: '' })
    repos.git(['add', 'README.md', 'copy.md'])
    expect(await git.dirtyFiles()).toEqual(['README.md', 'copy.md', 'z'])
  })
})

describe('commits and HEAD', () => {
  test('headCommit, treeOf, commitTime and isAncestor of a real history', async () => {
    const initial = repos.head()
    const next = change('next', { 'cli/a.py': '1' })
    expect(await git.headCommit()).toBe(next)
    expect(await git.treeOf(initial)).toBe(repos.git(['rev-parse', `${initial}^{tree}`]))
    expect(await git.treeOf(next)).not.toBe(await git.treeOf(initial))
    // the fixture commits at 2026-11-01T12:00:00Z
    expect(await git.commitTime(initial)).toBe(Date.UTC(2026, 10, 1, 12) / 1000)
    expect(await git.isAncestor(initial, next)).toBe(true)
    expect(await git.isAncestor(next, initial)).toBe(false)
  })

  test.each<[string, (g: Git) => Promise<unknown>, RegExp]>([
    ['headCommit', (g) => g.headCommit(), /^git rev-parse HEAD failed: /],
    ['treeOf', (g) => g.treeOf('nope'), /^git rev-parse tree failed: /],
    ['commitTime', (g) => g.commitTime('nope'), /^git show failed: /]
  ])('%s in a repository without that commit is E_INPUT', async (_what, act, message) => {
    const error = await rejection(act(new Git(emptyRepo())))
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toMatch(message)
  })

  test('isShallow: a depth-1 clone is shallow, a full one is not', async () => {
    change('two')
    const shallow = path.join(repos.root, 'shallow')
    repos.git(['clone', '-q', '--depth=1', `file://${repos.bare}`, shallow], repos.root)
    expect(await new Git(shallow).isShallow()).toBe(true)
    expect(await git.isShallow()).toBe(false)
  })

  test('commitAll commits the files (only those) as pyship, or the identity given, and returns the commit', async () => {
    writeTree(repos.work, { 'cli/a.py': '1', 'lib/b.py': '2' })
    const sha = await git.commitAll('chore: release cli 1.0.0', ['cli/a.py'])
    expect(sha).toBe(repos.head())
    expect(repos.git(['show', '-s', '--format=%B|%an <%ae>|%cn <%ce>', sha])).toBe(
      'chore: release cli 1.0.0\n|pyship <pyship@users.noreply.github.com>|pyship <pyship@users.noreply.github.com>'
    )
    expect(repos.git(['show', '--name-only', '--format=', sha])).toBe('cli/a.py')
    const other = await new Git(repos.work, { name: 'Rel Bot', email: 'rel@example.com' }).commitAll('two', ['lib/b.py'])
    expect(repos.git(['show', '-s', '--format=%an <%ae>|%cn <%ce>', other])).toBe('Rel Bot <rel@example.com>|Rel Bot <rel@example.com>')
  })

  test('commitAll with nothing to commit is E_INPUT naming the commit', async () => {
    const error = await rejection(git.commitAll('nothing', ['README.md']))
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toMatch(/^git commit failed: /)
  })

  test('commitAll of a path that does not exist is E_INPUT naming the add', async () => {
    const error = await rejection(git.commitAll('nothing', ['nope.txt']))
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toMatch(/^git add failed: /)
  })
})
