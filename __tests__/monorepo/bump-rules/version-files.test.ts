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

describe('bump rule version-files: count and format', () => {
  const one = (entry: string, file: string, text: string, a = '1.2.0'): Tree => ({
    'pyproject.toml': `[tool.pyship.groups.g]\npackages = ["a"]\nversion-files = [${entry}]\n`,
    'a/pyproject.toml': pyproject('a', a),
    [file]: text
  })
  const CARGO = `{ path = "Cargo.toml", pattern = '^version = "(?P<version>[^"]+)"', format = "semver" }`
  test.each<[string, Tree, string, EditRow[]]>([
    [
      'count = "all": every match, in file order',
      one(`{ path = "gen.py", pattern = '==(?P<version>[0-9][^"]*)"', count = "all" }`, 'gen.py', 'A = "x==1.2.0"\nB = "y==1.2.0"\n'),
      'minor',
      [
        ['gen.py', 1, 'group g version-files', '1.2.0', '1.3.0', 'spot gen.py@8'],
        ['gen.py', 2, 'group g version-files', '1.2.0', '1.3.0', 'spot gen.py@23']
      ]
    ],
    [
      'format = "semver": a pre-release spelled -rc.N',
      one(CARGO, 'Cargo.toml', '[package]\nversion = "1.2.0"\n'),
      '1.3.0rc1',
      [['Cargo.toml', 2, 'group g version-files', '1.2.0', '1.3.0-rc.1', 'spot Cargo.toml@21']]
    ],
    [
      'format = "semver": alpha, beta and dev',
      one(CARGO, 'Cargo.toml', '[package]\nversion = "1.2.0"\n'),
      '1.3.0b2',
      [['Cargo.toml', 2, 'group g version-files', '1.2.0', '1.3.0-beta.2', 'spot Cargo.toml@21']]
    ],
    [
      'format = "semver": two release numbers padded to three',
      one(CARGO, 'Cargo.toml', '[package]\nversion = "1.2.0"\n'),
      '1.3',
      [['Cargo.toml', 2, 'group g version-files', '1.2.0', '1.3.0', 'spot Cargo.toml@21']]
    ],
    [
      'format = "semver": already spelled so, nothing to write',
      one(CARGO, 'Cargo.toml', '[package]\nversion = "1.3.0-dev.0"\n'),
      '1.3.0.dev0',
      []
    ]
  ])('%s', (_title, files, version, edits) => {
    expect(planned(versionFiles, files, { version }).edits).toEqual(edits)
  })

  test("format = 'semver' and a post-release: refused on the line of the file, nothing planned for it", () => {
    const result = planned(versionFiles, one(CARGO, 'Cargo.toml', '[package]\nversion = "1.2.0"\n'), { version: '1.2.0.post1' })
    expect(result.edits).toEqual([])
    expect(result.problems).toEqual([
      [
        'E_INVALID_VERSION',
        'Cargo.toml',
        2,
        'Cargo.toml (version-files of group g, format = "semver") cannot carry 1.2.0.post1: 1.2.0.post1 is a post-release, which SemVer cannot spell (+post.N is build metadata, the same version to Cargo)',
        'Bump group g to a version SemVer can spell (MAJOR.MINOR.PATCH with an optional a/b/rc or .dev release), or drop format = "semver" from this entry.'
      ]
    ])
  })
})
