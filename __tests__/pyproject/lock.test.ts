/**
 * uv.lock: only workspace members' entries are parsed (a real lock is mostly registry
 * entries), with the line numbers and `package` indices of the whole file; the whole
 * document is parsed only when bump edits it.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import path from 'node:path'
import { readLock } from '../../src/pyproject/lock.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const LOCK = [
  'version = 1',
  'revision = 3',
  '',
  '[[package]]',
  'name = "anyio"',
  'version = "4.0.0"',
  'source = { registry = "https://pypi.org/simple" }',
  'wheels = [{ url = "https://example/anyio.whl", hash = "sha256:00" }]',
  '',
  '[package.optional-dependencies]',
  'trio = [{ name = "trio" }]',
  '',
  '[[package]]',
  'name = "Orbit_Core"',
  'version = "0.8.0"',
  'source = { editable = "libs/core" }',
  'dependencies = [{ name = "anyio" }]',
  '',
  '[package.metadata]',
  'requires-dist = [{ name = "anyio", specifier = ">=4" }]',
  '',
  '[[package]]',
  'name = "broken-registry-entry"',
  'version = "1.0',
  'source = { registry = "https://pypi.org/simple" }',
  '',
  '[[package]]',
  'name = "orbit"',
  'source = { virtual = "." }',
  ''
].join('\n')

describe('readLock', () => {
  test('members with the positions and indices of the whole file; registry entries are not parsed', () => {
    const root = writeTree(tempDir(), { 'uv.lock': LOCK })
    const lock = readLock({ workDir: root, repoRoot: root })
    expect(lock && [...lock.members.values()]).toEqual([
      {
        name: 'orbit-core',
        version: '0.8.0',
        index: 1,
        line: 15,
        column: 11,
        sourcePath: 'libs/core',
        requires: [
          {
            name: 'anyio',
            written: 'anyio',
            specifier: '>=4',
            section: 'requires-dist',
            path: ['package', 1, 'metadata', 'requires-dist', 0],
            line: 20
          }
        ]
      },
      { name: 'orbit', version: null, index: 3, line: 27, column: 1, sourcePath: '.', requires: [] }
    ])
  })

  test('the whole document is parsed when bump needs it (and then its errors show)', () => {
    const root = writeTree(tempDir(), { 'uv.lock': LOCK })
    const lock = readLock({ workDir: root, repoRoot: root })
    expect(() => lock?.doc).toThrow('uv.lock:24')
    const fixed = writeTree(tempDir(), { 'uv.lock': LOCK.replace('version = "1.0\n', 'version = "1.0"\n') })
    const doc = readLock({ workDir: fixed, repoRoot: fixed })?.doc
    expect((doc?.value.package as { name: string }[])[1].name).toBe('Orbit_Core')
  })

  test('an entry without a source line is parsed, so a broken lock is reported', () => {
    const root = writeTree(tempDir(), { 'uv.lock': 'version = 1\n\n[[package]]\nname = "a"\nversion = "1.0.0\n' })
    expect(() => readLock({ workDir: root, repoRoot: root })).toThrow('uv.lock:5')
  })
})

/** A uv.lock of the given entries, each `[[package]]` with its lines. */
const lockOf = (...entries: string[][]): string =>
  ['version = 1', 'revision = 3', ...entries.flatMap((e) => ['', '[[package]]', ...e]), ''].join('\n')

