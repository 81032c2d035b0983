/**
 * All HTTP goes through here: one seam for timeouts, retries, proxies and tests
 * (docs/adrs/0002-http-seam.md).
 *
 * - Every attempt is bounded: a connect timeout, an idle timeout (no byte for N
 *   seconds) and an overall bound per attempt (a server that trickles).
 * - Attempts are bounded, with exponential backoff and jitter. Only idempotent methods
 *   (GET, HEAD, PUT, DELETE, OPTIONS) are sent again blindly; a request that may have
 *   created something is sent again only when it surely never left (connection refused,
 *   DNS) or was refused unprocessed (429), or through `create()`, whose look-up of what
 *   exists decides whether it took effect.
 * - 5xx, 429 and 408 are retried; a rate limit (403/429 with `retry-after`, or
 *   `x-ratelimit-remaining: 0` with `x-ratelimit-reset`) is waited out within a bound.
 *   Other answers go back to the caller, which names their meaning (denied, not found).
 * - Whatever fails to reach or understand a service after that is `E_NETWORK`, naming
 *   the service and the URL without credentials or query, what was tried and that a
 *   re-run resumes. Headers are never logged.
 * - `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` are honoured through undici's
 *   EnvHttpProxyAgent, with the values the front end read into `Runner.http`.
 *
 * - A cancelled run (cancel.ts) stops here: a request under way is aborted, a retry or
 *   rate-limit wait ends, and no attempt starts after it (CancelledError, never retried).
 *
 * The settings are process-wide: the front end calls `configureHttp(runner.http)` once.
 */
import type { Dispatcher } from 'undici'
import { cancelReason, cancelSignal, CancelledError, sleep as cancellableSleep, throwIfCancelled } from '../cancel.js'
import { PyshipError, quote } from '../errors.js'
import { log } from '../log.js'
import { DEFAULT_HTTP_SETTINGS, type HttpSettings } from '../runner.js'

export type { HttpSettings }

let settings: HttpSettings = DEFAULT_HTTP_SETTINGS
let dispatcher: Dispatcher | null = null
/** undici is loaded on the first request: check and bump never load the HTTP stack (start-up). */
const importUndici = () => import('undici')
let undici: ReturnType<typeof importUndici> | null = null
const loadUndici = (): ReturnType<typeof importUndici> => (undici ??= importUndici())
/** Origins that could not be reached after every attempt (what failed): not tried again in this run. */
const unreachable = new Map<string, string>()

/** Set the seam's settings (the front ends, once; tests). Forgets connections and unreachable hosts. */
export function configureHttp(next: Partial<HttpSettings> = {}): void {
  settings = { ...DEFAULT_HTTP_SETTINGS, ...next, proxy: { ...DEFAULT_HTTP_SETTINGS.proxy, ...next.proxy } }
  void dispatcher?.close().catch(() => undefined)
  dispatcher = null
  unreachable.clear()
  for (const line of next.ignored ?? []) log(`warning: ${line}`)
}

export function httpSettings(): HttpSettings {
  return settings
}

async function getDispatcher(): Promise<Dispatcher> {
  if (dispatcher) return dispatcher
  const { Agent, EnvHttpProxyAgent } = await loadUndici()
  // a concurrent first request may have made it while undici loaded: one dispatcher only
  if (dispatcher) return dispatcher
  const options = {
    connect: { timeout: settings.connectTimeout * 1000 },
    headersTimeout: settings.idleTimeout * 1000,
    bodyTimeout: settings.idleTimeout * 1000,
    maxRedirections: 5
  }
  const { http, https, noProxy } = settings.proxy
  if (!http && !https) {
    dispatcher = new Agent(options)
  } else {
    // explicit values, read once by the front end (Runner.http); undici 6 warns that this
    // class is experimental on every construction: that warning is not the user's concern
    const emit = process.emitWarning
    process.emitWarning = (() => undefined) as typeof process.emitWarning
    try {
      dispatcher = new EnvHttpProxyAgent({ ...options, httpProxy: http, httpsProxy: https || http, noProxy })
    } finally {
      process.emitWarning = emit
    }
  }
  return dispatcher
}

export interface HttpResponse {
  status: number
  headers: Headers
  text: string
  /**
   * The body as JSON of the expected shape. HTML, a body cut short or JSON of another
   * shape is E_NETWORK ("answered something that is not JSON").
   */
  json<T>(shape: Shape<T>): T
}

/** What a JSON answer must look like, and how to say so. */
export interface Shape<T> {
  what: string
  is(value: unknown): boolean
  /** Phantom: the type the check proves. */
  readonly type?: T
}

