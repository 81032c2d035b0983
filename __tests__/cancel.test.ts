/**
 * Cancellation inside one process (SPEC §8), in the order a run meets it: work under way
 * when the signal comes (a tool, a request, a retry wait, a pool) stops at once; after it
 * nothing new starts (no tool, no request, no wait, no pool item) — except cleanup work
 * (`asCleanup`, freeing the release lock), which runs and is cut after CLEANUP_MS; and a
 * cancelled command that ends with a problem still exits 130, not 1.
 *
 * cancel() is process-wide and happens once: the tests of this file run in order.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { asCleanup, cancel, CancelledError, CLEANUP_MS, cancelledBy } from '../src/cancel.js'
import { exec } from '../src/adapters/exec.js'
import { configureHttp, request, sleep } from '../src/adapters/http.js'
import { mapBounded } from '../src/release/pool.js'
import { runCli } from '../src/cli.js'
import { setLogger } from '../src/log.js'
import { copyRepo } from '../__fixtures__/snapshot.js'
import { editFile } from '../__fixtures__/tree.js'

/** A server that never answers: it counts the requests it received. */
let server: http.Server
let url = ''
const received: string[] = []
let pooled = false
/** What pyship logged (a tool it starts is logged as `$ command …`). */
const logged: string[] = []
const dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-cancel-unit-'))

beforeAll(async () => {
  setLogger((line) => void logged.push(line))
  server = http.createServer((req) => void received.push(`${req.method} ${req.url}`))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // long bounds: only a cancellation can end a request or a wait quickly
  configureHttp({ attemptTimeout: 60, idleTimeout: 60, attempts: 5, backoff: 30, maxBackoff: 60 })
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
  rmSync(dir, { recursive: true, force: true })
})

/** How a promise ends, and after how many ms. */
async function settle(p: Promise<unknown>, started = Date.now()): Promise<{ outcome: string; ms: number }> {
  try {
    await p
    return { outcome: 'resolved', ms: Date.now() - started }
  } catch (error) {
    return {
      outcome: error instanceof CancelledError ? `cancelled by ${error.signal}` : `rejected: ${String(error)}`,
      ms: Date.now() - started
    }
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

test('work under way stops at once when the run is cancelled: a tool, a request, a retry wait, a pool', async () => {
  const pidFile = path.join(dir, 'pid')
  const tool = exec(
    process.execPath,
    ['-e', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => {}, 60000)`],
    { cwd: dir, quiet: true }
  )
  const req = request(`${url}/held`, { service: 'the test server' })
  const wait = sleep(60_000)
  const started: number[] = []
  const pool = mapBounded([0, 1, 2, 3, 4], 2, async (i) => {
    started.push(i)
    await sleep(60_000)
  })
  while (!existsSync(pidFile) || received.length === 0) await new Promise((r) => setTimeout(r, 20))
  const pid = Number((await import('node:fs')).readFileSync(pidFile, 'utf8'))

  const at = Date.now()
  cancel('SIGINT')
  const outcomes = await Promise.all([tool, req, wait, pool].map((p) => settle(p, at)))
  expect(outcomes.map((o) => o.outcome)).toEqual(Array(4).fill('cancelled by SIGINT'))
  for (const o of outcomes) expect(o.ms).toBeLessThan(1000)
  expect(cancelledBy()).toBe('SIGINT')
  // the tool was stopped; the pool started no item after the two under way; one request was sent
  await new Promise((r) => setTimeout(r, 300))
  expect(alive(pid)).toBe(false)
  expect(started).toEqual([0, 1])
  expect(received).toEqual(['GET /held'])
})

test.each<[string, () => Promise<unknown>, () => unknown]>([
  [
    'a tool',
    () => exec('touch', [path.join(dir, 'started')], { cwd: dir }),
    () => existsSync(path.join(dir, 'started')) || logged.some((l) => l.includes('touch'))
  ],
  ['a request', () => request(`${url}/new`, { service: 'the test server' }), () => received.includes('GET /new')],
  [
    'a request that may create something',
    () => request(`${url}/create`, { service: 'the test server', method: 'POST', body: '{}' }),
    () => received.includes('POST /create')
  ],
  ['a wait', () => sleep(5_000), () => false],
  ['a pool item', () => mapBounded([1], 1, async () => void (pooled = true)), () => pooled]
])('after the cancellation %s does not start: CancelledError at once', async (_what, start, didStart) => {
  const r = await settle(start())
  expect(r.outcome).toBe('cancelled by SIGINT')
  expect(r.ms).toBeLessThan(500)
  await new Promise((r) => setTimeout(r, 100))
  expect(didStart()).toBe(false)
})

test('cleanup work (freeing the release lock) still runs after the cancellation, cut after CLEANUP_MS', async () => {
  const file = path.join(dir, 'cleaned')
  const done = await asCleanup(() => exec('touch', [file], { cwd: dir, quiet: true }))
  expect({ status: done.status, exists: existsSync(file) }).toEqual({ status: 0, exists: true })
  const start = Date.now()
  const stuck = await asCleanup(() => exec(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { cwd: dir, quiet: true }))
  expect(stuck.status).not.toBe(0)
  expect(Date.now() - start).toBeGreaterThanOrEqual(CLEANUP_MS - 50)
  expect(Date.now() - start).toBeLessThan(CLEANUP_MS + 2000)
})

/** check of a monorepo whose group members disagree (E_VERSION_MISMATCH), through a front end; its exit status and what it said. */
const FRONT_ENDS: Record<'CLI' | 'action', (root: string) => Promise<{ code: number; said: string }>> = {
  CLI: async (root) => {
    const said: string[] = []
    const code = await runCli(['check', '--cwd', root], {
      out: (t) => said.push(t),
      err: (t) => said.push(t),
      env: { PATH: process.env.PATH ?? '' },
      cwd: root,
      tty: false
    })
    return { code, said: said.join('\n') }
  },
  action: async (root) => {
    const saved = { ...process.env }
    const write = process.stdout.write.bind(process.stdout)
    let said = ''
    process.stdout.write = ((chunk: string | Uint8Array) => ((said += String(chunk)), true)) as typeof process.stdout.write
    try {
      Object.assign(process.env, { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: root, INPUT_COMMAND: 'check' })
      const { run } = await import('../src/main.js')
      await run()
      return { code: Number(process.exitCode ?? 0), said }
    } finally {
      process.stdout.write = write
      process.exitCode = 0
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
      Object.assign(process.env, saved)
    }
  }
}

test.each(['CLI', 'action'] as const)('a cancelled command that ends with a problem exits 130, not 1 (%s)', async (frontEnd) => {
  const root = copyRepo('examples/dakora')
  try {
    editFile(root, 'server/pyproject.toml', 'version = "2.0.0"', 'version = "1.9.0"')
    const { code, said } = await FRONT_ENDS[frontEnd](root)
    expect({ code, problem: said.includes('E_VERSION_MISMATCH') }).toEqual({ code: 130, problem: true })
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})
