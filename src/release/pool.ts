/**
 * Bounded parallelism: `fn` over `items`, at most `limit` at a time, results in the
 * order of `items`. The first failure is rethrown once every started call has settled
 * (no build is left running behind a failed release). After a cancellation no item
 * starts: the calls under way stop by themselves (their tools and requests listen to the
 * same signal) and the run's CancelledError is thrown.
 */
import { cancelReason, cancelSignal } from '../cancel.js'

export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal: AbortSignal = cancelSignal
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failure: { error: unknown } | null = null
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      if (signal.aborted) {
        failure = { error: cancelReason(signal) }
        return
      }
      const i = next++
      try {
        results[i] = await fn(items[i], i)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  // a cancellation wins over the failures it caused (a killed build is not a broken one)
  if (signal.aborted) throw cancelReason(signal)
  if (failure !== null) throw (failure as { error: unknown }).error
  return results
}