export function shape<T>(what: string, is: (value: unknown) => boolean): Shape<T> {
  return { what, is }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export interface HttpOptions {
  /** Who answers, for messages: `GitHub`, `the index`, `the registry ghcr.io`. */
  service: string
  method?: string
  headers?: Record<string, string>
  /** Text, bytes, or a stream made for each attempt (a registry blob read from disk). */
  body?: string | Uint8Array | (() => NodeJS.ReadableStream)
  /** A method that is not idempotent but harmless to repeat (a registry blob-upload start, generating notes). */
  idempotent?: boolean
  /** The answer must be JSON: a 2xx body that does not parse counts as a failed attempt. */
  json?: boolean
}

const USER_AGENT = 'pyship (+https://github.com/pyship/pyship)'
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])

/** Whether a method may be sent again blindly (RFC 9110 §9.2.2). */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase())
}

/** A wait that a cancellation ends at once (rejecting with its CancelledError): retry, rate-limit and poll waits. */
export const sleep = (ms: number): Promise<void> => cancellableSleep(ms)

/** The delay before attempt `attempt + 1`: exponential, capped, with jitter (half fixed, half random). */
export function backoffDelay(
  attempt: number,
  s: Pick<HttpSettings, 'backoff' | 'maxBackoff'> = settings,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(s.maxBackoff, s.backoff * 2 ** (attempt - 1)) * 1000
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

/** A header reader (fetch's Headers, or a test's map). */
interface HeaderGet {
  get(name: string): string | null
}

/** What an answer means to the retry loop. */
export type Verdict =
  | { kind: 'answer' }
  /** Transient (5xx, 429, 408): another attempt, after `waitMs` when the server said so. */
  | { kind: 'retry'; why: string; waitMs?: number }
  /** A rate limit: wait `waitMs` (then retry), unless that is longer than the bound. */
  | { kind: 'rate-limit'; why: string; waitMs: number }

/** The seconds a `retry-after` header asks for (seconds or an HTTP date), or null. */
function retryAfterMs(headers: HeaderGet, now: number): number | null {
  const value = headers.get('retry-after')
  if (value === null || value.trim() === '') return null
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

export function judgeAnswer(status: number, headers: HeaderGet, now = Date.now()): Verdict {
  const after = retryAfterMs(headers, now)
  if (status === 403 || status === 429) {
    // GitHub's secondary limit (retry-after) and primary limit (remaining 0 until reset)
    if (after !== null)
      return { kind: 'rate-limit', why: `rate limited (${status}, retry-after ${Math.ceil(after / 1000)} s)`, waitMs: after }
    const reset = Number(headers.get('x-ratelimit-reset'))
    if (headers.get('x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) {
      const waitMs = Math.max(0, reset * 1000 - now) + 1000
      return { kind: 'rate-limit', why: `rate limit exhausted (${status}, resets in ${Math.ceil(waitMs / 1000)} s)`, waitMs }
    }
  }
  if (status === 429 || status === 408 || status >= 500) {
    return after !== null ? { kind: 'retry', why: `answered ${status}`, waitMs: after } : { kind: 'retry', why: `answered ${status}` }
  }
  return { kind: 'answer' }
}

/** A transport failure: what it was in words, and whether the request surely never reached the server. */
export function judgeError(error: unknown): { what: string; unsent: boolean } {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string }; name?: string }
  const code = e?.code ?? e?.cause?.code ?? ''
  const s = settings
  switch (code) {
    case 'ECONNREFUSED':
      return { what: 'connection refused', unsent: true }
    case 'ENOTFOUND':
      return { what: 'the host name does not resolve (DNS)', unsent: true }
    case 'EAI_AGAIN':
      return { what: 'the DNS lookup failed (temporarily)', unsent: true }
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { what: 'no route to the host', unsent: true }
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return { what: `no connection within ${s.connectTimeout} s`, unsent: true }
    case 'UND_ERR_HEADERS_TIMEOUT':
      return { what: `no answer within ${s.idleTimeout} s`, unsent: false }
    case 'UND_ERR_BODY_TIMEOUT':
      return { what: `the answer stalled for ${s.idleTimeout} s`, unsent: false }
    case 'PYSHIP_ATTEMPT_TIMEOUT':
      return { what: `the answer took longer than ${s.attemptTimeout} s`, unsent: false }
    case 'ECONNRESET':
    case 'EPIPE':
      return { what: 'the connection was reset', unsent: false }
    case 'UND_ERR_SOCKET':
      return { what: 'the server closed the connection', unsent: false }
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return { what: 'the answer was cut short', unsent: false }
    case 'UND_ERR_ABORTED':
      return { what: `the answer took longer than ${s.attemptTimeout} s`, unsent: false }
  }
  if (/certificate|self[- ]signed|CERT_|tls|ssl/i.test(`${code} ${e?.message ?? ''}`)) {
    return { what: `TLS failed: ${e?.message ?? code} (behind a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS)`, unsent: true }
  }
  if (/proxy/i.test(e?.message ?? '')) return { what: `the proxy refused: ${e?.message}`, unsent: true }
  return { what: (e?.message ?? String(error)).split('\n')[0].slice(0, 200) || 'unknown error', unsent: false }
}

/** A URL without credentials or query string, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url)
    u.username = ''
    u.password = ''
    u.search = ''
    u.hash = ''
    return u.toString()
  } catch {
    return '(invalid URL)'
  }
}

const RESUMES = 'a re-run resumes where this one stopped'

/** An error of `code` saying the service could not be reached or understood. */
function networkError(message: string, hint?: string): PyshipError {
  return new PyshipError('E_NETWORK', `${message}; ${RESUMES}`, hint ? { hint } : {})
}

class AttemptTimeout extends Error {
  readonly code = 'PYSHIP_ATTEMPT_TIMEOUT'
}

/** One attempt: the whole answer, or a thrown transport failure. */
async function once(url: string, method: string, options: HttpOptions): Promise<HttpResponse> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new AttemptTimeout('attempt timeout')), settings.attemptTimeout * 1000)
  // a cancellation aborts the attempt under way (connecting, sending or reading)
  const stop = (): void => controller.abort(cancelReason())
  cancelSignal.addEventListener('abort', stop, { once: true })
  try {
    const [{ request: undiciRequest }, viaDispatcher] = await Promise.all([loadUndici(), getDispatcher()])
    // nothing starts after a cancellation (undici may have been loading meanwhile)
    throwIfCancelled()
    const body = typeof options.body === 'function' ? options.body() : options.body
    const res = await undiciRequest(url, {
      method: method as Dispatcher.HttpMethod,
      headers: { 'user-agent': USER_AGENT, ...options.headers },
      body: body as Dispatcher.RequestOptions['body'],
      dispatcher: viaDispatcher,
      signal: controller.signal
    })
    const text = await res.body.text()
    const headers = new Headers()
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
    }
    return answer(url, method, options.service, res.statusCode, headers, text)
  } catch (error) {
    if (cancelSignal.aborted) throw cancelReason()
    if (controller.signal.aborted) throw new AttemptTimeout('attempt timeout')
    throw error
  } finally {
    clearTimeout(timer)
    cancelSignal.removeEventListener('abort', stop)
  }
}

