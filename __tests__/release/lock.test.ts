import { describe, expect, test } from '@jest/globals'
import { decideTakeover, describeHolder, formatLock, lockRef, parseLock, STALE_MS, type Holder } from '../../src/release/lock.js'

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const me: Holder = { commit: A, run: 'https://github.com/o/r/actions/runs/7', attempt: '2', host: 'runner-1', pid: 100, since: '2026-11-28T12:00:00.000Z' }
const NOW = Date.parse('2026-11-28T12:00:00Z')
const alive = (pid: number): boolean => pid === 200

describe('the release lock', () => {
  test('round-trips the holder through the lock message', () => {
    expect(parseLock(formatLock('cli-v2.0.0', me))).toEqual(me)
    expect(parseLock(formatLock('cli-v2.0.0', { ...me, run: '' }))?.run).toBe('')
    expect(parseLock('garbage')).toBeNull()
    expect(lockRef('cli-v2.0.0')).toBe('refs/pyship/locks/cli-v2.0.0')
  })

  test.each([
    ['another commit, however stale', { commit: B, host: 'runner-1', pid: 999 }, NOW - 10 * STALE_MS, false, /releasing commit bbbbbbbbbbbb/],
    ['same commit, an earlier attempt of this workflow run', { attempt: '1', host: 'elsewhere', pid: 5 }, NOW, true, /attempt 1 of this workflow run/],
    ['same commit, the same attempt elsewhere (a second job)', { attempt: '2', host: 'elsewhere', pid: 5 }, NOW, false, /still working/],
    ['same commit, another run on this host whose process is gone', { run: '', host: 'runner-1', pid: 300 }, NOW, true, /process 300 on runner-1 no longer exists/],
    ['same commit, another run on this host, alive', { run: '', host: 'runner-1', pid: 200 }, NOW, false, /still working/],
    ['same commit, another host, refreshed a minute ago', { run: '', host: 'elsewhere', pid: 5 }, NOW - 60_000, false, /still working/],
    ['same commit, another host, not refreshed for longer than the stale limit', { run: '', host: 'elsewhere', pid: 5 }, NOW - STALE_MS - 1, true, /last refreshed 10 minutes ago/]
  ])('%s', (_title, held, refreshed, take, why) => {
    const decision = decideTakeover({ ...me, ...held }, me, refreshed, NOW, alive)
    expect(decision.take).toBe(take)
    expect(decision.why).toMatch(why)
  })

  test('an unreadable lock is never taken over', () => {
    expect(decideTakeover(null, me, 0, NOW, alive).take).toBe(false)
  })

  test('names the holder for E_RELEASE_IN_PROGRESS', () => {
    expect(describeHolder(me)).toBe('workflow run https://github.com/o/r/actions/runs/7 (attempt 2), commit aaaaaaaaaaaa, since 2026-11-28T12:00:00.000Z')
    expect(describeHolder({ ...me, run: '' })).toBe('a local run on runner-1 (process 100), commit aaaaaaaaaaaa, since 2026-11-28T12:00:00.000Z')
  })
})
