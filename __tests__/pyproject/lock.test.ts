/**
 * uv.lock: only workspace members' entries are parsed (a real lock is mostly registry
 * entries), with the line numbers and `package` indices of the whole file; the whole
 * document is parsed only when bump edits it.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
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
