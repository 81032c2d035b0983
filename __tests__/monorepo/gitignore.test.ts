/**
 * Which directories hold only ignored files (uv's `has_only_gitignored_files`: a workspace glob
 * may match such a directory without a pyproject.toml). Each row is checked against git itself
 * (`git ls-files --others --exclude-standard`: nothing untracked and not ignored ⇔ only ignored),
 * as well as against the verdict the row states.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { hasOnlyIgnoredFiles } from '../../src/monorepo/gitignore.js'
import { removeTempDirs, tempDir } from '../../__fixtures__/tree.js'

afterAll(() => removeTempDirs())

interface Case {
  /** The repository's root .gitignore. */
  gitignore?: string
  /** pkg/.gitignore. */
  inner?: string
  /** .git/info/exclude. */
  exclude?: string
  /** Files under pkg/. */
  files: string[]
}

function repo(c: Case): string {
  const root = tempDir('pyship-gitignore-')
  execFileSync('git', ['init', '-q', root])
  const pkg = path.join(root, 'pkg')
  mkdirSync(pkg)
  if (c.gitignore !== undefined) writeFileSync(path.join(root, '.gitignore'), c.gitignore)
  if (c.inner !== undefined) writeFileSync(path.join(pkg, '.gitignore'), c.inner)
  if (c.exclude !== undefined) writeFileSync(path.join(root, '.git', 'info', 'exclude'), c.exclude)
  for (const f of c.files) {
    mkdirSync(path.dirname(path.join(pkg, f)), { recursive: true })
    writeFileSync(path.join(pkg, f), 'x')
  }
  return root
}

/** git's own verdict: no untracked file under pkg/ that git does not ignore (a pkg/.gitignore is such a file too, unless it ignores itself). */
function gitSays(root: string): boolean {
  return execFileSync('git', ['ls-files', '--others', '--exclude-standard', '--', 'pkg'], { cwd: root, encoding: 'utf8' }) === ''
}

describe('hasOnlyIgnoredFiles, as git sees it', () => {
  test.each<[string, Case, boolean]>([
    ['build output under an ignored directory', { gitignore: '__pycache__/\n', files: ['__pycache__/a.cpython-312.pyc'] }, true],
    ['a file git does not ignore', { gitignore: '__pycache__/\n', files: ['__pycache__/a.pyc', 'notes.txt'] }, false],
    ['a negation re-includes a file', { gitignore: '*.pyc\n!keep.pyc\n', files: ['a.pyc', 'keep.pyc'] }, false],
    ['a negation that matches nothing here', { gitignore: '*.pyc\n!keep.pyc\n', files: ['a.pyc', 'b.pyc'] }, true],
    ['a later rule ignores again what a negation re-included', { gitignore: '*.pyc\n!keep.pyc\nkeep.pyc\n', files: ['keep.pyc'] }, true],
    ['a directory-only rule does not match a file of that name', { gitignore: 'build/\n', files: ['build'] }, false],
    ['a directory-only rule matches the directory', { gitignore: 'build/\n', files: ['build/lib/a.py'] }, true],
    ['an anchored rule matches from its own directory only', { gitignore: '/dist\n', files: ['dist/a.whl'] }, false],
    [
      'an anchored rule in the package directory (its .gitignore ignoring itself)',
      { inner: '/dist\n.gitignore\n', files: ['dist/a.whl'] },
      true
    ],
    ["the package directory's own .gitignore is a file that counts", { inner: '/dist\n', files: ['dist/a.whl'] }, false],
    ['a middle slash anchors too', { gitignore: 'pkg/out\n', files: ['out/a.txt'] }, true],
    [
      'a middle slash anchors: out/a.txt at the root does not match pkg/out/a.txt',
      { gitignore: 'out/a.txt\n', files: ['out/a.txt'] },
      false
    ],
    ['an escaped ! names a file', { gitignore: '\\!important\n', files: ['!important'] }, true],
    ['**/ matches at any depth', { gitignore: '**/tmp\n', files: ['a/b/tmp/x.log'] }, true],
    ['a character class', { gitignore: '[ab].log\n', files: ['a.log', 'b.log'] }, true],
    ['a character class leaves other names', { gitignore: '[ab].log\n', files: ['a.log', 'c.log'] }, false],
    ['? matches one character', { gitignore: 'x?.tmp\n', files: ['x1.tmp', 'x22.tmp'] }, false],
    ['an escaped # names a file', { gitignore: '\\#notes\n', files: ['#notes'] }, true],
    ['a comment ignores nothing', { gitignore: '#notes\n', files: ['#notes'] }, false],
    ['trailing spaces are dropped', { gitignore: '*.egg-info/   \n', files: ['x.egg-info/PKG-INFO'] }, true],
    ['.git/info/exclude counts', { exclude: '*.log\n', files: ['a.log'] }, true],
    ['CRLF line endings', { gitignore: '*.pyc\r\n*.log\r\n', files: ['a.pyc', 'b.log'] }, true],
    ['an empty directory holds no file git would add', { files: [] }, true]
  ])('%s', (_name, c, expected) => {
    const root = repo(c)
    expect(gitSays(root)).toBe(expected)
    expect(hasOnlyIgnoredFiles(path.join(root, 'pkg'))).toBe(expected)
  })

  test('.ignore counts (as in the ignore crate uv uses), and outside a git repository .gitignore does not', () => {
    const root = tempDir('pyship-ignore-')
    mkdirSync(path.join(root, 'pkg'))
    writeFileSync(path.join(root, 'pkg', 'a.pyc'), 'x')
    writeFileSync(path.join(root, '.gitignore'), '*.pyc\n')
    expect(hasOnlyIgnoredFiles(path.join(root, 'pkg'))).toBe(false)
    writeFileSync(path.join(root, '.ignore'), '*.pyc\n')
    expect(hasOnlyIgnoredFiles(path.join(root, 'pkg'))).toBe(true)
  })
})
