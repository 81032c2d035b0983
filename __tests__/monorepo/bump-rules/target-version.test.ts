/** bump's context: what a bump needs before any rule runs, and the new version. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { PyshipError, toProblems } from '../../../src/errors.js'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { pyproject, rootWith, rowsOf, type Row } from '../../../__fixtures__/check-rules.js'
import { bumpContextOf } from '../../../__fixtures__/bump-rules.js'
import type { BumpOptions } from '../../../src/monorepo/bump-rules/context.js'

afterEach(removeTempDirs)

const VCS = (name: string): string => `[project]\nname = "${name}"\ndynamic = ["version"]\n\n[tool.hatch.version]\nsource = "vcs"\n`
const group = (members: Record<string, string>): Tree => ({
  'pyproject.toml': rootWith({ g: Object.keys(members) }),
  ...Object.fromEntries(Object.entries(members).map(([dir, text]) => [`${dir}/pyproject.toml`, text]))
})
const SAME = group({ a: pyproject('a', '1.2.3'), b: pyproject('b', '1.2.3') })
const EXPLICIT = 'Bump to an explicit version instead: `pyship bump g <version>`.'

function refusal(files: Tree, options: Partial<BumpOptions>): Row[] {
  try {
    bumpContextOf(files, options)
  } catch (error) {
    if (error instanceof PyshipError) return rowsOf(toProblems(error))
    throw error
  }
  throw new Error('no refusal')
}

describe('bump: the new version', () => {
  test.each<[string, Tree, Partial<BumpOptions>, string]>([
    ['patch', SAME, { version: 'patch' }, '1.2.4'],
    ['minor', SAME, { version: 'minor' }, '1.3.0'],
    ['major', SAME, { version: 'major' }, '2.0.0'],
    ['an explicit version, in normal form', SAME, { version: 'v2.0.0RC1' }, '2.0.0rc1'],
    ['a keyword from a version written another way', group({ a: pyproject('a', 'V1.2') }), { version: 'minor' }, '1.3'],
    ['the same version again', SAME, { version: '1.2.3' }, '1.2.3'],
    ['lower, with allow-downgrade', SAME, { version: '1.0.0', allowDowngrade: true }, '1.0.0'],
    [
      'higher than the highest only (10 after 9)',
      group({ a: pyproject('a', '9.0.0'), b: pyproject('b', '10.0.0') }),
      { version: '10.0.1' },
      '10.0.1'
    ],
    [
      'a keyword from the highest tag of a group versioned by tags',
      group({ t: VCS('t') }),
      { version: 'minor', tags: ['v1.0.0', 'v1.4.0', 'v1.10.0'] },
      '1.11.0'
    ],
    ['an explicit version for a group versioned by tags, no tag read', group({ t: VCS('t') }), { version: '3.0.0' }, '3.0.0'],
    [
      'a target names its group',
      {
        ...SAME,
        'pyproject.toml': rootWith({ g: ['a', 'b'] }, '\n[tool.pyship.targets.cli]\ngroup = "g"\nkind = "pypi"\npackages = ["a"]\n')
      },
      { component: 'cli', version: 'patch' },
      '1.2.4'
    ]
  ])('%s', (_title, files, options, version) => {
    const ctx = bumpContextOf(files, options)
    expect(ctx.version).toBe(version)
    expect(ctx.group).toBe('g')
  })

  test.each<[string, Tree, Partial<BumpOptions>, Row[]]>([
    [
      'no component',
      SAME,
      { component: '' },
      [
        [
          'E_INPUT',
          undefined,
          undefined,
          'bump needs component: the group (or a target of the group) to bump',
          'e.g. `pyship bump platform 2.0.1` or `pyship bump sdk minor`.'
        ]
      ]
    ],
    [
      'no version',
      SAME,
      { version: '' },
      [
        [
          'E_INPUT',
          undefined,
          undefined,
          'bump needs version: a PEP 440 version or major, minor, patch',
          'e.g. `pyship bump platform 2.0.1` or `pyship bump sdk patch`.'
        ]
      ]
    ],
    [
      'a version that is not PEP 440',
      SAME,
      { version: 'banana' },
      [['E_INVALID_VERSION', undefined, undefined, 'version "banana" is not a valid PEP 440 version']]
    ],
    [
      'lower than the current version',
      SAME,
      { version: '1.2.2' },
      [
        [
          'E_INPUT',
          undefined,
          undefined,
          "version 1.2.2 is lower than group g's current 1.2.3",
          'Pass allow-downgrade (`--allow-downgrade`) if going back is intended; released versions can never be re-used on PyPI.'
        ]
      ]
    ],
    [
      'lower than the highest member',
      group({ a: pyproject('a', '9.0.0'), b: pyproject('b', '10.0.0') }),
      { version: '9.5.0' },
      [
        [
          'E_INPUT',
          undefined,
          undefined,
          "version 9.5.0 is lower than group g's current 10.0.0",
          'Pass allow-downgrade (`--allow-downgrade`) if going back is intended; released versions can never be re-used on PyPI.'
        ]
      ]
    ],
    [
      'a keyword when the members disagree: every member named',
      group({ a: pyproject('a', '1.0.0'), b: pyproject('b', '1.1.0') }),
      { version: 'patch' },
      [
        [
          'E_VERSION_MISMATCH',
          'a/pyproject.toml',
          3,
          'group g members disagree (a 1.0.0, b 1.1.0); "patch" needs one current version',
          EXPLICIT
        ],
        [
          'E_VERSION_MISMATCH',
          'b/pyproject.toml',
          3,
          'group g members disagree (a 1.0.0, b 1.1.0); "patch" needs one current version',
          EXPLICIT
        ]
      ]
    ],
    [
      'a keyword from a version that is not PEP 440',
      group({ a: pyproject('a', 'banana') }),
      { version: 'minor' },
      [['E_INVALID_VERSION', 'a/pyproject.toml', 3, 'a version "banana" is not PEP 440, so "minor" cannot be computed', EXPLICIT]]
    ],
    [
      'a keyword for a group versioned by tags when no tag gives a version',
      group({ t: VCS('t') }),
      { version: 'major', tags: ['docs'] },
      [
        [
          'E_INPUT',
          undefined,
          undefined,
          'group g has no current version to compute "major" from: its members take their version from git tags and no tag gives one',
          EXPLICIT
        ]
      ]
    ],
    [
      'a member without a version',
      group({ a: pyproject('a', '1.0.0'), b: '[project]\nname = "b"\n' }),
      { version: 'minor' },
      [
        [
          'E_CONFIG',
          'b/pyproject.toml',
          1,
          'b/pyproject.toml has no [project] version',
          'Add [project] version = "…", or declare dynamic = ["version"] with a version source (hatch path, setuptools attr, …).'
        ]
      ]
    ],
    [
      'no groups configured: a config to paste, from the workspace',
      {
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n',
        'libs/My_Lib/pyproject.toml': pyproject('My_Lib', '1.0.0'),
        'libs/zz/pyproject.toml': pyproject('zz', '1.0.0')
      },
      { version: 'minor' },
      [
        [
          'E_CONFIG',
          undefined,
          undefined,
          'bump needs groups: no [tool.pyship] config and not the default layout (a cli/ and a server/ package)',
          'Add groups to the root pyproject.toml (packages that ship together share a group), e.g.:\n\n[tool.pyship.groups.my-lib]\npackages = ["libs/My_Lib"]\n\n[tool.pyship.groups.zz]\npackages = ["libs/zz"]\n'
        ]
      ]
    ],
    [
      'a config of only exclude and waivers: it declares no group, and the groups go into it',
      {
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n\n[tool.pyship]\nexclude = ["libs/old"]\n',
        'libs/zz/pyproject.toml': pyproject('zz', '1.0.0'),
        'libs/old/pyproject.toml': pyproject('old', '1.0.0')
      },
      { version: 'minor' },
      [
        [
          'E_CONFIG',
          undefined,
          undefined,
          'bump needs groups: the config in pyproject.toml declares none',
          'Add groups to pyproject.toml (packages that ship together share a group), e.g.:\n\n[tool.pyship.groups.zz]\npackages = ["libs/zz"]\n'
        ]
      ]
    ],
    [
      'no groups and no named package: an example config',
      { 'a/pyproject.toml': '[project]\nversion = "1.0.0"\n' },
      { version: 'minor' },
      [
        [
          'E_CONFIG',
          undefined,
          undefined,
          'bump needs groups: no [tool.pyship] config and not the default layout (a cli/ and a server/ package)',
          'Add groups to the root pyproject.toml (packages that ship together share a group), e.g.:\n\n[tool.pyship.groups.platform]\npackages = ["cli", "server"]\n'
        ]
      ]
    ]
  ])('refused: %s', (_title, files, options, expected) => {
    expect(refusal(files, options)).toEqual(expected)
  })

  test('a package that could not be read stops the bump with its own problem', () => {
    const rows = refusal({ ...SAME, 'a/pyproject.toml': '[project\nname = "a"\n' }, { version: 'minor' })
    expect(rows.map((r) => [r[0], r[1]])).toEqual([['E_CONFIG', 'a/pyproject.toml']])
  })
})
