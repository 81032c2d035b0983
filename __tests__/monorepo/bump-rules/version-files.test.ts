/** bump rule version-files: the group's version-files carry the new version. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { pyproject } from '../../../__fixtures__/check-rules.js'
import { planned, type EditRow } from '../../../__fixtures__/bump-rules.js'
import { versionFiles } from '../../../src/monorepo/bump-rules/version-files.js'

afterEach(removeTempDirs)

const tree = (txt: string, chart: string): Tree => ({
  'pyproject.toml':
    '[tool.pyship.groups.g]\npackages = ["a"]\nversion-files = [\n' +
    '  { path = "VERSION.txt", pattern = \'^(?P<version>\\S+)$\' },\n' +
    '  { path = "chart/Chart.yaml", pattern = \'^appVersion: "(?P<version>[^"]+)"\' },\n]\n\n' +
    '[tool.pyship.groups.h]\npackages = ["b"]\nversion-files = [{ path = "B.txt", pattern = \'^(?P<version>\\S+)$\' }]\n',
  'a/pyproject.toml': pyproject('a', '1.0.0'),
  'b/pyproject.toml': pyproject('b', '1.0.0'),
  'VERSION.txt': `${txt}\n`,
  'B.txt': '1.0.0\n',
  'chart/Chart.yaml': `name: g\nversion: 0.1.0\nappVersion: "${chart}"\n`
})

describe('bump rule version-files', () => {
  test.each<[string, Tree, string, EditRow[]]>([
    [
      "every file of the group, not another group's",
      tree('1.0.0', '1.0.0'),
      'minor',
      [
        ['VERSION.txt', 1, 'group g version-files', '1.0.0', '1.1.0', 'spot VERSION.txt@0'],
        ['chart/Chart.yaml', 3, 'group g version-files', '1.0.0', '1.1.0', 'spot chart/Chart.yaml@36']
      ]
    ],
    [
      'a file already at the version is left',
      tree('1.0.0', '2.0.0'),
      '2.0.0',
      [['VERSION.txt', 1, 'group g version-files', '1.0.0', '2.0.0', 'spot VERSION.txt@0']]
    ]
  ])('%s', (_title, files, version, edits) => {
    expect(planned(versionFiles, files, { version }).edits).toEqual(edits)
  })
})
