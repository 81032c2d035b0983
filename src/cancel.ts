/**
 * Cancellation and cleanup, process-wide. A cancelled job sends SIGINT/SIGTERM: the
 * front end calls `cancel(signal)`, which aborts `cancelSignal` and runs every registered
 * cleanup at once (child processes are killed, credentials written to disk are removed).
 * Cleanups also run on every exit.
 *
 * From then on nothing new starts: every HTTP request (adapters/http.ts), retry and poll
 * wait (`sleep`), tool (adapters/exec.ts) and pool (release/pool.ts) listens to
 * `cancelSignal` — what runs stops with a CancelledError, what would start throws one.
 * The one exception is undoing what this run holds (freeing the release lock): work
 * inside `asCleanup()` may still run, for at most CLEANUP_MS.
 */
import type { AsyncLocalStorage } from 'node:async_hooks'
import { setMaxListeners } from 'node:events'

export class CancelledError extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`cancelled by ${signal}`)
    this.name = 'CancelledError'
  }
}

const cleanups = new Set<() => void>()
const controller = new AbortController()
// every request, wait and tool under way listens (a pool of builds and uploads is many more than 10)
setMaxListeners(0, controller.signal)
let reason: NodeJS.Signals | null = null

/** Aborted when the run is cancelled. */
export const cancelSignal: AbortSignal = controller.signal

/** The signal that cancelled this run, or null. */
export function cancelledBy(): NodeJS.Signals | null {
  return reason
}

/** Register a synchronous cleanup (kill a child, remove a credentials directory); returns its removal. */
export function onCleanup(fn: () => void): () => void {
  cleanups.add(fn)
  return () => {
    cleanups.delete(fn)
  }
}

/** Run every registered cleanup once (each is removed before it runs; failures are ignored). */
export function runCleanups(): void {
  for (const fn of [...cleanups]) {
    cleanups.delete(fn)
    try {
      fn()
    } catch {
      /* a cleanup must never stop the others */
    }
  }
}

/** Throw the run's CancelledError when it was cancelled (before starting new work). */
export function throwIfCancelled(signal: AbortSignal = cancelSignal): void {
  if (signal.aborted) throw cancelReason(signal)
}

/** What an aborted `signal` stands for: its CancelledError (or a new one). */
export function cancelReason(signal: AbortSignal = cancelSignal): CancelledError {
  const r: unknown = signal.reason
  return r instanceof CancelledError ? r : new CancelledError(reason ?? 'SIGTERM')
}

/** Wait `ms`, unless the run is cancelled first: then reject at once with its CancelledError (retry, rate-limit and poll waits). */
export function sleep(ms: number, signal: AbortSignal = cancelSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelReason(signal))
    const stop = (): void => {
      clearTimeout(timer)
      reject(cancelReason(signal))
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop)
      resolve()
    }, ms)
    signal.addEventListener('abort', stop, { once: true })
  })
}

/** How long cleanup work (`asCleanup`) may still run after a cancellation. */
export const CLEANUP_MS = 1000

let scope: AsyncLocalStorage<true> | null = null

/**
 * Run `fn` as cleanup: undoing what this run holds (freeing its release lock) is not new
 * work, so the tools it starts run after a cancellation too — killed CLEANUP_MS after it.
 */
export function asCleanup<T>(fn: () => Promise<T>): Promise<T> {
  scope ??= new (process.getBuiltinModule('node:async_hooks').AsyncLocalStorage)<true>()
  return scope.run(true, fn)
}

/** Whether the caller runs inside `asCleanup()`. */
export function inCleanup(): boolean {
  return scope?.getStore() === true
}

export function cancel(signal: NodeJS.Signals): void {
  if (reason) return
  reason = signal
  runCleanups()
  controller.abort(new CancelledError(signal))
}

/** Exit status of a run cancelled by `signal` (128 + its number: 130 for SIGINT, 143 for SIGTERM). */
export function cancelExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1
}

let handling = false

/**
 * Install the handlers a front end needs (once: a later call changes nothing): SIGINT/SIGTERM
 * cancel the run (the command unwinds and reports; if it cannot within `graceMs`, pyship
 * exits anyway), and the cleanups run on every exit. `onSignal` runs once the run is
 * cancelled, when nothing more can start (it says so).
 */
export function handleSignals(onSignal: (signal: NodeJS.Signals) => void = () => undefined, graceMs = 3_000): void {
  if (handling) return
  handling = true
  process.once('exit', runCleanups)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      const first = !cancelledBy()
      cancel(signal)
      if (first) onSignal(signal)
      setTimeout(() => process.exit(cancelExitCode(signal)), graceMs).unref()
    })
  }
}
