import { describe, expect, test } from '@jest/globals'
import { decideTakeover, describeHolder, formatLock, lockRef, parseLock, STALE_MS, type Holder } from '../../src/release/lock.js'

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const me: Holder = {
  commit: A,
  run: 'https://github.com/o/r/actions/runs/7',
  attempt: '2',
  host: 'runner-1',
  pid: 100,
  since: '2026-11-28T12:00:00.000Z'
}
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
    [
      'another commit, however stale',
      { commit: B, host: 'runner-1', pid: 999 },
      NOW - 10 * STALE_MS,
      false,
      /releasing commit bbbbbbbbbbbb/
    ],
    [
      'same commit, an earlier attempt of this workflow run',
      { attempt: '1', host: 'elsewhere', pid: 5 },
      NOW,
      true,
      /attempt 1 of this workflow run/
    ],
    ['same commit, the same attempt elsewhere (a second job)', { attempt: '2', host: 'elsewhere', pid: 5 }, NOW, false, /still working/],
    [
      'same commit, another run on this host whose process is gone',
      { run: '', host: 'runner-1', pid: 300 },
      NOW,
      true,
      /process 300 on runner-1 no longer exists/
    ],
    ['same commit, another run on this host, alive', { run: '', host: 'runner-1', pid: 200 }, NOW, false, /still working/],
    ['same commit, another host, refreshed a minute ago', { run: '', host: 'elsewhere', pid: 5 }, NOW - 60_000, false, /still working/],
    [
      'same commit, another host, not refreshed for longer than the stale limit',
      { run: '', host: 'elsewhere', pid: 5 },
      NOW - STALE_MS - 1,
      true,
      /last refreshed 10 minutes ago/
    ]
  ])('%s', (_title, held, refreshed, take, why) => {
    const decision = decideTakeover({ ...me, ...held }, me, refreshed, NOW, alive)
    expect(decision.take).toBe(take)
    expect(decision.why).toMatch(why)
  })

  test('an unreadable lock is never taken over', () => {
    expect(decideTakeover(null, me, 0, NOW, alive).take).toBe(false)
  })

  test('names the holder for E_RELEASE_IN_PROGRESS', () => {
    expect(describeHolder(me)).toBe(
      'workflow run https://github.com/o/r/actions/runs/7 (attempt 2), commit aaaaaaaaaaaa, since 2026-11-28T12:00:00.000Z'
    )
    expect(describeHolder({ ...me, run: '' })).toBe(
      'a local run on runner-1 (process 100), commit aaaaaaaaaaaa, since 2026-11-28T12:00:00.000Z'
    )
  })
})

describe('the release lock, exactly', () => {
  test('a lock goes stale after 10 minutes without a refresh (README "Exactly one publisher"), not at 10 minutes sharp', () => {
    expect(STALE_MS).toBe(10 * 60_000)
    const other = { ...me, run: '', host: 'elsewhere', pid: 5 }
    expect(decideTakeover(other, me, NOW - STALE_MS, NOW, alive).take).toBe(false)
    expect(decideTakeover(other, me, NOW - STALE_MS - 1, NOW, alive).take).toBe(true)
  })

  test('two local runs (no workflow run) of one commit on different hosts: neither is an earlier attempt of the other', () => {
    const local = { ...me, run: '', attempt: '2' }
    expect(decideTakeover({ ...local, attempt: '1', host: 'elsewhere' }, local, NOW, NOW, alive)).toEqual({
      take: false,
      why: 'it is still working'
    })
  })

  test('an earlier attempt of another workflow run is not this run', () => {
    expect(
      decideTakeover({ ...me, run: 'https://github.com/o/r/actions/runs/8', attempt: '1', host: 'elsewhere' }, me, NOW, NOW, alive).take
    ).toBe(false)
  })

  test('this very process is never "gone"', () => {
    expect(decideTakeover({ ...me, run: '' }, { ...me, run: '' }, NOW, NOW, () => false).take).toBe(false)
  })

  test('the lock message is what a person reading origin sees', () => {
    expect(formatLock('cli-v2.0.0', me)).toBe(
      [
        'pyship release lock for cli-v2.0.0',
        '',
        `commit: ${A}`,
        'run: https://github.com/o/r/actions/runs/7',
        'attempt: 2',
        'host: runner-1',
        'pid: 100',
        'since: 2026-11-28T12:00:00.000Z'
      ].join('\n')
    )
    expect(formatLock('cli-v2.0.0', { ...me, run: '', attempt: '' })).toContain('\nrun: local\nattempt: 1\n')
  })

  test.each([
    ['a field must start its line', `pyship release lock\nrecommit: ${A}`],
    ['a commit must be a whole object name', `commit: ${A}x`],
    ['a commit must be hexadecimal', `commit: ${'g'.repeat(40)}`],
    ['a commit must be a full name', `commit: ${'a'.repeat(39)}`]
  ])('an unreadable holder: %s', (_name, message) => {
    expect(parseLock(message)).toBeNull()
  })

  test('missing fields read as a local first attempt; spaces around values are dropped', () => {
    expect(parseLock(`commit: ${A}  `)).toEqual({ commit: A, run: '', attempt: '1', host: '', pid: 0, since: '' })
  })

  test('the attempt is named only after the first', () => {
    expect(describeHolder({ ...me, attempt: '1' })).toBe(
      `workflow run https://github.com/o/r/actions/runs/7, commit aaaaaaaaaaaa, since 2026-11-28T12:00:00.000Z`
    )
    expect(describeHolder({ ...me, attempt: '' })).not.toContain('attempt')
  })
})
