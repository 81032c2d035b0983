/**
 * The bounded pool that builds, uploads and pushes (src/release/pool.ts): at most `limit` at once,
 * results in item order, and after the first failure nothing more starts (a broken release stops
 * instead of uploading the rest); that failure is what the pool throws.
 */
import { describe, expect, test } from '@jest/globals'
import { mapBounded } from '../../src/release/pool.js'

const tick = (ms = 5): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('mapBounded', () => {
  test.each([
    [1, 6],
    [2, 6],
    [4, 6],
    [10, 3]
  ])('limit %i over %i items: never more at once, every item once, results in item order', async (limit, count) => {
    let running = 0
    let most = 0
    const seen: number[] = []
    const results = await mapBounded(
      Array.from({ length: count }, (_, i) => i),
      limit,
      async (item, index) => {
        running++
        most = Math.max(most, running)
        seen.push(index)
        await tick((count - item) * 2) // later items finish first
        running--
        return `r${item}`
      }
    )
    expect(most).toBe(Math.min(limit, count))
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i))
    expect(results).toEqual(Array.from({ length: count }, (_, i) => `r${i}`))
  })

  test('after the first failure no further item starts, and the first failure is thrown', async () => {
    const started: number[] = []
    const error = await mapBounded([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item)
      await tick(item === 1 ? 1 : 20)
      if (item === 1) throw new Error('upload 1 refused')
      if (item === 0) throw new Error('upload 0 refused later')
      return item
    }).catch((e: unknown) => e)
    expect((error as Error).message).toBe('upload 1 refused')
    expect(started).toEqual([0, 1])
  })

  test('no items: no work, an empty result; a limit below 1 still runs one at a time', async () => {
    expect(await mapBounded([], 3, async () => 1)).toEqual([])
    let running = 0
    let most = 0
    await mapBounded([1, 2, 3], 0, async () => {
      most = Math.max(most, ++running)
      await tick()
      running--
    })
    expect(most).toBe(1)
  })
})