function answer(url: string, method: string, service: string, status: number, headers: Headers, text: string): HttpResponse {
  return {
    status,
    headers,
    text,
    json<T>(expected: Shape<T>): T {
      const parsed = parseJson(text)
      if (parsed === NOT_JSON)
        throw networkError(`${service} answered ${method} ${redact(url)} with something that is not JSON (${describeBody(headers, text)})`)
      if (!expected.is(parsed)) throw networkError(`${service} answered ${method} ${redact(url)} with JSON that is not ${expected.what}`)
      return parsed as T
    }
  }
}

const NOT_JSON = Symbol('not JSON')
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return NOT_JSON
  }
}

function describeBody(headers: HeaderGet, text: string): string {
  const type = (headers.get('content-type') ?? 'no content-type').split(';')[0]
  return text.trim() === '' ? `${type}, empty` : `${type}, ${text.length} bytes: ${quote(text.trim(), 40)}`
}

/**
 * The answer to a request, after the retries its method allows. Returns every final
 * answer that is not transient (2xx–4xx); throws E_NETWORK when the service could not
 * be reached or kept failing. A non-idempotent request (POST) whose outcome is unknown
 * (sent, then no answer or a 5xx) is not sent again: use `create()` for those that may
 * have created something.
 */
export function request(url: string, options: HttpOptions): Promise<HttpResponse> {
  return loop(url, options, null) as Promise<HttpResponse>
}

/**
 * A request that may create something (POST a release): never sent twice blindly. After
 * an attempt whose effect is unknown (a lost answer, a 5xx, a reset after sending),
 * `lookUp` asks the service what exists: what it finds is adopted; when it finds nothing
 * the request is sent again (within the attempts).
 */
export async function create<T>(
  url: string,
  options: HttpOptions,
  read: (res: HttpResponse) => T,
  lookUp: () => Promise<T | null>
): Promise<T> {
  let adopted: T | null = null
  const res = await loop(url, options, async () => {
    adopted = await lookUp()
    return adopted !== null
  })
  return res === null ? (adopted as T) : read(res)
}

