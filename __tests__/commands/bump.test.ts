import { afterEach, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, toProblems } from '../../src/errors.js'
import { performBump } from '../../src/adapters/bump-writer.js'
import { planBump, renderBump, type BumpOptions } from '../../src/monorepo/bump-plan.js'
import { loadMonorepo } from '../../src/monorepo/load.js'
import { removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

function plan(files: Tree, options: Partial<BumpOptions>) {
  const root = writeTree(tempDir(), files)
  const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
  const p = planBump(repo, { component: 'core', version: '1.1.0', allowDowngrade: false, uvLocks: false, ...options })
  const writes = renderBump(p)
  const content = (file: string): string | undefined => writes.find((w) => w.abs === path.join(root, file))?.content
  return { plan: p, content, root }
}

function thrown(fn: () => unknown): PyshipError {
  try {
    fn()
  } catch (error) {
    if (error instanceof PyshipError) return error
    throw error
  }
  throw new Error('did not throw')
}

const WORKSPACE = '[tool.uv.workspace]\nmembers = ["a", "b"]\n\n[tool.pyship.groups.core]\npackages = ["b"]\n'

describe('planBump', () => {
  test('uv.lock: the member version line and the requires-dist / requires-dev specifiers that mirror a rewritten pin', () => {
    const lock = [
      'version = 1',
      'revision = 3',
      '',
      '[[package]]',
      'name = "a"',
      'version = "0.1.0"',
      'source = { editable = "a" }',
      '',
      '[package.metadata]',
      'requires-dist = [{ name = "B", specifier = "~= 1.0.0" }]',
      '',
      '[package.metadata.requires-dev]',
      'test = [{ name = "b", specifier = "==1.0.*" }]',
      '',
      '[[package]]',
      'name = "b"',
      'version = "1.0.0"',
      'source = { editable = "b" }',
      ''
    ].join('\n')
    const { plan: p, content } = plan(
      {
        'pyproject.toml': WORKSPACE,
        'a/pyproject.toml':
          '[project]\nname = "a"\nversion = "0.1.0"\ndependencies = ["B~= 1.0.0"]\n\n[dependency-groups]\ntest = ["b==1.0.*"]\n',
        'b/pyproject.toml': '[project]\nname = "b"\nversion = "1.0.0"\n',
        'uv.lock': lock
      },
      {}
    )
    expect(p.rows.map((r) => `${r.file}:${r.line} ${r.from} → ${r.to}`)).toEqual([
      'b/pyproject.toml:3 1.0.0 → 1.1.0',
      'a/pyproject.toml:4 B~= 1.0.0 → B~= 1.1.0',
      'a/pyproject.toml:7 b==1.0.* → b==1.1.*',
      'uv.lock:17 1.0.0 → 1.1.0',
      'uv.lock:10 ~= 1.0.0 → ~= 1.1.0',
      'uv.lock:13 ==1.0.* → ==1.1.*'
    ])
    expect(content('uv.lock')).toBe(
      lock
        .replace('specifier = "~= 1.0.0"', 'specifier = "~= 1.1.0"')
        .replace('specifier = "==1.0.*"', 'specifier = "==1.1.*"')
        .replace('name = "b"\nversion = "1.0.0"', 'name = "b"\nversion = "1.1.0"')
    )
  })

  test('with uv on PATH the lock is left to `uv lock`', () => {
    const { plan: p } = plan(
      {
        'pyproject.toml': WORKSPACE,
        'a/pyproject.toml': '[project]\nname = "a"\nversion = "0.1.0"\n',
        'b/pyproject.toml': '[project]\nname = "b"\nversion = "1.0.0"\n',
        'uv.lock': 'version = 1\n\n[[package]]\nname = "b"\nversion = "1.0.0"\nsource = { editable = "b" }\n'
      },
      { uvLocks: true }
    )
    expect(p.files.map((f) => f.doc.file)).toEqual(['b/pyproject.toml'])
  })

  test('a UTF-8 BOM on disk is kept', () => {
    const { content, root } = plan(
      {
        'pyproject.toml': WORKSPACE,
        'b/pyproject.toml': '\ufeff[project]\nname = "b"\nversion = "1.0.0"\n',
        'a/pyproject.toml': '[project]\nname = "a"\nversion = "0.1.0"\n'
      },
      {}
    )
    expect(readFileSync(path.join(root, 'b/pyproject.toml'))[0]).toBe(0xef)
    expect(content('b/pyproject.toml')).toBe('\ufeff[project]\nname = "b"\nversion = "1.1.0"\n')
  })

  test('every pin that cannot follow is reported together', () => {
    const error = thrown(() =>
      plan(
        {
          'pyproject.toml': WORKSPACE,
          'a/pyproject.toml': '[project]\nname = "a"\nversion = "0.1.0"\ndependencies = [\n  "b<1.1",\n  "b!=1.1.0",\n]\n',
          'b/pyproject.toml': '[project]\nname = "b"\nversion = "1.0.0"\n'
        },
        {}
      )
    )
    expect(toProblems(error).map((p) => `${p.code} ${p.line}`)).toEqual(['E_PIN_EXCLUDES 5', 'E_PIN_EXCLUDES 6'])
    expect(toProblems(error)[0].message).toContain('suggested: "b>=1.1.0,<1.2"')
    expect(toProblems(error)[1].hint).toContain('e.g. to "b>=1.1.0"')
  })

  test('a dynamic version nobody can locate is E_VERSION_SOURCE on the dynamic line', () => {
    const error = thrown(() =>
      plan(
        {
          'pyproject.toml': WORKSPACE,
          'a/pyproject.toml': '[project]\nname = "a"\nversion = "0.1.0"\n',
          'b/pyproject.toml': '[project]\nname = "b"\ndynamic = ["version"]\n'
        },
        {}
      )
    )
    expect(error.code).toBe('E_VERSION_SOURCE')
    expect(error.location).toEqual({ file: 'b/pyproject.toml', line: 3 })
  })

  test('no config: E_CONFIG with a config to paste built from the workspace members', () => {
    const error = thrown(() =>
      plan(
        {
          'pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n',
          'libs/x/pyproject.toml': '[project]\nname = "Orbit_X"\nversion = "1.0.0"\n'
        },
        {}
      )
    )
    expect(error.code).toBe('E_CONFIG')
    expect(error.hint).toContain('[tool.pyship.groups.orbit-x]\npackages = ["libs/x"]')
  })
})

describe('performBump writes all or nothing', () => {
  const tree = (pin: string): Tree => ({
    'pyproject.toml': WORKSPACE,
    'b/pyproject.toml': '[project]\nname = "b"\nversion = "1.0.0"\n',
    'a/pyproject.toml': `[project]\nname = "a"\nversion = "0.1.0"\ndependencies = [\n  "${pin}",\n]\n`
  })
  const bumpTree = (files: Tree, dryRun = false) => {
    const root = writeTree(tempDir(), files)
    const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
    const read = (f: string): string => readFileSync(path.join(root, f), 'utf8')
    return { root, read, run: () => performBump(repo, { component: 'core', version: '1.1.0', allowDowngrade: false }, dryRun, '') }
  }

  test('every planned file is written', async () => {
    const { read, run } = bumpTree(tree('b~=1.0.0'))
    expect((await run()).files.sort()).toEqual(['a/pyproject.toml', 'b/pyproject.toml'])
    expect(read('b/pyproject.toml')).toContain('version = "1.1.0"')
    expect(read('a/pyproject.toml')).toContain('"b~=1.1.0"')
  })

  test('dry run writes nothing', async () => {
    const files = tree('b~=1.0.0')
    const { read, run } = bumpTree(files, true)
    expect((await run()).plan.rows).toHaveLength(2)
    expect(read('b/pyproject.toml')).toBe(files['b/pyproject.toml'])
    expect(read('a/pyproject.toml')).toBe(files['a/pyproject.toml'])
  })

  test('a refusal found while rendering a later file leaves the earlier file untouched', async () => {
    const files = tree('b\\u007e=1.0.0')
    const { read, run } = bumpTree(files)
    let error: unknown
    try {
      await run()
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PyshipError)
    expect((error as PyshipError).code).toBe('E_CONFIG')
    expect((error as PyshipError).location).toEqual({ file: 'a/pyproject.toml' })
    expect(read('b/pyproject.toml')).toBe(files['b/pyproject.toml'])
    expect(read('a/pyproject.toml')).toBe(files['a/pyproject.toml'])
  })
})

describe('bump on real pins (issue 27)', () => {
  const lockOf = (spec: string): string =>
    [
      'version = 1',
      'revision = 3',
      '',
      '[[package]]',
      'name = "a"',
      'version = "0.1.0"',
      'source = { editable = "a" }',
      'dependencies = [',
      '    { name = "b" },',
      ']',
      '',
      '[package.dev-dependencies]',
      'dev = [',
      '    { name = "b" },',
      ']',
      '',
      '[package.metadata]',
      `requires-dist = [{ name = "b", editable = "b", specifier = "${spec}" }]`,
      '',
      '[package.metadata.requires-dev]',
      `dev = [{ name = "b", editable = "b", specifier = "${spec}" }]`,
      '',
      '[[package]]',
      'name = "b"',
      'version = "1.0.0"',
      'source = { editable = "b" }',
      ''
    ].join('\n')
  const files = (spec: string, extra = ''): Tree => ({
    'pyproject.toml': WORKSPACE,
    'a/pyproject.toml': `[project]\nname = "a"\nversion = "0.1.0"\ndependencies = ["b${spec}"${extra}]\n\n[dependency-groups]\ndev = ["b${spec}"]\n`,
    'b/pyproject.toml': '[project]\nname = "b"\nversion = "1.0.0"\n',
    'uv.lock': lockOf(spec)
  })
  const disk = (tree: Tree) => {
    const root = writeTree(tempDir(), tree)
    const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
    const read = (f: string): string => readFileSync(path.join(root, f), 'utf8')
    return { read, run: (version: string) => performBump(repo, { component: 'core', version, allowDowngrade: false }, false, '') }
  }
  const refusal = async (fn: () => Promise<unknown>): Promise<PyshipError> => {
    const error = await fn().then(
      () => new Error('did not throw'),
      (e: unknown) => e
    )
    if (error instanceof PyshipError) return error
    throw error
  }

  test('the same pin in dependencies and a dependency group, both mirrored in uv.lock, bumps every copy once', async () => {
    const tree = files('==1.0.0')
    const { read, run } = disk(tree)
    await run('1.1.0')
    expect(read('a/pyproject.toml')).toBe(tree['a/pyproject.toml']?.toString().replaceAll('b==1.0.0', 'b==1.1.0'))
    expect(read('uv.lock')).toBe(lockOf('==1.1.0').replace('name = "b"\nversion = "1.0.0"', 'name = "b"\nversion = "1.1.0"'))
  })

  test.each([
    ['the only pin that excludes the version', '===1.0.0', '', ['E_PIN_EXCLUDES 4', 'E_PIN_EXCLUDES 7']],
    ['beside another pin that cannot follow', '===1.0.0', ', "b<1.1"', ['E_PIN_EXCLUDES 4', 'E_PIN_EXCLUDES 4', 'E_PIN_EXCLUDES 7']]
  ])('a === pin is never rewritten (%s): E_PIN_EXCLUDES on its line, nothing written', async (_what, spec, extra, expected) => {
    const tree = files(spec, extra)
    const { read, run } = disk(tree)
    const error = await refusal(() => run('1.1.0'))
    expect(toProblems(error).map((p) => `${p.code} ${p.line}`)).toEqual(expected)
    expect(toProblems(error).filter((p) => p.message.includes('"b===1.0.0"'))).toHaveLength(2)
    for (const f of ['a/pyproject.toml', 'b/pyproject.toml', 'uv.lock']) expect(read(f)).toBe(tree[f])
  })

  test.each([
    ['~=1.0.0', '2.0rc1', '~=2.0.0rc1'],
    ['==1.0.0', '2.0.dev3', '==2.0.0.dev3'],
    ['>=1.0,<1.1', '1.1.0rc1', '>=1.1rc1,<1.2'],
    ['>=1.0.0,<2', '2.0b1', '>=2.0.0b1,<3']
  ])('a pin keeps its precision for a pre-release target: %s bumped to %s → %s', async (spec, version, expected) => {
    const tree = files(spec)
    const { read, run } = disk(tree)
    await run(version)
    expect(read('a/pyproject.toml')).toBe(tree['a/pyproject.toml']?.toString().replaceAll(`b${spec}`, `b${expected}`))
    expect(read('uv.lock')).toContain(`specifier = "${expected}"`)
  })
})
