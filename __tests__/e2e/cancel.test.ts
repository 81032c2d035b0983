/**
 * Cancellation (SPEC §8).
 *
 * - Against a slow index (every answer held), SIGINT/SIGTERM to `node dist/index.js` — the
 *   CLI and the action — while a request is under way, a tool uploads, a retry waits or
 *   verify polls: the run stops within seconds (the figure is measured; the bound asserted
 *   is generous), exits 130/143, says "nothing more is started", and from the signal on
 *   the index and GitHub receive no request; the summary says so, the release lock is
 *   freed, no credential is left in RUNNER_TEMP.
 * - A cancelled job sends SIGTERM while `docker push` waits on a registry that stopped
 *   answering. pyship stops the push, removes the credentials it wrote under RUNNER_TEMP,
 *   reports once (summary, exit 143) and publishes nothing; a re-run after the registry
 *   recovers releases.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BUNDLE, killTree } from '../../__fixtures__/action.js'
import { startSlow, type Slow, type SlowRequest } from '../../__fixtures__/slow.js'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { errors, logged, PYPI_TOKEN, REGISTRY_PASSWORD, startWorld, type World } from '../../__fixtures__/world.js'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Processes whose command line contains `text` (pgrep -f), as "pid command". */
function processes(text: string): string[] {
  const r = spawnSync('pgrep', ['-af', text], { encoding: 'utf8' })
  return r.stdout.split('\n').filter((l) => l.trim() && !l.includes('pgrep'))
}

describeWithTools(['git', 'docker'], 'cancelling a release during docker push', () => {
  let world: World
  let temp: string
  beforeAll(async () => {
    world = await startWorld({ registry: true })
    temp = mkdtempSync(path.join(os.tmpdir(), 'pyship-cancel-temp-'))
  })
  afterAll(async () => {
    world.registry.resume()
    await world.close()
    rmSync(temp, { recursive: true, force: true })
  })

  test('SIGTERM while the registry hangs: push stopped, credentials removed, exit 143, nothing tagged; a re-run releases', async () => {
    const pushing = `docker push ${world.registry.host}/acme/dakora/`
    let credentials: string[] = []
    let pushChild: string[] = []
    let sent = false
    const run = await world.action('release', 'docker', {
      inputs: { 'run-tests': 'false' },
      env: { RUNNER_TEMP: temp },
      onSpawn: (child) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (sent || !chunk.toString('utf8').includes(`$ ${pushing}`)) return
          sent = true
          world.registry.pause()
          void (async () => {
            // the push is waiting on the registry: its credentials are on disk, its process runs
            await sleep(1500)
            credentials = readdirSync(temp).filter((n) => n.startsWith('pyship-docker-'))
            pushChild = processes(pushing)
            child.kill('SIGTERM')
          })()
        })
      }
    })
    world.registry.resume()

    // the run reached the push (and had no error before it)
    expect({ sent, errors: sent ? [] : errors(run) }).toEqual({ sent: true, errors: [] })
    expect(credentials.length).toBe(1)
    expect(pushChild.length).toBeGreaterThan(0)
    expect(run.signal).toBeNull()
    expect(run.status).toBe(143)
    // the credentials directory (config.json holds the password) is gone, the push does not outlive pyship
    expect(readdirSync(temp).filter((n) => n.startsWith('pyship-docker-'))).toEqual([])
    expect(existsSync(path.join(temp, credentials[0]))).toBe(false)
    await sleep(500)
    expect(processes(pushing)).toEqual([])
    // reported once: the summary says it was cancelled and what to do
    expect(run.summary).toMatch(/cancel/i)
    expect(run.summary).toMatch(/re-run/i)
    // the password appears only in the runner's ::add-mask:: command
    for (const text of [logged(run), run.stderr, run.summary]) expect(text.includes(REGISTRY_PASSWORD)).toBe(false)
    // nothing published: no tag on the registry, no git tag, no published release
    expect(await world.registry.tags('acme/dakora/server')).not.toContain('latest')
    expect(world.repos.git(['tag', '--list', 'docker-v*'], world.repos.bare).trim()).toBe('')
    expect(world.github.releases.filter((r) => !r.draft)).toEqual([])

    // the registry answers again: a re-run of the same commit resumes and releases
    const again = await world.action('release', 'docker', { inputs: { 'run-tests': 'false' }, env: { RUNNER_TEMP: temp } })
    expect(errors(again)).toEqual([])
    expect(again.status).toBe(0)
    expect(again.outputs.released).toBe('true')
    expect(world.github.releases.filter((r) => r.tag_name === 'docker-v2.0.0').map((r) => r.draft)).toEqual([false])
    expect(readdirSync(temp).filter((n) => n.startsWith('pyship-docker-'))).toEqual([])
  }, 300_000)
})

/** Every file below `dir` (a missing directory has none). */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
}

type FrontEnd = 'CLI' | 'action'
type Moment = 'a request to the index is under way' | 'twine uploads' | 'a retry waits' | "verify's poll waits" | "verify's poll waits 8 s"

