/**
 * The release lock step (SPEC §8 "Exactly one publisher") against an in-memory origin:
 * who may take a held lock over, what a refusal says, and that a lock is only ever
 * changed by compare-and-swap on what this run last saw.
 */
import { describe, expect, jest, test } from '@jest/globals'
import os from 'node:os'
import { PyshipError } from '../../../src/errors.js'
import { formatLock, HEARTBEAT_MS, lockRef, type Holder } from '../../../src/release/lock.js'
import { assertLocksHeld, inspectLock, lock, me, releaseLocks } from '../../../src/release/steps/lock.js'
import type { Git } from '../../../src/adapters/git.js'
import { OTHER_SHA, SHA, testState, testTarget } from '../../../__fixtures__/test-state.js'

const TAG = 'cli-v2.0.0'
const REF = lockRef(TAG)
const nowSeconds = (): number => Math.floor(Date.now() / 1000)
/** A pid no process has (above Linux's pid_max). */
const GONE_PID = 2 ** 30

/** An origin with refs and commits (time in seconds, as `git show --format=%ct` gives it), and the calls made to it. */
function origin() {
  const refs = new Map<string, string>()
  const commits = new Map<string, { time: number; message: string }>()
  const cas: [string, string | null, string | null][] = []
  let next = 0
  const git: Partial<Git> = {
    remoteRef: async (ref) => refs.get(ref) ?? null,
    remoteCommitMessage: async (_ref, oid) => commits.get(oid) ?? null,
    note: async (_parent, message) => {
      const oid = `note${next++}`.padEnd(40, '0')
      commits.set(oid, { time: nowSeconds(), message })
      return oid
    },
    casRemoteRef: async (ref, expected, value) => {
      cas.push([ref, expected, value])
      if ((refs.get(ref) ?? null) !== expected) return false
      if (value === null) refs.delete(ref)
      else refs.set(ref, value)
      return true
    }
  }
  /** Put a lock held by `holder`, last refreshed `ageSeconds` ago. */
  const hold = (holder: Holder | null, ageSeconds = 0): string => {
    const oid = `held${next++}`.padEnd(40, '0')
    commits.set(oid, { time: nowSeconds() - ageSeconds, message: holder ? formatLock(TAG, holder) : 'garbage' })
    refs.set(REF, oid)
    return oid
  }
  return { refs, commits, cas, git, hold }
}

const holder = (overrides: Partial<Holder> = {}): Holder => ({
  commit: SHA,
  run: 'https://github.com/acme/dakora/actions/runs/1000',
  attempt: '1',
  host: 'another-runner',
  pid: 4242,
  since: '2026-12-01T10:00:00.000Z',
  ...overrides
})

function stateWith(o: ReturnType<typeof origin>, runAttempt = '1') {
  return testState({ git: o.git, targets: [testTarget(TAG)], runner: { runAttempt } })
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(PyshipError)
  return `${(error as PyshipError).code} ${(error as PyshipError).message}`
}

