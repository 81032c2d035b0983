/**
 * All HTTP goes through here: one seam for retries and tests. Transient failures
 * (5xx, 429, connection resets) are retried with exponential backoff, a bounded
 * number of times; 4xx answers are returned to the caller, never retried.
 */
import { log } from '../log.js'

export interface HttpResponse {
  status: number
  headers: Headers
  text: string
  json<T = unknown>(): T
}

export interface HttpOptions {
  method?: string
  headers?: Record<string, string>
  /** Text, or bytes (registry blobs). */
  body?: string | Uint8Array
  /** Attempts in all (default 4). */
  attempts?: number
}

const USER_AGENT = 'pyship (+https://github.com/pyship/pyship)'

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Base delay of the backoff (doubled on each retry). */
const BACKOFF_MS = 250

export async function request(url: string, options: HttpOptions = {}): Promise<HttpResponse> {
  const attempts = options.attempts ?? 4
  let last: unknown
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await fetch(url, {
        method: options.method ?? 'GET',
        headers: { 'user-agent': USER_AGENT, ...options.headers },
        body: options.body as RequestInit['body']
      })
      const text = await res.text()
      const transient = res.status >= 500 || res.status === 429
      if (!transient || attempt === attempts) {
        return {
          status: res.status,
          headers: res.headers,
          text,
          json: <T>() => JSON.parse(text) as T
        }
      }
      const retryAfter = Number(res.headers.get('retry-after'))
      log(`${options.method ?? 'GET'} ${redact(url)} answered ${res.status}; retrying (${attempt}/${attempts - 1})`)
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 10_000) : BACKOFF_MS * 2 ** (attempt - 1))
    } catch (error) {
      last = error
      if (attempt === attempts) break
      log(`${options.method ?? 'GET'} ${redact(url)} failed (${(error as Error).message}); retrying (${attempt}/${attempts - 1})`)
      await sleep(BACKOFF_MS * 2 ** (attempt - 1))
    }
  }
  throw new Error(`${options.method ?? 'GET'} ${redact(url)} failed: ${(last as Error)?.message ?? 'unknown error'}`)
}

/** A URL without credentials or query string, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url)
    u.username = ''
    u.password = ''
    u.search = ''
    return u.toString()
  } catch {
    return '(invalid URL)'
  }
}