interface Stopped {
  status: number | null
  stdout: string
  stderr: string
  summary: string
  /** ms from the signal to the process's end. */
  stoppedMs: number
  /** Requests the index (through the slow proxy) and GitHub received from the signal on. */
  indexAfter: SlowRequest[]
  githubAfter: number
  /** Files in RUNNER_TEMP holding the index token, once the run ended. */
  tokenFiles: string[]
}

/** Figures measured, printed once. */
const figures: string[] = []

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling'], 'cancelling a release against a slow index', () => {
  let world: World
  let slow: Slow
  beforeEach(async () => {
    world = await startWorld()
    slow = await startSlow(world.pypi.url)
  })
  afterEach(async () => {
    await slow.close()
    await world.close()
  })
  afterAll(() => {
    if (figures.length) process.stdout.write(`cancellation, signal to exit: ${figures.join('; ')}\n`)
  })

  /**
   * `release sdk` through `frontEnd` with the index behind the slow proxy; `signal` is sent
   * `afterMs` after the request `at` matches arrives.
   */
  async function releaseAndSignal(
    frontEnd: FrontEnd,
    signal: NodeJS.Signals,
    at: (r: SlowRequest) => boolean,
    afterMs: number,
    env: Record<string, string> = {}
  ): Promise<Stopped> {
    const io = mkdtempSync(path.join(os.tmpdir(), 'pyship-cancel-io-'))
    const summaryFile = path.join(io, 'summary')
    const temp = path.join(io, 'temp')
    mkdirSync(temp)
    for (const file of ['output', 'summary']) writeFileSync(path.join(io, file), '')
    const base = { ...world.env(), HOME: process.env.HOME ?? os.tmpdir(), RUNNER_TEMP: temp, ...env }
    const inputs: Record<string, string> = {
      command: 'release',
      component: 'sdk',
      'run-tests': 'false',
      'pypi-token': PYPI_TOKEN,
      'github-token': world.github.token,
      'pypi-url': slow.url,
      'pypi-upload-url': `${slow.url}/legacy/`,
      'build-isolation': 'false'
    }
    let child: ChildProcess
    if (frontEnd === 'action') {
      const actionEnv: Record<string, string> = {
        ...base,
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: world.repos.work,
        GITHUB_OUTPUT: path.join(io, 'output'),
        GITHUB_STEP_SUMMARY: summaryFile
      }
      for (const [name, value] of Object.entries(inputs)) actionEnv[`INPUT_${name.toUpperCase()}`] = value
      child = spawn(process.execPath, [BUNDLE], { cwd: world.repos.work, env: actionEnv, detached: true })
    } else {
      const args = [
        'release',
        'sdk',
        '--no-run-tests',
        '--pypi-token',
        PYPI_TOKEN,
        '--github-token',
        world.github.token,
        '--pypi-url',
        slow.url,
        '--pypi-upload-url',
        `${slow.url}/legacy/`,
        '--build-isolation=false'
      ]
      child = spawn(process.execPath, [BUNDLE, ...args], { cwd: world.repos.work, env: base, detached: true })
    }
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    const guard = setTimeout(() => killTree(child), 120_000)
    let sentAt = 0
    let indexAt = 0
    let githubAt = 0
    void slow.next(at).then(async () => {
      await new Promise((r) => setTimeout(r, afterMs))
      indexAt = slow.requests.length
      githubAt = world.github.requests.length
      sentAt = Date.now()
      child.kill(signal)
    })
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    const stoppedMs = Date.now() - sentAt
    clearTimeout(guard)
    const result: Stopped = {
      status,
      stdout,
      stderr,
      summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '',
      stoppedMs: sentAt ? stoppedMs : -1,
      indexAfter: sentAt ? slow.requests.slice(indexAt) : [],
      githubAfter: sentAt ? world.github.requests.length - githubAt : 0,
      tokenFiles: filesBelow(temp).filter((f) => readFileSync(f).includes(PYPI_TOKEN))
    }
    rmSync(io, { recursive: true, force: true })
    return result
  }

  const isLookUp = (r: SlowRequest): boolean => r.method === 'GET' && r.path.startsWith('/pypi/dakora-client/')
  const isUpload = (r: SlowRequest): boolean => r.method === 'POST' && r.path.startsWith('/legacy/')
  /** The n-th look-up after the first upload (verify polling the index). */
  const verifyLookUp =
    (n: number) =>
    (r: SlowRequest): boolean => {
      const uploadAt = slow.requests.findIndex(isUpload)
      return uploadAt >= 0 && isLookUp(r) && slow.requests.slice(uploadAt).filter(isLookUp).indexOf(r) === n - 1
    }

  const MOMENTS: Record<
    Moment,
    { prepare(): Record<string, string>; at: (r: SlowRequest) => boolean; afterMs: number; published: boolean }
  > = {
    // preflight asks the index; the answer is held for 30 s
    'a request to the index is under way': {
      prepare: () => ((slow.delay = (r) => (isLookUp(r) ? 30_000 : 0)), {}),
      at: isLookUp,
      afterMs: 300,
      published: false
    },
    // twine sends the wheel; the index holds it for 30 s
    'twine uploads': {
      prepare: () => ((slow.delay = (r) => (isUpload(r) ? 30_000 : 0)), {}),
      at: isUpload,
      afterMs: 500,
      published: false
    },
    // the index answers 503 at once; pyship waits 15–30 s before it asks again
    'a retry waits': {
      prepare: () => (world.pypi.failNext('/pypi/', 503), { PYSHIP_HTTP_BACKOFF: '30' }),
      at: isLookUp,
      afterMs: 500,
      published: false
    },
    // everything is published; the index hides the files, verify polls (0.5 s, 1 s, 2 s … apart)
    "verify's poll waits": {
      prepare: () => ((world.pypi.visibilityDelay = 1000), {}),
      at: verifyLookUp(2),
      afterMs: 300,
      published: true
    },
    // the same, after the fifth look-up: the next is 8 s away, longer than pyship's last-resort exit (3 s)
    "verify's poll waits 8 s": {
      prepare: () => ((world.pypi.visibilityDelay = 1000), {}),
      at: verifyLookUp(5),
      afterMs: 300,
      published: true
    }
  }

  test('a cancelled verify (CLI, SIGINT while the index holds its look-up): exit 130, says it was interrupted, no internal error', async () => {
    slow.delay = (r) => (isLookUp(r) ? 30_000 : 0)
    const child = spawn(process.execPath, [BUNDLE, 'verify', 'sdk', '--github-token', world.github.token, '--pypi-url', slow.url], {
      cwd: world.repos.work,
      env: { ...world.env(), HOME: process.env.HOME ?? os.tmpdir() },
      detached: true
    })
    let out = ''
    child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')))
    child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')))
    const guard = setTimeout(() => killTree(child), 60_000)
    void slow.next(isLookUp).then(() => setTimeout(() => child.kill('SIGINT'), 300))
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    clearTimeout(guard)
    expect({
      status,
      headline: out.includes('verify interrupted (SIGINT); nothing more was started; a re-run resumes where it stopped')
    }).toEqual({ status: 130, headline: true })
    expect(out).not.toMatch(/E_INTERNAL|did not foresee|CancelledError/)
  }, 90_000)

  test.each<[FrontEnd, NodeJS.Signals, number, Moment]>([
    ['action', 'SIGINT', 130, 'a request to the index is under way'],
    ['CLI', 'SIGTERM', 143, 'a request to the index is under way'],
    ['action', 'SIGTERM', 143, 'twine uploads'],
    ['CLI', 'SIGINT', 130, 'twine uploads'],
    ['CLI', 'SIGTERM', 143, 'a retry waits'],
    ['action', 'SIGINT', 130, 'a retry waits'],
    ['action', 'SIGTERM', 143, "verify's poll waits"],
    ['CLI', 'SIGINT', 130, "verify's poll waits"],
    ['action', 'SIGINT', 130, "verify's poll waits 8 s"]
  ])(
    '%s, %s, exit %i, while %s: stops within seconds, nothing started after the signal',
    async (frontEnd, signal, code, moment) => {
      const m = MOMENTS[moment]
      const run = await releaseAndSignal(frontEnd, signal, m.at, m.afterMs, m.prepare())
      figures.push(`${frontEnd} ${signal} while ${moment}: ${run.stoppedMs} ms`)

      // (a run that failed before the moment says why)
      const said =
        run.stoppedMs >= 0
          ? ''
          : `${run.stdout}${run.stderr}`
              .split('\n')
              .filter((l) => /error|E_[A-Z]/.test(l) && l.length < 300)
              .join('\n')
      expect({ status: run.status, signalled: run.stoppedMs >= 0, said }).toEqual({ status: code, signalled: true, said: '' })
      // SPEC: within 2 s; asserted with room for a loaded machine (the figure is reported)
      expect(run.stoppedMs).toBeLessThan(5000)
      // it says so, and it is true: from the signal on, no request reached the index or GitHub
      expect(run.stderr).toContain(`(${signal}); stopping what runs, nothing more is started, and a re-run resumes where this one stopped.`)
      expect(run.indexAfter.map((r) => `${r.method} ${r.path}`)).toEqual([])
      expect(run.githubAfter).toBe(0)
      // the report of the steps done: the job summary (action) or the table (CLI)
      const report = frontEnd === 'action' ? run.summary : run.stdout
      expect(report).toContain(
        `release ${signal === 'SIGINT' ? 'interrupted' : 'cancelled'} (${signal}) while releasing python-sdk-v1.4.0; a re-run resumes where it stopped`
      )
      expect(report).toContain(`cancelled (${signal})`)
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/E_INTERNAL|E_NETWORK|E_PUBLISH|did not foresee/)
      // no credential left behind; the release lock is free for a re-run
      expect(run.tokenFiles).toEqual([])
      expect(world.repos.git(['for-each-ref', 'refs/pyship'], world.repos.bare)).toBe('')
      // a held upload never reached the index: nothing published before the publish step finished
      if (!m.published) expect(world.pypi.files.map((f) => f.filename)).toEqual([])
    },
    180_000
  )
})
