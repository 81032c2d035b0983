/** check rule version-source: every package in scope has a name and a version pyship can locate. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { findings, pyproject, type Row } from '../../../__fixtures__/check-rules.js'
import { versionSource } from '../../../src/monorepo/check-rules/version-source.js'

afterEach(removeTempDirs)

const UNKNOWN = (name: string): string => `[project]\nname = "${name}"\ndynamic = ["version"]\n`
const REASON =
  'dynamic = ["version"] with no build backend (setuptools by default) and no version source pyship knows (hatch path, setuptools attr/file, PDM file, flit, or a git-tag backend)'
/** A uv workspace of a, b, c; group g holds a; b pins `pin`. */
const tree = (a: string, c: string, pin = ''): Tree => ({
  'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a", "b", "c"]\n\n[tool.pyship.groups.g]\npackages = ["a"]\n',
  'a/pyproject.toml': a,
  'b/pyproject.toml': pyproject('b', '1.0.0', pin ? `dependencies = ["${pin}"]\n` : ''),
  'c/pyproject.toml': c
})

describe('check rule version-source', () => {
  test.each<[string, Tree, string, Row[], string[]]>([
    ['every version located', tree(pyproject('a', '1.0.0'), pyproject('c', '1.0.0')), '', [], []],
    [
      'a group member without a version',
      tree('[project]\nname = "a"\n', pyproject('c', '1.0.0')),
      '',
      [
        [
          'E_CONFIG',
          'a/pyproject.toml',
          1,
          'a/pyproject.toml has no [project] version',
          'Add [project] version = "…", or declare dynamic = ["version"] with a version source (hatch path, setuptools attr, …).'
        ]
      ],
      []
    ],
    [
      'a group member whose dynamic version pyship cannot locate',
      tree(UNKNOWN('a'), pyproject('c', '1.0.0')),
      '',
      [['E_VERSION_SOURCE', 'a/pyproject.toml', 3, `a/pyproject.toml: a has dynamic = ["version"] but pyship cannot locate it: ${REASON}`]],
      []
    ],
    [
      'a package in no group and pinned by nobody: a notice only',
      tree(pyproject('a', '1.0.0'), UNKNOWN('c')),
      '',
      [],
      [
        `c/pyproject.toml:3: c/pyproject.toml: c has dynamic = ["version"] but pyship cannot locate it: ${REASON} (not in a group and not pinned, so not an error)`
      ]
    ],
    [
      'a package in no group that another package pins',
      tree(pyproject('a', '1.0.0'), UNKNOWN('c'), 'c>=1'),
      '',
      [['E_VERSION_SOURCE', 'c/pyproject.toml', 3, `c/pyproject.toml: c has dynamic = ["version"] but pyship cannot locate it: ${REASON}`]],
      []
    ],
    [
      'a package in no group without any version: always an error',
      tree(pyproject('a', '1.0.0'), '[project]\nname = "c"\n'),
      '',
      [
        [
          'E_CONFIG',
          'c/pyproject.toml',
          1,
          'c/pyproject.toml has no [project] version',
          'Add [project] version = "…", or declare dynamic = ["version"] with a version source (hatch path, setuptools attr, …).'
        ]
      ],
      []
    ],
    ['with a component, only its packages', tree(pyproject('a', '1.0.0'), UNKNOWN('c'), 'c>=1'), 'g', [], []],
    [
      'a group member without a name',
      tree('[project]\nversion = "1.0.0"\n', pyproject('c', '1.0.0')),
      '',
      [['E_CONFIG', 'a/pyproject.toml', 1, 'a/pyproject.toml has no [project] name']],
      []
    ],
    [
      'a package in no group without a name (a virtual root, say)',
      tree(pyproject('a', '1.0.0'), '[project]\nversion = "1.0.0"\n'),
      '',
      [],
      []
    ]
  ])('%s', (_title, files, component, problems, notices) => {
    expect(findings(versionSource, files, { component })).toEqual({ problems, notices })
  })

  test('a package pinning only itself is not pinned', () => {
    const files = tree(
      pyproject('a', '1.0.0'),
      '[project]\nname = "c"\ndynamic = ["version"]\n\n[project.optional-dependencies]\nall = ["c[x]"]\n'
    )
    expect(findings(versionSource, files).problems).toEqual([])
  })
})
