/** check rule no-groups: without groups every package is checked alone; nothing found is E_CONFIG. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { PyshipError, toProblems } from '../../../src/errors.js'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { contextOf, findings, pyproject, rootWith, rowsOf } from '../../../__fixtures__/check-rules.js'
import { noGroups } from '../../../src/monorepo/check-rules/no-groups.js'

afterEach(removeTempDirs)

describe('check rule no-groups', () => {
  test.each<[string, Tree, string[]]>([
    ['groups configured', { 'pyproject.toml': rootWith({ g: ['a'] }), 'a/pyproject.toml': pyproject('a', '1.0.0') }, []],
    ['the default layout', { 'cli/pyproject.toml': pyproject('cli', '1.0.0'), 'server/pyproject.toml': pyproject('server', '1.0.0') }, []],
    [
      'a uv workspace without groups',
      { 'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a"]\n', 'a/pyproject.toml': pyproject('a', '1.0.0') },
      ['no groups are configured: checked every uv workspace member (add [tool.pyship] groups to check versions in sync)']
    ],
    [
      'neither: every pyproject found',
      { 'a/pyproject.toml': pyproject('a', '1.0.0') },
      [
        'no groups are configured and there is no uv workspace: checked every tracked pyproject.toml with a [project] (add [tool.pyship] groups to check versions in sync)'
      ]
    ]
  ])('%s', (_title, files, notices) => {
    expect(findings(noGroups, files)).toEqual({ problems: [], notices })
  })

  test('nothing found at all is E_CONFIG naming the directory', () => {
    const ctx = contextOf({ 'README.md': 'no python here\n' })
    let error: unknown
    try {
      noGroups.problems(ctx)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PyshipError)
    expect(rowsOf(toProblems(error as PyshipError))).toEqual([
      [
        'E_CONFIG',
        undefined,
        undefined,
        `no Python packages found in . (the working directory, relative to the repository root): no config, not the default layout (a cli/ and a server/ package) and no uv workspace`,
        'Point `working-directory` at the workspace root, or add a [tool.pyship] config naming your groups.'
      ]
    ])
  })

  test('a package that could not be read is reported, not "nothing found"', () => {
    const ctx = contextOf({ 'a/pyproject.toml': '[project\nname = "a"\n' })
    expect(ctx.repo.problems.length).toBeGreaterThan(0)
    expect(noGroups.problems(ctx)).toEqual([])
  })
})
