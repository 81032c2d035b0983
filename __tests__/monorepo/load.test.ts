import { afterEach, describe, test, expect } from '@jest/globals'
import path from 'node:path'
import { groupOf, loadMonorepo, workspaceMembers } from '../../src/monorepo/load.js'
import { parseToml } from '../../src/pyproject/toml.js'
import { FIXTURES_DIR, PROJECT_DIR, removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const ORBIT = path.join(FIXTURES_DIR, 'repos', 'orbit')
const DAKORA = path.join(PROJECT_DIR, 'examples', 'dakora')

const pyproject = (name: string, version = '1.0.0'): string => `[project]\nname = "${name}"\nversion = "${version}"\n`

describe('workspaceMembers', () => {
  const tree: Tree = {
    'libs/a/pyproject.toml': pyproject('a'),
    'libs/b/pyproject.toml': pyproject('b'),
    'libs/legacy/pyproject.toml': pyproject('legacy'),
    'libs/notes/README.md': 'not a package',
    'apps/api/pyproject.toml': pyproject('api'),
    'apps/web/pyproject.toml': pyproject('web')
  }

  test.each([
    [
      'virtual root, one glob',
      '[tool.uv.workspace]\nmembers = ["libs/*"]\nexclude = ["libs/notes"]\n',
      ['libs/a', 'libs/b', 'libs/legacy']
    ],
    ['root with [project] comes first', '[project]\nname = "r"\n[tool.uv.workspace]\nmembers = ["apps/api"]\n', ['.', 'apps/api']],
    [
      'exclude by name',
      '[tool.uv.workspace]\nmembers = ["libs/*", "apps/api"]\nexclude = ["libs/legacy", "libs/notes"]\n',
      ['libs/a', 'libs/b', 'apps/api']
    ],
    [
      'exclude by glob',
      '[tool.uv.workspace]\nmembers = ["libs/*", "apps/*"]\nexclude = ["libs/l*", "libs/n*", "apps/w*"]\n',
      ['libs/a', 'libs/b', 'apps/api']
    ],
    ['a member listed twice is listed once', '[tool.uv.workspace]\nmembers = ["apps/api", "apps/*"]\n', ['apps/api', 'apps/web']],
    ['a missing member is skipped', '[tool.uv.workspace]\nmembers = ["libs/a", "missing"]\n', ['libs/a']],
    [
      'a directory without pyproject.toml is excluded',
      '[tool.uv.workspace]\nmembers = ["libs/*"]\nexclude = ["libs/notes"]\n',
      ['libs/a', 'libs/b', 'libs/legacy']
    ],
    ['no workspace, no [project]', '[tool.ruff]\nline-length = 100\n', []],
    ['no workspace, with [project]', pyproject('r'), ['.']]
  ])('%s', (_what, rootText, expected) => {
    const root = writeTree(tempDir(), tree)
    const doc = parseToml(rootText, 'pyproject.toml')
    expect(workspaceMembers({ workDir: root, repoRoot: root }, doc)).toEqual(expected)
  })

  test('no root pyproject → no members', () => {
    const root = writeTree(tempDir(), tree)
    expect(workspaceMembers({ workDir: root, repoRoot: root }, null)).toEqual([])
  })
})

describe('loadMonorepo', () => {
  test('orbit: root member, globbed members, exclude (libs/legacy, and libs/notes which has no pyproject.toml)', () => {
    const repo = loadMonorepo({ workDir: ORBIT, repoRoot: ORBIT }, '')
    expect(repo.problems).toEqual([])
    expect(repo.workspaceMembers[0]).toBe('.')
    expect([...repo.workspaceMembers].sort()).toEqual(['.', 'apps/api', 'libs/client', 'libs/core'])
    expect([...repo.packages.keys()].sort()).toEqual(['.', 'apps/api', 'libs/client', 'libs/core'])
    expect(repo.config.kind).toBe('file')
    expect(repo.config.source).toBe('pyproject.toml')
    expect(repo.config.groups.core.packages).toEqual(['.', 'libs/core', 'apps/api'])
    expect(repo.config.groups.client.packages).toEqual(['libs/client'])
    expect(groupOf(repo.config, 'apps/api')).toBe('core')
    expect(groupOf(repo.config, 'libs/client')).toBe('client')
    expect(groupOf(repo.config, 'libs/legacy')).toBeUndefined()
  })

  test('orbit: versions and requirement lines, including the CRLF file', () => {
    const repo = loadMonorepo({ workDir: ORBIT, repoRoot: ORBIT }, '')
    const client = repo.packages.get('libs/client')
    expect(client).toMatchObject({
      file: 'libs/client/pyproject.toml',
      name: 'orbit-client',
      normalizedName: 'orbit-client',
      version: '0.8.1',
      versionLine: 3,
      dynamicVersion: false
    })
    const root = repo.packages.get('.')
    expect(root).toMatchObject({ file: 'pyproject.toml', name: 'orbit', version: '0.8.0', versionLine: 3 })
    expect(root?.requirements.map((r) => [r.name, r.specifier, r.where, r.line])).toEqual([
      ['orbit-core', '==0.8.0', 'dependencies', 7],
      ['orbit-client', '>=0.8', 'dependencies', 7]
    ])
    expect(repo.packages.get('libs/core')?.requirements.map((r) => [r.name, r.where, r.line])).toEqual([
      ['orbit-client', 'dependency-groups.test', 10]
    ])
    expect(repo.packages.get('apps/api')?.requirements.map((r) => [r.name, r.extras, r.where, r.line])).toEqual([
      ['orbit-client', ['maf'], 'optional-dependencies.maf', 10]
    ])
  })

  test('orbit: uv.lock members with their version lines', () => {
    const repo = loadMonorepo({ workDir: ORBIT, repoRoot: ORBIT }, '')
    expect(repo.lock?.file).toBe('uv.lock')
    const lines = Object.fromEntries(
      [...(repo.lock?.members.entries() ?? [])].map(([name, e]) => [name, [e.version, e.line, e.sourcePath]])
    )
    expect(lines).toEqual({
      orbit: ['0.8.0', 15, '.'],
      'orbit-api': ['0.8.0', 30, 'apps/api'],
      'orbit-client': ['0.8.1', 44, 'libs/client'],
      'orbit-core': ['0.8.0', 52, 'libs/core']
    })
  })

  test('dakora: virtual root, built-in defaults, uv.lock lines', () => {
    const repo = loadMonorepo({ workDir: DAKORA, repoRoot: DAKORA }, '')
    expect(repo.problems).toEqual([])
    expect(repo.config.kind).toBe('defaults')
    expect(repo.workspaceMembers).toEqual(['cli', 'server', 'packages/client-python'])
    expect(repo.packages.has('.')).toBe(false)
    expect([...repo.packages.values()].map((p) => [p.file, p.name, p.version, p.versionLine]).sort()).toEqual([
      ['cli/pyproject.toml', 'dakora', '2.0.0', 3],
      ['packages/client-python/pyproject.toml', 'dakora-client', '1.4.0', 3],
      ['server/pyproject.toml', 'dakora-server', '2.0.0', 3]
    ])
    expect([...(repo.lock?.members.values() ?? [])].map((e) => [e.name, e.line])).toEqual([
      ['dakora', 14],
      ['dakora-client', 25],
      ['dakora-server', 30]
    ])
  })

  test('an unparsable member pyproject is a problem with line and column; the others are still read', () => {
    const root = writeTree(tempDir(), {
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n',
      'libs/a/pyproject.toml': pyproject('a'),
      'libs/b/pyproject.toml': '[project]\nname = "b"\nversion = = "1.0"\n',
      'libs/c/pyproject.toml': pyproject('c')
    })
    const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
    expect(repo.problems).toHaveLength(1)
    expect(repo.problems[0]).toMatchObject({ code: 'E_CONFIG', file: 'libs/b/pyproject.toml', line: 3, column: 11 })
    expect([...repo.packages.keys()].sort()).toEqual(['libs/a', 'libs/c'])
  })

  test('a pyproject with a wrongly typed version is a problem on that line', () => {
    const root = writeTree(tempDir(), {
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a", "b"]\n',
      'a/pyproject.toml': '[project]\nname = "a"\n\nversion = 2\n',
      'b/pyproject.toml': pyproject('b')
    })
    const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
    expect(repo.problems.map((p) => [p.code, p.file, p.line])).toEqual([['E_CONFIG', 'a/pyproject.toml', 4]])
    expect([...repo.packages.keys()]).toEqual(['b'])
  })

  test('an unparsable uv.lock is a problem; the packages are still read', () => {
    const root = writeTree(tempDir(), {
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a"]\n',
      'a/pyproject.toml': pyproject('a'),
      'uv.lock': 'version = 1\n\n[[package]]\nname = "a"\nversion = "1.0.0\n'
    })
    const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
    expect(repo.lock).toBeNull()
    expect(repo.problems.map((p) => [p.code, p.file, p.line])).toEqual([['E_CONFIG', 'uv.lock', 5]])
    expect([...repo.packages.keys()]).toEqual(['a'])
  })

  test('a working directory below the repository root: files are relative to the repository root', () => {
    const root = writeTree(tempDir(), {
      'python/pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n[tool.pyship.groups.g]\npackages = ["libs/*"]\n',
      'python/libs/a/pyproject.toml': pyproject('a'),
      'python/uv.lock': 'version = 1\n\n[[package]]\nname = "a"\nversion = "1.0.0"\nsource = { editable = "libs/a" }\n'
    })
    const repo = loadMonorepo({ workDir: path.join(root, 'python'), repoRoot: root }, '')
    expect(repo.config.source).toBe('python/pyproject.toml')
    expect(repo.packages.get('libs/a')?.file).toBe('python/libs/a/pyproject.toml')
    expect(repo.lock?.file).toBe('python/uv.lock')
    expect(repo.lock?.members.get('a')?.line).toBe(5)
  })

  test('group members outside the uv workspace are read too', () => {
    const root = writeTree(tempDir(), {
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a"]\n[tool.pyship.groups.g]\npackages = ["a", "tools/b"]\n',
      'a/pyproject.toml': pyproject('a'),
      'tools/b/pyproject.toml': pyproject('b')
    })
    const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
    expect(repo.workspaceMembers).toEqual(['a'])
    expect([...repo.packages.keys()].sort()).toEqual(['a', 'tools/b'])
  })

  test('an invalid config throws E_CONFIG (it is not a per-package problem)', () => {
    const root = writeTree(tempDir(), {
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a"]\n\n[tool.pyship.groups.g]\npackages = "a"\n',
      'a/pyproject.toml': pyproject('a')
    })
    expect(() => loadMonorepo({ workDir: root, repoRoot: root }, '')).toThrow(
      expect.objectContaining({ code: 'E_CONFIG', location: expect.objectContaining({ file: 'pyproject.toml', line: 5 }) })
    )
  })
})
