/**
 * Cancellation (SPEC §8): a cancelled job sends SIGTERM while `docker push` waits on a
 * registry that stopped answering. pyship stops the push, removes the credentials it
 * wrote under RUNNER_TEMP, reports once (summary, exit 143) and publishes nothing; a
 * re-run after the registry recovers releases.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { errors, logged, REGISTRY_PASSWORD, startWorld, type World } from '../../__fixtures__/world.js'

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
