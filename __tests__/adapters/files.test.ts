/**
 * All-or-nothing writes (`bump`'s promise): every new content lands, or none does — a
 * failure on a later file, before or during the renames, leaves every file as it was
 * and no temporary file behind.
 */
import { afterEach, describe, expect, jest, test } from '@jest/globals'
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { restore, writeAllOrNothing, type FileWrite } from '../../src/adapters/files.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

afterEach(() => {
  jest.restoreAllMocks()
  removeTempDirs()
})

/** Every file below root (relative paths, sorted) with its content. */
function contents(root: string): Record<string, string> {
  const found: Record<string, string> = {}
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) walk(p)
      else found[p] = readFileSync(path.join(root, p), 'utf8')
    }
  }
  walk('')
  return found
}

const write = (root: string, file: string, content: string, previous: string): FileWrite => ({
  abs: path.join(root, file),
  content,
  previous
})

describe('writeAllOrNothing', () => {
  test('writes every file and keeps each mode', () => {
    const root = writeTree(tempDir(), { 'a/pyproject.toml': 'a1', 'b/pyproject.toml': 'b1' })
    chmodSync(path.join(root, 'b/pyproject.toml'), 0o640)
    writeAllOrNothing([write(root, 'a/pyproject.toml', 'a2', 'a1'), write(root, 'b/pyproject.toml', 'b2', 'b1')])
    expect(contents(root)).toEqual({ 'a/pyproject.toml': 'a2', 'b/pyproject.toml': 'b2' })
    expect(statSync(path.join(root, 'b/pyproject.toml')).mode & 0o7777).toBe(0o640)
  })

  test('a later file that cannot be written leaves the earlier ones untouched (nothing is written in place)', () => {
    const root = writeTree(tempDir(), { 'a/pyproject.toml': 'a1', 'b/pyproject.toml': 'b1' })
    const writes = [
      write(root, 'a/pyproject.toml', 'a2', 'a1'),
      write(root, 'b/pyproject.toml', 'b2', 'b1'),
      write(root, 'gone/pyproject.toml', 'c2', 'c1')
    ]
    expect(() => writeAllOrNothing(writes)).toThrow(/ENOENT/)
    expect(contents(root)).toEqual({ 'a/pyproject.toml': 'a1', 'b/pyproject.toml': 'b1' })
  })

  test('a failure during the renames puts back the files already replaced and removes every temporary file', () => {
    const root = writeTree(tempDir(), { 'a/pyproject.toml': 'a1', 'b/pyproject.toml': 'b1' })
    mkdirSync(path.join(root, 'c/pyproject.toml'), { recursive: true }) // a directory: its temp is written, the rename fails
    const writes = [
      write(root, 'a/pyproject.toml', 'a2', 'a1'),
      write(root, 'b/pyproject.toml', 'b2', 'b1'),
      write(root, 'c/pyproject.toml', 'c2', 'c1')
    ]
    // the rename's own error, not one from removing the temporary files already renamed
    expect(() => writeAllOrNothing(writes)).toThrow(/EISDIR/)
    expect(contents(root)).toEqual({ 'a/pyproject.toml': 'a1', 'b/pyproject.toml': 'b1' })
    expect(readdirSync(path.join(root, 'c'))).toEqual(['pyproject.toml'])
  })

  test('a file already at the temporary name (a symlink planted there) is never written through: EEXIST, every file untouched', () => {
    const root = writeTree(tempDir(), { 'a/pyproject.toml': 'a1', 'outside.txt': 'secret' })
    // the temporary name made predictable: 4 random bytes → `.pyproject.toml.pyship-00000000`
    const real = process.getBuiltinModule.bind(process)
    jest
      .spyOn(process, 'getBuiltinModule')
      .mockImplementation(((id: string) =>
        id === 'node:crypto' ? { randomBytes: (n: number) => Buffer.alloc(n) } : real(id)) as typeof process.getBuiltinModule)
    const planted = path.join(root, 'a/.pyproject.toml.pyship-00000000')
    symlinkSync(path.join(root, 'outside.txt'), planted)
    expect(() => writeAllOrNothing([write(root, 'a/pyproject.toml', 'a2', 'a1')])).toThrow(/EEXIST/)
    expect(readFileSync(path.join(root, 'outside.txt'), 'utf8')).toBe('secret')
    expect(lstatSync(path.join(root, 'a/pyproject.toml')).isSymbolicLink()).toBe(false)
    expect(readFileSync(path.join(root, 'a/pyproject.toml'), 'utf8')).toBe('a1')
  })

  test('restore writes back the previous contents', () => {
    const root = writeTree(tempDir(), { 'a.toml': 'new', 'b.toml': 'new' })
    restore([write(root, 'a.toml', 'new', 'old a'), write(root, 'b.toml', 'new', 'old b')])
    expect(contents(root)).toEqual({ 'a.toml': 'old a', 'b.toml': 'old b' })
  })
})
