/**
 * performBump with uv on PATH (a stand-in `uv` script): `uv lock` runs after the files are
 * written, in the workspace root, with `lock` as its only argument; when it fails, or the
 * run is cancelled while it runs, every file — uv.lock included — is put back byte for byte.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performBump } from '../../src/adapters/bump-writer.js'
import { cancel, CancelledError } from '../../src/cancel.js'
import { PyshipError } from '../../src/errors.js'
import { loadMonorepo } from '../../src/monorepo/load.js'
import { removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const LOCK = 'version = 1\nrevision = 3\n\n[[package]]\nname = "b"\nversion = "1.0.0"\nsource = { editable = "b" }\n'
const TREE: Tree = {
  'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a", "b"]\n\n[tool.pyship.groups.core]\npackages = ["b"]\n',
  'b/pyproject.toml': '[project]\nname = "b"\nversion = "1.0.0"\n',
  'a/pyproject.toml': '[project]\nname = "a"\nversion = "0.1.0"\ndependencies = [\n  "b~=1.0.0",\n]\n',
  'uv.lock': LOCK
}

/**
 * A repository and a directory holding a `uv` that records its arguments and working directory,
 * writes `lockText` over uv.lock, prints `output` (a printf format) and exits with `status` (or sleeps `sleep` seconds).
 */
function setUp(tree: Tree, uv: { status: number; output?: string; lockText?: string; sleep?: number } | null) {
  const root = writeTree(tempDir(), tree)
  const bin = tempDir('pyship-bin-')
  const calls = path.join(bin, 'calls')
  if (uv) {
    const script = [
      '#!/bin/sh',
      `printf '%s|%s\\n' "$PWD" "$*" >> '${calls}'`,
      uv.lockText === undefined ? '' : `printf '%s' '${uv.lockText}' > uv.lock`,
      `printf '${uv.output ?? ''}'`,
      // (exec: the SIGTERM of a cancellation reaches the sleep itself)
      uv.sleep ? `exec sleep ${uv.sleep}` : `exit ${uv.status}`
    ].join('\n')
    writeFileSync(path.join(bin, 'uv'), `${script}\n`)
    chmodSync(path.join(bin, 'uv'), 0o755)
  }
  const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
  const read = (f: string): string => readFileSync(path.join(root, f), 'utf8')
  const uvCalls = (): string[] => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [])
  const run = (dryRun = false, version = '1.1.0') => performBump(repo, { component: 'core', version, allowDowngrade: false }, dryRun, bin)
  return { root, read, uvCalls, run, calls }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('did not throw'),
    (e: unknown) => e
  )
}