describe('readLock: which entries are members, and where', () => {
  // [the entry's source line, the member's source path (null: not a member)]
  test.each([
    ['source = { editable = "libs/a" }', 'libs/a'],
    ['source = { virtual = "." }', '.'],
    ['source = { directory = "../vendored/a" }', '../vendored/a'],
    ['source={editable="libs/a"}', 'libs/a'],
    ['source  =  {  virtual = "." }', '.'],
    ['source = { registry = "https://pypi.org/simple" }', null],
    ['source = { git = "https://example/a.git?rev=1#abc" }', null],
    ['source = { url = "https://example/a-1.0.tar.gz" }', null],
    ['source = { path = "dist/a-1.0-py3-none-any.whl" }', null]
  ])('%s → %s', (source, sourcePath) => {
    const root = writeTree(tempDir(), { 'uv.lock': lockOf(['name = "A_B"', 'version = "1.0.0"', source]) })
    const members = [...(readLock({ workDir: root, repoRoot: root })?.members.entries() ?? [])]
    expect(members).toEqual(
      sourcePath === null ? [] : [['a-b', { name: 'a-b', version: '1.0.0', index: 0, line: 6, column: 11, sourcePath, requires: [] }]]
    )
  })

  test('registry entries, their sub-tables and other tables in between keep every line and index', () => {
    const text = lockOf(
      [
        'name = "reg"',
        'version = "1.0"',
        'source = { registry = "https://pypi.org/simple" }',
        '',
        '  [package.optional-dependencies]',
        'x = [{ name = "y" }]'
      ],
      ['name = "a"', 'version = "2.0"', 'source = { editable = "a" }', '', '[[package.dependencies-extra]]', 'k = 1'],
      ['name = "reg2"', 'version = "1.0"', 'source = { registry = "https://pypi.org/simple" }'],
      ['name = "b"', 'version = "3.0"', 'source = { editable = "b" }']
    ).replace('[[package]]\nname = "b"', '[manifest]\nmembers = ["a", "b"]\n\n  [[ package ]]\nname = "b"')
    const root = writeTree(tempDir(), { 'uv.lock': text })
    const lock = readLock({ workDir: root, repoRoot: root })
    const lines = text.split('\n')
    const where = [...(lock?.members.values() ?? [])].map((m) => [m.name, m.version, m.index, lines[m.line - 1].slice(m.column - 1)])
    expect(where).toEqual([
      ['a', '2.0', 1, '"2.0"'],
      ['b', '3.0', 3, '"3.0"']
    ])
    // the whole document, once read, gives the same positions
    const again = readLock({ workDir: root, repoRoot: root })
    expect((again?.doc.value.package as unknown[]).length).toBe(4)
    expect([...(again?.members.values() ?? [])].map((m) => [m.name, m.line, m.column])).toEqual(
      [...(lock?.members.values() ?? [])].map((m) => [m.name, m.line, m.column])
    )
  })

  test('an entry without a version is placed on its [[package]] entry', () => {
    const text = lockOf(
      ['name = "reg"', 'version = "1.0"', 'source = { registry = "https://pypi.org/simple" }'],
      ['name = "root"', 'source = { virtual = "." }']
    )
    const root = writeTree(tempDir(), { 'uv.lock': text })
    const lock = readLock({ workDir: root, repoRoot: root })
    void lock?.doc
    expect([...(lock?.members.values() ?? [])].map((m) => [m.name, m.version, m.index, m.line, m.column])).toEqual([
      ['root', null, 1, 9, 1]
    ])
  })

  test.each([
    ['an entry without a name', ['version = "1.0"', 'source = { editable = "a" }']],
    ['a source that is not a table', ['name = "a"', 'source = "editable"']],
    ['a local source that is not a string', ['name = "a"', 'source = { editable = 1 }']]
  ])('%s is no member', (_what, entry) => {
    const root = writeTree(tempDir(), { 'uv.lock': lockOf(entry, ['name = "b"', 'source = { editable = "b" }']) })
    expect([...(readLock({ workDir: root, repoRoot: root })?.members.keys() ?? [])]).toEqual(['b'])
  })

  test('a lock without packages has no members; a directory without uv.lock has no lock', () => {
    const root = writeTree(tempDir(), { 'uv.lock': 'version = 1\n', 'p/pyproject.toml': '' })
    expect(readLock({ workDir: root, repoRoot: root })?.members.size).toBe(0)
    expect(readLock({ workDir: root, repoRoot: root }, 'p')).toBeNull()
  })

  test("a package's own lock: its file and directory relative to the repository, with a BOM kept for bump", () => {
    const repo = writeTree(tempDir(), {
      'work/libs/a/uv.lock': `\ufeff${lockOf(['name = "a"', 'version = "1.0"', 'source = { virtual = "." }'])}`
    })
    const lock = readLock({ workDir: path.join(repo, 'work'), repoRoot: repo }, 'libs/a')
    expect(lock && { file: lock.file, abs: lock.abs, dir: lock.dir, bom: lock.doc.bom }).toEqual({
      file: 'work/libs/a/uv.lock',
      abs: path.join(repo, 'work/libs/a/uv.lock'),
      dir: 'libs/a',
      bom: true
    })
    expect(lock?.members.get('a')).toMatchObject({ line: 6, column: 11 })
  })
})

describe("readLock: a member's requirements", () => {
  test('requires-dist and every requires-dev group, in file order, with their paths and lines', () => {
    const text = lockOf(
      ['name = "reg"', 'version = "1.0"', 'source = { registry = "https://pypi.org/simple" }'],
      [
        'name = "app"',
        'version = "1.0"',
        'source = { editable = "app" }',
        '',
        '[package.metadata]',
        'requires-dist = [',
        '    { name = "Orbit.Core", specifier = ">=1.0,<2" },',
        '    { name = "local", editable = "libs/local" },',
        '    "not a table",',
        '    { specifier = ">=1" },',
        ']',
        '',
        '[package.metadata.requires-dev]',
        'dev = [{ name = "pytest", specifier = ">=8" }]',
        'Docs_Group = [{ name = "sphinx" }]'
      ]
    )
    const root = writeTree(tempDir(), { 'uv.lock': text })
    const requires = readLock({ workDir: root, repoRoot: root })?.members.get('app')?.requires
    const lines = text.split('\n')
    expect(requires?.map((r) => [r.name, r.written, r.specifier, r.section, r.path, r.line])).toEqual([
      ['orbit-core', 'Orbit.Core', '>=1.0,<2', 'requires-dist', ['package', 1, 'metadata', 'requires-dist', 0], 16],
      ['local', 'local', null, 'requires-dist', ['package', 1, 'metadata', 'requires-dist', 1], 17],
      ['pytest', 'pytest', '>=8', 'requires-dev.dev', ['package', 1, 'metadata', 'requires-dev', 'dev', 0], 23],
      ['sphinx', 'sphinx', null, 'requires-dev.Docs_Group', ['package', 1, 'metadata', 'requires-dev', 'Docs_Group', 0], 24]
    ])
    expect(requires?.map((r) => lines[r.line - 1].includes(r.written))).toEqual([true, true, true, true])
  })

  test.each([
    ['no metadata', []],
    ['metadata that is not a table', ['metadata = "x"']],
    ['requires-dist that is not an array', ['[package.metadata]', 'requires-dist = "b>=1"']],
    ['requires-dev that is not a table', ['[package.metadata]', 'requires-dev = ["b"]']],
    ['a requires-dev group that is not an array', ['[package.metadata.requires-dev]', 'dev = "b"']]
  ])('%s: none', (_what, extra) => {
    const root = writeTree(tempDir(), { 'uv.lock': lockOf(['name = "a"', 'source = { editable = "a" }', ...extra]) })
    expect(readLock({ workDir: root, repoRoot: root })?.members.get('a')?.requires).toEqual([])
  })
})
