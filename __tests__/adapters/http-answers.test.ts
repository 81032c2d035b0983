/**
 * The HTTP seam's pure readings, word for word: what an answer means to the retry loop (the
 * exact verdict, its wait and its words), what a transport failure was and whether the request
 * surely never left, which `Link` header names a next page, what counts as a JSON object, and
 * the settings the front end hands over.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { configureHttp, httpSettings, isObject, judgeAnswer, judgeError, nextLink, type Verdict } from '../../src/adapters/http.js'
import { setLogger } from '../../src/log.js'
import { DEFAULT_HTTP_SETTINGS } from '../../src/runner.js'

const headers = (h: Record<string, string> = {}): { get(name: string): string | null } => ({ get: (name) => h[name] ?? null })
const NOW = Date.parse('2026-01-01T00:00:00Z')
const inSeconds = (s: number): string => String(NOW / 1000 + s)

afterEach(() => {
  configureHttp()
  setLogger(() => undefined)
})

describe('judgeAnswer: the exact verdict, its wait and its words', () => {
  test.each<[string, number, Record<string, string>, Verdict]>([
    ['a 5xx without a wait', 503, {}, { kind: 'retry', why: 'answered 503' }],
    ['a 5xx asking for 2 s', 503, { 'retry-after': '2' }, { kind: 'retry', why: 'answered 503', waitMs: 2000 }],
    [
      'a 5xx asking for an HTTP date',
      502,
      { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' },
      { kind: 'retry', why: 'answered 502', waitMs: 30_000 }
    ],
    [
      'a date already past waits nothing',
      502,
      { 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' },
      { kind: 'retry', why: 'answered 502', waitMs: 0 }
    ],
    ['seconds with blanks around them', 503, { 'retry-after': ' 3 ' }, { kind: 'retry', why: 'answered 503', waitMs: 3000 }],
    ['seconds with two decimals', 503, { 'retry-after': '1.25' }, { kind: 'retry', why: 'answered 503', waitMs: 1250 }],
    ['a number followed by words is no wait', 429, { 'retry-after': '5 seconds' }, { kind: 'retry', why: 'answered 429' }],
    ['words followed by a number are no wait', 503, { 'retry-after': 'x5' }, { kind: 'retry', why: 'answered 503' }],
    ['an empty retry-after is no wait', 503, { 'retry-after': '' }, { kind: 'retry', why: 'answered 503' }],
    ['408 is retried', 408, {}, { kind: 'retry', why: 'answered 408' }],
    [
      "GitHub's secondary limit",
      403,
      { 'retry-after': '30' },
      { kind: 'rate-limit', why: 'rate limited (403, retry-after 30 s)', waitMs: 30_000 }
    ],
    [
      'a limit of 1.5 s is said in whole seconds, waited exactly',
      429,
      { 'retry-after': '1.5' },
      { kind: 'rate-limit', why: 'rate limited (429, retry-after 2 s)', waitMs: 1500 }
    ],
    [
      "GitHub's primary limit: until the reset, and a second more",
      403,
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': inSeconds(120) },
      { kind: 'rate-limit', why: 'rate limit exhausted (403, resets in 121 s)', waitMs: 121_000 }
    ],
    [
      'a reset already past: a second',
      429,
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': inSeconds(-60) },
      { kind: 'rate-limit', why: 'rate limit exhausted (429, resets in 1 s)', waitMs: 1000 }
    ],
    ['a reset of 0 is no reset: a refusal', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' }, { kind: 'answer' }],
    ['a reset that is no number: a refusal', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': 'soon' }, { kind: 'answer' }],
    ['requests left: a refusal', 403, { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': inSeconds(60) }, { kind: 'answer' }],
    ['a 429 without a wait or a reset: retried', 429, { 'x-ratelimit-remaining': '0' }, { kind: 'retry', why: 'answered 429' }],
    ['a 404 asking for a wait is still an answer', 404, { 'retry-after': '5' }, { kind: 'answer' }],
    ['499 is an answer', 499, {}, { kind: 'answer' }],
    ['500 is retried', 500, {}, { kind: 'retry', why: 'answered 500' }]
  ])('%s: %i %j', (_what, status, h, verdict) => {
    expect(judgeAnswer(status, headers(h), NOW)).toStrictEqual(verdict)
  })
})

describe('judgeError: what failed, in words, and whether the request surely never left', () => {
  const error = (fields: Record<string, unknown>): Error => Object.assign(new Error(String(fields.message ?? 'x')), fields)
  test.each<[string, unknown, string, boolean]>([
    ['connection refused', error({ code: 'ECONNREFUSED' }), 'connection refused', true],
    ['an unknown host', error({ code: 'ENOTFOUND' }), 'the host name does not resolve (DNS)', true],
    ['a DNS failure', error({ code: 'EAI_AGAIN' }), 'the DNS lookup failed (temporarily)', true],
    ['no route (host)', error({ code: 'EHOSTUNREACH' }), 'no route to the host', true],
    ['no route (network)', error({ code: 'ENETUNREACH' }), 'no route to the host', true],
    ["undici's connect timeout", error({ code: 'UND_ERR_CONNECT_TIMEOUT' }), 'no connection within 10 s', true],
    ["the system's connect timeout", error({ code: 'ETIMEDOUT' }), 'no connection within 10 s', true],
    ['no answer', error({ code: 'UND_ERR_HEADERS_TIMEOUT' }), 'no answer within 30 s', false],
    ['a stalled answer', error({ code: 'UND_ERR_BODY_TIMEOUT' }), 'the answer stalled for 30 s', false],
    ["pyship's bound per attempt", error({ code: 'PYSHIP_ATTEMPT_TIMEOUT' }), 'the answer took longer than 90 s', false],
    ['an aborted request (the bound per attempt)', error({ code: 'UND_ERR_ABORTED' }), 'the answer took longer than 90 s', false],
    ['a reset', error({ code: 'ECONNRESET' }), 'the connection was reset', false],
    ['a broken pipe', error({ code: 'EPIPE' }), 'the connection was reset', false],
    ['a closed socket', error({ code: 'UND_ERR_SOCKET' }), 'the server closed the connection', false],
    ['an answer cut short', error({ code: 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' }), 'the answer was cut short', false],
    ["fetch's wrapper: the cause's code", error({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } }), 'connection refused', true],
    ['an own code before the cause', error({ code: 'ECONNRESET', cause: { code: 'ECONNREFUSED' } }), 'the connection was reset', false],
    [
      'an untrusted certificate',
      error({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', message: 'unable to verify the first certificate' }),
      'TLS failed: unable to verify the first certificate (behind a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS)',
      true
    ],
    [
      'a self-signed certificate',
      error({ message: 'self-signed certificate in certificate chain' }),
      'TLS failed: self-signed certificate in certificate chain (behind a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS)',
      true
    ],
    [
      'a TLS code without a message',
      { code: 'CERT_HAS_EXPIRED' },
      'TLS failed: CERT_HAS_EXPIRED (behind a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS)',
      true
    ],
    [
      'a refusing proxy',
      error({ message: 'Proxy response (407) !== 200 when HTTP Tunneling' }),
      'the proxy refused: Proxy response (407) !== 200 when HTTP Tunneling',
      true
    ],
    ['anything else: its first line', error({ message: 'socket hang up\n    at Socket.x' }), 'socket hang up', false],
    ['a long message: 200 characters', error({ message: 'q'.repeat(250) }), 'q'.repeat(200), false],
    ['no message', error({ message: '' }), 'unknown error', false],
    ['a thrown string', 'boom', 'boom', false],
    ['a thrown null', null, 'null', false]
  ])('%s', (_what, thrown, what, unsent) => {
    expect(judgeError(thrown)).toStrictEqual({ what, unsent })
  })

  test('the bounds named are the settings in force', () => {
    configureHttp({ connectTimeout: 3, idleTimeout: 7, attemptTimeout: 9 })
    expect(
      ['ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_ABORTED'].map((code) => judgeError({ code }).what)
    ).toEqual(['no connection within 3 s', 'no answer within 7 s', 'the answer stalled for 7 s', 'the answer took longer than 9 s'])
  })
})

describe('nextLink: the page a Link header names as next', () => {
  const BASE = 'http://reg:5000/v2/acme/x/tags/list?n=1000'
  test.each<[string, string, string | null]>([
    ['next after prev', '<https://x/1>; rel="prev", <https://x/3>; rel="next"', 'https://x/3'],
    ['no blank after the comma', '<https://x/1>; rel="prev",<https://x/3>; rel="next"', 'https://x/3'],
    ['blanks before the parameters', '<https://x/2> ; rel="next"', 'https://x/2'],
    ['a comma inside the address', '<https://x/r?ids=1,2&page=2>; rel="next"', 'https://x/r?ids=1,2&page=2'],
    ['other parameters first', '<https://x/2>; title="two"; rel="next"', 'https://x/2'],
    ['no blank before rel', '<https://x/2>;rel="next"', 'https://x/2'],
    ['blanks around =', '<https://x/2>; rel = "next"', 'https://x/2'],
    ['a bare token', '<https://x/2>; rel=next', 'https://x/2'],
    ['a bare token, then another parameter', '<https://x/2>; rel=next; title=two', 'https://x/2'],
    ['among other types', '<https://x/2>; rel="prev next"', 'https://x/2'],
    ['first of other types', '<https://x/2>; rel="next last"', 'https://x/2'],
    ['upper case', '<https://x/2>; REL="NEXT"', 'https://x/2'],
    ['relative to the request', '</v2/acme/x/tags/list?n=2&last=b>; rel="next"', 'http://reg:5000/v2/acme/x/tags/list?n=2&last=b'],
    ['a longer type that starts with next (quoted)', '<https://x/2>; rel="next-archive"', null],
    ['a longer type that starts with next (bare)', '<https://x/2>; rel=next-archive', null],
    ['a type that ends with next', '<https://x/2>; rel="prenext"', null],
    ['next in another parameter', '<https://x/2>; title="next"', null],
    ['text before the address', 'x<https://x/2>; rel="next"', null],
    ['only prev and first', '<https://x/1>; rel="prev", <https://x/1>; rel="first"', null],
    ['empty', '', null]
  ])('%s: %s', (_what, link, expected) => {
    expect(nextLink(link, BASE)).toBe(expected)
  })
})

test.each<[string, unknown, boolean]>([
  ['an object', { a: 1 }, true],
  ['an empty object', {}, true],
  ['null', null, false],
  ['an array', [1], false],
  ['a string', 'x', false],
  ['a number', 1, false],
  ['undefined', undefined, false]
])('isObject: %s → %s', (_what, value, expected) => {
  expect(isObject(value)).toBe(expected)
})

test('configureHttp: the settings given over the defaults, each ignored value warned about', () => {
  const logged: string[] = []
  setLogger((line) => void logged.push(line))
  configureHttp({ attempts: 2, ignored: ['PYSHIP_HTTP_ATTEMPTS="x" is not a whole number: ignored'] })
  expect(httpSettings()).toEqual({
    ...DEFAULT_HTTP_SETTINGS,
    attempts: 2,
    ignored: ['PYSHIP_HTTP_ATTEMPTS="x" is not a whole number: ignored']
  })
  expect(logged).toEqual(['warning: PYSHIP_HTTP_ATTEMPTS="x" is not a whole number: ignored'])
  configureHttp()
  expect(httpSettings()).toEqual(DEFAULT_HTTP_SETTINGS)
})
