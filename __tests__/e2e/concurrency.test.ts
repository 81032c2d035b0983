/**
 * Exactly one publisher (SPEC §8): several releases of the same target and version
 * started truly at once — from clones of the same commit, from different commits, an
 * action beside a CLI run — publish once. The others stop with E_RELEASE_IN_PROGRESS
 * before anything irreversible, or end as "already released"; the tag ends with one
 * GitHub Release; no file reaches the index twice. A holder killed mid-release is
 * taken over by a re-run of the same commit.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import path from 'node:path'
import { killTree, type ActionRun } from '../../__fixtures__/action.js'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { errors, PYPI_TOKEN, startWorld, type World } from '../../__fixtures__/world.js'
import { lockMessage } from '../../__fixtures__/git.js'

const TAG = 'python-sdk-v1.4.0'

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest'], 'concurrent releases of one version', () => {
  let world: World
  beforeEach(async () => {
    world = await startWorld()
  })
  afterEach(() => world.close())

  const release = (workspace?: string, onSpawn?: (c: ChildProcess) => void): Promise<ActionRun & { signal: NodeJS.Signals | null }> =>
    world.action('release', 'sdk', { workspace, onSpawn, inputs: { 'run-tests': 'false' } })

  /** POSTs the index accepted, per file name. */
  const uploadCounts = (): Record<string, number> =>
    world.pypi.requests
      .filter((r) => r.method === 'POST' && r.path.startsWith('/legacy') && r.status === 200)
      .reduce<Record<string, number>>((m, r) => ({ ...m, [r.filename ?? '']: (m[r.filename ?? ''] ?? 0) + 1 }), {})
  const releasesOfTag = () => world.github.releases.filter((r) => r.tag_name === TAG)

  /** Every run either released, found it already released, or stopped with E_RELEASE_IN_PROGRESS / a coded conflict. */
  const expectOnePublisher = (runs: ActionRun[], losers: RegExp): void => {
    const winners = runs.filter((r) => r.status === 0 && r.outputs.released === 'true')
    expect(winners.length).toBe(1)
    for (const r of runs.filter((x) => x !== winners[0])) {
      if (r.status === 0) expect(r.outputs.released).toBe('false')
      else {
        expect(r.status).toBe(1)
        expect(errors(r)[0]).toMatch(losers)
      }
    }
    expect(Object.values(uploadCounts())).toEqual([1, 1])
    expect(releasesOfTag().map((r) => r.draft)).toEqual([false])
    // the lock is gone once the winner finished
    expect(world.repos.git(['for-each-ref', 'refs/pyship'], world.repos.bare)).toBe('')
  }

  test.each([1, 2, 3])('two clones of the same commit, started together (round %i)', async () => {
    const second = world.clone('second')
    const runs = await Promise.all([release(), release(second)])
    expectOnePublisher(
      runs,
      /^E_RELEASE_IN_PROGRESS another run is releasing python-sdk-v1\.4\.0: a local run on .+ \(process \d+\), commit [0-9a-f]{12}, since /
    )
  })

  test('three at once: an action from each of two clones and a CLI run', async () => {
    const second = world.clone('second')
    // the CLI beside two actions: same bundle, flags instead of INPUT_*, tokens from the environment
    const cli = world
      .cliAsync(
        [
          'release',
          'sdk',
          '--no-run-tests',
          '--pypi-url',
          world.pypi.url,
          '--pypi-upload-url',
          world.pypi.uploadUrl,
          '--build-isolation=false',
          '--github-token',
          world.github.token,
          '--pypi-token',
          PYPI_TOKEN
        ],
        world.clone('third')
      )
      .then((r): ActionRun => ({ ...r, outputs: {}, summary: '', annotations: [] }))
    const runs = await Promise.all([release(), release(second), cli])
    // the CLI ends released, already released, or stopped by the lock (exit 1), never another way
    expect(`${runs[2].stdout}${runs[2].stderr}`).toMatch(/released from|E_RELEASE_IN_PROGRESS|already released/)
    const actions = runs.slice(0, 2)
    const published =
      actions.filter((r) => r.outputs.released === 'true').length +
      (runs[2].status === 0 && /^release: \S+ released from/m.test(runs[2].stdout) ? 1 : 0)
    expect(published).toBeLessThanOrEqual(1)
    expect(Object.values(uploadCounts()).every((n) => n === 1)).toBe(true)
    expect(releasesOfTag().filter((r) => !r.draft).length).toBeLessThanOrEqual(1)
    // whoever lost, a re-run now finishes (or finds it done): one published release
    const after = await release()
    expect(errors(after)).toEqual([])
    expect(releasesOfTag().map((r) => r.draft)).toEqual([false])
    expect(Object.values(uploadCounts())).toEqual([1, 1])
  })

  test('two commits with the same version: one publishes, the other never does, also after both re-run', async () => {
    const other = world.clone('other')
    appendFileSync(path.join(other, 'README.md'), '\nanother commit, same version\n')
    world.repos.git(['commit', '-q', '-am', 'docs: a different commit'], other)
    const first = await Promise.all([release(), release(other)])
    const rerun = await Promise.all([release(), release(other)])
    const winners = [...first, ...rerun].filter((r) => r.outputs.released === 'true')
    expect(winners.length).toBe(1)
    for (const r of [...first, ...rerun].filter((x) => x.status !== 0)) {
      expect(errors(r)[0]).toMatch(/^E_(RELEASE_IN_PROGRESS|TAG_EXISTS|PYPI_EXISTS) /)
    }
    expect(releasesOfTag().map((r) => r.draft)).toEqual([false])
    expect(Object.values(uploadCounts())).toEqual([1, 1])
    // the tag and the release name the same commit
    const tagged = world.repos.git(['rev-parse', `${TAG}^{commit}`], world.repos.bare)
    expect(releasesOfTag()[0].target_commitish).toBe(tagged)
  })

  test('a holder killed after taking the lock blocks nobody: a re-run of the same commit takes over and finishes', async () => {
    let child: ChildProcess | undefined
    world.github.onRequest = () => {
      if (child && world.github.requests.some((r) => r.method === 'POST' && r.path.endsWith('/releases'))) killTree(child)
    }
    const crashed = await release(undefined, (c) => (child = c))
    world.github.onRequest = undefined
    expect(crashed.signal).toBe('SIGKILL')
    expect(world.repos.git(['for-each-ref', '--format=%(refname)', 'refs/pyship'], world.repos.bare)).toBe(`refs/pyship/locks/${TAG}`)
    const rerun = await release()
    expect(errors(rerun)).toEqual([])
    expect(rerun.status).toBe(0)
    expect(rerun.stdout).toMatch(
      /took over the release lock of python-sdk-v1\.4\.0 from a local run on .+: its process \d+ on .+ no longer exists/
    )
    expect(releasesOfTag().map((r) => r.draft)).toEqual([false])
  })

  test('a lock held by a live run of another commit stops a release before it builds (dry run too)', async () => {
    // another commit's run holds the lock: a commit object naming it, pushed as the lock ref
    const holder = world.clone('holder')
    appendFileSync(path.join(holder, 'README.md'), '\nother\n')
    world.repos.git(['commit', '-q', '-am', 'other'], holder)
    const sha = world.repos.git(['rev-parse', 'HEAD'], holder)
    const note = world.repos.git(['commit-tree', `${sha}^{tree}`, '-p', sha, '-m', lockMessage(TAG, sha)], holder)
    world.repos.git(['push', '-q', 'origin', `${note}:refs/pyship/locks/${TAG}`], holder)
    for (const inputs of [{ 'dry-run': 'true' }, {}] as Record<string, string>[]) {
      const r = await world.action('release', 'sdk', { inputs: { 'run-tests': 'false', ...inputs } })
      expect(r.status).toBe(1)
      expect(errors(r)).toEqual([
        `E_RELEASE_IN_PROGRESS another run is releasing ${TAG}: workflow run https://github.com/acme/dakora/actions/runs/42, commit ${sha.slice(0, 12)}, since 2026-11-28T10:00:00.000Z (it is releasing commit ${sha.slice(0, 12)}, not ${world.repos.head().slice(0, 12)})`
      ])
      const steps = JSON.parse(r.outputs.plan).steps.map((s: { step: string; status: string }) => `${s.step}: ${s.status}`)
      expect(steps.slice(0, 3)).toEqual(['plan: done', 'preflight: failed', 'lock: not run'])
    }
    expect(world.pypi.requests.filter((q) => q.method === 'POST')).toEqual([])
    expect(world.github.releases).toEqual([])
    // the other run's lock is untouched
    expect(world.repos.git(['rev-parse', `refs/pyship/locks/${TAG}`], world.repos.bare)).toMatch(/^[0-9a-f]{40}$/)
  })
})

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest', 'docker'], 'concurrent releases of one image version', () => {
  let world: World
  beforeEach(async () => {
    world = await startWorld({ registry: true })
  })
  afterEach(() => world.close())

  test('two commits race the docker target: one release, and every image tag on the digest it lists', async () => {
    const other = world.clone('other')
    appendFileSync(path.join(other, 'README.md'), '\nanother commit, same version\n')
    world.repos.git(['commit', '-q', '-am', 'docs: a different commit'], other)
    const run = (workspace?: string) => world.action('release', 'docker', { workspace, inputs: { 'run-tests': 'false' } })
    const runs = await Promise.all([run(), run(other)])
    const rerun = await Promise.all([run(), run(other)])
    const all = [...runs, ...rerun]
    expect(all.filter((r) => r.outputs.released === 'true').length).toBe(1)
    for (const r of all.filter((x) => x.status !== 0)) expect(errors(r)[0]).toMatch(/^E_(RELEASE_IN_PROGRESS|TAG_EXISTS|IMAGE_EXISTS) /)
    const releases = world.github.releases.filter((r) => r.tag_name === 'docker-v2.0.0')
    expect(releases.map((r) => r.draft)).toEqual([false])
    const tagged = world.repos.git(['rev-parse', 'docker-v2.0.0^{commit}'], world.repos.bare)
    expect(releases[0].target_commitish).toBe(tagged)
    for (const image of ['server', 'studio']) {
      const repository = `acme/dakora/${image}`
      const listed = new RegExp(`${world.registry.host}/${repository}@(sha256:[0-9a-f]{64})`).exec(releases[0].body ?? '')?.[1]
      expect(listed).toBeDefined()
      for (const tag of await world.registry.tags(repository)) expect(await world.registry.digest(repository, tag)).toBe(listed)
      expect((await world.registry.labels(repository, '2.0.0'))['org.opencontainers.image.revision']).toBe(tagged)
    }
  })
})
