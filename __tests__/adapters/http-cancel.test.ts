/**
 * A cancellation ends a request under way as a cancellation, even on its last attempt: the
 * aborted attempt is never mistaken for the bound per attempt (which would end in E_NETWORK,
 * exit 1, instead of 130). cancel() is process-wide and happens once: this file has one test.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { getEventListeners } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { cancel, CancelledError, cancelSignal } from '../../src/cancel.js'
import { configureHttp, request } from '../../src/adapters/http.js'

let server: http.Server
let url = ''
const received: string[] = []

beforeAll(async () => {
  server = http.createServer((req) => void received.push(`${req.method} ${req.url}`))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

test('SIGTERM during the only attempt: CancelledError at once, not E_NETWORK; no listener left', async () => {
  configureHttp({ attempts: 1, attemptTimeout: 60, idleTimeout: 60 })
  const listeners = getEventListeners(cancelSignal, 'abort').length
  const started = Date.now()
  const pending = request(`${url}/slow`, { service: 'the index' }).then(
    () => 'answered',
    (error: unknown) => error
  )
  while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
  cancel('SIGTERM')
  const outcome = await pending
  expect(outcome).toBeInstanceOf(CancelledError)
  expect((outcome as CancelledError).signal).toBe('SIGTERM')
  expect(Date.now() - started).toBeLessThan(10_000)
  expect(getEventListeners(cancelSignal, 'abort')).toHaveLength(listeners)
})