describe('lock: taking the release lock', () => {
  test('a free lock is created on origin, naming this run and commit', async () => {
    const o = origin()
    const state = stateWith(o)
    const outcome = await lock.run(state)
    if (state.heartbeat) clearInterval(state.heartbeat)
    expect(outcome).toEqual({ status: 'done', detail: `${REF} held by this run` })
    expect(state.locks).toEqual([expect.objectContaining({ tag: TAG, ref: REF, oid: o.refs.get(REF) })])
    expect(o.commits.get(o.refs.get(REF) as string)?.message).toContain(`commit: ${SHA}`)
    expect(o.cas).toEqual([[REF, null, o.refs.get(REF)]])
  })

  test.each([
    [
      'a run of another commit, however old its lock',
      () => holder({ commit: OTHER_SHA }),
      3600,
      /^E_RELEASE_IN_PROGRESS another run is releasing cli-v2\.0\.0: workflow run .*, commit bbbbbbbbbbbb.* \(it is releasing commit bbbbbbbbbbbb, not aaaaaaaaaaaa\)$/
    ],
    ['a live run of this commit on another host, refreshed just now', () => holder(), 0, /\(it is still working\)$/],
    ['a live run of this commit refreshed 9 minutes ago', () => holder(), 9 * 60, /\(it is still working\)$/],
    ['a later attempt of this workflow run', () => holder({ attempt: '3' }), 0, /\(it is still working\)$/],
    [
      'a lock that names no holder pyship can read',
      () => null,
      3600,
      /a run pyship cannot identify \(the lock names no holder pyship can read\)$/
    ]
  ])('held by %s: E_RELEASE_IN_PROGRESS, origin untouched', async (_name, who, age, message) => {
    const o = origin()
    const oid = o.hold(who(), age)
    const state = stateWith(o)
    expect(await refusal(lock.run(state))).toMatch(message)
    expect(o.refs.get(REF)).toBe(oid)
    expect(o.cas.filter(([, expected]) => expected !== null)).toEqual([])
    expect(state.locks).toEqual([])
  })

  test.each([
    ['an earlier attempt of this workflow run', () => holder({ attempt: '1' }), 0, '2', 'attempt 1 of this workflow run did not finish'],
    [
      'a process of this commit on this host that no longer exists',
      () => holder({ host: os.hostname(), pid: GONE_PID, run: '' }),
      0,
      '1',
      `its process ${GONE_PID} on ${os.hostname()} no longer exists`
    ],
    ['a lock of this commit not refreshed for 11 minutes', () => holder(), 11 * 60, '1', 'it was last refreshed 11 minutes ago']
  ])('held by %s: taken over with compare-and-swap, and said so', async (_name, who, age, attempt, why) => {
    const o = origin()
    const old = o.hold(who(), age)
    const state = stateWith(o, attempt)
    await lock.run(state)
    if (state.heartbeat) clearInterval(state.heartbeat)
    expect(o.refs.get(REF)).not.toBe(old)
    expect(o.cas.at(-1)).toEqual([REF, old, o.refs.get(REF)])
    expect(state.notices).toEqual([expect.stringContaining(`took over the release lock of ${TAG}`)])
    expect(state.notices[0]).toContain(why)
  })

  test('a lock its holder removes just after this run found it taken is created on the next attempt', async () => {
    const o = origin()
    o.hold(holder())
    const cas = o.git.casRemoteRef as NonNullable<Git['casRemoteRef']>
    // the holder finishes (removes its lock) right after this run's create failed
    o.git.casRemoteRef = async (ref, expected, value) => {
      const done = await cas(ref, expected, value)
      if (!done) o.refs.delete(ref)
      return done
    }
    const state = stateWith(o)
    const outcome = await lock.run(state)
    if (state.heartbeat) clearInterval(state.heartbeat)
    expect(outcome).toEqual({ status: 'done', detail: `${REF} held by this run` })
    expect(state.locks).toEqual([expect.objectContaining({ tag: TAG, oid: o.refs.get(REF) })])
    expect(state.notices).toEqual([])
  })

  test('a lock that changes hands on every attempt stops the run instead of looping', async () => {
    const o = origin()
    const state = stateWith(o)
    // another run keeps replacing the lock: every compare-and-swap of this run fails
    o.git.casRemoteRef = async (ref, expected, value) => {
      o.cas.push([ref, expected, value])
      o.hold(holder({ host: os.hostname(), pid: GONE_PID, run: '' }))
      return false
    }
    expect(await refusal(lock.run(state))).toMatch(/the lock changed hands while pyship tried to take it/)
    expect(o.cas.length).toBeLessThanOrEqual(6)
  })
})

describe('inspectLock: what preflight reports', () => {
  test('the commit time git gives is seconds: a lock refreshed a second ago is live', async () => {
    const o = origin()
    o.hold(holder(), 1)
    expect(await inspectLock(o.git as Git, TAG, me(stateWith(o)))).toMatchObject({ take: false, why: 'it is still working' })
  })
  test('no lock: null', async () => {
    expect(await inspectLock(origin().git as Git, TAG, me(stateWith(origin())))).toBeNull()
  })
})

describe('while and after the release', () => {
  test('before each irreversible step: still ours passes, taken over stops the run', async () => {
    const o = origin()
    const state = stateWith(o)
    await lock.run(state)
    if (state.heartbeat) clearInterval(state.heartbeat)
    await expect(assertLocksHeld(state)).resolves.toBeUndefined()
    o.hold(holder({ attempt: '2', host: 'the-next-attempt' }))
    expect(await refusal(assertLocksHeld(state))).toMatch(
      /^E_RELEASE_IN_PROGRESS another run is releasing cli-v2\.0\.0: workflow run .* \(attempt 2\).*it took the lock over from this run/
    )
  })

  test('the end removes only a lock that is still ours, and stops the refresh', async () => {
    const o = origin()
    const state = stateWith(o)
    await lock.run(state)
    expect(state.heartbeat).not.toBeNull()
    const ours = o.refs.get(REF)
    await releaseLocks(state)
    expect(state.heartbeat).toBeNull()
    expect(o.refs.has(REF)).toBe(false)
    expect(o.cas.at(-1)).toEqual([REF, ours, null])

    // taken over meanwhile: the other run's lock stays
    const again = stateWith(o)
    await lock.run(again)
    const theirs = o.hold(holder({ attempt: '2' }))
    await releaseLocks(again)
    expect(o.refs.get(REF)).toBe(theirs)
    expect(again.locks).toEqual([])
  })
})

