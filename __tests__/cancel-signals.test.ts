/**
 * Cancellation's bookkeeping (SPEC §8), seen from a front end: the exit status of a cancelled
 * run (130 for SIGINT, 143 for SIGTERM), the cleanups (child processes killed, credentials
 * removed) run once each even when one fails, a second signal changes nothing, and the
 * handlers a front end installs cancel the run, say so once, and exit after the grace time.
 *
 * cancel() is process-wide and happens once: the tests of this file run in order
 * (__tests__/cancel.test.ts covers work under way and work that would start).
 */
import { afterAll, expect, jest, test } from '@jest/globals'
import { getEventListeners } from 'node:events'
import {
  asCleanup,
  cancel,
  CancelledError,
  cancelExitCode,
  cancelledBy,
  cancelReason,
  cancelSignal,
  handleSignals,
  inCleanup,
  onCleanup,
  runCleanups,
  sleep,
  throwIfCancelled
} from '../src/cancel.js'

const installed: [string, (...args: unknown[]) => void][] = []
afterAll(() => {
  for (const [event, fn] of installed) process.removeListener(event, fn)
})

test.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 1]
] as const)('a run cancelled by %s exits %i', (signal, code) => {
  expect(cancelExitCode(signal)).toBe(code)
})

test('every cleanup runs once, a failing one does not stop the others, a removed one never runs', () => {
  const ran: string[] = []
  onCleanup(() => void ran.push('kill the build'))
  onCleanup(() => {
    ran.push('a cleanup that fails')
    throw new Error('already gone')
  })
  const forget = onCleanup(() => void ran.push('removed before the end'))
  onCleanup(() => void ran.push('remove the docker credentials'))
  forget()
  runCleanups()
  runCleanups()
  expect(ran).toEqual(['kill the build', 'a cleanup that fails', 'remove the docker credentials'])
})

test('before a cancellation: nothing is cancelled, a wait ends after its time and leaves no listener behind', async () => {
  expect(cancelledBy()).toBeNull()
  expect(() => throwIfCancelled()).not.toThrow()
  expect(inCleanup()).toBe(false)
  expect(await asCleanup(async () => inCleanup())).toBe(true)
  const own = new AbortController()
  const started = Date.now()
  await sleep(30, own.signal)
  expect(Date.now() - started).toBeGreaterThanOrEqual(25)
  expect(getEventListeners(own.signal, 'abort')).toHaveLength(0)
})

test('a wait on another signal ends at its abort; an abort for another reason stands for the run cancelled by SIGTERM', async () => {
  const own = new AbortController()
  const wait = sleep(60_000, own.signal)
  own.abort(new Error('not a signal'))
  await expect(wait).rejects.toEqual(new CancelledError('SIGTERM'))
  expect(cancelReason(own.signal).signal).toBe('SIGTERM')
  await expect(sleep(10, own.signal)).rejects.toBeInstanceOf(CancelledError)
  expect(() => throwIfCancelled(own.signal)).toThrow('cancelled by SIGTERM')
})

test('the handlers a front end installs: a signal cancels the run, runs the cleanups, says so once, and exits after the grace time', async () => {
  const before = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM'), exit: process.listenerCount('exit') }
  const said: string[] = []
  handleSignals((signal) => void said.push(signal), 20)
  handleSignals(() => void said.push('a second front end'), 20)
  for (const event of ['SIGINT', 'SIGTERM', 'exit'] as const) {
    const added = (process.listeners as (e: string) => unknown[])(event).slice(before[event])
    expect(added).toHaveLength(1)
    installed.push([event, added[0] as (...args: unknown[]) => void])
  }
  const onSigterm = process.listeners('SIGTERM').at(-1) as () => void
  const onSigint = process.listeners('SIGINT').at(-1) as () => void
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never)
  const cleaned: string[] = []
  onCleanup(() => void cleaned.push('credentials removed'))
  try {
    onSigterm()
    expect(cleaned).toEqual(['credentials removed'])
    expect(cancelledBy()).toBe('SIGTERM')
    expect(cancelSignal.aborted).toBe(true)
    expect(cancelReason()).toEqual(new CancelledError('SIGTERM'))
    expect(String(cancelReason())).toBe('CancelledError: cancelled by SIGTERM')
    expect(() => throwIfCancelled()).toThrow('cancelled by SIGTERM')
    // a second signal (the runner's SIGINT after SIGTERM) neither changes the cause nor says it again
    onSigint()
    cancel('SIGINT')
    expect(cancelledBy()).toBe('SIGTERM')
    expect(said).toEqual(['SIGTERM'])
    expect(exit).not.toHaveBeenCalled()
    await new Promise((r) => setTimeout(r, 100))
    expect(exit.mock.calls).toEqual([[143], [130]])
  } finally {
    // the grace timers fire into the spy even when an expectation above failed
    await new Promise((r) => setTimeout(r, 100))
    exit.mockRestore()
  }
})

test('after the cancellation a wait rejects at once with the run cause, and the exit handler runs the cleanups', async () => {
  await expect(sleep(60_000)).rejects.toEqual(new CancelledError('SIGTERM'))
  const ran: string[] = []
  onCleanup(() => void ran.push('child killed'))
  const onExit = installed.find(([event]) => event === 'exit')?.[1] as () => void
  onExit()
  expect(ran).toEqual(['child killed'])
})
