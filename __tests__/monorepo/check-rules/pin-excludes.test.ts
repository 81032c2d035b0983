/** check rule pin-excludes: internal pins admit the version each package carries. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { findings, pyproject, rootWith, type Row } from '../../../__fixtures__/check-rules.js'
import { pinExcludes } from '../../../src/monorepo/check-rules/pin-excludes.js'

afterEach(removeTempDirs)

const VCS = '[project]\nname = "t"\ndynamic = ["version"]\n\n[tool.hatch.version]\nsource = "vcs"\n'
/** a (group g) and b (group h, pinning a with `pin`), c (no group), t (versioned by tags). */
const tree = (pin: string, where = 'dependencies'): Tree => ({
  'pyproject.toml': rootWith({ g: ['a'], h: ['b'], v: ['t'] }),
  'a/pyproject.toml': pyproject('a', '2.0.0'),
  'b/pyproject.toml': pyproject(
    'b',
    '1.0.0',
    where === 'dependencies' ? `dependencies = ["${pin}"]\n` : `\n[${where}]\ndev = ["${pin}"]\n`
  ),
  't/pyproject.toml': VCS
})
const hint = (pin: string, file: string, version: string): string =>
  `Change the pin "${pin}" in ${file} so it admits ${version}, or let \`pyship bump\` rewrite internal pins.`

describe('check rule pin-excludes', () => {
  test.each<[string, Tree, Record<string, unknown>, Row[]]>([
    ['a pin that admits the version', tree('a>=2.0'), {}, []],
    ['a pin without a specifier', tree('a'), {}, []],
    ['a pin on a package outside the monorepo', tree('requests<1'), {}, []],
    [
      'a pin that excludes it',
      tree('a<2'),
      {},
      [
        [
          'E_PIN_EXCLUDES',
          'b/pyproject.toml',
          4,
          'b requires "a<2" (dependencies), which excludes a 2.0.0',
          hint('a<2', 'b/pyproject.toml', '2.0.0')
        ]
      ]
    ],
    [
      'in a dependency group',
      tree('a~=1.0', 'dependency-groups'),
      {},
      [
        [
          'E_PIN_EXCLUDES',
          'b/pyproject.toml',
          6,
          'b requires "a~=1.0" (dependency-groups.dev), which excludes a 2.0.0',
          hint('a~=1.0', 'b/pyproject.toml', '2.0.0')
        ]
      ]
    ],
    [
      'an invalid specifier is E_CONFIG',
      tree('a>=2.0,<<3'),
      {},
      [['E_CONFIG', 'b/pyproject.toml', 4, 'b/pyproject.toml: dependencies requirement "a>=2.0,<<3" has an invalid version specifier']]
    ],
    [
      'with a component, a pin onto its group',
      tree('a<2'),
      { component: 'g' },
      [
        [
          'E_PIN_EXCLUDES',
          'b/pyproject.toml',
          4,
          'b requires "a<2" (dependencies), which excludes a 2.0.0',
          hint('a<2', 'b/pyproject.toml', '2.0.0')
        ]
      ]
    ],
    [
      'with a component, a pin from its group',
      tree('a<2'),
      { component: 'h' },
      [
        [
          'E_PIN_EXCLUDES',
          'b/pyproject.toml',
          4,
          'b requires "a<2" (dependencies), which excludes a 2.0.0',
          hint('a<2', 'b/pyproject.toml', '2.0.0')
        ]
      ]
    ],
    ['with a component, neither from nor onto its groups', tree('a<2'), { component: 'v' }, []],
    ['onto a package versioned by tags, tags not read', tree('t<2'), {}, []],
    ['onto a package versioned by tags, no tag gives a version', tree('t<2'), { tags: ['other'] }, []],
    ['onto a package versioned by tags, the highest tag admitted', tree('t<2'), { tags: ['v1.0.0', 'v1.5.0'] }, []],
    [
      'onto a package versioned by tags, the highest tag excluded',
      tree('t<2'),
      { tags: ['v1.0.0', 'v2.1.0', 'v1.5.0'] },
      [
        [
          'E_PIN_EXCLUDES',
          'b/pyproject.toml',
          4,
          'b requires "t<2" (dependencies), which excludes t 2.1.0 (its highest tag)',
          hint('t<2', 'b/pyproject.toml', '2.1.0')
        ]
      ]
    ]
  ])('%s', (_title, files, options, expected) => {
    expect(findings(pinExcludes, files, options).problems).toEqual(expected)
  })

  test('a package pinning itself, and a package without a version, are not pins onto a member', () => {
    const files: Tree = {
      'pyproject.toml': rootWith({ g: ['a', 'b'] }),
      'a/pyproject.toml': pyproject('a', '1.0.0', 'dependencies = ["b<1"]\n\n[project.optional-dependencies]\nall = ["a[x]<1"]\n'),
      'b/pyproject.toml': '[project]\nname = "b"\n'
    }
    expect(findings(pinExcludes, files).problems).toEqual([
      [
        'E_PIN_EXCLUDES',
        'a/pyproject.toml',
        7,
        'a requires "a[x]<1" (optional-dependencies.all), which excludes a 1.0.0',
        hint('a[x]<1', 'a/pyproject.toml', '1.0.0')
      ]
    ])
  })
})
