/** Input rules working-directory, config and dist-dir: paths stay inside the repository. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { symlinkSync } from 'node:fs'
import path from 'node:path'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'
import { run, type Found } from '../../__fixtures__/input-rules.js'
import { config, distDir, findRepositoryRoot, workingDirectory } from '../../src/input-rules/paths.js'

afterEach(removeTempDirs)

const HINT =
  'Point working-directory (--cwd) at the workspace root, relative to the repository root (or to the current directory for the CLI).'

/** A repository root with python/ (a workspace), a file, and a symlink out of it. */
function repo(): { root: string; outside: string } {
  const outside = tempDir()
  const root = writeTree(tempDir(), { '.git/': null, 'python/pyproject.toml': '', 'python/.pyship.toml': '', 'a-file': 'x' })
  symlinkSync(outside, path.join(root, 'out'))
  return { root, outside }
}

describe('input rule working-directory', () => {
  test.each<[string, string, (root: string, outside: string) => [string, string], (root: string) => Found[]]>([
    ['the default', '', (r) => [r, r], () => []],
    ['a subdirectory', 'python', (r) => [path.join(r, 'python'), r], () => []],
    ['an absolute path inside', '<root>/python', (r) => [path.join(r, 'python'), r], () => []],
    [
      'outside',
      '..',
      (r) => [path.dirname(r), r],
      () => [['E_INPUT', 'input working-directory = ".." is not allowed: a directory inside the repository (GITHUB_WORKSPACE)']]
    ],
    [
      'a symlink out of the repository (resolved first)',
      'out',
      (r, outside) => [outside, r],
      () => [['E_INPUT', 'input working-directory = "out" is not allowed: a directory inside the repository (GITHUB_WORKSPACE)']]
    ],
    [
      'a file',
      'a-file',
      (r) => [path.join(r, 'a-file'), r],
      (r) => [['E_INPUT', `input working-directory = "a-file": ${path.join(r, 'a-file')} is not a directory`, HINT]]
    ],
    [
      'missing',
      'nope',
      (r) => [path.join(r, 'nope'), r],
      (r) => [['E_INPUT', `input working-directory = "nope": the directory ${path.join(r, 'nope')} does not exist`, HINT]]
    ],
    [
      'too long',
      'a'.repeat(4097),
      (r) => [r, r],
      () => [['E_INPUT', `input working-directory = "${'a'.repeat(60)}…" is not allowed: the path is too long`]]
    ]
  ])('%s', (_title, value, dirs, problems) => {
    const { root, outside } = repo()
    const { fields, problems: found } = run(
      workingDirectory,
      { 'working-directory': value.replace('<root>', root) },
      { workspace: root, cwd: '/' }
    )
    const [workingDir, repositoryRoot] = dirs(root, outside)
    expect(found).toEqual(problems(root))
    expect(fields).toEqual({ workingDirectory: workingDir, repositoryRoot })
  })

  test('the CLI (no GITHUB_WORKSPACE): the repository root is the enclosing .git, paths from the current directory', () => {
    const { root } = repo()
    expect(run(workingDirectory, { 'working-directory': 'python' }, { cwd: root })).toEqual({
      fields: { workingDirectory: path.join(root, 'python'), repositoryRoot: root },
      problems: []
    })
    expect(run(workingDirectory, { 'working-directory': '.' }, { cwd: path.join(root, 'python') }).fields.repositoryRoot).toBe(root)
  })

  test('findRepositoryRoot: the nearest .git above, or the directory itself when there is none', () => {
    const { root } = repo()
    expect(findRepositoryRoot(path.join(root, 'python'))).toBe(root)
    const bare = tempDir()
    expect(findRepositoryRoot(bare)).toBe(bare)
  })
})

describe('input rule config', () => {
  test.each<[string, string, Found[]]>([
    ['found by itself', '', []],
    ['relative to working-directory', '.pyship.toml', []],
    ['up into the repository', '../python/.pyship.toml', []],
    [
      'outside the repository',
      '../../etc/passwd',
      [['E_INPUT', 'input config = "../../etc/passwd" is not allowed: a file inside the repository, relative to working-directory']]
    ],
    [
      'through a symlink out of it',
      '../out/x.toml',
      [['E_INPUT', 'input config = "../out/x.toml" is not allowed: a file inside the repository, relative to working-directory']]
    ],
    [
      'a control character',
      'a\u0007.toml',
      [['E_INPUT', 'input config = "a\\u0007.toml" is not allowed: a path relative to working-directory']]
    ],
    [
      'too long',
      'a'.repeat(4097),
      [['E_INPUT', `input config = "${'a'.repeat(60)}…" is not allowed: a path relative to working-directory`]]
    ]
  ])('%s', (_title, value, problems) => {
    const { root } = repo()
    const parsed = { workingDirectory: path.join(root, 'python'), repositoryRoot: root }
    expect(run(config, { config: value }, { workspace: root, cwd: '/' }, parsed)).toEqual({ fields: { config: value }, problems })
  })
})

describe('input rule dist-dir', () => {
  test.each<[string, (root: string) => string, Found[]]>([
    ['', () => '', []],
    ['dist', (r) => path.join(r, 'dist'), []],
    ['/tmp/built', () => '/tmp/built', []],
    ['a\tb', (r) => path.join(r, 'a\tb'), [['E_INPUT', 'input dist-dir = "a\\tb" is not allowed: a directory path']]],
    [
      'd'.repeat(4097),
      (r) => path.join(r, 'd'.repeat(4097)),
      [['E_INPUT', `input dist-dir = "${'d'.repeat(60)}…" is not allowed: a directory path`]]
    ]
  ])('dist-dir = %j', (value, dir, problems) => {
    const { root } = repo()
    expect(run(distDir, { 'dist-dir': value }, { workspace: root, cwd: '/' })).toEqual({ fields: { distDir: dir(root) }, problems })
  })
})
