/**
 * The one HTTP seam against a local server: transient answers (5xx, 429) and dropped
 * connections are retried a bounded number of times; other 4xx answers are the caller's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { redact, request } from '../../src/adapters/http.js'

/** What the server does with the next requests, in order; then 200 "ok". */
let script: (number | 'reset')[] = []
let seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = []
let base = ''
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
    const next = script.shift() ?? 200
    if (next === 'reset') return void req.socket.destroy()
    res.writeHead(next, { 'content-type': 'application/json', ...(next === 429 ? { 'retry-after': '0' } : {}) })
    res.end(JSON.stringify({ status: next }))
  })
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})
beforeEach(() => {
  script = []
  seen = []
})

describe('request', () => {
  test('sends method, headers and body, and answers status, text and json', async () => {
    const res = await request(`${base}/x?y=1`, { method: 'POST', headers: { 'x-a': 'b' }, body: '{"q":1}' })
    expect(res.status).toBe(200)
    expect(res.json()).toEqual({ status: 200 })
    expect(res.text).toBe('{"status":200}')
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(seen).toEqual([expect.objectContaining({ method: 'POST', url: '/x?y=1', body: '{"q":1}' })])
    expect(seen[0].headers['x-a']).toBe('b')
    expect(seen[0].headers['user-agent']).toMatch(/^pyship/)
  })

  test('GET is the default method', async () => {
    await request(`${base}/`)
    expect(seen.map((s) => s.method)).toEqual(['GET'])
  })

  test.each([
    ['a 429', [429]],
    ['a 503', [503]],
    ['a 500 then a 502', [500, 502]],
    ['a dropped connection', ['reset']],
    ['a dropped connection then a 429', ['reset', 429]]
  ] as [string, (number | 'reset')[]][])('%s is retried until the answer', async (_name, failures) => {
    script = [...failures]
    const res = await request(`${base}/retry`)
    expect(res.status).toBe(200)
    expect(seen).toHaveLength(failures.length + 1)
  })

  test.each([400, 401, 403, 404, 409, 422])('a %i is the answer, never retried', async (status) => {
    script = [status]
    const res = await request(`${base}/final`)
    expect(res.status).toBe(status)
    expect(seen).toHaveLength(1)
  })

  test('retries are bounded: after `attempts` transient answers the last one is returned', async () => {
    script = [503, 503, 503, 503, 503]
    const res = await request(`${base}/down`, { attempts: 3 })
    expect(res.status).toBe(503)
    expect(seen).toHaveLength(3)
  })

  test('four attempts by default', async () => {
    script = [502, 502, 502, 502, 502]
    expect((await request(`${base}/down`)).status).toBe(502)
    expect(seen).toHaveLength(4)
  })

  test('connections dropped on every attempt end in an error naming the URL without its query', async () => {
    script = ['reset', 'reset', 'reset']
    const url = `http://127.0.0.1:${new URL(base).port}/gone?token=s3cret`
    const error = await request(url, { attempts: 3 }).then(
      () => null,
      (e: unknown) => e as Error
    )
    expect(error).toBeInstanceOf(Error)
    expect(seen).toHaveLength(3)
    expect(error?.message).toContain(`127.0.0.1:${new URL(base).port}/gone`)
    expect(error?.message).not.toContain('s3cret')
  })
})

describe('redact', () => {
  test.each([
    ['https://user:pw@example.com/a?token=x', 'https://example.com/a'],
    ['http://127.0.0.1:8080/simple/', 'http://127.0.0.1:8080/simple/'],
    ['not a url', '(invalid URL)']
  ])('%s → %s', (url, expected) => {
    expect(redact(url)).toBe(expected)
  })
})
