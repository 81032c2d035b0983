/** check rule invalid-version: versions written in files are valid PEP 440. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { findings, pyproject, rootWith, type Row } from '../../../__fixtures__/check-rules.js'
import { invalidVersion } from '../../../src/monorepo/check-rules/invalid-version.js'

afterEach(removeTempDirs)

const HATCH_PATH = (name: string): string =>
  `[project]\nname = "${name}"\ndynamic = ["version"]\n\n[tool.hatch.version]\npath = "src/about.py"\n`
const tree = (a: string, extra: Tree = {}): Tree => ({
  'pyproject.toml': rootWith({ g: ['a'], h: ['b'] }),
  'a/pyproject.toml': a,
  'b/pyproject.toml': pyproject('b', 'not-a-version'),
  ...extra
})

describe('check rule invalid-version', () => {
  test.each<[string, Tree, string, Row[]]>([
    ['a valid version', tree(pyproject('a', '1.0.0')), 'g', []],
    ['a valid version written with a v', tree(pyproject('a', 'v1.0.0')), 'g', []],
    [
      '[project] version',
      tree(pyproject('a', '1.0.0-final')),
      'g',
      [['E_INVALID_VERSION', 'a/pyproject.toml', 3, 'a version "1.0.0-final" is not a valid PEP 440 version']]
    ],
    [
      'in the file the backend reads, on its line',
      tree(HATCH_PATH('a'), { 'a/src/about.py': '"""About."""\n__version__ = "2.0-gamma"\n' }),
      'g',
      [['E_INVALID_VERSION', 'a/src/about.py', 2, 'a version "2.0-gamma" is not a valid PEP 440 version']]
    ],
    [
      'without a component, every package',
      tree(pyproject('a', '1.0.0')),
      '',
      [['E_INVALID_VERSION', 'b/pyproject.toml', 3, 'b version "not-a-version" is not a valid PEP 440 version']]
    ],
    ['no version at all is version-source’s', tree('[project]\nname = "a"\n'), 'g', []],
    ['no name is version-source’s', tree('[project]\nversion = "x y"\n'), 'g', []],
    [
      'a version from git tags is not written in a file',
      tree('[project]\nname = "a"\ndynamic = ["version"]\n\n[tool.hatch.version]\nsource = "vcs"\n'),
      'g',
      []
    ]
  ])('%s', (_title, files, component, expected) => {
    expect(findings(invalidVersion, files, { component }).problems).toEqual(expected)
  })
})
