/**
 * Cancellation and cleanup, process-wide. A cancelled job sends SIGINT/SIGTERM: the
 * front end calls `cancel(signal)`, which aborts `cancelSignal` (network requests and
 * running tools stop) and runs every registered cleanup at once (child processes are
 * killed, credentials written to disk are removed). Cleanups also run on every exit.
 */

export class CancelledError extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`cancelled by ${signal}`)
    this.name = 'CancelledError'
  }
}

const cleanups = new Set<() => void>()
const controller = new AbortController()
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

/**
 * Install the handlers a front end needs: SIGINT/SIGTERM cancel the run (the command
 * unwinds and reports; if it cannot within `graceMs`, pyship exits anyway), and the
 * cleanups run on every exit.
 */
export function handleSignals(onSignal: (signal: NodeJS.Signals) => void = () => undefined, graceMs = 20_000): void {
  process.once('exit', runCleanups)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!cancelledBy()) onSignal(signal)
      cancel(signal)
      setTimeout(() => process.exit(cancelExitCode(signal)), graceMs).unref()
    })
  }
}
