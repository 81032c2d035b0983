/** bump rule member-versions: each member's version where it lives, in normal form. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { pyproject, rootWith } from '../../../__fixtures__/check-rules.js'
import { planned, type EditRow } from '../../../__fixtures__/bump-rules.js'
import type { BumpOptions } from '../../../src/monorepo/bump-rules/context.js'
import { memberVersions } from '../../../src/monorepo/bump-rules/member-versions.js'

afterEach(removeTempDirs)

const HATCH_PATH = (name: string): string =>
  `[project]\nname = "${name}"\ndynamic = ["version"]\n\n[tool.hatch.version]\npath = "src/about.py"\n`
const VCS = (name: string): string => `[project]\nname = "${name}"\ndynamic = ["version"]\n\n[tool.hatch.version]\nsource = "vcs"\n`
const tree = (members: Record<string, string>, extra: Tree = {}): Tree => ({
  'pyproject.toml': rootWith({ g: Object.keys(members) }),
  ...Object.fromEntries(Object.entries(members).map(([dir, text]) => [`${dir}/pyproject.toml`, text])),
  ...extra
})

describe('bump rule member-versions', () => {
  test.each<[string, Tree, Partial<BumpOptions>, EditRow[]]>([
    [
      'every member, in [project] version',
      tree({ a: pyproject('a', '1.0.0'), b: pyproject('b', '1.0.0') }),
      {},
      [
        ['a/pyproject.toml', 3, 'a version', '1.0.0', '1.1.0', 'a/pyproject.toml project.version'],
        ['b/pyproject.toml', 3, 'b version', '1.0.0', '1.1.0', 'b/pyproject.toml project.version']
      ]
    ],
    [
      'a member already at the version is left',
      tree({ a: pyproject('a', '2.0.0'), b: pyproject('b', '1.0.0') }),
      { version: '2.0.0' },
      [['b/pyproject.toml', 3, 'b version', '1.0.0', '2.0.0', 'b/pyproject.toml project.version']]
    ],
    [
      'a version written another way gets the normal form',
      tree({ a: pyproject('a', 'v2.0.0') }),
      { version: '2.0.0' },
      [['a/pyproject.toml', 3, 'a version', 'v2.0.0', '2.0.0', 'a/pyproject.toml project.version']]
    ],
    [
      'in the file the backend reads, the version characters only',
      tree({ a: HATCH_PATH('a') }, { 'a/src/about.py': '"""About."""\n__version__ = "1.0.0"\n' }),
      {},
      [['a/src/about.py', 2, 'a version (hatch path)', '1.0.0', '1.1.0', 'spot a/src/about.py@28']]
    ],
    [
      'in that file already at the version',
      tree({ a: HATCH_PATH('a') }, { 'a/src/about.py': '__version__ = "1.1.0"\n' }),
      { version: '1.1.0' },
      []
    ],
    ['a member versioned by git tags: nothing to write', tree({ t: VCS('t') }), { version: '3.0.0' }, []]
  ])('%s', (_title, files, options, edits) => {
    expect(planned(memberVersions, files, options).edits).toEqual(edits)
  })

  test('a member versioned by git tags is said to get its version from the release tag', () => {
    expect(planned(memberVersions, tree({ a: pyproject('a', '1.0.0'), t: VCS('t') }), { version: '2.0.0' })).toEqual({
      edits: [['a/pyproject.toml', 3, 'a version', '1.0.0', '2.0.0', 'a/pyproject.toml project.version']],
      problems: [],
      notices: [
        't/pyproject.toml: t takes its version from git tags (hatch-vcs): bump has nothing to write for it; the release tag gives it its version'
      ]
    })
  })
})
