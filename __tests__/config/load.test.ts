import { afterEach, describe, test, expect } from '@jest/globals'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, type Problem } from '../../src/errors.js'
import { loadConfig, resolveComponent, type Config } from '../../src/config/load.js'
import { readToml } from '../../src/pyproject/toml.js'
import { removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const pyproject = (name: string, version = '1.0.0'): string => `[project]\nname = "${name}"\nversion = "${version}"\n`

/** Load the config of a tree; `wd` is the working directory relative to the tree's root (the repository root). */
function load(files: Tree, configInput = '', wd = '.'): Config {
  const repoRoot = writeTree(tempDir(), files)
  const workDir = path.join(repoRoot, wd)
  const rootFile = path.join(workDir, 'pyproject.toml')
  const root = existsSync(rootFile) ? readToml(rootFile, path.relative(repoRoot, rootFile).split(path.sep).join('/')) : null
  return loadConfig({ workDir, repoRoot }, configInput, root)
}

function loadError(files: Tree, configInput = '', wd = '.'): PyshipError {
  try {
    load(files, configInput, wd)
  } catch (error) {
    expect(error).toBeInstanceOf(PyshipError)
    return error as PyshipError
  }
  throw new Error('expected loadConfig to throw')
}

/** Every problem of an error as {code, file, line} plus its message. */
const all = (error: PyshipError): Problem[] => [
  { code: error.code, message: error.message, hint: error.hint, ...error.location },
  ...error.others
]

describe('where the config comes from (precedence)', () => {
  // Everything lives below python/ (the working directory); the repository root is the tree's root.
  const group = (name: string): string => `[groups.${name}]\npackages = ["pkg"]\n`
  const sources: Record<string, Tree> = {
    input: { 'python/custom.toml': group('fromInput') },
    tool: { 'python/pyproject.toml': '[tool.pyship.groups.fromTool]\npackages = ["pkg"]\n' },
    wdGithub: { 'python/.github/pyship.toml': group('fromWd') },
    rootGithub: { '.github/pyship.toml': group('fromRepo') },
    seed: { 'python/cli/pyproject.toml': pyproject('dakora'), 'python/server/pyproject.toml': pyproject('dakora-server') }
  }
  const base: Tree = { '.git/': null, 'python/pkg/pyproject.toml': pyproject('pkg') }

  test.each([
    [['input', 'tool', 'wdGithub', 'rootGithub', 'seed'], 'file', 'python/custom.toml', ['fromInput']],
    [['tool', 'wdGithub', 'rootGithub', 'seed'], 'file', 'python/pyproject.toml', ['fromTool']],
    [['wdGithub', 'rootGithub', 'seed'], 'file', 'python/.github/pyship.toml', ['fromWd']],
    [['rootGithub', 'seed'], 'file', '.github/pyship.toml', ['fromRepo']],
    [['seed'], 'defaults', undefined, ['platform']],
    [[], 'none', 'none', []]
  ])('present: %j → %s %s', (present, kind, source, groups) => {
    const files: Tree = { ...base }
    for (const name of present) Object.assign(files, sources[name])
    const config = load(files, present.includes('input') ? 'custom.toml' : '', 'python')
    expect(config.kind).toBe(kind)
    if (source !== undefined) expect(config.source).toBe(source)
    expect(Object.keys(config.groups)).toEqual(groups)
  })

  test('the config input may name a pyproject.toml: its [tool.pyship] is used', () => {
    const config = load(
      {
        'pkg/pyproject.toml': pyproject('pkg'),
        'other/pyproject.toml': '[tool.pyship.groups.g]\npackages = ["pkg"]\n',
        '.github/pyship.toml': '[groups.ignored]\npackages = ["pkg"]\n'
      },
      'other/pyproject.toml'
    )
    expect(config.source).toBe('other/pyproject.toml')
    expect(config.groups).toEqual({ g: expect.objectContaining({ name: 'g', packages: ['pkg'] }) })
  })

  test.each([
    ['a missing config file', {}, 'nope.toml', /nope\.toml does not exist/],
    [
      'a pyproject.toml without [tool.pyship]',
      { 'other/pyproject.toml': pyproject('x') },
      'other/pyproject.toml',
      /other\/pyproject\.toml has no \[tool\.pyship\]/
    ]
  ])('%s → E_CONFIG', (_what, files, input, message) => {
    const error = loadError(files, input)
    expect(error.code).toBe('E_CONFIG')
    expect(error.message).toMatch(message)
  })

  test('[tool.pyship] in the root pyproject wins over .github/pyship.toml, even with only groups', () => {
    const config = load({
      'pyproject.toml': '[tool.pyship.groups.a]\npackages = ["pkg"]\n',
      '.github/pyship.toml': '[groups.b]\npackages = ["pkg"]\n[targets.t]\ngroup = "b"\nkind = "pypi"\n',
      'pkg/pyproject.toml': pyproject('pkg')
    })
    expect(config.source).toBe('pyproject.toml')
    expect(Object.keys(config.groups)).toEqual(['a'])
    expect(config.targets).toEqual({})
  })

  test('a config replaces the built-in defaults entirely (no merging)', () => {
    const config = load({
      'cli/pyproject.toml': pyproject('dakora'),
      'server/pyproject.toml': pyproject('dakora-server'),
      'packages/client-python/pyproject.toml': pyproject('dakora-client'),
      '.github/pyship.toml': '[groups.platform]\npackages = ["cli"]\n'
    })
    expect(config.kind).toBe('file')
    expect(Object.keys(config.groups)).toEqual(['platform'])
    expect(config.groups.platform.packages).toEqual(['cli'])
    expect(config.targets).toEqual({})
  })
})

describe('built-in defaults (the default layout)', () => {
  const seed: Tree = {
    'cli/pyproject.toml': pyproject('dakora', '2.0.0'),
    'server/pyproject.toml': pyproject('dakora-server', '2.0.0'),
    'server/Dockerfile': 'FROM python:3.11-slim\n',
    'studio/Dockerfile': 'FROM node:22\n',
    'packages/client-python/pyproject.toml': pyproject('dakora-client', '1.4.0')
  }

  test('the full default layout', () => {
    const config = load(seed)
    expect(config.kind).toBe('defaults')
    expect(config.notices).toEqual([])
    expect(config.groups).toEqual({
      platform: { name: 'platform', packages: ['cli', 'server'], versionFiles: [] },
      sdk: { name: 'sdk', packages: ['packages/client-python'], versionFiles: [] }
    })
    expect(config.targets.cli).toEqual({
      name: 'cli',
      group: 'platform',
      kind: 'pypi',
      packages: ['cli'],
      tag: 'cli-v{version}',
      tests: 'optional',
      githubLatest: true,
      images: []
    })
    expect(config.targets.docker).toMatchObject({
      group: 'platform',
      kind: 'docker',
      tag: 'docker-v{version}',
      images: [
        { name: 'server', context: 'server', dockerfile: 'server/Dockerfile', buildArgs: [], platforms: [] },
        { name: 'studio', context: 'studio', dockerfile: 'studio/Dockerfile', buildArgs: ['VITE_API_URL'], platforms: [] }
      ]
    })
    expect(config.targets.sdk).toMatchObject({
      group: 'sdk',
      kind: 'pypi',
      packages: ['packages/client-python'],
      tag: 'python-sdk-v{version}',
      githubLatest: false
    })
  })

  test.each([
    [
      ['cli/pyproject.toml', 'server/pyproject.toml', 'server/Dockerfile'],
      ['platform'],
      ['cli', 'docker'],
      [/studio/, /packages\/client-python/]
    ],
    [
      ['cli/pyproject.toml', 'server/pyproject.toml', 'packages/client-python/pyproject.toml'],
      ['platform', 'sdk'],
      ['cli', 'docker', 'sdk'],
      [/studio/]
    ]
  ])(
    'a cli/ and a server/ package: the default layout; only %j → groups %j, targets %j, with notices',
    (present, groups, targets, notices) => {
      const files: Tree = {}
      for (const file of present) files[file] = seed[file]
      const config = load(files)
      expect(config.kind).toBe('defaults')
      expect(Object.keys(config.groups)).toEqual(groups)
      expect(Object.keys(config.targets)).toEqual(targets)
      for (const notice of notices) expect(config.notices.some((n) => notice.test(n))).toBe(true)
    }
  )

  test.each([
    [['packages/client-python/pyproject.toml']],
    [['cli/pyproject.toml']],
    [['server/pyproject.toml', 'server/Dockerfile', 'studio/Dockerfile']],
    [['server/pyproject.toml', 'packages/client-python/pyproject.toml']]
  ])('not the default layout without both a cli/ and a server/ package: %j has no config', (present) => {
    const files: Tree = {}
    for (const file of present) files[file] = seed[file]
    expect(load(files)).toEqual({ source: 'none', kind: 'none', groups: {}, targets: {}, notices: [], brokenSuffix: '-broken' })
  })

  test('a default directory without pyproject.toml does not select the defaults', () => {
    const config = load({ 'cli/README.md': 'x', 'server/': null })
    expect(config.kind).toBe('none')
    expect(config).toEqual({ source: 'none', kind: 'none', groups: {}, targets: {}, notices: [], brokenSuffix: '-broken' })
  })
})

describe('validation: E_CONFIG on the exact line', () => {
  test('a typo in a key names the file, the line and the likely key', () => {
    const error = loadError({
      'cli/pyproject.toml': pyproject('dakora'),
      '.github/pyship.toml': [
        '[groups.platform]', // 1
        'packages = ["cli"]', // 2
        '', // 3
        '[targets.cli]', // 4
        'group = "platform"', // 5
        'kind = "pypi"', // 6
        'tets = "optional"', // 7
        ''
      ].join('\n')
    })
    expect(error.code).toBe('E_CONFIG')
    expect(error.location).toMatchObject({ file: '.github/pyship.toml', line: 7 })
    expect(error.message).toContain('targets.cli.tets')
    expect(error.message).toContain('did you mean "tests"')
    expect(error.others).toEqual([])
  })

  test('the same typo in [tool.pyship] of the root pyproject', () => {
    const error = loadError({
      'pyproject.toml': [
        '[project]', // 1
        'name = "root"', // 2
        'version = "1.0"', // 3
        '', // 4
        '[tool.pyship.groups.platform]', // 5
        'packages = ["."]', // 6
        '', // 7
        '[tool.pyship.targets.cli]', // 8
        'group = "platform"', // 9
        'kind = "pypi"', // 10
        'tets = "optional"', // 11
        ''
      ].join('\n')
    })
    expect(error.code).toBe('E_CONFIG')
    expect(error.location).toMatchObject({ file: 'pyproject.toml', line: 11 })
    expect(error.message).toContain('did you mean "tests"')
  })

  const cfg = (lines: string[]): Tree => ({
    'cli/pyproject.toml': pyproject('dakora'),
    'server/pyproject.toml': pyproject('dakora-server'),
    'server/Dockerfile': 'FROM x\n',
    '.github/pyship.toml': lines.join('\n') + '\n'
  })
  const GROUP = ['[groups.platform]', 'packages = ["cli", "server"]', '']

  test.each([
    [
      'packages is a string',
      ['[groups.platform]', 'packages = "cli"'],
      2,
      /groups\.platform\.packages must be an array of strings, not a string/
    ],
    [
      'packages holds a number',
      ['[groups.platform]', 'packages = [', '  "cli",', '  3,', ']'],
      4,
      /groups\.platform\.packages\[1\] must be a string, not a number/
    ],
    ['groups is not a table', ['groups = "platform"'], 1, /groups must be a table/],
    ['a group without packages', ['[groups.platform]', 'pakages = ["cli"]'], 2, /did you mean "packages"/],
    [
      'tests = "sometimes"',
      [...GROUP, '[targets.cli]', 'group = "platform"', 'kind = "pypi"', 'tests = "sometimes"'],
      7,
      /targets\.cli\.tests must be one of "required", "optional", "skip", not "sometimes"/
    ],
    [
      'github-latest = "yes"',
      [...GROUP, '[targets.cli]', 'group = "platform"', 'kind = "pypi"', 'github-latest = "yes"'],
      7,
      /targets\.cli\.github-latest must be true or false, not a string/
    ],
    [
      'kind = "wheel"',
      [...GROUP, '[targets.cli]', 'group = "platform"', 'kind = "wheel"'],
      6,
      /targets\.cli\.kind must be one of "pypi", "docker"/
    ],
    [
      'tag without {version}',
      [...GROUP, '[targets.cli]', 'group = "platform"', 'kind = "pypi"', 'tag = "cli"'],
      7,
      /targets\.cli\.tag = "cli" must be a template containing \{version\}/
    ],
    [
      'smoke as a string',
      [...GROUP, '[targets.cli]', 'group = "platform"', 'kind = "pypi"', 'smoke = "dakora --help"'],
      7,
      /targets\.cli\.smoke must be an array of strings/
    ],
    ['a target without group', [...GROUP, '[targets.cli]', 'kind = "pypi"'], 4, /targets\.cli is missing the required key "group"/],
    [
      'an upper-case image name',
      [...GROUP, '[targets.docker]', 'group = "platform"', 'kind = "docker"', 'images = [', '  { name = "Server" },', ']'],
      8,
      /targets\.docker\.images\[0\]\.name = "Server"/
    ],
    [
      'an unknown image key',
      [
        ...GROUP,
        '[targets.docker]',
        'group = "platform"',
        'kind = "docker"',
        'images = [',
        '  { name = "server", contxt = "server" },',
        ']'
      ],
      8,
      /did you mean "context"/
    ],
    ['an unknown top-level key', ['grups = 1', ...GROUP], 1, /unknown key grups \(did you mean "groups"\?\)/],
    ['a group name with a space', ['[groups."my group"]', 'packages = ["cli"]'], 1, /the name must match/]
  ])('%s', (_what, lines, line, message) => {
    const error = loadError(cfg(lines))
    expect(error.code).toBe('E_CONFIG')
    expect(error.location).toMatchObject({ file: '.github/pyship.toml', line })
    expect(error.message).toMatch(message)
    expect(error.message.startsWith('.github/pyship.toml')).toBe(true)
  })

  test.each([
    [
      'a target naming an unknown group',
      [...GROUP, '[targets.cli]', 'group = "platfrom"', 'kind = "pypi"'],
      5,
      /targets\.cli\.group = "platfrom" is not a group \(did you mean "platform"\?\)/
    ],
    [
      'a group package that does not exist',
      ['[groups.platform]', 'packages = [', '  "cli",', '  "nope",', ']'],
      4,
      /"nope" does not exist/
    ],
    [
      'a group package without pyproject.toml',
      ['[groups.platform]', 'packages = [', '  "cli",', '  "docs",', ']'],
      4,
      /"docs" has no pyproject\.toml/
    ],
    [
      'a glob matching nothing',
      ['[groups.platform]', 'packages = [', '  "cli",', '  "libs/*",', ']'],
      4,
      /"libs\/\*" matches no directory with a pyproject\.toml/
    ],
    [
      'a package outside the working directory',
      ['[groups.platform]', 'packages = ["cli", "../elsewhere"]'],
      2,
      /"\.\.\/elsewhere" must be a directory inside the working directory/
    ],
    [
      'a package in two groups',
      ['[groups.platform]', 'packages = ["cli", "server"]', '', '[groups.other]', 'packages = ["server"]'],
      5,
      /package server is already in group platform/
    ],
    [
      'a target package outside its group',
      [
        '[groups.platform]',
        'packages = ["cli"]',
        '[groups.srv]',
        'packages = ["server"]',
        '[targets.cli]',
        'group = "platform"',
        'kind = "pypi"',
        'packages = ["server"]'
      ],
      8,
      /package server is not a member of group platform/
    ],
    [
      'a docker image whose context is missing',
      [
        ...GROUP,
        '[targets.docker]',
        'group = "platform"',
        'kind = "docker"',
        'images = [',
        '  { name = "server" },',
        '  { name = "studio" },',
        ']'
      ],
      9,
      /context directory "studio" does not exist/
    ],
    [
      'a docker target without images',
      [...GROUP, '[targets.docker]', 'group = "platform"', 'kind = "docker"'],
      4,
      /docker target without images/
    ]
  ])('%s', (_what, lines, line, message) => {
    const files = { ...cfg(lines), 'docs/README.md': 'x' }
    const error = loadError(files)
    expect(error.code).toBe('E_CONFIG')
    expect(error.location).toMatchObject({ file: '.github/pyship.toml', line })
    expect(error.message).toMatch(message)
  })

  test('several problems are reported together, each on its line', () => {
    const error = loadError(
      cfg([
        '[groups.platform]', // 1
        'packages = "cli"', // 2
        '', // 3
        '[targets.cli]', // 4
        'group = "platform"', // 5
        'kind = "pypi"', // 6
        'tets = "optional"', // 7
        'github-latest = "yes"' // 8
      ])
    )
    const found = all(error).map((p) => [p.code, p.file, p.line])
    expect(found).toHaveLength(3)
    expect(found).toEqual(
      expect.arrayContaining([
        ['E_CONFIG', '.github/pyship.toml', 2],
        ['E_CONFIG', '.github/pyship.toml', 7],
        ['E_CONFIG', '.github/pyship.toml', 8]
      ])
    )
  })

  test('several resolution problems are reported together', () => {
    const error = loadError(
      cfg([
        '[groups.platform]', // 1
        'packages = ["cli", "nope"]', // 2
        '[targets.cli]', // 3
        'group = "platfrom"', // 4
        'kind = "pypi"' // 5
      ])
    )
    expect(all(error).map((p) => [p.code, p.line])).toEqual(
      expect.arrayContaining([
        ['E_CONFIG', 2],
        ['E_CONFIG', 4]
      ])
    )
    expect(all(error)).toHaveLength(2)
  })

  test('[tool.pyship] that is not a table → E_CONFIG on its line', () => {
    const error = loadError({ 'pyproject.toml': '[project]\nname = "r"\nversion = "1.0"\n\n[tool]\npyship = "yes"\n' })
    expect(error.code).toBe('E_CONFIG')
    expect(error.location).toMatchObject({ file: 'pyproject.toml', line: 6 })
    expect(error.message).toMatch(/must be a table, not a string/)
  })

  test('a config file with a TOML syntax error → E_CONFIG with line and column', () => {
    const error = loadError(cfg(['[groups.platform]', 'packages = ["cli",']))
    expect(error.code).toBe('E_CONFIG')
    expect(error.location?.file).toBe('.github/pyship.toml')
    expect(error.location?.line).toBeGreaterThanOrEqual(2)
    expect(error.location?.column).toBeGreaterThanOrEqual(1)
  })
})

describe('package globs', () => {
  test('globs expand to directories with a pyproject.toml, sorted, without duplicates', () => {
    const config = load({
      'packages/b/pyproject.toml': pyproject('b'),
      'packages/a/pyproject.toml': pyproject('a'),
      'packages/c/README.md': 'no pyproject',
      'libs/alpha/pyproject.toml': pyproject('alpha'),
      'libs/beta/pyproject.toml': pyproject('beta'),
      'libs/core/pyproject.toml': pyproject('core'),
      '.github/pyship.toml': '[groups.g]\npackages = ["packages/*", "./packages/a/"]\n[groups.h]\npackages = ["libs/[ab]*"]\n'
    })
    expect(config.groups.g.packages).toEqual(['packages/a', 'packages/b'])
    expect(config.groups.h.packages).toEqual(['libs/alpha', 'libs/beta'])
  })

  test('target defaults: tag "<name>-v{version}", tests required, github-latest true, packages = the group', () => {
    const config = load({
      'a/pyproject.toml': pyproject('a'),
      '.github/pyship.toml': '[groups.g]\npackages = ["a"]\n[targets.t]\ngroup = "g"\nkind = "pypi"\n'
    })
    expect(config.targets.t).toMatchObject({
      name: 't',
      group: 'g',
      kind: 'pypi',
      packages: ['a'],
      tag: 't-v{version}',
      tests: 'required',
      githubLatest: true,
      images: []
    })
  })
})

describe('resolveComponent', () => {
  const seedConfig = (): Config =>
    load({
      'cli/pyproject.toml': pyproject('dakora'),
      'server/pyproject.toml': pyproject('dakora-server'),
      'server/Dockerfile': 'FROM x\n',
      'studio/Dockerfile': 'FROM x\n',
      'packages/client-python/pyproject.toml': pyproject('dakora-client')
    })

  test.each([
    ['cli', { groups: ['platform'], targets: ['cli'] }],
    ['docker', { groups: ['platform'], targets: ['docker'] }],
    ['platform', { groups: ['platform'], targets: ['cli', 'docker'] }],
    ['sdk', { groups: ['sdk'], targets: ['sdk'] }]
  ])('%j → %j', (component, scope) => {
    expect(resolveComponent(seedConfig(), component)).toEqual(scope)
  })

  test('a group without targets covers no targets', () => {
    const config = load({ 'a/pyproject.toml': pyproject('a'), '.github/pyship.toml': '[groups.g]\npackages = ["a"]\n' })
    expect(resolveComponent(config, 'g')).toEqual({ groups: ['g'], targets: [] })
  })

  test.each([
    ['clii', /did you mean "cli"/],
    ['platfrom', /did you mean "platform"/],
    ['website', /targets: cli, docker, sdk; groups: platform, sdk/]
  ])('%j → E_INPUT', (component, message) => {
    let error: unknown
    try {
      resolveComponent(seedConfig(), component)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PyshipError)
    expect((error as PyshipError).code).toBe('E_INPUT')
    expect((error as PyshipError).message).toContain(`component "${component}"`)
    expect((error as PyshipError).message).toMatch(message)
  })

  test('no groups configured → E_INPUT saying so', () => {
    const config = load({})
    expect(() => resolveComponent(config, 'cli')).toThrow(/no groups are configured/)
  })
})

describe('broken-suffix', () => {
  const groups = '[groups.core]\npackages = ["a"]\n'
  const tree = (extra: string): Tree => ({
    '.github/pyship.toml': `${extra}${groups}`,
    'a/pyproject.toml': '[project]\nname = "a"\nversion = "1.0.0"\n'
  })
  test.each([
    ['', '-broken'],
    ['broken-suffix = ".bad"\n', '.bad']
  ])('%j → %s', (extra, expected) => {
    expect(load(tree(extra)).brokenSuffix).toBe(expected)
  })
  test('a value that cannot be part of a Docker tag is E_CONFIG on its line', () => {
    const error = loadError(tree('broken-suffix = "/oops"\n'))
    expect(error.code).toBe('E_CONFIG')
    expect(error.location).toMatchObject({ file: '.github/pyship.toml', line: 1 })
  })
})
