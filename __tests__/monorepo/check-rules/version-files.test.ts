/** check rule version-files: a group's version-files carry the group's version. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { contextOf, findings, pyproject, rowsOf, type Row } from '../../../__fixtures__/check-rules.js'
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

describe('check rule version-files: count, format, and what bump could write', () => {
  /** Group g (a) with one version-files entry over `file` (its text), written in the config as `entry`. */
  const one = (entry: string, file: string, text: string, a = '1.2.0', extraA = ''): Tree => ({
    'pyproject.toml': `[tool.pyship.groups.g]\npackages = ["a"]\nversion-files = [${entry}]\n`,
    'a/pyproject.toml': pyproject('a', a, extraA),
    ...(file === 'a/pyproject.toml' ? {} : { [file]: text })
  })
  const GEN = `{ path = "gen.py", pattern = '==(?P<version>[0-9][^"]*)"', count = "all" }`
  const generated = (versions: string[]): string => versions.map((v, i) => `PIN_${i} = "pkg-${i}==${v}"\n`).join('')
  test.each<[string, Tree, Row[]]>([
    ['count = "all": every match carries the version', one(GEN, 'gen.py', generated(Array(55).fill('1.2.0'))), []],
    [
      'count = "all": each match off the version on its own line',
      one(GEN, 'gen.py', generated(['1.2.0', '1.1.0', '1.2.0', '1.0.0'])),
      [
        [
          'E_VERSION_MISMATCH',
          'gen.py',
          2,
          'gen.py (version-files of group g) carries 1.1.0 but group g is 1.2.0',
          'Make it carry 1.2.0, e.g. with `pyship bump g 1.2.0`, then commit and push.'
        ],
        [
          'E_VERSION_MISMATCH',
          'gen.py',
          4,
          'gen.py (version-files of group g) carries 1.0.0 but group g is 1.2.0',
          'Make it carry 1.2.0, e.g. with `pyship bump g 1.2.0`, then commit and push.'
        ]
      ]
    ],
    [
      'format = "semver": 1.2.0-rc.1 is 1.2.0rc1',
      one(
        `{ path = "Cargo.toml", pattern = '^version = "(?P<version>[^"]+)"', format = "semver" }`,
        'Cargo.toml',
        '[package]\nversion = "1.2.0-rc.1"\n',
        '1.2.0rc1'
      ),
      []
    ],
    [
      'format = "semver": a version not spelled as SemVer',
      one(
        `{ path = "Cargo.toml", pattern = '^version = "(?P<version>[^"]+)"', format = "semver" }`,
        'Cargo.toml',
        '[package]\nversion = "1.2.0rc1"\n',
        '1.2.0rc1'
      ),
      [
        [
          'E_INVALID_VERSION',
          'Cargo.toml',
          2,
          'Cargo.toml (version-files of group g) carries "1.2.0rc1", not a SemVer version pyship reads (MAJOR.MINOR.PATCH, -alpha.N, -beta.N, -rc.N, -dev.N, +build)'
        ]
      ]
    ],
    ['compared as PEP 440 versions: 1.2 is 1.2.0', one(`{ path = "VERSION", pattern = '^(?P<version>\\S+)$' }`, 'VERSION', '1.2\n'), []],
    [
      "[tool.bumpversion] current_version in the member's own pyproject: bump writes it in the same edit",
      one(
        `{ path = "a/pyproject.toml", pattern = 'current_version = "(?P<version>[^"]+)"' }`,
        'a/pyproject.toml',
        '',
        '1.2.0',
        '\n[tool.bumpversion]\ncurrent_version = "1.2.0"\n'
      ),
      []
    ],
    [
      'a spot in a TOML number of a pyproject bump edits: check says bump could not write it',
      one(
        `{ path = "a/pyproject.toml", pattern = 'serial = (?P<version>[0-9.]+)' }`,
        'a/pyproject.toml',
        '',
        '1.2.0',
        '\n[tool.x]\nserial = 1.2\n'
      ),
      [
        [
          'E_CONFIG',
          'a/pyproject.toml',
          6,
          'a/pyproject.toml (version-files of group g): bump could not write this version, since it edits a/pyproject.toml too: the version is inside a TOML float, not a string',
          'Point the version-files pattern at a plain quoted string (or a comment), or remove the entry.'
        ]
      ]
    ]
  ])('%s', (_title, files, expected) => {
    expect(findings(versionFiles, files).problems).toEqual(expected)
  })

  test.each<[string, string, string, Row[]]>([
    [
      'the default count: a pattern matching twice is a problem on the file, at its second match',
      `{ path = "VERSION", pattern = '(?P<version>[0-9][0-9.]*)' }`,
      '1.2.0\n# was 1.1.0\n',
      [
        [
          'E_VERSION_SOURCE',
          'VERSION',
          2,
          'VERSION (version-files of group g): its pattern "(?P<version>[0-9][0-9.]*)" matches 2 places (lines 1, 2); an entry carries one version unless it says count = "all"',
          'Make the pattern match only the version meant, or set count = "all" in this version-files entry when every match carries the group\'s version.'
        ]
      ]
    ],
    [
      'count = "all" with no match at all',
      `{ path = "VERSION", pattern = '==(?P<version>\\S+)', count = "all" }`,
      'nothing here\n',
      [
        [
          'E_VERSION_SOURCE',
          'pyproject.toml',
          3,
          'VERSION (version-files of group g): its pattern "==(?P<version>\\\\S+)" finds no version in it',
          'Fix the `pattern` of this version-files entry so its (?P<version>…) group matches the version in VERSION, or remove the entry.'
        ]
      ]
    ]
  ])('%s', (_title, entry, text, expected) => {
    const ctx = contextOf(one(entry, 'VERSION', text))
    expect(rowsOf(ctx.repo.problems)).toEqual(expected)
  })
})

test('in the pyproject.toml holding the config, a line spelling a version-files pattern is the config, not a version', () => {
  const ctx = contextOf({
    'pyproject.toml':
      '[project]\nname = "solo"\nversion = "1.0.0"\n\n[tool.bumpversion]\ncurrent_version = "1.0.0"\n\n[tool.pyship.groups.g]\npackages = ["."]\n' +
      'version-files = [{ path = "pyproject.toml", pattern = \'current_version = "(?P<version>[^"]+)"\' }]\n'
  })
  expect(rowsOf(ctx.repo.problems)).toEqual([])
  expect(ctx.repo.mirrors.map((m) => `${m.spot.file}:${m.spot.line} ${m.spot.version}`)).toEqual(['pyproject.toml:6 1.0.0'])
})