describe('the heartbeat', () => {
  test('refreshes the lock with compare-and-swap every minute, and leaves a lock another run took over', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] })
    try {
      const o = origin()
      const state = stateWith(o)
      await lock.run(state)
      const first = o.refs.get(REF) as string
      await jest.advanceTimersByTimeAsync(HEARTBEAT_MS)
      const second = o.refs.get(REF) as string
      expect(second).not.toBe(first)
      expect(o.cas.at(-1)).toEqual([REF, first, second])
      expect(state.locks[0].oid).toBe(second)
      // another run takes it over: the next beat fails its compare-and-swap and changes nothing
      const theirs = o.hold(holder({ attempt: '2' }))
      await jest.advanceTimersByTimeAsync(HEARTBEAT_MS)
      expect(o.refs.get(REF)).toBe(theirs)
      expect(state.locks[0].oid).toBe(second)
      await releaseLocks(state)
      expect(o.refs.get(REF)).toBe(theirs)
    } finally {
      jest.useRealTimers()
    }
  })
})

describe('who holds it, and what a refusal says', () => {
  test('this run is named by its workflow run URL and attempt, or as a local run', () => {
    const o = origin()
    expect(me(stateWith(o, '3'))).toMatchObject({
      commit: SHA,
      run: 'https://github.com/acme/dakora/actions/runs/1000',
      attempt: '3',
      host: os.hostname(),
      pid: process.pid
    })
    expect(me(testState({ runner: { runId: '', runAttempt: '' } }))).toMatchObject({ run: '', attempt: '1' })
    expect(me(testState({ runner: { repository: '' } })).run).toBe('')
  })

  test('every target of the release is locked, in a stable order', async () => {
    const o = origin()
    const state = testState({ git: o.git, targets: [testTarget('sdk-v1.0.0'), testTarget('cli-v2.0.0')] })
    const outcome = await lock.run(state)
    await releaseLocks(state)
    expect(outcome.detail).toBe('refs/pyship/locks/cli-v2.0.0, refs/pyship/locks/sdk-v1.0.0 held by this run')
  })

  test("a release under a release-level tag locks each group's own tag too: a release of one group beside it stops", async () => {
    const o = origin()
    const train = testTarget('v2026.12.04')
    train.plan.groupTags = ['sdk-v1.0.0', 'cli-v2.0.0']
    const state = testState({ git: o.git, targets: [train] })
    const outcome = await lock.run(state)
    expect(outcome.detail).toBe(
      'refs/pyship/locks/cli-v2.0.0, refs/pyship/locks/sdk-v1.0.0, refs/pyship/locks/v2026.12.04 held by this run'
    )
    // `release cli 2.0.0` of another commit at the same time: its lock is the one the train holds
    const beside = testState({ git: o.git, targets: [testTarget('cli-v2.0.0')], sha: OTHER_SHA })
    expect(await refusal(lock.run(beside))).toMatch(/^E_RELEASE_IN_PROGRESS another run is releasing cli-v2\.0\.0: /)
    await releaseLocks(state)
    expect([...o.refs.keys()]).toEqual([])
  })

  test('a refusal says how to wait, re-run or clear the lock by hand', async () => {
    const o = origin()
    o.hold(holder({ commit: OTHER_SHA }))
    const error = await lock.run(stateWith(o)).catch((e: unknown) => e)
    expect((error as PyshipError).hint).toContain(`git push origin :${REF}`)
    expect((error as PyshipError).hint).toContain('concurrency:')
  })

  test('removing the locks at the end never fails the run, even when origin cannot be reached', async () => {
    const o = origin()
    const state = stateWith(o)
    await lock.run(state)
    o.git.casRemoteRef = async () => {
      throw new Error('network down')
    }
    await expect(releaseLocks(state)).resolves.toBeUndefined()
    expect(state.locks).toEqual([])
  })
})