/** The retry loop; null when `lookUp` found that an attempt had taken effect. */
async function loop(url: string, options: HttpOptions, lookUp: (() => Promise<boolean>) | null): Promise<HttpResponse | null> {
  const method = (options.method ?? 'GET').toUpperCase()
  const blind = options.idempotent ?? isIdempotent(method)
  const where = `${method} ${redact(url)}`
  const origin = safeOrigin(url)
  const down = unreachable.get(origin)
  if (down) throw networkError(`${down}; not tried again in this run`)
  const attempts = Math.max(1, Math.floor(settings.attempts))
  let last: string
  let lastWasTransport: boolean
  /** What the server said with its last failing answer (for the final message, not the log). */
  let said: string
  let waited = 0
  for (let attempt = 1; ; attempt++) {
    // no attempt (and no look-up) starts after a cancellation
    throwIfCancelled()
    let delay: number | null = null
    let rateLimited = false
    said = ''
    /** The request may have taken effect and may not be sent again blindly. */
    let unknown = false
    try {
      const res = await once(url, method, options)
      const verdict = judgeAnswer(res.status, res.headers)
      lastWasTransport = false
      if (verdict.kind === 'answer') {
        if (!(options.json && res.status >= 200 && res.status < 300 && parseJson(res.text) === NOT_JSON)) return res
        last = `answered something that is not JSON (${describeBody(res.headers, res.text)})`
        // a proxy's or CDN's error page: worth another attempt for a read
        unknown = !blind
      } else if (verdict.kind === 'rate-limit') {
        if (verdict.waitMs > settings.rateLimitWait * 1000 - waited) {
          throw networkError(
            `${options.service} answered ${where}: ${verdict.why}, longer than pyship waits (${settings.rateLimitWait} s in all)`,
            `${options.service} limits how many requests a token may make. Wait until the limit resets, then re-run (it resumes where this run stopped); spread releases out, or raise PYSHIP_HTTP_RATE_LIMIT_WAIT.`
          )
        }
        last = verdict.why
        delay = verdict.waitMs
        // at least a second of the budget per wait: `retry-after: 0` cannot loop for ever
        waited += Math.max(verdict.waitMs, 1000)
        // a rate-limited request was not processed: waiting it out costs no attempt
        rateLimited = true
        attempt--
      } else {
        last = verdict.why
        said = res.text.trim() ? ` (${quote(res.text.trim(), 60)})` : ''
        // 429 was refused unprocessed; any other failure of a POST may have taken effect
        unknown = !blind && res.status !== 429
        if (verdict.waitMs !== undefined) {
          if (verdict.waitMs <= settings.rateLimitWait * 1000 - waited) {
            delay = verdict.waitMs
            waited += verdict.waitMs
          }
        }
      }
    } catch (error) {
      if (error instanceof PyshipError || error instanceof CancelledError) throw error
      const judged = judgeError(error)
      last = judged.what
      lastWasTransport = true
      unknown = !blind && !judged.unsent
    }
    if (unknown) {
      if (!lookUp) {
        throw networkError(
          `${options.service} did not confirm ${where} (${last}${said}); it may have taken effect, so it was not sent again`
        )
      }
      log(`${where}: ${last}; looking up whether it took effect`)
      if (await lookUp()) {
        log(`${where}: it had taken effect; using what exists`)
        return null
      }
    }
    if (attempt >= attempts) break
    const wait = delay ?? backoffDelay(attempt)
    const seconds = `${(wait / 1000).toFixed(wait < 1000 ? 2 : 1)} s`
    // a rate limit costs no attempt: its wait is counted against the bound instead
    log(rateLimited ? `${where} ${last}; waiting ${seconds}` : `${where} ${last}; retrying (${attempt}/${attempts - 1}) in ${seconds}`)
    await sleep(wait)
  }
  const times = attempts === 1 ? 'once' : `${attempts} times`
  if (!lastWasTransport) throw networkError(`${options.service} kept failing: ${where} ${last}${said}, ${times}`)
  const what = `${options.service} could not be reached: ${where} failed ${times} (last: ${last})`
  unreachable.set(origin, what)
  throw networkError(what)
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

/**
 * A link's `rel` parameter naming `next` (RFC 8288 §3.3): quoted, among other relation types
 * (`rel="next last"`), or a bare token — never a longer type that starts with it (`next-archive`).
 */
const REL_NEXT = /;\s*rel\s*=\s*(?:"(?:[^"]*\s)?next(?:\s[^"]*)?"|next\s*(?:;|$))/i

/** The URL of the `rel="next"` page in a `Link` header, resolved against `base`; null on the last page. */
export function nextLink(link: string | null, base: string): string | null {
  if (!link) return null
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*((?:;[^;]*)*)$/.exec(part)
    if (m && REL_NEXT.test(m[2])) return new URL(m[1], base).toString()
  }
  return null
}
