/**
 * Misbehaving networks for tests, on 127.0.0.1:
 *
 * - `startFaulty(target)`: a reverse proxy in front of a stand-in (GitHub, PyPI, a
 *   registry) that forwards every request faithfully, except those matching a rule, which
 *   get a fault instead: a reset, a black hole (accepts, never answers), a trickle (the
 *   headers, then one body byte every `trickleMs`), an HTML page, JSON cut short, any status with headers (429,
 *   403 + retry-after…), or a lost answer (the request is forwarded and done, then the
 *   client gets a 502). `Link` headers are rewritten to point at the proxy.
 *
 *     const gh = await startFaulty(github.url)
 *     gh.rule({ method: 'POST', path: '/repos/acme/dakora/releases', fault: 'lost-answer', times: 1 })
 *     env.GITHUB_API_URL = gh.url
 *
 * - `startForwardProxy()`: an HTTP proxy (CONNECT tunnels and absolute-form requests)
 *   that counts what it carried, for HTTPS_PROXY/HTTP_PROXY.
 * - `closedPort()`: a port on which nothing listens (connection refused).
 */
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import type { AddressInfo } from 'node:net'

export type Fault =
  | 'reset'
  | 'blackhole'
  | 'trickle'
  | 'html'
  | 'truncated-json'
  | 'lost-answer'
  | { status: number; headers?: Record<string, string>; body?: string }

export interface FaultRule {
  method?: string
  /** A path prefix (query excluded) or a pattern. */
  path: string | RegExp
  fault: Fault
  /** How many matching requests get the fault (default: all). */
  times?: number
}

export interface FaultyRequest {
  method: string
  path: string
  fault?: string
}

export interface Faulty {
  /** `http(s)://127.0.0.1:PORT`. */
  url: string
  host: string
  requests: FaultyRequest[]
  rule(rule: FaultRule): void
  /** Forget every rule and recorded request. */
  clear(): void
  close(): Promise<void>
}

const faultName = (f: Fault): string => (typeof f === 'string' ? f : String(f.status))

export async function startFaulty(
  target: string,
  options: { trickleMs?: number; tls?: { key: string; cert: string } } = {}
): Promise<Faulty> {
  const rules: (FaultRule & { left: number })[] = []
  const requests: FaultyRequest[] = []
  const sockets = new Set<net.Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const trickleMs = options.trickleMs ?? 500
  const upstream = new URL(target)
  let self = ''

  const take = (method: string, path: string): Fault | null => {
    const rule = rules.find(
      (r) => r.left > 0 && (!r.method || r.method === method) && (typeof r.path === 'string' ? path.startsWith(r.path) : r.path.test(path))
    )
    if (!rule) return null
    rule.left--
    return rule.fault
  }

  const forward = (req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host }
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }))
          res.on('error', reject)
        }
      )
      out.on('error', reject)
      out.end(body)
    })

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const method = req.method ?? 'GET'
        const path = new URL(req.url ?? '/', 'http://x').pathname
        const fault = take(method, path)
        requests.push({ method, path, ...(fault ? { fault: faultName(fault) } : {}) })
        const body = Buffer.concat(chunks)
        if (fault === 'reset') return void req.socket.resetAndDestroy()
        if (fault === 'blackhole') return
        if (fault === 'html') {
          const page =
            '<!DOCTYPE html>\n<html><head><title>Unicorn!</title></head><body>We had issues producing the response to your request.</body></html>\n'
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(page)) })
          return void res.end(page)
        }
        if (fault === 'truncated-json') {
          const real = await forward(req, body)
          const cut = real.body.subarray(0, Math.max(1, Math.floor(real.body.length / 2)))
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(cut.length) })
          return void res.end(cut)
        }
        if (fault === 'trickle') {
          // the headers at once, then the body one byte every trickleMs: never idle, never done
          const text = Buffer.from(JSON.stringify({ message: 'slow'.repeat(50) }))
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) })
          res.flushHeaders()
          let i = 0
          const drip = (): void => {
            if (res.destroyed || i >= text.length) return
            res.write(text.subarray(i, ++i))
            const t = setTimeout(drip, trickleMs)
            timers.add(t)
          }
          return drip()
        }
        if (fault && typeof fault === 'object') {
          const payload = fault.body ?? JSON.stringify({ message: `stand-in fault ${fault.status}` })
          res.writeHead(fault.status, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': String(Buffer.byteLength(payload)),
            ...fault.headers
          })
          return void res.end(payload)
        }
        const real = await forward(req, body)
        if (fault === 'lost-answer') {
          const payload = '<html><body><h1>502 Bad Gateway</h1></body></html>'
          res.writeHead(502, { 'content-type': 'text/html', 'content-length': String(payload.length) })
          return void res.end(payload)
        }
        const headers = { ...real.headers }
        delete headers['transfer-encoding']
        headers['content-length'] = String(real.body.length)
        if (typeof headers.link === 'string') headers.link = headers.link.split(upstream.origin).join(self)
        res.writeHead(real.status, headers)
        res.end(real.body)
      })().catch(() => res.destroy())
    })
  }

  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler)
  server.on('connection', (s: net.Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.on('secureConnection', (s: net.Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  self = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`
  return {
    url: self,
    host: `127.0.0.1:${port}`,
    requests,
    rule: (rule) => void rules.push({ ...rule, left: rule.times ?? Infinity }),
    clear: () => {
      rules.length = 0
      requests.length = 0
    },
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t)
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

export interface ForwardProxy {
  /** `http://127.0.0.1:PORT`: the value for HTTPS_PROXY / HTTP_PROXY. */
  url: string
  /** What went through it: `CONNECT 127.0.0.1:1234` or `GET http://127.0.0.1:1234/path`. */
  carried: string[]
  close(): Promise<void>
}

/** A tiny HTTP proxy: CONNECT tunnels and absolute-form requests, each recorded. */
export async function startForwardProxy(): Promise<ForwardProxy> {
  const carried: string[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((req, res) => {
    carried.push(`${req.method} ${req.url}`)
    const target = new URL(req.url ?? '')
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      }
    )
    out.on('error', () => res.destroy())
    req.pipe(out)
  })
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    carried.push(`CONNECT ${req.url}`)
    const [host, port] = (req.url ?? '').split(':')
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('error', () => undefined)
      s.on('close', () => sockets.delete(s))
    }
    upstream.on('error', () => client.destroy())
  })
  server.on('connection', (s: net.Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    carried,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

/** A 127.0.0.1 port nothing listens on: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
