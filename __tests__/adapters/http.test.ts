/**
 * The HTTP seam: which answers and errors are retried, the backoff's bounds, the
 * idempotency rule, rate limits, timeouts, checked JSON — against real sockets on 127.0.0.1.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { getEventListeners } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { cancelSignal } from '../../src/cancel.js'
import { PyshipError } from '../../src/errors.js'
import {
  backoffDelay,
  configureHttp,
  create,
  isIdempotent,
  isObject,
  judgeAnswer,
  judgeError,
  nextLink,
  redact,
  request,
  shape,
  type HttpOptions
} from '../../src/adapters/http.js'
import { setLogger } from '../../src/log.js'
import { readHttpSettings } from '../../src/runner.js'
import { closedPort } from '../../__fixtures__/faults.js'

const FAST = { connectTimeout: 1, idleTimeout: 0.5, attemptTimeout: 1.5, attempts: 3, backoff: 0.01, maxBackoff: 0.05, rateLimitWait: 2 }
const headers = (h: Record<string, string> = {}): { get(name: string): string | null } => ({ get: (name) => h[name.toLowerCase()] ?? null })

describe('judgeAnswer: what an answer means to the retry loop', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  test.each([
    [200, {}, 'answer'],
    [201, {}, 'answer'],
    [304, {}, 'answer'],
    [400, {}, 'answer'],
    [401, {}, 'answer'],
    [403, {}, 'answer'], // denied: the caller says so
    [404, {}, 'answer'],
    [422, {}, 'answer'],
    [408, {}, 'retry'],
    [429, {}, 'retry'],
    [500, {}, 'retry'],
    [502, {}, 'retry'],
    [503, {}, 'retry'],
    [504, {}, 'retry'],
    [403, { 'retry-after': '30' }, 'rate-limit'], // GitHub's secondary limit
    [429, { 'retry-after': '5' }, 'rate-limit'],
    [403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 60) }, 'rate-limit'], // primary limit
    [429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 60) }, 'rate-limit'],
    [403, { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(now / 1000 + 60) }, 'answer'], // a real refusal
    [503, { 'retry-after': '2' }, 'retry']
  ])('%i %j → %s', (status, h, kind) => {
    expect(judgeAnswer(status, headers(h), now).kind).toBe(kind)
  })

  test.each([
    [{ 'retry-after': '30' }, 30_000],
    [{ 'retry-after': 'Wed, 01 Jan 2026 00:01:00 GMT' }, 60_000],
    [{ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.parse('2026-01-01T00:02:00Z') / 1000) }, 121_000]
  ])('rate limit %j waits %i ms', (h, ms) => {
    const verdict = judgeAnswer(403, headers(h), now)
    expect(verdict).toMatchObject({ kind: 'rate-limit', waitMs: ms })
  })
})

describe('judgeError: transport failures in words, and whether the request never left', () => {
  test.each([
    ['ECONNREFUSED', 'connection refused', true],
    ['ENOTFOUND', 'does not resolve', true],
    ['EAI_AGAIN', 'DNS', true],
    ['UND_ERR_CONNECT_TIMEOUT', 'no connection within', true],
    ['ECONNRESET', 'reset', false],
    ['UND_ERR_SOCKET', 'closed the connection', false],
    ['UND_ERR_HEADERS_TIMEOUT', 'no answer within', false],
    ['UND_ERR_BODY_TIMEOUT', 'stalled', false],
    ['PYSHIP_ATTEMPT_TIMEOUT', 'longer than', false],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'cut short', false]
  ])('%s → "%s", unsent=%s', (code, what, unsent) => {
    const judged = judgeError(Object.assign(new Error('x'), { code }))
    expect(judged.what).toContain(what)
    expect(judged.unsent).toBe(unsent)
  })
})

test.each([
  ['GET', true],
  ['HEAD', true],
  ['PUT', true],
  ['DELETE', true],
  ['OPTIONS', true],
  ['get', true],
  ['POST', false],
  ['PATCH', false]
])('isIdempotent(%s) = %s', (method, expected) => {
  expect(isIdempotent(method)).toBe(expected)
})

describe('backoffDelay: exponential, capped, jittered', () => {
  const s = { backoff: 1, maxBackoff: 30 }
  test.each([
    [1, 500, 1000],
    [2, 1000, 2000],
    [3, 2000, 4000],
    [4, 4000, 8000],
    [5, 8000, 16000],
    [6, 15000, 30000],
    [10, 15000, 30000]
  ])('attempt %i waits between %i and %i ms', (attempt, low, high) => {
    expect(backoffDelay(attempt, s, () => 0)).toBe(low)
    expect(backoffDelay(attempt, s, () => 1)).toBe(high)
    const some = backoffDelay(attempt, s)
    expect(some).toBeGreaterThanOrEqual(low)
    expect(some).toBeLessThanOrEqual(high)
  })
})

test.each([
  ['https://user:secret@example.com/a/b?token=x#f', 'https://example.com/a/b'],
  ['http://127.0.0.1:8080/pypi/x/json', 'http://127.0.0.1:8080/pypi/x/json'],
  ['not a url', '(invalid URL)']
])('redact(%s) = %s', (url, expected) => {
  expect(redact(url)).toBe(expected)
})

test.each([
  ['<https://api.github.com/r?page=2>; rel="next", <https://api.github.com/r?page=5>; rel="last"', 'https://api.github.com/r?page=2'],
  ['<https://api.github.com/r?page=1>; rel="prev", <https://api.github.com/r?page=1>; rel="first"', null],
  ['</v2/acme/x/tags/list?n=2&last=b>; rel="next"', 'http://reg:5000/v2/acme/x/tags/list?n=2&last=b'],
  [null, null]
])('nextLink(%s)', (link, expected) => {
  expect(nextLink(link, 'http://reg:5000/v2/acme/x/tags/list?n=1000')).toBe(expected)
})

test.each([
  [{}, { attempts: 4, idleTimeout: 30, proxy: { http: '', https: '', noProxy: '' } }],
  [
    { PYSHIP_HTTP_ATTEMPTS: '2', PYSHIP_HTTP_TIMEOUT: '0.5' },
    { attempts: 2, idleTimeout: 0.5 }
  ],
  [
    { https_proxy: 'http://p:3128', HTTPS_PROXY: 'http://other:1', NO_PROXY: 'localhost' },
    { proxy: { http: '', https: 'http://p:3128', noProxy: 'localhost' } }
  ],
  [
    { PYSHIP_HTTP_ATTEMPTS: '1.5' },
    { attempts: 4, ignored: [expect.stringContaining('PYSHIP_HTTP_ATTEMPTS="1.5" is not a whole number')] }
  ],
  [{ PYSHIP_HTTP_TIMEOUT: 'soon' }, { idleTimeout: 30, ignored: [expect.stringContaining('PYSHIP_HTTP_TIMEOUT="soon"')] }]
])('readHttpSettings(%j)', (env, expected) => {
  expect(readHttpSettings(env)).toMatchObject(expected)
})

// ---------------------------------------------------------------------------------------
// The loop, against a scripted server
// ---------------------------------------------------------------------------------------

type Reply = (req: http.IncomingMessage, res: http.ServerResponse) => void
let server: http.Server
let base: string
let script: Reply[] = []
let seen: string[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    const reply = script.shift() ?? ((_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'))
    reply(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  return new Promise<void>((resolve) => server.close(() => resolve()))
})
afterEach(() => {
  script = []
  seen = []
  configureHttp()
})

const status =
  (code: number, body = '', h: Record<string, string> = {}): Reply =>
  (_q, r) =>
    void r.writeHead(code, h).end(body)
const silence: Reply = () => undefined
const failure = async (p: Promise<unknown>): Promise<PyshipError> => {
  try {
    await p
  } catch (error) {
    if (error instanceof PyshipError) return error
    throw error
  }
  throw new Error('no error')
}
const OK = shape<{ ok: boolean }>('an ok object', (v) => isObject(v) && typeof v.ok === 'boolean')

describe('request: retries, bounds and codes', () => {
  test.each([
    ['GET', [503, 503], 3, 200],
    ['GET', [429], 2, 200],
    ['PUT', [502], 2, 200],
    ['DELETE', [500], 2, 200],
    ['GET', [404], 1, 404],
    ['GET', [401], 1, 401],
    ['GET', [403], 1, 403],
    ['POST', [429], 2, 200] // refused unprocessed: safe to send again
  ])('%s answered %j: %i requests, final %i', async (method, first, requests, final) => {
    configureHttp(FAST)
    script = first.map((c) => status(c, 'nope'))
    const res = await request(`${base}/x`, { service: 'the stand-in', method })
    expect(res.status).toBe(final)
    expect(seen).toHaveLength(requests)
  })

  test('5xx on every attempt is E_NETWORK naming the service, the URL without query, the attempts and that a re-run resumes', async () => {
    configureHttp(FAST)
    script = [status(502, 'bad'), status(502, 'bad'), status(502, 'bad')]
    const error = await failure(request(`${base.replace('http://', 'http://u:pw@')}/repos/x?token=secret`, { service: 'GitHub' }))
    expect(error.code).toBe('E_NETWORK')
    expect(error.message).toContain(`GitHub kept failing: GET ${base}/repos/x answered 502`)
    expect(error.message).toContain('3 times')
    expect(error.message).toContain('a re-run resumes')
    expect(error.message).not.toMatch(/secret|pw/)
    expect(seen).toHaveLength(3)
  })

  test('a POST whose answer is a 5xx is not sent again blindly', async () => {
    configureHttp(FAST)
    script = [status(502)]
    const error = await failure(request(`${base}/create`, { service: 'GitHub', method: 'POST', body: '{}' }))
    expect(error.code).toBe('E_NETWORK')
    expect(error.message).toContain('it may have taken effect, so it was not sent again')
    expect(seen).toEqual(['POST /create'])
  })

  test('a POST marked harmless to repeat is retried like a GET', async () => {
    configureHttp(FAST)
    script = [status(502)]
    expect((await request(`${base}/uploads/`, { service: 'the registry', method: 'POST', idempotent: true })).status).toBe(200)
    expect(seen).toHaveLength(2)
  })

  test('create(): a lost answer is followed by a look-up, and what it finds is adopted (sent once)', async () => {
    configureHttp(FAST)
    script = [status(502)]
    const lookUps: string[] = []
    const made = await create(
      `${base}/releases`,
      { service: 'GitHub', method: 'POST', body: '{}' },
      () => 'created',
      async () => {
        lookUps.push('look')
        return 'adopted'
      }
    )
    expect(made).toBe('adopted')
    expect(lookUps).toEqual(['look'])
    expect(seen).toEqual(['POST /releases'])
  })

  test('create(): when the look-up finds nothing, the request is sent again', async () => {
    configureHttp(FAST)
    script = [(req) => req.socket.destroy()]
    const made = await create(
      `${base}/releases`,
      { service: 'GitHub', method: 'POST', body: '{}' },
      (res) => `created ${res.status}`,
      async () => null
    )
    expect(made).toBe('created 200')
    expect(seen).toEqual(['POST /releases', 'POST /releases'])
  })

  test('connection refused is retried even for a POST (it never left), then E_NETWORK; the host is not tried again in this run', async () => {
    configureHttp(FAST)
    const url = `http://127.0.0.1:${await closedPort()}/mint`
    const error = await failure(request(url, { service: 'the index', method: 'POST' }))
    expect(error.code).toBe('E_NETWORK')
    expect(error.message).toMatch(/the index could not be reached: POST \S+\/mint failed 3 times \(last: connection refused\)/)
    const again = await failure(request(url, { service: 'the index' }))
    expect(again.message).toContain('not tried again in this run')
  })

  test('a server that accepts and never answers fails within the idle timeout × attempts', async () => {
    configureHttp({ ...FAST, attempts: 2 })
    script = [silence, silence]
    const start = Date.now()
    const error = await failure(request(`${base}/hole`, { service: 'GitHub' }))
    expect(error.message).toContain('no answer within 0.5 s')
    expect(Date.now() - start).toBeLessThan(5000)
  })

  test('a server that trickles is cut by the bound per attempt', async () => {
    configureHttp({ ...FAST, attempts: 1 })
    script = [
      (_q, r) => {
        r.writeHead(200, { 'content-length': '100' })
        const t = setInterval(() => (r.destroyed ? clearInterval(t) : r.write('x')), 200)
        r.on('close', () => clearInterval(t))
      }
    ]
    const error = await failure(request(`${base}/slow`, { service: 'the index' }))
    expect(error.message).toContain('longer than 1.5 s')
  })

  test('a rate limit with retry-after is waited out, costing no attempt', async () => {
    configureHttp({ ...FAST, attempts: 1 })
    script = [status(403, '{"message":"You have exceeded a secondary rate limit"}', { 'retry-after': '1' })]
    const start = Date.now()
    expect((await request(`${base}/r`, { service: 'GitHub' })).status).toBe(200)
    expect(Date.now() - start).toBeGreaterThanOrEqual(900)
    expect(seen).toHaveLength(2)
  })

  test('retry-after: 0 costs a second of the rate-limit budget per wait: a service that always says so ends in E_NETWORK', async () => {
    configureHttp({ ...FAST, attempts: 1, rateLimitWait: 2 })
    script = Array.from({ length: 50 }, () => status(429, '{"message":"slow down"}', { 'retry-after': '0' }))
    const error = await failure(request(`${base}/r`, { service: 'GitHub' }))
    expect(error.code).toBe('E_NETWORK')
    // each wait takes a second of the 2 s budget, and a wait starts while the budget is not spent: four requests, not fifty
    expect(seen).toHaveLength(4)
    script = []
  })

  test('a rate limit longer than the bound fails at once with E_NETWORK, not a permissions hint', async () => {
    configureHttp(FAST)
    script = [
      status(403, '{"message":"API rate limit exceeded"}', {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600)
      })
    ]
    const error = await failure(request(`${base}/r`, { service: 'GitHub' }))
    expect(error.code).toBe('E_NETWORK')
    expect(error.message).toMatch(/rate limit exhausted \(403, resets in \d+ s\), longer than pyship waits/)
    expect(error.hint).not.toContain('contents: write')
    expect(seen).toHaveLength(1)
  })

  test.each([
    ['HTML', 'text/html', '<!DOCTYPE html><html>Unicorn!</html>', 'something that is not JSON (text/html'],
    ['truncated JSON', 'application/json', '{"ok": tr', 'something that is not JSON (application/json'],
    ['wrong-shaped JSON', 'application/json', '{"ok": "yes"}', 'JSON that is not an ok object']
  ])('%s is E_NETWORK when read as JSON', async (_name, type, body, message) => {
    configureHttp(FAST)
    script = [status(200, body, { 'content-type': type })]
    const res = await request(`${base}/j`, { service: 'the index' })
    const error = await failure((async () => res.json(OK))())
    expect(error.code).toBe('E_NETWORK')
    expect(error.message).toContain(`the index answered GET ${base}/j with ${message}`)
  })

  test('json: a 2xx that is not JSON is retried, then E_NETWORK', async () => {
    configureHttp(FAST)
    script = [status(200, '<html>', { 'content-type': 'text/html' })]
    const res = await request(`${base}/j`, { service: 'the index', json: true })
    expect(res.json(OK)).toEqual({ ok: true })
    expect(seen).toHaveLength(2)
  })
})

// The guards of issue 13 on the seam (kept from the first version of this file, on today's contract).
describe('request: the basic contract', () => {
  test('sends method, headers and body, and answers status, text and checked JSON', async () => {
    script = [(_q, r) => void r.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')]
    const res = await request(`${base}/x?y=1`, { service: 'the stand-in', method: 'POST', headers: { 'x-a': 'b' }, body: '{"q":1}' })
    expect(res.status).toBe(200)
    expect(res.json(OK)).toEqual({ ok: true })
    expect(res.text).toBe('{"ok":true}')
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(seen).toEqual(['POST /x?y=1'])
  })

  test('GET is the default method', async () => {
    await request(`${base}/`, { service: 'the stand-in' })
    expect(seen).toEqual(['GET /'])
  })

  test.each([
    ['a dropped connection', 1],
    ['two dropped connections', 2]
  ])('%s is retried until the answer (GET)', async (_name, drops) => {
    configureHttp(FAST)
    script = Array.from({ length: drops }, () => (req: http.IncomingMessage) => void req.socket.destroy())
    expect((await request(`${base}/retry`, { service: 'the stand-in' })).status).toBe(200)
    expect(seen).toHaveLength(drops + 1)
  })

  test('four attempts by default, then E_NETWORK (never the 5xx as an answer)', async () => {
    configureHttp({ backoff: 0.01 })
    script = [status(502), status(502), status(502), status(502), status(502)]
    const error = await failure(request(`${base}/down`, { service: 'the stand-in' }))
    expect(error.code).toBe('E_NETWORK')
    expect(seen).toHaveLength(4)
  })
})

describe('request: what the loop sends, says and keeps', () => {
  const logged: string[] = []
  beforeEach(() => {
    logged.length = 0
    setLogger((line) => void logged.push(line))
  })
  afterEach(() => setLogger(() => undefined))

  test("every attempt carries pyship's user-agent and the caller's headers; a body made for each attempt is made again", async () => {
    configureHttp(FAST)
    const got: { agent: string | undefined; a: string; body: string }[] = []
    const record: Reply = (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        got.push({ agent: req.headers['user-agent'], a: String(req.headers['x-a']), body: Buffer.concat(chunks).toString() })
        res.writeHead(got.length === 1 ? 503 : 200).end()
      })
    }
    script = [record, record]
    let made = 0
    const body = (): NodeJS.ReadableStream => Readable.from([`part ${++made}`])
    expect((await request(`${base}/blob`, { service: 'the registry', method: 'PUT', headers: { 'x-a': 'b' }, body })).status).toBe(200)
    const agent = 'pyship (+https://github.com/pyship/pyship)'
    expect(got).toEqual([
      { agent, a: 'b', body: 'part 1' },
      { agent, a: 'b', body: 'part 2' }
    ])
  })

  test.each<[string, Reply[], Partial<typeof FAST>, RegExp]>([
    ['a retry after the backoff', [status(503)], {}, /^GET \S+\/w answered 503; retrying \(1\/2\) in 0\.0\d s$/],
    [
      "a retry after the server's wait",
      [status(503, '', { 'retry-after': '1' })],
      {},
      /^GET \S+\/w answered 503; retrying \(1\/2\) in 1\.0 s$/
    ],
    [
      "the server's wait beyond what is left of the bound: the backoff instead",
      [status(503, '', { 'retry-after': '1' })],
      { rateLimitWait: 0.5 },
      /^GET \S+\/w answered 503; retrying \(1\/2\) in 0\.0\d s$/
    ],
    [
      'a rate limit waited out',
      [status(429, '', { 'retry-after': '1' })],
      {},
      /^GET \S+\/w rate limited \(429, retry-after 1 s\); waiting 1\.0 s$/
    ]
  ])('the log says what happened and how long it waits: %s', async (_what, first, settings, line) => {
    configureHttp({ ...FAST, ...settings })
    script = first
    expect((await request(`${base}/w`, { service: 'the stand-in' })).status).toBe(200)
    expect(logged).toEqual([expect.stringMatching(line)])
  })

  test("the server's waits count against one bound: a second wait beyond what is left takes the backoff", async () => {
    configureHttp({ ...FAST, attempts: 3, rateLimitWait: 2 })
    script = [status(503, '', { 'retry-after': '1' }), status(503, '', { 'retry-after': '1.5' })]
    expect((await request(`${base}/w`, { service: 'the stand-in' })).status).toBe(200)
    expect(logged).toEqual([
      expect.stringMatching(/answered 503; retrying \(1\/2\) in 1\.0 s$/),
      expect.stringMatching(/answered 503; retrying \(2\/2\) in 0\.0\d s$/)
    ])
  })

  test.each<[string, Reply[], Partial<typeof FAST>, string]>([
    [
      'a 5xx once, with what the server said',
      [status(502, '  the gateway is down \n')],
      { attempts: 1 },
      'the stand-in kept failing: GET {base}/f answered 502 ("the gateway is down"), once'
    ],
    ['a 5xx with nothing said', [status(502, ' \n')], { attempts: 1 }, 'the stand-in kept failing: GET {base}/f answered 502, once'],
    [
      'only the last answer is quoted',
      [status(502, 'first'), status(503)],
      { attempts: 2 },
      'the stand-in kept failing: GET {base}/f answered 503, 2 times'
    ]
  ])('the final E_NETWORK: %s', async (_what, replies, settings, message) => {
    configureHttp({ ...FAST, ...settings })
    script = replies
    const error = await failure(request(`${base}/f`, { service: 'the stand-in' }))
    expect(error.message).toBe(`${message.replace('{base}', base)}; a re-run resumes where this one stopped`)
  })

  test.each<[string, Reply, string]>([
    [
      'a page that is not JSON',
      status(200, '<html>', { 'content-type': 'text/html; charset=utf-8' }),
      'answered something that is not JSON (text/html, 6 bytes: "<html>")'
    ],
    ['an empty answer without a type', status(200), 'answered something that is not JSON (no content-type, empty)'],
    [
      'an answer of blanks',
      status(200, ' \n', { 'content-type': 'text/plain' }),
      'answered something that is not JSON (text/plain, empty)'
    ],
    [
      'a page quoted without its blanks',
      status(200, ' <p> \n', { 'content-type': 'text/html' }),
      'answered something that is not JSON (text/html, 6 bytes: "<p>")'
    ],
    ['a connection closed without an answer', (req) => void req.socket.destroy(), 'the server closed the connection']
  ])('a POST that may have taken effect is not sent again: %s', async (_what, reply, what) => {
    configureHttp(FAST)
    script = [reply]
    const error = await failure(request(`${base}/p`, { service: 'the stand-in', method: 'POST', json: true }))
    expect(error.message).toBe(
      `the stand-in did not confirm POST ${base}/p (${what}); it may have taken effect, so it was not sent again; a re-run resumes where this one stopped`
    )
    expect(seen).toEqual(['POST /p'])
  })

  test.each<[string, number, HttpOptions, number]>([
    ['not asked for JSON: a 200 page is the answer', 200, { service: 'the stand-in' }, 1],
    ['asked for JSON: a 300 page is an answer, not a failed attempt', 300, { service: 'the stand-in', json: true }, 1],
    ['asked for JSON: a 200 page is another attempt', 200, { service: 'the stand-in', json: true }, 2]
  ])('%s', async (_what, code, options, requests) => {
    configureHttp(FAST)
    script = [status(code, '<html>', { 'content-type': 'text/html' })]
    await request(`${base}/j`, options)
    expect(seen).toHaveLength(requests)
  })

  test('create(): the log says it looks up what exists, and that it uses what it found', async () => {
    configureHttp(FAST)
    script = [status(502)]
    expect(
      await create(
        `${base}/releases`,
        { service: 'GitHub', method: 'POST' },
        () => 'made',
        async () => 'found'
      )
    ).toBe('found')
    expect(logged).toEqual([
      `POST ${base}/releases: answered 502; looking up whether it took effect`,
      `POST ${base}/releases: it had taken effect; using what exists`
    ])
  })

  test('a rate limit beyond the bound: E_NETWORK with the way out', async () => {
    configureHttp(FAST)
    script = [status(429, '', { 'retry-after': '60' })]
    const error = await failure(request(`${base}/r`, { service: 'GitHub' }))
    expect(error.hint).toBe(
      'GitHub limits how many requests a token may make. Wait until the limit resets, then re-run (it resumes where this run stopped); spread releases out, or raise PYSHIP_HTTP_RATE_LIMIT_WAIT.'
    )
  })

  test('an unreachable host is given up for this run; another host is still tried', async () => {
    configureHttp({ ...FAST, attempts: 1 })
    await failure(request(`http://127.0.0.1:${await closedPort()}/x`, { service: 'the index' }))
    expect((await request(`${base}/y`, { service: 'GitHub' })).status).toBe(200)
  })

  test('one connection is kept for the run: the next request reuses it', async () => {
    configureHttp(FAST)
    const sockets = new Set<unknown>()
    const keep: Reply = (req, res) => {
      sockets.add(req.socket)
      res.writeHead(200).end()
    }
    script = [keep, keep, keep]
    for (let i = 0; i < 3; i++) {
      await request(`${base}/k`, { service: 'the stand-in' })
      // the connection goes back to the pool once the answer is read
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(sockets.size).toBe(1)
  })

  test('no listener is left on the cancel signal and no timer runs on, whatever the attempt ended with', async () => {
    configureHttp({ ...FAST, attempts: 1 })
    const before = getEventListeners(cancelSignal, 'abort').length
    // a bound per attempt left running would keep a finished run alive until it fires
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const timersBefore = timers()
    script = [status(200), status(502), (req) => void req.socket.destroy()]
    await request(`${base}/a`, { service: 'the stand-in' })
    await failure(request(`${base}/b`, { service: 'the stand-in' }))
    await failure(request(`${base}/c`, { service: 'the stand-in' }))
    expect(getEventListeners(cancelSignal, 'abort')).toHaveLength(before)
    expect(timers()).toBe(timersBefore)
  })
})

describe('request through a proxy (HTTP_PROXY, HTTPS_PROXY, NO_PROXY as the front end read them)', () => {
  let proxy: http.Server
  let proxyUrl = ''
  const asked: string[] = []
  beforeAll(async () => {
    proxy = http.createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`)
      res.writeHead(502).end()
    })
    // undici asks for a tunnel to every target, http too: the proxy refuses it, which the test only needs to see
    proxy.on('connect', (req, socket) => {
      asked.push(`CONNECT ${req.url}`)
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  })
  afterAll(() => {
    proxy.closeAllConnections()
    return new Promise<void>((resolve) => proxy.close(() => resolve()))
  })
  beforeEach(() => void (asked.length = 0))

  test.each<[string, { http: string; https: string; noProxy: string }, string, string[], string[]]>([
    [
      'an http address through HTTP_PROXY',
      { http: '{proxy}', https: '', noProxy: '' },
      'http://pypi.invalid/simple/',
      ['CONNECT pypi.invalid:80'],
      []
    ],
    [
      'an http address through HTTPS_PROXY alone: straight to the server',
      { http: '', https: '{proxy}', noProxy: '' },
      '{base}/direct',
      [],
      ['GET /direct']
    ],
    [
      'an https address through HTTP_PROXY when HTTPS_PROXY is not set',
      { http: '{proxy}', https: '', noProxy: '' },
      'https://pypi.invalid/simple/',
      ['CONNECT pypi.invalid:443'],
      []
    ],
    [
      'an address NO_PROXY names: straight to the server',
      { http: '{proxy}', https: '{proxy}', noProxy: '127.0.0.1' },
      '{base}/direct',
      [],
      ['GET /direct']
    ]
  ])('%s', async (_what, settings, url, viaProxy, direct) => {
    const fill = (s: string): string => s.replace('{proxy}', proxyUrl).replace('{base}', base)
    configureHttp({ ...FAST, attempts: 1, proxy: { http: fill(settings.http), https: fill(settings.https), noProxy: settings.noProxy } })
    const emitWarning = process.emitWarning
    await request(fill(url), { service: 'the index' }).catch(() => undefined)
    // undici's warning about its proxy agent is silenced while the agent is made, and only then
    expect(process.emitWarning).toBe(emitWarning)
    expect(asked).toEqual(viaProxy)
    expect(seen).toEqual(direct)
  })
})
