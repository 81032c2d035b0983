/** check rule version-files: a group's version-files carry the group's version. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { findings, pyproject, type Row } from '../../../__fixtures__/check-rules.js'
import { versionFiles } from '../../../src/monorepo/check-rules/version-files.js'

afterEach(removeTempDirs)

/** Group g (a, b) with VERSION.txt and chart/Chart.yaml as version-files. */
const tree = (a: string, b: string, txt: string, chart: string): Tree => ({
  'pyproject.toml':
    '[tool.pyship.groups.g]\npackages = ["a", "b"]\nversion-files = [\n' +
    '  { path = "VERSION.txt", pattern = \'^(?P<version>\\S+)$\' },\n' +
    '  { path = "chart/Chart.yaml", pattern = \'^appVersion: "(?P<version>[^"]+)"\' },\n]\n\n' +
    '[tool.pyship.groups.h]\npackages = ["c"]\nversion-files = [{ path = "C.txt", pattern = \'^(?P<version>\\S+)$\' }]\n',
  'c/pyproject.toml': pyproject('c', '5.0.0'),
  'C.txt': '5.0.0\n',
  'a/pyproject.toml': pyproject('a', a),
  'b/pyproject.toml': pyproject('b', b),
  'VERSION.txt': `${txt}\n`,
  'chart/Chart.yaml': `name: g\nversion: 0.1.0\nappVersion: "${chart}"\n`
})
const mismatchHint = (v: string): string => `Make it carry ${v}, e.g. with \`pyship bump g ${v}\`, then commit and push.`
const notUpdatedHint = (v: string): string => `Run \`pyship bump g ${v}\`, commit, push, wait for CI, then release.`

describe('check rule version-files', () => {
  test.each<[string, Tree, string, Row[]]>([
    ['every file carries the group version', tree('1.0.0', '1.0.0', '1.0.0', '1.0.0'), '', []],
    ['written another way, the same version', tree('1.0.0', '1.0.0', 'v1.0.0', '1.0.0'), '', []],
    [
      'one file behind the group',
      tree('1.0.0', '1.0.0', '1.0.0', '0.9.0'),
      '',
      [
        [
          'E_VERSION_MISMATCH',
          'chart/Chart.yaml',
          3,
          'chart/Chart.yaml (version-files of group g) carries 0.9.0 but group g is 1.0.0',
          mismatchHint('1.0.0')
        ]
      ]
    ],
    ['the members disagree: version-mismatch speaks for the group, not the files', tree('1.0.0', '2.0.0', '1.0.0', '0.9.0'), '', []],
    [
      'a file that does not carry a PEP 440 version',
      tree('1.0.0', '1.0.0', 'latest', '1.0.0'),
      '',
      [['E_INVALID_VERSION', 'VERSION.txt', 1, 'VERSION.txt (version-files of group g) carries "latest", not a valid PEP 440 version']]
    ],
    [
      'an invalid version is named even when the members disagree',
      tree('1.0.0', '2.0.0', 'latest', '1.0.0'),
      '',
      [['E_INVALID_VERSION', 'VERSION.txt', 1, 'VERSION.txt (version-files of group g) carries "latest", not a valid PEP 440 version']]
    ],
    [
      'with the version input, every file not carrying it',
      tree('1.0.0', '1.0.0', '1.0.0', '2.0.0'),
      '2.0.0',
      [
        [
          'E_VERSION_NOT_UPDATED',
          'VERSION.txt',
          1,
          'VERSION.txt (version-files of group g) carries 1.0.0, not 2.0.0',
          notUpdatedHint('2.0.0')
        ]
      ]
    ],
    [
      'with the version input, even when the members disagree',
      tree('1.0.0', '2.0.0', '2.0.0', '1.0.0'),
      '2.0.0',
      [
        [
          'E_VERSION_NOT_UPDATED',
          'chart/Chart.yaml',
          3,
          'chart/Chart.yaml (version-files of group g) carries 1.0.0, not 2.0.0',
          notUpdatedHint('2.0.0')
        ]
      ]
    ]
  ])('%s', (_title, files, version, expected) => {
    expect(findings(versionFiles, files, { component: version ? 'g' : '', version }).problems).toEqual(expected)
  })
})
