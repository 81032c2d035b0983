/**
 * The git half of the release lock (SPEC §8, exactly one publisher) against a real bare
 * origin: a compare-and-swap of a ref that origin applies atomically (create only when
 * absent, replace or delete only the value the caller saw), the lock's commit object
 * made without touching a branch, and reading it back from origin.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { configureExec } from '../../src/adapters/exec.js'
import { PyshipError } from '../../src/errors.js'
import { Git } from '../../src/adapters/git.js'
import { setLogger } from '../../src/log.js'
import { makeRepos, type GitRepos } from '../../__fixtures__/git.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

const REF = 'refs/pyship/locks/cli-v1.0.0'

let repos: GitRepos
let git: Git
beforeEach(() => {
  repos = makeRepos(writeTree(tempDir(), { 'README.md': 'one\n' }))
  git = new Git(repos.work)
})
afterEach(() => {
  configureExec({})
  repos.remove()
  removeTempDirs()
})

const onOrigin = (ref: string): string | null => {
  const out = repos.git(['for-each-ref', '--format=%(objectname)', ref], repos.bare)
  return out === '' ? null : out
}

describe('casRemoteRef', () => {
  test('create when absent, replace only the value seen, delete only the value seen', async () => {
    const head = repos.head()
    const a = await git.note(head, 'lock a')
    const b = await git.note(head, 'lock b')
    const c = await git.note(head, 'lock c')
    // [expected, next, result, origin's ref after]
    const steps: [string | null, string | null, boolean, string | null][] = [
      [null, a, true, a], // created
      [null, b, false, a], // already exists: another run holds it
      [b, c, false, a], // origin holds a, not b
      [a, b, true, b], // swapped
      [a, null, false, b], // delete of a value origin no longer holds
      [b, null, true, null], // deleted
      [b, c, false, null] // gone: nothing to replace
    ]
    for (const [expected, next, result, after] of steps) {
      expect([expected, next, await git.casRemoteRef(REF, expected, next)]).toEqual([expected, next, result])
      expect(onOrigin(REF)).toBe(after)
    }
  })

  test('without origin it is E_CONFIG; with origin gone it is E_NETWORK', async () => {
    const head = repos.head()
    const oid = await git.note(head, 'lock')
    repos.git(['remote', 'set-url', 'origin', path.join(repos.root, 'gone.git')])
    const gone = await git.casRemoteRef(REF, null, oid).then(
      () => null,
      (e: unknown) => e as PyshipError
    )
    expect(gone?.code).toBe('E_NETWORK')
    expect(gone?.message).toMatch(
      new RegExp(`^git push of ${REF} to origin failed: origin could not be reached: .*; a re-run resumes where this one stopped$`)
    )
    repos.git(['remote', 'remove', 'origin'])
    const none = await git.casRemoteRef(REF, null, oid).then(
      () => null,
      (e: unknown) => e as PyshipError
    )
    expect(none?.code).toBe('E_CONFIG')
    expect(none?.message).toBe(`git push of ${REF} to origin failed: this repository has no remote named origin`)
  })
})

describe('the lock commit', () => {
  test("note: a commit on the parent's tree with the message, by pyship, dated now whatever GIT_COMMITTER_DATE says, on no branch", async () => {
    configureExec({ GIT_COMMITTER_DATE: '2001-01-01T00:00:00Z', GIT_AUTHOR_DATE: '2001-01-01T00:00:00Z' })
    const head = repos.head()
    const before = Math.floor(Date.now() / 1000)
    const oid = await git.note(head, 'pyship release lock for cli-v1.0.0\n\ncommit: x')
    const after = Math.floor(Date.now() / 1000)
    expect(oid).toMatch(/^[0-9a-f]{40}$/)
    expect(repos.git(['rev-parse', `${oid}^{tree}`])).toBe(repos.git(['rev-parse', 'HEAD^{tree}']))
    expect(repos.git(['rev-parse', `${oid}^@`])).toBe(head)
    expect(repos.git(['show', '-s', '--format=%B', oid])).toBe('pyship release lock for cli-v1.0.0\n\ncommit: x')
    expect(repos.git(['show', '-s', '--format=%an <%ae>|%cn <%ce>', oid])).toBe(
      'pyship <pyship@users.noreply.github.com>|pyship <pyship@users.noreply.github.com>'
    )
    for (const format of ['%ct', '%at']) {
      const time = Number(repos.git(['show', '-s', `--format=${format}`, oid]))
      expect(time).toBeGreaterThanOrEqual(before)
      expect(time).toBeLessThanOrEqual(after)
    }
    expect(repos.git(['show', '-s', '--format=%ci', oid])).toMatch(/\+0000$/)
    expect(repos.head()).toBe(head)
  })

  test('note of a parent that does not exist is E_INPUT naming commit-tree; the look-up is not logged', async () => {
    const lines: string[] = []
    setLogger((line) => lines.push(line))
    const error = await git.note('0123456789abcdef0123456789abcdef01234567', 'lock').then(
      () => null,
      (e: unknown) => e as PyshipError
    )
    await git.note(repos.head(), 'lock')
    setLogger(() => undefined)
    expect(error?.code).toBe('E_INPUT')
    expect(error?.message).toMatch(/^git commit-tree failed: /)
    expect(lines).toEqual([])
  })

  test('remoteRef: the object a ref on origin points at (that ref exactly), or null', async () => {
    const head = repos.head()
    const oid = await git.note(head, 'lock')
    const other = await git.note(head, 'other')
    expect(await git.remoteRef(REF)).toBeNull()
    // a ref whose name ends like the lock's sorts first: only the exact ref counts
    await git.casRemoteRef(`refs/a/${REF}`, null, other)
    expect(await git.remoteRef(REF)).toBeNull()
    await git.casRemoteRef(REF, null, oid)
    expect(await git.remoteRef(REF)).toBe(oid)
  })

  test('remoteRef without origin is E_CONFIG naming the look-up', async () => {
    repos.git(['remote', 'remove', 'origin'])
    const error = await git.remoteRef(REF).then(
      () => null,
      (e: unknown) => e as PyshipError
    )
    expect(error?.code).toBe('E_CONFIG')
    expect(error?.message).toBe(`git ls-remote origin ${REF} failed: this repository has no remote named origin`)
  })

  test("remoteCommitMessage: another checkout reads the lock's time and message from origin; an object origin lacks is null", async () => {
    const head = repos.head()
    const before = Math.floor(Date.now() / 1000)
    const oid = await git.note(head, 'pyship release lock for cli-v1.0.0\n\nrun: 42\n')
    await git.casRemoteRef(REF, null, oid)
    const other = path.join(repos.root, 'other')
    // file://: a clone that copies only what its refs reach (a local path would hard-link every object)
    repos.git(['clone', '-q', `file://${repos.bare}`, other], repos.root)
    expect(spawnSync('git', ['cat-file', '-e', oid], { cwd: other }).status).not.toBe(0)
    const reader = new Git(other)
    const read = await reader.remoteCommitMessage(REF, oid)
    expect(read?.message).toBe('pyship release lock for cli-v1.0.0\n\nrun: 42')
    expect(read?.time).toBeGreaterThanOrEqual(before)
    expect(read?.time).toBeLessThanOrEqual(Math.floor(Date.now() / 1000))
    expect(await reader.remoteCommitMessage('refs/pyship/locks/none', '0123456789abcdef0123456789abcdef01234567')).toBeNull()
  })
})
