/** bump rule internal-pins: pins that would exclude the new version are rewritten, or refused. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { CODES } from '../../../src/errors.js'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { pyproject, rootWith } from '../../../__fixtures__/check-rules.js'
import { planned, type EditRow } from '../../../__fixtures__/bump-rules.js'
import { internalPins } from '../../../src/monorepo/bump-rules/internal-pins.js'

afterEach(removeTempDirs)

/** Group g holds a (1.0.0); b (group h) and c (no group) pin it. */
const tree = (b: string[], c: string[] = [], groupDev: string[] = []): Tree => ({
  'pyproject.toml': rootWith({ g: ['a'], h: ['b'] }, '\n[tool.uv.workspace]\nmembers = ["a", "b", "c"]\n'),
  'a/pyproject.toml': pyproject('a', '1.0.0'),
  'b/pyproject.toml': pyproject(
    'b',
    '0.5.0',
    `dependencies = ${JSON.stringify(b)}\n\n[dependency-groups]\ndev = ${JSON.stringify(groupDev)}\n`
  ),
  'c/pyproject.toml': '[project]\nversion = "0.1.0"\n' + `dependencies = ${JSON.stringify(c)}\n`
})
type ProblemRow = [string, string, number, string, string]

describe('bump rule internal-pins', () => {
  test.each<[string, Tree, string, EditRow[], ProblemRow[]]>([
    ['pins that admit the version are left', tree(['a>=1.0', 'a', 'a<2']), 'minor', [], []],
    ['pins on packages outside the group are left', tree(['b==0.5.0', 'requests==1.0'], ['b<0.6']), 'major', [], []],
    [
      'each operator keeps its form and precision',
      tree(['a==1.0.0', 'a[x]~=1.0.0 ; python_version >= "3.11"'], ['a>=1.0,<1.1'], ['A == 1.0.*']),
      'minor',
      [
        ['b/pyproject.toml', 4, 'b dependencies', 'a==1.0.0', 'a==1.1.0', 'b/pyproject.toml project.dependencies.0'],
        [
          'b/pyproject.toml',
          4,
          'b dependencies',
          'a[x]~=1.0.0 ; python_version >= "3.11"',
          'a[x]~=1.1.0 ; python_version >= "3.11"',
          'b/pyproject.toml project.dependencies.1'
        ],
        ['b/pyproject.toml', 7, 'b dependency-groups.dev', 'A == 1.0.*', 'A == 1.1.*', 'b/pyproject.toml dependency-groups.dev.0'],
        ['c/pyproject.toml', 3, 'c dependencies', 'a>=1.0,<1.1', 'a>=1.1,<1.2', 'c/pyproject.toml project.dependencies.0']
      ],
      []
    ],
    [
      'a pin with no mechanical rewrite is refused on its line, with a suggestion; the others still planned',
      tree(['a===1.0.0', 'a==1.0.0']),
      'minor',
      [['b/pyproject.toml', 4, 'b dependencies', 'a==1.0.0', 'a==1.1.0', 'b/pyproject.toml project.dependencies.1']],
      [
        [
          'E_PIN_EXCLUDES',
          'b/pyproject.toml',
          4,
          'b requires "a===1.0.0" (dependencies), which would exclude a 1.1.0 and has no mechanical rewrite; suggested: "a>=1.1.0"',
          'Change "a===1.0.0" by hand so it admits 1.1.0, e.g. to "a>=1.1.0" (pyship follows ~=, ==, >=, and a >= lower bound with one < cap), then bump again.'
        ]
      ]
    ]
  ])('%s', (_title, files, version, edits, problems) => {
    const found = planned(internalPins, files, { version })
    expect(found.edits).toEqual(edits)
    expect(found.problems).toEqual(problems)
  })

  test('a package without a name is named by its directory', () => {
    const found = planned(internalPins, tree([], ['a===1.0.0']), { version: 'minor' })
    expect(found.problems.map((p) => p[3])).toEqual([
      'c requires "a===1.0.0" (dependencies), which would exclude a 1.1.0 and has no mechanical rewrite; suggested: "a>=1.1.0"'
    ])
    expect(found.problems[0][4]).not.toBe(CODES.E_PIN_EXCLUDES.hint)
  })
})

describe('bump rule internal-pins with pins = "follow"', () => {
  /** Group g (pins = "follow") holds a (1.0.0) and p, which pins it; b (group h) and c (no group) pin it too. */
  const follow = (b: string[], c: string[] = [], p: string[] = [], mode = 'follow'): Tree => ({
    'pyproject.toml': `[tool.pyship.groups.g]\npackages = ["a", "p"]\npins = "${mode}"\n\n[tool.pyship.groups.h]\npackages = ["b"]\n\n[tool.uv.workspace]\nmembers = ["a", "b", "c", "p"]\n`,
    'a/pyproject.toml': pyproject('a', '1.0.0'),
    'p/pyproject.toml': pyproject('p', '1.0.0', `dependencies = ${JSON.stringify(p)}\n`),
    'b/pyproject.toml': pyproject('b', '0.5.0', `dependencies = ${JSON.stringify(b)}\n`),
    'c/pyproject.toml': '[project]\nversion = "0.1.0"\n' + `dependencies = ${JSON.stringify(c)}\n`
  })
  test.each<[string, Tree, string, EditRow[]]>([
    [
      'floors that still admit the version move to it, keeping operator, precision and spacing; in the group and outside',
      follow(['a>=1.0.0', 'a[x] >= 1.0 ; python_version >= "3.11"'], ['a>=1.0.0,<2'], ['a~=1.0.0', 'a==1.0.*']),
      'minor',
      [
        ['b/pyproject.toml', 4, 'b dependencies', 'a>=1.0.0', 'a>=1.1.0', 'b/pyproject.toml project.dependencies.0'],
        [
          'b/pyproject.toml',
          4,
          'b dependencies',
          'a[x] >= 1.0 ; python_version >= "3.11"',
          'a[x] >= 1.1 ; python_version >= "3.11"',
          'b/pyproject.toml project.dependencies.1'
        ],
        ['c/pyproject.toml', 3, 'c dependencies', 'a>=1.0.0,<2', 'a>=1.1.0,<2', 'c/pyproject.toml project.dependencies.0'],
        ['p/pyproject.toml', 4, 'p dependencies', 'a~=1.0.0', 'a~=1.1.0', 'p/pyproject.toml project.dependencies.0'],
        ['p/pyproject.toml', 4, 'p dependencies', 'a==1.0.*', 'a==1.1.*', 'p/pyproject.toml project.dependencies.1']
      ]
    ],
    [
      'a ~= dev floor stays three-part + dev',
      follow(['a ~= 1.0.0.dev']),
      '1.1.0.dev0',
      [['b/pyproject.toml', 4, 'b dependencies', 'a ~= 1.0.0.dev', 'a ~= 1.1.0.dev', 'b/pyproject.toml project.dependencies.0']]
    ],
    ['pins with no lower bound, and pins on other groups, stay', follow(['a<2', 'a', 'a>0.1', 'b==0.5.0']), 'minor', []],
    ['pins = "admit" leaves pins that admit the version', follow(['a>=1.0.0'], ['a>=1.0.0,<2'], [], 'admit'), 'minor', []]
  ])('%s', (_title, files, version, edits) => {
    const result = planned(internalPins, files, { version })
    expect(result.edits).toEqual(edits)
    expect(result.problems).toEqual([])
  })
})
