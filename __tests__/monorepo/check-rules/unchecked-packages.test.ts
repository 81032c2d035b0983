/** check rule unchecked-packages: every package the gate did not check is named, with why; `exclude` is counted. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { findings, pyproject } from '../../../__fixtures__/check-rules.js'
import { uncheckedPackages } from '../../../src/monorepo/check-rules/unchecked-packages.js'

afterEach(removeTempDirs)

const WORKSPACE = '[tool.uv.workspace]\nmembers = ["libs/*"]\n'
const BASE: Tree = {
  'libs/a/pyproject.toml': pyproject('a', '1.0.0'),
  'libs/old/pyproject.toml': pyproject('old', '0.1.0', '[tool.uv]\nmanaged = false\n'),
  'libs/legacy/pyproject.toml': pyproject('legacy-client', '0.9.0', 'dependencies = ["a==0.1"]\n'),
  'apps/web/pyproject.toml': pyproject('web', '1.0.0'),
  'contrib/x/pyproject.toml': pyproject('contrib-x', '0.3.0', 'dependencies = ["a==0.1"]\n'),
  'tools/pyproject.toml': '[tool.ruff]\nline-length = 100\n',
  'templates/t/pyproject.toml': '[project]\nname = {{ cookiecutter.name }}\n',
  'fixtures/broken/pyproject.toml': '[project\n'
}

describe('check rule unchecked-packages', () => {
  test.each<[string, string, string[]]>([
    [
      'a group outside the workspace is checked; strays, external, unmanaged and unreadable ones named; excluded counted',
      '[tool.pyship]\nexclude = ["templates/**"]\n[tool.pyship.groups.g]\npackages = ["libs/a", "apps/web"]\n[tool.pyship.packages."libs/legacy"]\nexternal = true\n',
      [
        'not checked: 1 package is in no group and not in the uv workspace: contrib/x (contrib-x) (add it to a group to check it, or to `exclude` if it is not part of the monorepo)',
        'not checked: fixtures/broken/pyproject.toml does not parse as TOML (in no group and not in the uv workspace; add its directory to `exclude` if it is a template)',
        'not checked: 1 workspace member has [tool.uv] managed = false: libs/old (old)',
        'not checked: 1 package is external (consumed from the index; pins onto it and from it are left as they are): libs/legacy (legacy-client)',
        'excluded: 1 package directory by `exclude` (never checked, bumped or released): templates/t'
      ]
    ],
    [
      'no config: every package outside the workspace is named, two of them',
      '',
      [
        'not checked: 2 packages are in no group and not in the uv workspace: apps/web (web), contrib/x (contrib-x) (add them to a group to check them, or to `exclude` if they are not part of the monorepo)',
        'not checked: fixtures/broken/pyproject.toml, templates/t/pyproject.toml do not parse as TOML (in no group and not in the uv workspace; add their directories to `exclude` if they are templates)',
        'not checked: 1 workspace member has [tool.uv] managed = false: libs/old (old)'
      ]
    ],
    [
      'a workspace member matched by exclude is left out and counted',
      '[tool.pyship]\nexclude = ["libs/legacy", "libs/old", "templates", "fixtures/*", "contrib/**", "apps/*"]\n',
      [
        'excluded: 6 package directories by `exclude` (never checked, bumped or released): apps/web, contrib/x, fixtures/broken, libs/legacy, libs/old, templates/t'
      ]
    ]
  ])('%s', (_title, config, notices) => {
    expect(findings(uncheckedPackages, { ...BASE, 'pyproject.toml': WORKSPACE + config })).toEqual({ problems: [], notices })
  })

  test('an external package that exclude also matches is excluded, named once', () => {
    const config =
      '[tool.pyship]\nexclude = ["libs/legacy", "contrib"]\n[tool.pyship.packages."libs/legacy"]\nexternal = true\n[tool.pyship.packages."contrib/x"]\nexternal = true\n'
    expect(
      findings(uncheckedPackages, { ...BASE, 'pyproject.toml': WORKSPACE + config }).notices.filter((n) => !n.includes('parse as TOML'))
    ).toEqual([
      'not checked: 1 package is in no group and not in the uv workspace: apps/web (web) (add it to a group to check it, or to `exclude` if it is not part of the monorepo)',
      'not checked: 1 workspace member has [tool.uv] managed = false: libs/old (old)',
      'excluded: 2 package directories by `exclude` (never checked, bumped or released): contrib/x, libs/legacy'
    ])
  })

  test('more than ten are listed as the first ten and a count', () => {
    const tree: Tree = { 'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a"]\n', 'a/pyproject.toml': pyproject('a', '1.0.0') }
    for (let i = 10; i < 22; i++) tree[`x/p${i}/pyproject.toml`] = pyproject(`p${i}`, '1.0.0')
    expect(findings(uncheckedPackages, tree).notices).toEqual([
      'not checked: 12 packages are in no group and not in the uv workspace: x/p10 (p10), x/p11 (p11), x/p12 (p12), x/p13 (p13), x/p14 (p14), x/p15 (p15), x/p16 (p16), x/p17 (p17), x/p18 (p18), x/p19 (p19) and 2 more (add them to a group to check them, or to `exclude` if they are not part of the monorepo)'
    ])
  })

  test('no workspace and no groups: every package is checked, none named', () => {
    expect(
      findings(uncheckedPackages, { 'a/pyproject.toml': pyproject('a', '1.0.0'), 'b/pyproject.toml': pyproject('b', '1.0.0') }).notices
    ).toEqual([])
  })
})
