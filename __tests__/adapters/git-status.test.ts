/**
 * The dirty work tree preflight lists (E_DIRTY_TREE names the files): every path exactly as
 * it is, whatever the first entry's status letters, and unusual names unquoted.
 */
import { afterAll, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Git } from '../../src/adapters/git.js'
import { gitEnv } from '../../__fixtures__/git.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

function repo(): { dir: string; git: (...args: string[]) => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-status-'))
  dirs.push(dir)
  const git = (...args: string[]): void => {
    const r = spawnSync('git', args, { cwd: dir, env: { ...process.env, ...gitEnv(dir) }, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(r.stderr)
  }
  git('init', '-q', '-b', 'main')
  for (const f of ['alpha.txt', 'beta.txt', 'gamma.txt']) writeFileSync(path.join(dir, f), f)
  git('add', '-A')
  git('commit', '-q', '-m', 'init')
  return { dir, git }
}

test.each([
  [
    'a file modified in the work tree first ( M)',
    (r: ReturnType<typeof repo>) => writeFileSync(path.join(r.dir, 'alpha.txt'), 'changed'),
    ['alpha.txt']
  ],
  [
    'a staged file (M )',
    (r: ReturnType<typeof repo>) => (writeFileSync(path.join(r.dir, 'beta.txt'), 'changed'), r.git('add', 'beta.txt')),
    ['beta.txt']
  ],
  [
    'an untracked file with a space and a quote',
    (r: ReturnType<typeof repo>) => writeFileSync(path.join(r.dir, 'new "file".txt'), 'x'),
    ['new "file".txt']
  ],
  ['a rename: the new name only', (r: ReturnType<typeof repo>) => r.git('mv', 'gamma.txt', 'delta.txt'), ['delta.txt']],
  ['a clean tree', () => undefined, []]
])('%s', async (_name, change, expected) => {
  const r = repo()
  change(r)
  expect((await new Git(r.dir).dirtyFiles()).sort()).toEqual(expected)
})
