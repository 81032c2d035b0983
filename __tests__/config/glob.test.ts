import { afterAll, beforeAll, describe, test, expect } from '@jest/globals'
import { cleanRelative, expandDirGlob, hasGlob, matchGlob } from '../../src/config/glob.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

describe('cleanRelative', () => {
  test.each([
    ['cli', 'cli'],
    ['./cli/', 'cli'],
    ['./a//b/', 'a/b'],
    ['a/./b', 'a/b'],
    ['a\\b', 'a/b'],
    ['.', '.'],
    ['./', '.'],
    ['', '.'],
    ['../x', '../x'],
    ['packages/*', 'packages/*']
  ])('%j → %j', (input, expected) => {
    expect(cleanRelative(input)).toBe(expected)
  })
})

describe('hasGlob', () => {
  test.each([
    ['packages/*', true],
    ['libs/[ab]*', true],
    ['lib?', true],
    ['**/pkg', true],
    ['cli', false],
    ['packages/client-python', false],
    ['./x/', false]
  ])('%j → %s', (pattern, expected) => {
    expect(hasGlob(pattern)).toBe(expected)
  })
})

describe('matchGlob', () => {
  test.each([
    ['packages/*', 'packages/a', true],
    ['packages/*', 'packages/client-python', true],
    ['packages/*', 'packages/a/b', false],
    ['packages/*', 'packages', false],
    ['packages/*', 'other/a', false],
    ['libs/[ab]*', 'libs/alpha', true],
    ['libs/[ab]*', 'libs/beta', true],
    ['libs/[ab]*', 'libs/core', false],
    ['libs/[!a]*', 'libs/core', true],
    ['libs/[!a]*', 'libs/alpha', false],
    ['libs/l*', 'libs/legacy', true],
    ['lib?', 'lib1', true],
    ['lib?', 'lib12', false],
    ['**/pkg', 'pkg', true],
    ['**/pkg', 'a/pkg', true],
    ['**/pkg', 'a/b/pkg', true],
    ['**/pkg', 'a/pkgx', false],
    ['a/**/z', 'a/z', true],
    ['a/**/z', 'a/b/c/z', true],
    ['a/**/z', 'b/z', false],
    ['cli', 'cli', true],
    ['cli', 'cli2', false],
    ['./cli/', 'cli', true],
    ['cli', './cli', true],
    ['libs/legacy', 'libs/legacy', true],
    ['p.kg', 'pxkg', false],
    ['a+b', 'a+b', true],
    ['(x)', '(x)', true]
  ])('%j matches %j: %s', (pattern, rel, expected) => {
    expect(matchGlob(pattern, rel)).toBe(expected)
  })
})

describe('expandDirGlob', () => {
  let root: string
  beforeAll(() => {
    root = tempDir()
    writeTree(root, {
      'cli/pyproject.toml': '',
      'x/': null,
      'packages/a/': null,
      'packages/b/nested/': null,
      'packages/file.txt': 'not a directory',
      'libs/alpha/': null,
      'libs/beta/': null,
      'libs/core/': null,
      'pkg/': null,
      'deep/pkg/': null,
      'deep/x/pkg/': null,
      'node_modules/pkg/': null,
      '.venv/pkg/': null
    })
  })
  afterAll(removeTempDirs)

  test.each([
    ['packages/*', ['packages/a', 'packages/b']],
    ['./packages/*/', ['packages/a', 'packages/b']],
    ['libs/[ab]*', ['libs/alpha', 'libs/beta']],
    ['libs/?ore', ['libs/core']],
    ['**/pkg', ['deep/pkg', 'deep/x/pkg', 'pkg']],
    ['cli', ['cli']],
    ['./x/', ['x']],
    ['.', ['.']],
    ['packages/*/nested', ['packages/b/nested']],
    ['missing', []],
    ['missing/*', []],
    ['libs/z*', []]
  ])('%j → %j', (pattern, expected) => {
    expect(expandDirGlob(root, pattern)).toEqual(expected)
  })
})
