/**
 * A slow service for cancellation tests: a reverse proxy in front of a stand-in (the
 * index) that holds each request `delay(request)` ms before forwarding it, and records when
 * each arrived. A request whose client goes away while it is held is never forwarded (a
 * cancelled upload stores nothing).
 *
 *     const slow = await startSlow(world.pypi.url, () => 3000)
 *     const held = await slow.next((r) => r.path.startsWith('/pypi/'))   // pyship waits on it now
 *     child.kill('SIGINT')
 *     …
 *     expect(slow.requests.filter((r) => r.at > sentAt)).toEqual([])
 */
import http from 'node:http'
import type net from 'node:net'
import type { AddressInfo } from 'node:net'

export interface SlowRequest {
  method: string
  /** Path and query as sent. */
  path: string
  /** Date.now() when its headers arrived. */
  at: number
  /** The client went away before the answer (held, or being answered). */
  abandoned: boolean
}

export interface Slow {
  url: string
  requests: SlowRequest[]
  /** How long a request is held before it is forwarded, in ms (changeable between requests). */
  delay: (r: SlowRequest) => number
  /** Resolves with the first request (already arrived or still to come) that `matches`. */
  next(matches: (r: SlowRequest) => boolean): Promise<SlowRequest>
  close(): Promise<void>
}

export async function startSlow(target: string, delay: (r: SlowRequest) => number = () => 0): Promise<Slow> {
  const upstream = new URL(target)
  const requests: SlowRequest[] = []
  const waiting: { matches: (r: SlowRequest) => boolean; resolve: (r: SlowRequest) => void }[] = []
  const sockets = new Set<net.Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const slow: Slow = {
    url: '',
    requests,
    delay,
    next: (matches) => {
      const found = requests.find(matches)
      return found ? Promise.resolve(found) : new Promise((resolve) => waiting.push({ matches, resolve }))
    },
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t)
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
  const server = http.createServer((req, res) => {
    const seen: SlowRequest = { method: req.method ?? 'GET', path: req.url ?? '/', at: Date.now(), abandoned: false }
    requests.push(seen)
    for (const w of waiting.filter((x) => x.matches(seen))) {
      waiting.splice(waiting.indexOf(w), 1)
      w.resolve(seen)
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    res.on('close', () => {
      if (!res.writableFinished) seen.abandoned = true
    })
    req.on('end', () => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        if (seen.abandoned || res.destroyed) return
        const out = http.request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: upstream.host }
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers)
            up.pipe(res)
          }
        )
        out.on('error', () => res.destroy())
        out.end(Buffer.concat(chunks))
      }, slow.delay(seen))
      timers.add(timer)
    })
  })
  server.on('connection', (s: net.Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  slow.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return slow
}
