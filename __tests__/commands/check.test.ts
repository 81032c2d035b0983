import { afterEach, describe, test, expect } from '@jest/globals'
import path from 'node:path'
import { PyshipError, toProblems } from '../../src/errors.js'
import { check, checkMonorepo } from '../../src/commands/check.js'
import { loadMonorepo } from '../../src/monorepo/load.js'
import { parseInputs } from '../../src/inputs.js'
import type { CommandResult } from '../../src/report/result.js'
import { copyTree, editFile, FIXTURES_DIR, PROJECT_DIR, removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const DAKORA = path.join(PROJECT_DIR, 'examples', 'dakora')
const ORBIT = path.join(FIXTURES_DIR, 'repos', 'orbit')

interface Options {
  component?: string
  version?: string
}

function checkDir(root: string, options: Options = {}): CommandResult {
  const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
  return checkMonorepo(repo, { component: options.component ?? '', version: options.version ?? '' })
}

function checkTree(files: Tree, options: Options = {}): CommandResult {
  return checkDir(writeTree(tempDir(), files), options)
}

/** The fields of the `problems` output that tests compare: code, file, line. */
type Found = [string, string | undefined, number | undefined]
const found = (result: CommandResult): Found[] =>
  result.problems
    .map((p): Found => [p.code, p.file, p.line])
    .sort((a, b) => `${a[1]}:${a[2]}:${a[0]}`.localeCompare(`${b[1]}:${b[2]}:${b[0]}`))
const sorted = (rows: Found[]): Found[] => [...rows].sort((a, b) => `${a[1]}:${a[2]}:${a[0]}`.localeCompare(`${b[1]}:${b[2]}:${b[0]}`))

/** One string replacement in a copied example (must match exactly once). */
type Edit = [file: string, from: string, to: string]

const pyproject = (name: string, version: string, extra = ''): string => `[project]\nname = "${name}"\nversion = "${version}"\n${extra}`

const config = (groups: Record<string, string[]>): string =>
  Object.entries(groups)
    .map(([name, dirs]) => `[groups.${name}]\npackages = ${JSON.stringify(dirs)}\n`)
    .join('\n')

describe('the example repositories are clean', () => {
  test('examples/dakora (seed layout, built-in defaults)', () => {
    const result = checkDir(DAKORA)
    expect(result.problems).toEqual([])
    expect(result.command).toBe('check')
    expect(result.table?.header).toEqual(['Package', 'Path', 'Version', 'Group'])
    expect(result.table?.rows).toHaveLength(3)
    expect(result.table?.rows).toEqual(
      expect.arrayContaining([
        ['dakora', 'cli/pyproject.toml', '2.0.0', 'platform'],
        ['dakora-server', 'server/pyproject.toml', '2.0.0', 'platform'],
        ['dakora-client', 'packages/client-python/pyproject.toml', '1.4.0', 'sdk']
      ])
    )
  })

  test('__fixtures__/repos/orbit (groups only, a CRLF file, an excluded stale member)', () => {
    const result = checkDir(ORBIT)
    expect(result.problems).toEqual([])
    expect(result.table?.rows).toHaveLength(4)
    expect(result.table?.rows).toEqual(
      expect.arrayContaining([
        ['orbit', 'pyproject.toml', '0.8.0', 'core'],
        ['orbit-core', 'libs/core/pyproject.toml', '0.8.0', 'core'],
        ['orbit-api', 'apps/api/pyproject.toml', '0.8.0', 'core'],
        ['orbit-client', 'libs/client/pyproject.toml', '0.8.1', 'client']
      ])
    )
  })

  test.each([
    [DAKORA, 'platform', '2.0.0'],
    [DAKORA, 'cli', '2.0.0'],
    [DAKORA, 'docker', '2.0.0'],
    [DAKORA, 'sdk', '1.4.0'],
    [ORBIT, 'core', '0.8.0'],
    [ORBIT, 'client', '0.8.1']
  ])('%s with component %j: outputs.version = %j', (dir, component, version) => {
    const result = checkDir(dir, { component })
    expect(result.problems).toEqual([])
    expect(result.outputs.version).toBe(version)
  })

  test('with component and the matching version (v prefix)', () => {
    const result = checkDir(DAKORA, { component: 'platform', version: 'v2.0.0' })
    expect(result.problems).toEqual([])
    expect(result.outputs.version).toBe('2.0.0')
  })

  test('component limits the table to its group', () => {
    const result = checkDir(DAKORA, { component: 'sdk' })
    expect(result.table?.rows).toEqual([['dakora-client', 'packages/client-python/pyproject.toml', '1.4.0', 'sdk']])
  })
})

describe('examples/dakora with one change', () => {
  test.each<[string, Edit[], Options, Found[]]>([
    [
      'server version differs (1/1 tie: both annotated)',
      [
        ['server/pyproject.toml', 'version = "2.0.0"', 'version = "2.0.1"'],
        ['uv.lock', 'version = "2.0.0"\nsource = { editable = "server" }', 'version = "2.0.1"\nsource = { editable = "server" }']
      ],
      {},
      [
        ['E_VERSION_MISMATCH', 'cli/pyproject.toml', 3],
        ['E_VERSION_MISMATCH', 'server/pyproject.toml', 3]
      ]
    ],
    [
      'cli version differs, uv.lock not updated',
      [['cli/pyproject.toml', 'version = "2.0.0"', 'version = "2.0.1"']],
      {},
      [
        ['E_VERSION_MISMATCH', 'cli/pyproject.toml', 3],
        ['E_VERSION_MISMATCH', 'server/pyproject.toml', 3],
        ['E_LOCK_DRIFT', 'uv.lock', 14]
      ]
    ],
    [
      'invalid server version',
      [['server/pyproject.toml', 'version = "2.0.0"', 'version = "2.0.x"']],
      {},
      [['E_INVALID_VERSION', 'server/pyproject.toml', 3]]
    ],
    [
      'cli pin excludes the client',
      [['cli/pyproject.toml', '"dakora-client~=1.4.0"', '"dakora-client~=1.3.0"']],
      {},
      [['E_PIN_EXCLUDES', 'cli/pyproject.toml', 9]]
    ],
    [
      'server pin excludes the client',
      [['server/pyproject.toml', '"dakora-client>=1.4,<2"', '"dakora-client>=1.5,<2"']],
      {},
      [['E_PIN_EXCLUDES', 'server/pyproject.toml', 9]]
    ],
    [
      'client bumped to 1.5.0 with uv.lock: the cli pin ~=1.4.0 excludes it',
      [
        ['packages/client-python/pyproject.toml', 'version = "1.4.0"', 'version = "1.5.0"'],
        ['uv.lock', 'version = "1.4.0"', 'version = "1.5.0"']
      ],
      {},
      [['E_PIN_EXCLUDES', 'cli/pyproject.toml', 9]]
    ],
    [
      'client bumped to 1.5.0 without uv.lock',
      [['packages/client-python/pyproject.toml', 'version = "1.4.0"', 'version = "1.5.0"']],
      {},
      [
        ['E_PIN_EXCLUDES', 'cli/pyproject.toml', 9],
        ['E_LOCK_DRIFT', 'uv.lock', 25]
      ]
    ],
    [
      'client 2.0.0rc1: ~=1.4.0 and <2 both exclude it',
      [
        ['packages/client-python/pyproject.toml', 'version = "1.4.0"', 'version = "2.0.0rc1"'],
        ['uv.lock', 'version = "1.4.0"', 'version = "2.0.0rc1"']
      ],
      {},
      [
        ['E_PIN_EXCLUDES', 'cli/pyproject.toml', 9],
        ['E_PIN_EXCLUDES', 'server/pyproject.toml', 9]
      ]
    ],
    [
      'client 1.4.1rc1: admitted by ~=1.4.0 and >=1.4,<2 (pre-releases count as inside)',
      [
        ['packages/client-python/pyproject.toml', 'version = "1.4.0"', 'version = "1.4.1rc1"'],
        ['uv.lock', 'version = "1.4.0"', 'version = "1.4.1rc1"']
      ],
      {},
      []
    ],
    [
      'client spelled 1.4.0-RC.1 in pyproject, 1.4.0rc1 in uv.lock: same version',
      [
        ['packages/client-python/pyproject.toml', 'version = "1.4.0"', 'version = "1.4.0-RC.1"'],
        ['uv.lock', 'version = "1.4.0"', 'version = "1.4.0rc1"'],
        ['cli/pyproject.toml', '~=1.4.0', '>=1.4.0rc1'],
        ['server/pyproject.toml', '>=1.4,<2', '>=1.4.0rc1,<2']
      ],
      {},
      []
    ],
    [
      'uv.lock drift on dakora',
      [['uv.lock', 'version = "2.0.0"\nsource = { editable = "cli" }', 'version = "1.9.0"\nsource = { editable = "cli" }']],
      {},
      [['E_LOCK_DRIFT', 'uv.lock', 14]]
    ],
    ['uv.lock drift on dakora-client', [['uv.lock', 'version = "1.4.0"', 'version = "1.3.0"']], {}, [['E_LOCK_DRIFT', 'uv.lock', 25]]],
    [
      'uv.lock drift on dakora-server',
      [['uv.lock', 'version = "2.0.0"\nsource = { editable = "server" }', 'version = "2.0.0rc1"\nsource = { editable = "server" }']],
      {},
      [['E_LOCK_DRIFT', 'uv.lock', 30]]
    ],
    [
      'version not updated (platform, v2.0.1)',
      [],
      { component: 'platform', version: 'v2.0.1' },
      [
        ['E_VERSION_NOT_UPDATED', 'cli/pyproject.toml', 3],
        ['E_VERSION_NOT_UPDATED', 'server/pyproject.toml', 3]
      ]
    ],
    [
      'version not updated (target cli covers its group)',
      [],
      { component: 'cli', version: '2.1.0' },
      [
        ['E_VERSION_NOT_UPDATED', 'cli/pyproject.toml', 3],
        ['E_VERSION_NOT_UPDATED', 'server/pyproject.toml', 3]
      ]
    ],
    [
      'version not updated (sdk)',
      [],
      { component: 'sdk', version: '1.4.1' },
      [['E_VERSION_NOT_UPDATED', 'packages/client-python/pyproject.toml', 3]]
    ],
    [
      'component sdk: a platform mismatch is out of scope',
      [['server/pyproject.toml', 'version = "2.0.0"', 'version = "2.0.1"']],
      { component: 'sdk' },
      []
    ],
    [
      'component sdk: a cli pin onto the sdk is in scope',
      [['cli/pyproject.toml', '"dakora-client~=1.4.0"', '"dakora-client~=1.3.0"']],
      { component: 'sdk' },
      [['E_PIN_EXCLUDES', 'cli/pyproject.toml', 9]]
    ],
    [
      'component sdk: platform uv.lock drift is out of scope',
      [['uv.lock', 'version = "2.0.0"\nsource = { editable = "cli" }', 'version = "1.9.0"\nsource = { editable = "cli" }']],
      { component: 'sdk' },
      []
    ],
    [
      'component platform: sdk uv.lock drift is out of scope',
      [['uv.lock', 'version = "1.4.0"', 'version = "1.3.0"']],
      { component: 'platform' },
      []
    ]
  ])('%s', (_what, edits, options, expected) => {
    const root = copyTree(DAKORA)
    for (const [file, from, to] of edits) editFile(root, file, from, to)
    const result = checkDir(root, options)
    expect(found(result)).toEqual(sorted(expected))
    if (expected.length === 0) expect(result.problems).toEqual([])
  })
})

describe('__fixtures__/repos/orbit with one change', () => {
  test.each<[string, Edit[], Options, Found[]]>([
    [
      'root pin on Orbit_Client (PEP 503 name) excludes it',
      [['pyproject.toml', '"Orbit_Client[async]>=0.8"', '"Orbit_Client[async]>=0.9"']],
      {},
      [['E_PIN_EXCLUDES', 'pyproject.toml', 7]]
    ],
    [
      'both pins on the root line exclude',
      [['pyproject.toml', '"orbit-core==0.8.0", "Orbit_Client[async]>=0.8"', '"orbit-core==0.7.0", "Orbit_Client[async]>=0.9"']],
      {},
      [
        ['E_PIN_EXCLUDES', 'pyproject.toml', 7],
        ['E_PIN_EXCLUDES', 'pyproject.toml', 7]
      ]
    ],
    [
      'dependency-groups pin excludes',
      [['libs/core/pyproject.toml', '"orbit-client~=0.8.1"', '"orbit-client~=0.9.0"']],
      {},
      [['E_PIN_EXCLUDES', 'libs/core/pyproject.toml', 10]]
    ],
    [
      'optional-dependencies (extras) pin excludes',
      [['apps/api/pyproject.toml', '"orbit-client[maf]~=0.8.0"', '"orbit-client[maf]~=0.7.0"']],
      {},
      [['E_PIN_EXCLUDES', 'apps/api/pyproject.toml', 10]]
    ],
    [
      'client 0.9.0 (CRLF file) with uv.lock: the ~= pins exclude it, >=0.8 admits it',
      [
        ['libs/client/pyproject.toml', "version = '0.8.1'", "version = '0.9.0'"],
        ['uv.lock', 'version = "0.8.1"', 'version = "0.9.0"']
      ],
      {},
      [
        ['E_PIN_EXCLUDES', 'apps/api/pyproject.toml', 10],
        ['E_PIN_EXCLUDES', 'libs/core/pyproject.toml', 10]
      ]
    ],
    [
      'client 0.8.2 without uv.lock',
      [['libs/client/pyproject.toml', "version = '0.8.1'", "version = '0.8.2'"]],
      {},
      [['E_LOCK_DRIFT', 'uv.lock', 44]]
    ],
    [
      'client invalid version in the CRLF file',
      [['libs/client/pyproject.toml', "version = '0.8.1'", "version = '0.8.1 final'"]],
      {},
      [['E_INVALID_VERSION', 'libs/client/pyproject.toml', 3]]
    ],
    [
      'core member differs (2/1): only the minority is annotated',
      [
        ['libs/core/pyproject.toml', 'version = "0.8.0"', 'version = "0.8.1"'],
        ['uv.lock', 'version = "0.8.0"\nsource = { editable = "libs/core" }', 'version = "0.8.1"\nsource = { editable = "libs/core" }']
      ],
      {},
      [
        ['E_PIN_EXCLUDES', 'pyproject.toml', 7],
        ['E_VERSION_MISMATCH', 'libs/core/pyproject.toml', 3]
      ]
    ],
    [
      'api member differs (2/1)',
      [
        ['apps/api/pyproject.toml', 'version = "0.8.0"', 'version = "0.9.0"'],
        ['uv.lock', 'version = "0.8.0"\nsource = { editable = "apps/api" }', 'version = "0.9.0"\nsource = { editable = "apps/api" }']
      ],
      {},
      [['E_VERSION_MISMATCH', 'apps/api/pyproject.toml', 3]]
    ],
    [
      'uv.lock drift on orbit',
      [['uv.lock', 'version = "0.8.0"\nsource = { editable = "." }', 'version = "0.7.0"\nsource = { editable = "." }']],
      {},
      [['E_LOCK_DRIFT', 'uv.lock', 15]]
    ],
    [
      'uv.lock drift on orbit-api',
      [['uv.lock', 'version = "0.8.0"\nsource = { editable = "apps/api" }', 'version = "0.7.0"\nsource = { editable = "apps/api" }']],
      {},
      [['E_LOCK_DRIFT', 'uv.lock', 30]]
    ],
    ['uv.lock drift on orbit-client', [['uv.lock', 'version = "0.8.1"', 'version = "0.8.0"']], {}, [['E_LOCK_DRIFT', 'uv.lock', 44]]],
    [
      'uv.lock drift on orbit-core',
      [['uv.lock', 'version = "0.8.0"\nsource = { editable = "libs/core" }', 'version = "0.7.0"\nsource = { editable = "libs/core" }']],
      {},
      [['E_LOCK_DRIFT', 'uv.lock', 52]]
    ],
    [
      'version not updated (core, 0.9.0)',
      [],
      { component: 'core', version: '0.9.0' },
      [
        ['E_VERSION_NOT_UPDATED', 'pyproject.toml', 3],
        ['E_VERSION_NOT_UPDATED', 'libs/core/pyproject.toml', 3],
        ['E_VERSION_NOT_UPDATED', 'apps/api/pyproject.toml', 3]
      ]
    ],
    [
      'version not updated (client, CRLF file)',
      [],
      { component: 'client', version: 'v0.8.2' },
      [['E_VERSION_NOT_UPDATED', 'libs/client/pyproject.toml', 3]]
    ],
    [
      'component client: core mismatch out of scope, pins onto the client in scope',
      [
        ['libs/client/pyproject.toml', "version = '0.8.1'", "version = '0.9.0'"],
        ['uv.lock', 'version = "0.8.1"', 'version = "0.9.0"'],
        ['libs/core/pyproject.toml', 'version = "0.8.0"', 'version = "0.8.1"'],
        ['uv.lock', 'version = "0.8.0"\nsource = { editable = "libs/core" }', 'version = "0.8.1"\nsource = { editable = "libs/core" }']
      ],
      { component: 'client' },
      [
        ['E_PIN_EXCLUDES', 'apps/api/pyproject.toml', 10],
        ['E_PIN_EXCLUDES', 'libs/core/pyproject.toml', 10]
      ]
    ],
    [
      'component client: uv.lock drift of a core member is out of scope',
      [['uv.lock', 'version = "0.8.0"\nsource = { editable = "apps/api" }', 'version = "0.7.0"\nsource = { editable = "apps/api" }']],
      { component: 'client' },
      []
    ],
    [
      'the excluded libs/legacy stays unchecked even when its pin gets worse',
      [['libs/legacy/pyproject.toml', '"orbit-core==0.1"', '"orbit-core==0.0.1"']],
      {},
      []
    ]
  ])('%s', (_what, edits, options, expected) => {
    const root = copyTree(ORBIT)
    for (const [file, from, to] of edits) editFile(root, file, from, to)
    const result = checkDir(root, options)
    expect(found(result)).toEqual(sorted(expected))
    if (expected.length === 0) expect(result.problems).toEqual([])
  })

  test('the CRLF file keeps its line endings through the copy (fixture guard)', () => {
    const root = copyTree(ORBIT)
    editFile(root, 'libs/client/pyproject.toml', "version = '0.8.1'\r\n", "version = '0.8.1'\r\n")
  })

  test('an unparsable member pyproject is E_CONFIG with line and column, the rest is still checked', () => {
    const root = copyTree(ORBIT)
    editFile(root, 'apps/api/pyproject.toml', 'version = "0.8.0"', 'version = "0.8.0')
    editFile(root, 'libs/core/pyproject.toml', '"orbit-client~=0.8.1"', '"orbit-client~=0.9.0"')
    const result = checkDir(root)
    expect(found(result)).toEqual(
      sorted([
        ['E_CONFIG', 'apps/api/pyproject.toml', 3],
        ['E_PIN_EXCLUDES', 'libs/core/pyproject.toml', 10]
      ])
    )
    expect(result.problems.find((p) => p.code === 'E_CONFIG')?.column).toEqual(expect.any(Number))
  })
})

describe('synthetic trees', () => {
  test.each<[string, Tree, Options, Found[]]>([
    [
      '3 members 2/1: only the minority',
      {
        '.github/pyship.toml': config({ g: ['a', 'b', 'c'] }),
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'b/pyproject.toml': pyproject('b', '1.0.0'),
        'c/pyproject.toml': pyproject('c', '1.1.0')
      },
      {},
      [['E_VERSION_MISMATCH', 'c/pyproject.toml', 3]]
    ],
    [
      '3 members 1/1/1: all of them',
      {
        '.github/pyship.toml': config({ g: ['a', 'b', 'c'] }),
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'b/pyproject.toml': pyproject('b', '1.0.1'),
        'c/pyproject.toml': pyproject('c', '1.0.2')
      },
      {},
      [
        ['E_VERSION_MISMATCH', 'a/pyproject.toml', 3],
        ['E_VERSION_MISMATCH', 'b/pyproject.toml', 3],
        ['E_VERSION_MISMATCH', 'c/pyproject.toml', 3]
      ]
    ],
    [
      '4 members 2/2: all of them',
      {
        '.github/pyship.toml': config({ g: ['a', 'b', 'c', 'd'] }),
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'b/pyproject.toml': pyproject('b', '1.0.0'),
        'c/pyproject.toml': pyproject('c', '2.0.0'),
        'd/pyproject.toml': pyproject('d', '2.0.0')
      },
      {},
      [
        ['E_VERSION_MISMATCH', 'a/pyproject.toml', 3],
        ['E_VERSION_MISMATCH', 'b/pyproject.toml', 3],
        ['E_VERSION_MISMATCH', 'c/pyproject.toml', 3],
        ['E_VERSION_MISMATCH', 'd/pyproject.toml', 3]
      ]
    ],
    [
      'different spellings of one version are in sync',
      {
        '.github/pyship.toml': config({ g: ['a', 'b'] }),
        'a/pyproject.toml': pyproject('a', '2.0.0rc1'),
        'b/pyproject.toml': pyproject('b', '2.0.0-RC.1')
      },
      {},
      []
    ],
    [
      'version given in a non-normal spelling is compared after normalization',
      {
        '.github/pyship.toml': config({ g: ['a', 'b'] }),
        'a/pyproject.toml': pyproject('a', '2.0.0rc1'),
        'b/pyproject.toml': pyproject('b', '2.0.0rc1')
      },
      { component: 'g', version: '2.0.0-rc.1' },
      []
    ],
    [
      'version with a v prefix',
      {
        '.github/pyship.toml': config({ g: ['a'] }),
        'a/pyproject.toml': pyproject('a', '3.2.0')
      },
      { component: 'g', version: 'v3.2.0' },
      []
    ],
    [
      'version differing from a non-normal spelling in a file',
      {
        '.github/pyship.toml': config({ g: ['a', 'b'] }),
        'a/pyproject.toml': pyproject('a', '2.0.0-rc.1'),
        'b/pyproject.toml': pyproject('b', '2.0.0rc1')
      },
      { component: 'g', version: '2.0.0rc2' },
      [
        ['E_VERSION_NOT_UPDATED', 'a/pyproject.toml', 3],
        ['E_VERSION_NOT_UPDATED', 'b/pyproject.toml', 3]
      ]
    ],
    [
      'only the differing file is not updated',
      {
        '.github/pyship.toml': config({ g: ['a', 'b'] }),
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'b/pyproject.toml': pyproject('b', '1.1.0')
      },
      { component: 'g', version: '1.1.0' },
      [
        ['E_VERSION_MISMATCH', 'a/pyproject.toml', 3],
        ['E_VERSION_MISMATCH', 'b/pyproject.toml', 3],
        ['E_VERSION_NOT_UPDATED', 'a/pyproject.toml', 3]
      ]
    ],
    [
      'a UTF-8 BOM does not shift lines',
      {
        '.github/pyship.toml': config({ g: ['a'] }),
        'a/pyproject.toml': '\uFEFF[project]\r\nname = "a"\r\nversion = "1.0.0;x"\r\n'
      },
      {},
      [['E_INVALID_VERSION', 'a/pyproject.toml', 3]]
    ],
    [
      'version line below other keys',
      {
        '.github/pyship.toml': config({ g: ['a'] }),
        'a/pyproject.toml': '# comment\n\n[project]\nname = "a"\ndescription = "x"\nversion = "one"\n'
      },
      {},
      [['E_INVALID_VERSION', 'a/pyproject.toml', 6]]
    ],
    [
      'a pin in an ungrouped workspace member counts',
      {
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a", "tools/b"]\n\n[tool.pyship.groups.g]\npackages = ["a"]\n',
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'tools/b/pyproject.toml': pyproject('b', '0.1.0', 'dependencies = [\n  "requests>=2",\n  "A==0.9",\n]\n')
      },
      {},
      [['E_PIN_EXCLUDES', 'tools/b/pyproject.toml', 6]]
    ],
    [
      '…also with component naming the pinned group',
      {
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a", "tools/b"]\n\n[tool.pyship.groups.g]\npackages = ["a"]\n',
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'tools/b/pyproject.toml': pyproject('b', '0.1.0', 'dependencies = [\n  "requests>=2",\n  "A==0.9",\n]\n')
      },
      { component: 'g' },
      [['E_PIN_EXCLUDES', 'tools/b/pyproject.toml', 6]]
    ],
    [
      'a pin between two ungrouped members counts',
      {
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["x", "y"]\n\n[tool.pyship.groups.g]\npackages = ["a"]\n',
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'x/pyproject.toml': pyproject('x', '1.0.0'),
        'y/pyproject.toml': pyproject('y', '1.0.0', '\n[project.optional-dependencies]\nall = ["x[extra]<1"]\n')
      },
      {},
      [['E_PIN_EXCLUDES', 'y/pyproject.toml', 6]]
    ],
    [
      'an admitting pin (pre-release inside >=) is fine',
      {
        '.github/pyship.toml': config({ g: ['a', 'b'] }),
        'a/pyproject.toml': pyproject('a', '2.0.0rc1', 'dependencies = ["b>=1.0"]\n'),
        'b/pyproject.toml': pyproject('b', '2.0.0rc1')
      },
      {},
      []
    ],
    [
      'a URL requirement on a member is not a pin',
      {
        '.github/pyship.toml': config({ g: ['a'], h: ['b'] }),
        'a/pyproject.toml': pyproject('a', '1.0.0', 'dependencies = ["b @ file:///somewhere"]\n'),
        'b/pyproject.toml': pyproject('b', '3.0.0')
      },
      {},
      []
    ],
    [
      'a pin on an external package is ignored',
      {
        '.github/pyship.toml': config({ g: ['a'] }),
        'a/pyproject.toml': pyproject('a', '1.0.0', 'dependencies = ["requests==0.0.1"]\n')
      },
      {},
      []
    ],
    [
      'a dependency-group include table is skipped',
      {
        '.github/pyship.toml': config({ g: ['a', 'b'] }),
        'a/pyproject.toml': pyproject('a', '1.0.0', '[dependency-groups]\ndev = [{ include-group = "test" }, "b<1"]\ntest = []\n'),
        'b/pyproject.toml': pyproject('b', '1.0.0')
      },
      {},
      [['E_PIN_EXCLUDES', 'a/pyproject.toml', 5]]
    ],
    [
      'a dynamic version nobody can locate in a group member is E_VERSION_SOURCE on the dynamic line',
      {
        '.github/pyship.toml': config({ g: ['a', 'b'] }),
        'a/pyproject.toml': '[project]\nname = "a"\ndynamic = ["version"]\n',
        'b/pyproject.toml': pyproject('b', '1.0.0')
      },
      {},
      [['E_VERSION_SOURCE', 'a/pyproject.toml', 3]]
    ],
    [
      'an unlocatable version in an ungrouped member that another member pins is E_VERSION_SOURCE',
      {
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a", "b"]\n\n[tool.pyship.groups.g]\npackages = ["a"]\n',
        'a/pyproject.toml': pyproject('a', '1.0.0', 'dependencies = ["b>=1"]\n'),
        'b/pyproject.toml': '[project]\nname = "b"\ndynamic = ["version"]\n'
      },
      {},
      [['E_VERSION_SOURCE', 'b/pyproject.toml', 3]]
    ],
    [
      'a dynamic version in an ungrouped member is only a notice',
      {
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a", "b"]\n\n[tool.pyship.groups.g]\npackages = ["a"]\n',
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'b/pyproject.toml': '[project]\nname = "b"\ndynamic = ["version"]\n'
      },
      {},
      []
    ],
    [
      'an invalid version in an ungrouped member is reported',
      {
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a", "b"]\n\n[tool.pyship.groups.g]\npackages = ["a"]\n',
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'b/pyproject.toml': pyproject('b', 'latest')
      },
      {},
      [['E_INVALID_VERSION', 'b/pyproject.toml', 3]]
    ],
    [
      'component: a problem in another group is not reported',
      {
        '.github/pyship.toml': config({ g: ['a'], h: ['b', 'c'] }),
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'b/pyproject.toml': pyproject('b', '1.0.0'),
        'c/pyproject.toml': pyproject('c', 'nope')
      },
      { component: 'g' },
      []
    ],
    [
      'component: a pin from another group onto its members is reported',
      {
        '.github/pyship.toml': config({ g: ['a'], h: ['b', 'c'] }),
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'b/pyproject.toml': pyproject('b', '5.0.0', 'dependencies = ["c==5.0.0", "a>=2"]\n'),
        'c/pyproject.toml': pyproject('c', '4.0.0')
      },
      { component: 'g' },
      [['E_PIN_EXCLUDES', 'b/pyproject.toml', 4]]
    ]
  ])('%s', (_what, files, options, expected) => {
    const result = checkTree(files, options)
    expect(found(result)).toEqual(sorted(expected))
    if (expected.length === 0) expect(result.problems).toEqual([])
  })

  test('a dynamic version nobody can locate: E_VERSION_SOURCE says why, never counted as consistent', () => {
    const result = checkTree({
      '.github/pyship.toml': config({ g: ['a'] }),
      'a/pyproject.toml': '[project]\nname = "a"\ndynamic = ["version"]\n'
    })
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({ code: 'E_VERSION_SOURCE', file: 'a/pyproject.toml', line: 3 })
    expect(result.problems[0].message).toBe(
      'a/pyproject.toml: a has dynamic = ["version"] but pyship cannot locate it: dynamic = ["version"] with no build backend (setuptools by default) and no version source pyship knows (hatch path, setuptools attr/file, PDM file, flit, or a git-tag backend)'
    )
    expect(result.headline).toBe('check: 1 problem in 1 package: 1 not located (1 group)')
  })

  test('an invalid specifier on a member is E_CONFIG on its line', () => {
    const result = checkTree({
      '.github/pyship.toml': config({ g: ['a', 'b'] }),
      'a/pyproject.toml': pyproject('a', '1.0.0', 'dependencies = [\n  "b~=1",\n]\n'),
      'b/pyproject.toml': pyproject('b', '1.0.0')
    })
    expect(found(result)).toEqual([['E_CONFIG', 'a/pyproject.toml', 5]])
  })

  test('messages name the packages, versions and the pin; hints say what to change', () => {
    const result = checkTree({
      '.github/pyship.toml': config({ g: ['a', 'b', 'c'] }),
      'a/pyproject.toml': pyproject('a', '1.0.0'),
      'b/pyproject.toml': pyproject('b', '1.0.0', 'dependencies = ["c~=0.9.0"]\n'),
      'c/pyproject.toml': pyproject('c', '1.1.0')
    })
    const mismatch = result.problems.find((p) => p.code === 'E_VERSION_MISMATCH')
    expect(mismatch?.message).toContain('c')
    expect(mismatch?.message).toContain('1.1.0')
    expect(mismatch?.message).toContain('1.0.0')
    expect(mismatch?.hint).toMatch(/bump/)
    const pin = result.problems.find((p) => p.code === 'E_PIN_EXCLUDES')
    expect(pin).toMatchObject({ file: 'b/pyproject.toml', line: 4 })
    expect(pin?.message).toContain('c~=0.9.0')
    expect(pin?.message).toContain('1.1.0')
    expect(pin?.hint).toContain('c~=0.9.0')
  })

  test('outputs.version is empty when there are problems', () => {
    const result = checkTree(
      {
        '.github/pyship.toml': config({ g: ['a', 'b'] }),
        'a/pyproject.toml': pyproject('a', '1.0.0'),
        'b/pyproject.toml': pyproject('b', '1.0.1')
      },
      { component: 'g' }
    )
    expect(result.problems).toHaveLength(2)
    expect(result.outputs.version).toBe('')
  })

  test('outputs.version is the normal form of the group version', () => {
    const result = checkTree(
      { '.github/pyship.toml': config({ g: ['a'] }), 'a/pyproject.toml': pyproject('a', 'v2.0.0-RC.1') },
      { component: 'g' }
    )
    expect(result.problems).toEqual([])
    expect(result.outputs.version).toBe('2.0.0rc1')
  })

  test('an unknown component is E_INPUT', () => {
    expect(() =>
      checkTree(
        { '.github/pyship.toml': config({ platform: ['a'] }), 'a/pyproject.toml': pyproject('a', '1.0.0') },
        { component: 'platfrom' }
      )
    ).toThrow(expect.objectContaining({ code: 'E_INPUT', message: expect.stringContaining('did you mean "platform"') }))
  })
})

describe('no config and not the seed layout: every workspace member is checked', () => {
  const files: Tree = {
    'pyproject.toml':
      '[project]\nname = "root"\nversion = "1.0.0"\ndependencies = ["lib-a>=2"]\n\n[tool.uv.workspace]\nmembers = ["libs/*"]\n',
    'libs/a/pyproject.toml': pyproject('lib_a', '1.0.0'),
    'libs/b/pyproject.toml': pyproject('lib-b', '1.0.0'),
    'uv.lock': 'version = 1\n\n[[package]]\nname = "lib-b"\nversion = "0.9.0"\nsource = { editable = "libs/b" }\n'
  }

  test('pins, versions and uv.lock are checked; a notice says no groups are configured', () => {
    const result = checkTree(files)
    expect(found(result)).toEqual(
      sorted([
        ['E_PIN_EXCLUDES', 'pyproject.toml', 4],
        ['E_LOCK_DRIFT', 'uv.lock', 5]
      ])
    )
    expect(result.notices.some((n) => /no groups are configured/.test(n))).toBe(true)
    expect(result.table?.rows).toHaveLength(3)
  })

  test('different versions are not a mismatch without groups', () => {
    const result = checkTree({
      ...files,
      'libs/b/pyproject.toml': pyproject('lib-b', '0.9.0'),
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n'
    })
    expect(result.problems).toEqual([])
  })

  test('nothing to check at all → E_CONFIG', () => {
    expect(() => checkTree({ 'README.md': 'hello' })).toThrow(expect.objectContaining({ code: 'E_CONFIG' }))
  })
})

describe('check(inputs)', () => {
  const inputsFor = (root: string, values: Record<string, string>) =>
    parseInputs((name) => ({ command: 'check', ...values })[name] ?? '', { workspace: root, cwd: root })

  test('version without component → E_INPUT before reading anything', async () => {
    const root = tempDir() // an empty directory: loading it would be E_CONFIG
    const error = await check(inputsFor(root, { version: '2.0.0' })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PyshipError)
    expect((error as PyshipError).code).toBe('E_INPUT')
    expect((error as PyshipError).message).toMatch(/component/)
  })

  test('an invalid version input with a component → E_INVALID_VERSION', async () => {
    const root = copyTree(DAKORA)
    const result = await check(inputsFor(root, { component: 'platform', version: '2..0' }))
    expect(result.problems.map((p) => p.code)).toContain('E_INVALID_VERSION')
    expect(result.outputs.version).toBe('')
  })

  test('a workspace below the repository root: annotation paths are relative to the repository root', async () => {
    const root = writeTree(tempDir(), {
      'README.md': 'repo',
      'python/pyproject.toml': '[tool.uv.workspace]\nmembers = ["cli", "server", "packages/*"]\n',
      'python/cli/pyproject.toml': pyproject('dakora', '2.0.0', 'dependencies = [\n  "dakora-client~=1.3.0",\n]\n'),
      'python/server/pyproject.toml': pyproject('dakora-server', '2.0.1'),
      'python/packages/client-python/pyproject.toml': pyproject('dakora-client', '1.4.0'),
      'python/uv.lock':
        'version = 1\n\n[[package]]\nname = "dakora-client"\nversion = "1.4.1"\nsource = { editable = "packages/client-python" }\n'
    })
    const result = await check(inputsFor(root, { 'working-directory': 'python' }))
    expect(found(result)).toEqual(
      sorted([
        ['E_VERSION_MISMATCH', 'python/cli/pyproject.toml', 3],
        ['E_VERSION_MISMATCH', 'python/server/pyproject.toml', 3],
        ['E_PIN_EXCLUDES', 'python/cli/pyproject.toml', 5],
        ['E_LOCK_DRIFT', 'python/uv.lock', 5]
      ])
    )
  })

  test('clean with component and version: outputs.version is the normal form', async () => {
    const root = copyTree(DAKORA)
    const result = await check(inputsFor(root, { component: 'cli', version: 'v2.0.0' }))
    expect(result.problems).toEqual([])
    expect(result.outputs.version).toBe('2.0.0')
    expect(result.headline).toMatch(/^check: /)
  })

  test('a config input is honoured', async () => {
    const root = copyTree(DAKORA)
    writeTree(root, { 'release/pyship.toml': '[groups.everything]\npackages = ["cli", "server", "packages/client-python"]\n' })
    const result = await check(inputsFor(root, { config: 'release/pyship.toml' }))
    expect(found(result)).toEqual(sorted([['E_VERSION_MISMATCH', 'packages/client-python/pyproject.toml', 3]]))
  })
})

describe('check on uv workspace globs (issue 27)', () => {
  const tree = (members: string, exclude = '[]'): Tree => ({
    'pyproject.toml': `[tool.uv.workspace]\nmembers = ${members}\nexclude = ${exclude}\n\n[tool.pyship.groups.core]\npackages = ["libs/a"]\n`,
    'libs/a/pyproject.toml': pyproject('a', '1.0.0'),
    'libs/c/pyproject.toml': pyproject('c', '1.0.0', 'dependencies = ["a==1.0.0"]\n'),
    'docs/guide/index.md': '# guide\n'
  })
  test.each<[string, string, string, Found[]]>([
    ['a reversed range is valid: no E_INTERNAL', '["libs/[c-a]", "libs/*"]', '[]', []],
    ['an invalid member pattern is E_CONFIG on its line', '["libs/*", "libs/["]', '[]', [['E_CONFIG', 'pyproject.toml', 2]]],
    ['an invalid exclude pattern is E_CONFIG on its line', '["libs/*"]', '["**x"]', [['E_CONFIG', 'pyproject.toml', 3]]],
    [
      'a matched directory without pyproject.toml is E_CONFIG, as uv refuses it',
      '["libs/*", "docs/*"]',
      '[]',
      [['E_CONFIG', 'pyproject.toml', 2]]
    ],
    ['excluding that directory makes the workspace valid', '["libs/*", "docs/*"]', '["docs/*"]', []]
  ])('%s', (_what, members, exclude, expected) => {
    expect(found(checkTree(tree(members, exclude)))).toEqual(expected)
  })
})

describe('pyship packages globs follow the same rules (issue 27)', () => {
  test('an invalid packages glob is E_CONFIG worded as the glob crate words it; a reversed range matches nothing', () => {
    const root = writeTree(tempDir(), {
      'pyproject.toml': '[tool.pyship.groups.core]\npackages = ["libs/[", "libs/[c-a]", "libs/*"]\n',
      'libs/a/pyproject.toml': pyproject('a', '1.0.0')
    })
    let error: unknown
    try {
      loadMonorepo({ workDir: root, repoRoot: root }, '')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PyshipError)
    expect(toProblems(error as PyshipError).map((p) => `${p.code} ${p.line} ${p.message}`)).toEqual([
      'E_CONFIG 2 groups.core.packages[0] = "libs/[": Pattern syntax error near position 5: invalid range pattern',
      'E_CONFIG 2 groups.core.packages[1] = "libs/[c-a]" matches no directory with a pyproject.toml'
    ])
  })
})
