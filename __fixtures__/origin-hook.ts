/**
 * See what the world looked like at the moment a ref reached the bare `origin`: a
 * `post-receive` hook in the bare repository reports each push to an HTTP server in the
 * test process and waits for its answer, so the pushing `git push` (and the action that
 * spawned it) is held while `snapshot()` looks at the stand-ins and the registry.
 *
 *   const arrivals = await watchOrigin(repos.bare, async () => ({ files: pypi.files.map((f) => f.filename) }))
 *   … run the release …
 *   expect(arrivals.pushes.find((p) => p.refs.includes('refs/tags/v1'))?.state).toEqual({ files: [...] })
 *   await arrivals.close()
 *
 * The hook runs this very node binary with an absolute path (the action's PATH is minimal).
 */
import { chmodSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

export interface OriginPush<T> {
  /** The refs this push updated (`refs/tags/cli-v2.0.0`, `refs/heads/main`). */
  refs: string[]
  /** What `snapshot()` saw while the push was held. */
  state: T
}

export interface OriginWatch<T> {
  pushes: OriginPush<T>[]
  /** Snapshots that threw (a test expects this to be empty). */
  errors: string[]
  /** The push that carried `ref`, or undefined. */
  arrival(ref: string): OriginPush<T> | undefined
  close(): Promise<void>
}

const HOOK_SCRIPT =
  "const c=[];process.stdin.on('data',(d)=>c.push(d)).on('end',()=>fetch(process.argv[1],{method:'POST',body:Buffer.concat(c).toString('utf8')}).then((r)=>r.text()).then(()=>process.exit(0),(e)=>{console.error('origin hook: '+e.message);process.exit(0)}))"

export async function watchOrigin<T>(bare: string, snapshot: (refs: string[]) => Promise<T> | T): Promise<OriginWatch<T>> {
  const pushes: OriginPush<T>[] = []
  const errors: string[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      // post-receive stdin: "<old> <new> <ref>" per line
      const refs = Buffer.concat(chunks)
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ')[2])
      Promise.resolve()
        .then(() => snapshot(refs))
        .then(
          (state) => {
            pushes.push({ refs, state })
            res.end('ok')
          },
          (error: unknown) => {
            errors.push(`snapshot at ${refs.join(' ')} failed: ${String(error)}`)
            res.statusCode = 500
            res.end(String(error))
          }
        )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const hook = path.join(bare, 'hooks', 'post-receive')
  writeFileSync(hook, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} -e ${shellQuote(HOOK_SCRIPT)} ${JSON.stringify(url)}\n`)
  chmodSync(hook, 0o755)
  return {
    pushes,
    errors,
    arrival: (ref) => pushes.find((p) => p.refs.includes(ref)),
    close: () =>
      new Promise<void>((resolve) => {
        rmSync(hook, { force: true })
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`
