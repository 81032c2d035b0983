/**
 * Where a package's version lives, one row per backend configuration: the source kind,
 * the file and line that carry the version (or the reason it cannot be located), and
 * byte-exact edits of versions in files that are not TOML.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import path from 'node:path'
import { readPackage, versionProblem } from '../../src/pyproject/package.js'
import {
  locateVersion,
  pythonRegex,
  regexFinder,
  replaceVersion,
  wholeFileFinder,
  assignmentFinder
} from '../../src/pyproject/version-file.js'
import { HATCH_DEFAULT_PATTERN, tagVersion, SCM_DEFAULT_TAG_REGEX, versionSource } from '../../src/pyproject/version-source.js'
import { parseToml } from '../../src/pyproject/toml.js'
import { removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const HATCH = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
const SETUPTOOLS = '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n'
const project = (extra = ''): string => `[project]\nname = "my-pkg"\ndynamic = ["version"]\n${extra}\n`

type Row = [what: string, files: Tree, expected: { kind: string; backend: string; at?: string; version?: string; reason?: string }]

const rows: Row[] = [
  [
    'static',
    { 'pyproject.toml': '[project]\nname = "my-pkg"\nversion = "1.0.0"\n' },
    { kind: 'static', backend: '[project] version', at: 'p/pyproject.toml:3', version: '1.0.0' }
  ],
  [
    'hatch path, default pattern',
    {
      'pyproject.toml': `${HATCH}${project()}[tool.hatch.version]\npath = "src/my_pkg/__about__.py"\n`,
      'src/my_pkg/__about__.py': "# c\n\nVERSION = 'v1.0.1'\n"
    },
    { kind: 'file', backend: 'hatch path', at: 'p/src/my_pkg/__about__.py:3', version: '1.0.1' }
  ],
  [
    'hatch path, default pattern is case-insensitive',
    { 'pyproject.toml': `${HATCH}${project()}[tool.hatch.version]\npath = "v.py"\n`, 'v.py': '__VERSION__ = "2.0"\n' },
    { kind: 'file', backend: 'hatch path', at: 'p/v.py:1', version: '2.0' }
  ],
  [
    'hatch path with pattern',
    {
      'pyproject.toml': `${HATCH}${project()}[tool.hatch.version]\npath = "Cargo.toml"\npattern = '(?m)^version = "(?P<version>[^"]+)"'\n`,
      'Cargo.toml': '[package]\nname = "x"\nversion = "0.4.2"\n'
    },
    { kind: 'file', backend: 'hatch path', at: 'p/Cargo.toml:3', version: '0.4.2' }
  ],
  [
    'hatch path that does not exist',
    { 'pyproject.toml': `${HATCH}${project()}[tool.hatch.version]\npath = "nope.py"\n` },
    { kind: 'unknown', backend: 'hatch path', reason: 'hatch path: p/nope.py: it does not exist' }
  ],
  [
    'hatch path whose pattern finds nothing',
    { 'pyproject.toml': `${HATCH}${project()}[tool.hatch.version]\npath = "v.py"\n`, 'v.py': 'version = get()\n' },
    { kind: 'unknown', backend: 'hatch path', reason: 'hatch path: p/v.py: the pattern finds no version in it' }
  ],
  [
    'hatch pattern without a version group',
    { 'pyproject.toml': `${HATCH}${project()}[tool.hatch.version]\npath = "v.py"\npattern = 'v = (.+)'\n`, 'v.py': 'v = 1\n' },
    { kind: 'unknown', backend: 'hatch path', reason: '[tool.hatch.version] pattern: it has no (?P<version>…) group' }
  ],
  [
    'hatch without [tool.hatch.version]',
    { 'pyproject.toml': `${HATCH}${project()}` },
    { kind: 'unknown', backend: 'hatch', reason: 'hatchling needs [tool.hatch.version] for a dynamic version' }
  ],
  [
    'hatch source = "code"',
    { 'pyproject.toml': `${HATCH}${project()}[tool.hatch.version]\nsource = "code"\npath = "v.py"\n` },
    { kind: 'unknown', backend: 'hatch', reason: '[tool.hatch.version] source = "code" is not a source pyship can read' }
  ],
  ['hatch-vcs', { 'pyproject.toml': `${HATCH}${project()}[tool.hatch.version]\nsource = "vcs"\n` }, { kind: 'vcs', backend: 'hatch-vcs' }],
  [
    'uv-dynamic-versioning',
    { 'pyproject.toml': `${HATCH}${project()}[tool.hatch.version]\nsource = "uv-dynamic-versioning"\n` },
    { kind: 'vcs', backend: 'uv-dynamic-versioning' }
  ],
  [
    'hatch versioningit',
    { 'pyproject.toml': `${HATCH}${project()}[tool.hatch.version]\nsource = "versioningit"\n` },
    { kind: 'vcs', backend: 'versioningit' }
  ],
  [
    'setuptools attr, src layout',
    {
      'pyproject.toml': `${SETUPTOOLS}${project()}[tool.setuptools.dynamic]\nversion = { attr = "my_pkg.__version__" }\n`,
      'src/my_pkg/__init__.py': '"""doc"""\n__version__ = "3.1.0"\n'
    },
    { kind: 'file', backend: 'setuptools attr', at: 'p/src/my_pkg/__init__.py:2', version: '3.1.0' }
  ],
  [
    'setuptools attr, flat module file',
    {
      'pyproject.toml': `${SETUPTOOLS}${project()}[tool.setuptools.dynamic]\nversion = { attr = "my_pkg.__version__" }\n`,
      'my_pkg.py': "__version__ = '3.1.0'\n"
    },
    { kind: 'file', backend: 'setuptools attr', at: 'p/my_pkg.py:1', version: '3.1.0' }
  ],
  [
    'setuptools attr, submodule',
    {
      'pyproject.toml': `${SETUPTOOLS}${project()}[tool.setuptools.dynamic]\nversion = { attr = "my_pkg.version.VERSION" }\n`,
      'my_pkg/__init__.py': '',
      'my_pkg/version.py': 'VERSION: str = "3.1.0"  # c\n'
    },
    { kind: 'file', backend: 'setuptools attr', at: 'p/my_pkg/version.py:1', version: '3.1.0' }
  ],
  [
    'setuptools attr with package-dir',
    {
      'pyproject.toml': `${SETUPTOOLS}${project()}[tool.setuptools.package-dir]\n"" = "lib"\n\n[tool.setuptools.dynamic]\nversion = { attr = "my_pkg.__version__" }\n`,
      'lib/my_pkg/__init__.py': '__version__ = "3.1.0"\n'
    },
    { kind: 'file', backend: 'setuptools attr', at: 'p/lib/my_pkg/__init__.py:1', version: '3.1.0' }
  ],
  [
    'setuptools attr, not a literal',
    {
      'pyproject.toml': `${SETUPTOOLS}${project()}[tool.setuptools.dynamic]\nversion = { attr = "my_pkg.__version__" }\n`,
      'my_pkg/__init__.py': 'from ._v import __version__\n'
    },
    { kind: 'unknown', backend: 'setuptools attr', reason: 'p/my_pkg/__init__.py assigns __version__ but not as a literal string' }
  ],
  [
    'setuptools attr, indented assignment does not count',
    {
      'pyproject.toml': `${SETUPTOOLS}${project()}[tool.setuptools.dynamic]\nversion = { attr = "my_pkg.__version__" }\n`,
      'my_pkg/__init__.py': 'if True:\n    __version__ = "1.0"\n'
    },
    { kind: 'unknown', backend: 'setuptools attr', reason: 'p/my_pkg/__init__.py has no top-level __version__ = "…"' }
  ],
  [
    'setuptools attr, module missing',
    { 'pyproject.toml': `${SETUPTOOLS}${project()}[tool.setuptools.dynamic]\nversion = { attr = "my_pkg.__version__" }\n` },
    {
      kind: 'unknown',
      backend: 'setuptools attr',
      reason: 'attr = "my_pkg.__version__": no my_pkg/__init__.py or my_pkg.py in src/ or the package directory'
    }
  ],
  [
    'setuptools file',
    { 'pyproject.toml': `${SETUPTOOLS}${project()}[tool.setuptools.dynamic]\nversion = { file = "VERSION" }\n`, VERSION: '\n  4.0.0rc1\n' },
    { kind: 'file', backend: 'setuptools file', at: 'p/VERSION:2', version: '4.0.0rc1' }
  ],
  [
    'setuptools-scm table',
    { 'pyproject.toml': `${SETUPTOOLS}${project()}[tool.setuptools_scm]\n` },
    { kind: 'vcs', backend: 'setuptools-scm' }
  ],
  [
    'setuptools-scm in build requires only',
    {
      'pyproject.toml': `[build-system]\nrequires = ["setuptools", "setuptools_scm[toml]>=6.2"]\nbuild-backend = "setuptools.build_meta"\n\n${project()}`
    },
    { kind: 'vcs', backend: 'setuptools-scm' }
  ],
  [
    'versioningit table',
    {
      'pyproject.toml': `[build-system]\nrequires = ["setuptools", "versioningit"]\nbuild-backend = "setuptools.build_meta"\n\n${project()}[tool.versioningit]\n`
    },
    { kind: 'vcs', backend: 'versioningit' }
  ],
  [
    'pdm file',
    {
      'pyproject.toml': `[build-system]\nbuild-backend = "pdm.backend"\n\n${project()}[tool.pdm.version]\nsource = "file"\npath = "src/x/__init__.py"\n`,
      'src/x/__init__.py': "__version__ = '0.2.0'\n"
    },
    { kind: 'file', backend: 'pdm file', at: 'p/src/x/__init__.py:1', version: '0.2.0' }
  ],
  [
    'pdm scm',
    { 'pyproject.toml': `[build-system]\nbuild-backend = "pdm.backend"\n\n${project()}[tool.pdm.version]\nsource = "scm"\n` },
    { kind: 'vcs', backend: 'pdm scm' }
  ],
  [
    'pdm call',
    { 'pyproject.toml': `[build-system]\nbuild-backend = "pdm.backend"\n\n${project()}[tool.pdm.version]\nsource = "call"\n` },
    { kind: 'unknown', backend: 'pdm', reason: '[tool.pdm.version] source = "call" is not a source pyship can read' }
  ],
  [
    'flit, module named after the project',
    {
      'pyproject.toml': `[build-system]\nbuild-backend = "flit_core.buildapi"\n\n${project()}`,
      'src/my_pkg/__init__.py': '__version__ = "0.9"\n'
    },
    { kind: 'file', backend: 'flit', at: 'p/src/my_pkg/__init__.py:1', version: '0.9' }
  ],
  [
    'flit, [tool.flit.module] name',
    {
      'pyproject.toml': `[build-system]\nbuild-backend = "flit_core.buildapi"\n\n${project()}[tool.flit.module]\nname = "other"\n`,
      'other.py': '__version__ = "0.9"\n'
    },
    { kind: 'file', backend: 'flit', at: 'p/other.py:1', version: '0.9' }
  ],
  [
    'no backend, nothing known',
    { 'pyproject.toml': project() },
    {
      kind: 'unknown',
      backend: 'setuptools',
      reason:
        'dynamic = ["version"] with no build backend (setuptools by default) and no version source pyship knows (hatch path, setuptools attr/file, PDM file, flit, or a git-tag backend)'
    }
  ],
  [
    'poetry-core with [project] and a static version',
    { 'pyproject.toml': '[build-system]\nbuild-backend = "poetry.core.masonry.api"\n\n[project]\nname = "p"\nversion = "1.0"\n' },
    { kind: 'static', backend: '[project] version', at: 'p/pyproject.toml:6', version: '1.0' }
  ]
]

describe('version sources', () => {
  test.each(rows)('%s', (_what, files, expected) => {
    const root = writeTree(tempDir(), Object.fromEntries(Object.entries(files).map(([k, v]) => [`p/${k}`, v])))
    const pkg = readPackage({ workDir: root, repoRoot: root }, 'p')
    expect(pkg.source.kind).toBe(expected.kind)
    expect(pkg.source.backend).toBe(expected.backend)
    if (expected.at) expect(`${pkg.versionFile}:${pkg.versionLine}`).toBe(expected.at)
    expect(pkg.version).toBe(expected.version ?? null)
    if (expected.kind === 'unknown') {
      expect(pkg.source.reason).toBe(expected.reason)
      expect(versionProblem(pkg)).toMatchObject({ code: 'E_VERSION_SOURCE', file: 'p/pyproject.toml', line: pkg.dynamicLine })
    } else {
      expect(versionProblem(pkg)).toBeNull()
    }
  })
})

describe('versions in files: located and replaced byte-exact', () => {
  test.each([
    [
      'default hatch pattern, CRLF and BOM kept',
      '\ufeff# x\r\n__version__ = "1.0.0"\r\n',
      regexFinder(pythonRegex(HATCH_DEFAULT_PATTERN)),
      '\ufeff# x\r\n__version__ = "1.1.0"\r\n'
    ],
    ['a leading v stays', "VERSION = 'v1.0.0'\n", regexFinder(pythonRegex(HATCH_DEFAULT_PATTERN)), "VERSION = 'v1.1.0'\n"],
    [
      'the first match only',
      '__version__ = "1.0.0"\n__version__ = "1.0.0"\n',
      assignmentFinder('__version__'),
      '__version__ = "1.1.0"\n__version__ = "1.0.0"\n'
    ],
    ['a whole file without final newline', '1.0.0', wholeFileFinder, '1.1.0'],
    [
      'a Helm chart',
      'version: 0.1.0\nappVersion: "1.0.0"\n',
      regexFinder(pythonRegex('^appVersion: "(?P<version>[^"]+)"')),
      'version: 0.1.0\nappVersion: "1.1.0"\n'
    ]
  ])('%s', (_what, content, find, expected) => {
    const root = writeTree(tempDir(), { f: content })
    const spot = locateVersion(path.join(root, 'f'), 'f', find)
    expect(spot.version).toBe('1.0.0')
    expect(replaceVersion(spot, '1.1.0')).toBe(expected)
  })

  test('an edit that would not read back is refused', () => {
    const root = writeTree(tempDir(), { f: '__version__ = "1.0.0"\n' })
    const spot = locateVersion(path.join(root, 'f'), 'f', assignmentFinder('__version__'))
    expect(() => replaceVersion(spot, '1.1.0"; x = "')).toThrow('would not read back as the version')
  })

  test.each([
    ['(?P<version>\\d+)', true],
    ['(?i)^v = (?P<version>.+)$', true],
    ['(?P<q>["\'])(?P<version>.+?)(?P=q)', true],
    ['\\A(?P<version>.+)\\Z', true],
    ['no group', false],
    ['(?P<version>[)', false],
    ['(?x)(?P<version>.+)', false]
  ])('python regex %j compiles: %s', (pattern, ok) => {
    if (ok) expect(pythonRegex(pattern)).toBeInstanceOf(RegExp)
    else expect(() => pythonRegex(pattern)).toThrow()
  })

  test.each([
    ['v1.2.0', '1.2.0'],
    ['cli-v2.0.0rc1', '2.0.0rc1'],
    ['1.0', '1.0'],
    ['nightly', null]
  ])('setuptools-scm default tag regex: %s → %s', (tag, version) => {
    expect(tagVersion(tag, SCM_DEFAULT_TAG_REGEX)).toBe(version)
  })
})

describe('git describe --match limits the tags a vcs package reads', () => {
  const TAGS = ['hatch-v1.2.0', 'hatch-v1.10.0rc1', 'other-v9.0.0', 'v3.0.0', 'hatchling-v5.0.0']
  test.each([
    [
      'hatch-vcs raw-options, a string',
      `[tool.hatch.version]\nsource = "vcs"\nraw-options = { git_describe_command = "git describe --dirty --tags --long --match hatch-v*" }\n`,
      HATCH,
      ['1.2.0', '1.10.0rc1', null, null, null]
    ],
    [
      'hatch-vcs raw-options, scm.git.describe_command as a list with --match=',
      `[tool.hatch.version]\nsource = "vcs"\n\n[tool.hatch.version.raw-options.scm.git]\ndescribe_command = ["git", "describe", "--tags", "--match=hatch-v[0-9]*"]\n`,
      HATCH,
      ['1.2.0', '1.10.0rc1', null, null, null]
    ],
    [
      'setuptools-scm git_describe_command, quoted glob, two --match',
      `[tool.setuptools_scm]\ngit_describe_command = "git describe --tags --match 'v*' --match other-v*"\n`,
      SETUPTOOLS,
      [null, null, '9.0.0', '3.0.0', null]
    ],
    [
      'setuptools-scm with its own tag_regex and a --match',
      `[tool.setuptools_scm]\ntag_regex = '^hatch-v(?P<version>.+)$'\ngit_describe_command = "git describe --match hatch-v1.*"\n`,
      SETUPTOOLS,
      ['1.2.0', '1.10.0rc1', null, null, null]
    ],
    [
      'no --match: every tag the regex reads',
      `[tool.hatch.version]\nsource = "vcs"\n`,
      HATCH,
      ['1.2.0', '1.10.0rc1', '9.0.0', '3.0.0', '5.0.0']
    ]
  ])('%s', (_what, config, backend, versions) => {
    const root = writeTree(tempDir(), { 'p/pyproject.toml': `${backend}${project()}${config}` })
    const pkg = readPackage({ workDir: root, repoRoot: root }, 'p')
    expect(pkg.source.kind).toBe('vcs')
    const pattern = pkg.source.tagPattern ?? SCM_DEFAULT_TAG_REGEX
    expect(TAGS.map((t) => tagVersion(t, pattern))).toEqual(versions)
  })
})

describe('versionSource: paths relative to the repository, for a package at its root too', () => {
  const DOC = '[project]\nname = "my-pkg"\ndynamic = ["version"]\n'
  const declared = (p: string) => ({ path: p, pattern: '^(?P<version>\\d+\\.\\d+\\.\\d+)$' })

  test.each([
    ['.', 'VERSION', 'VERSION', 'VERSION'],
    ['.', 'sub/VERSION', 'sub/VERSION', 'sub/VERSION'],
    ['p', 'p/VERSION', 'VERSION', 'p/VERSION'],
    ['libs/p', 'libs/p/v/VERSION', 'v/VERSION', 'libs/p/v/VERSION'],
    ['libs/p', 'VERSION', '../../VERSION', 'VERSION']
  ])('a package in %j, its version in %s (declared as %j): the file is %j', (rel, where, declaredPath, file) => {
    const root = writeTree(tempDir(), { [where]: '1.2.3\n' })
    const source = versionSource(parseToml(DOC, 'pyproject.toml'), path.join(root, rel), rel, declared(declaredPath))
    expect(source).toMatchObject({ kind: 'file', backend: 'declared', spot: { file, version: '1.2.3', line: 1, column: 1 } })
  })

  test('a declared file outside the repository is refused, also for a package at its root', () => {
    const root = writeTree(tempDir(), { 'repo/x': '' })
    const source = versionSource(parseToml(DOC, 'pyproject.toml'), path.join(root, 'repo'), '.', declared('../VERSION'))
    expect(source).toMatchObject({ kind: 'unknown', reason: 'the config declares its version in ../VERSION, outside the repository' })
  })
})

describe('tagVersion: the version a tag names, whatever flags the pattern carries', () => {
  test.each([
    [/v(?<version>\d[^-]*)$/, 'cli-v1.2.0', '1.2.0'],
    [/v(?<version>\d[^-]*)$/y, 'cli-v1.2.0', '1.2.0'],
    [/v(?<version>\d[^-]*)$/g, 'cli-v1.2.0', '1.2.0'],
    [/v(?<version>\d[^-]*)$/gy, 'cli-v1.2.0', '1.2.0'],
    [/^v(?<version>\d.*)$/i, 'V1.2.0', '1.2.0'],
    [/^v(?<version>\d.*)$/gi, 'V1.2.0', '1.2.0'],
    [/^v(?<version>\d.*)$/, 'V1.2.0', null],
    [/^v(?<version>\d.*)$/m, 'x\nv1.2.0', '1.2.0'],
    [/^v(?<other>\d.*)$/, 'v1.2.0', null]
  ])('%s on %j: %j', (pattern, tag, version) => {
    expect(tagVersion(tag, pattern)).toBe(version)
    expect(tagVersion(tag, pattern)).toBe(version)
  })
})