describe('performBump and uv lock', () => {
  test('uv on PATH: `uv lock` runs once in the workspace root after the files are written; uv.lock is listed and a notice says so', async () => {
    const { root, read, uvCalls, run } = setUp(TREE, { status: 0, lockText: 'locked by uv\n' })
    const result = await run()
    expect(uvCalls()).toEqual([`${root}|lock`])
    expect(read('b/pyproject.toml')).toBe('[project]\nname = "b"\nversion = "1.1.0"\n')
    expect(read('a/pyproject.toml')).toContain('"b~=1.1.0"')
    expect(read('uv.lock')).toBe('locked by uv\n')
    expect(result.files.sort()).toEqual(['a/pyproject.toml', 'b/pyproject.toml', 'uv.lock'])
    expect(result.notices).toContain('uv.lock updated by `uv lock`')
  })

  test('uv lock failing: E_LOCK_DRIFT with its exit status and last line, and every file (uv.lock included) as it was', async () => {
    const { read, uvCalls, run } = setUp(TREE, { status: 3, lockText: 'half written', output: 'Resolving\\nNo solution found for b\\n' })
    const error = await rejection(run())
    expect(error).toBeInstanceOf(PyshipError)
    expect((error as PyshipError).code).toBe('E_LOCK_DRIFT')
    expect((error as PyshipError).message).toBe('uv lock failed after the bump (exit 3); every file was restored: No solution found for b')
    expect((error as PyshipError).hint).toBe('Run `uv lock` yourself to see the resolver error, fix it, then bump again.')
    expect(uvCalls()).toHaveLength(1)
    for (const f of ['pyproject.toml', 'a/pyproject.toml', 'b/pyproject.toml', 'uv.lock']) expect(read(f)).toBe(TREE[f])
  })

  test.each<[string, Tree, boolean]>([
    ['a dry run', TREE, true],
    ['a workspace without uv.lock', { ...TREE, 'uv.lock': undefined as unknown as string }, false]
  ])('%s: uv is not run and uv.lock is not listed', async (_what, tree, dryRun) => {
    const files = Object.fromEntries(Object.entries(tree).filter(([, v]) => v !== undefined)) as Tree
    const { read, uvCalls, run } = setUp(files, { status: 0, lockText: 'locked by uv\n' })
    const result = await run(dryRun)
    expect(uvCalls()).toEqual([])
    expect(result.files.sort()).toEqual(['a/pyproject.toml', 'b/pyproject.toml'])
    expect(result.notices).not.toContain('uv.lock updated by `uv lock`')
    if (dryRun) for (const f of Object.keys(files)) expect(read(f)).toBe(files[f])
    else expect(read('b/pyproject.toml')).toContain('version = "1.1.0"')
  })

  test('a bump to the version the group already carries writes nothing: uv is not run, no file listed', async () => {
    const { read, uvCalls, run } = setUp(TREE, { status: 0, lockText: 'locked by uv\n' })
    const result = await run(false, '1.0.0')
    expect(uvCalls()).toEqual([])
    expect(result.files).toEqual([])
    expect(result.notices).not.toContain('uv.lock updated by `uv lock`')
    for (const f of Object.keys(TREE)) expect(read(f)).toBe(TREE[f])
  })

  test("the plan's notices are returned (an external package's pin left as it is)", async () => {
    const tree: Tree = {
      ...TREE,
      'pyproject.toml':
        '[tool.uv.workspace]\nmembers = ["a", "b", "c"]\n\n[tool.pyship.groups.core]\npackages = ["b"]\n\n[tool.pyship.packages."c"]\nexternal = true\n',
      'c/pyproject.toml': '[project]\nname = "c"\nversion = "0.1.0"\ndependencies = ["b==1.0.0"]\n'
    }
    const { read, run } = setUp(tree, null)
    const result = await run()
    expect(result.notices).toEqual([
      'c/pyproject.toml:4: left "b==1.0.0" (dependencies) as it is, although it excludes b 1.1.0: c is external (consumed from the index)'
    ])
    expect(read('c/pyproject.toml')).toBe(tree['c/pyproject.toml'])
  })

  test('no uv on PATH: pyship edits uv.lock itself, and no notice speaks of `uv lock`', async () => {
    const { read, run } = setUp(TREE, null)
    const result = await run()
    expect(result.files.sort()).toEqual(['a/pyproject.toml', 'b/pyproject.toml', 'uv.lock'])
    expect(result.notices).not.toContain('uv.lock updated by `uv lock`')
    expect(read('uv.lock')).toBe(LOCK.replace('version = "1.0.0"', 'version = "1.1.0"'))
    expect(read('b/pyproject.toml')).toContain('version = "1.1.0"')
  })

  // last in this file: the cancellation is process-wide
  test('a run cancelled while uv lock runs puts back every file, uv.lock included, and ends cancelled', async () => {
    const { read, uvCalls, run } = setUp(TREE, { status: 0, lockText: 'half written', sleep: 5 })
    const pending = rejection(run())
    const started = Date.now()
    while (read('uv.lock') !== 'half written' && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20))
    expect(uvCalls()).toHaveLength(1)
    cancel('SIGINT')
    const error = await pending
    expect(error).toBeInstanceOf(CancelledError)
    for (const f of ['pyproject.toml', 'a/pyproject.toml', 'b/pyproject.toml', 'uv.lock']) expect(read(f)).toBe(TREE[f])
  })
})
