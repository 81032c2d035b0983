/**
 * A release fanned out on the runners (SPEC §9) through the bundled action: `plan`,
 * then one `build` process per matrix entry (each with its own RUNNER_TEMP and
 * dist-dir, as separate jobs have), then `release` from the collected dist-dir —
 * against the PyPI and GitHub stand-ins (and, for images, a real registry).
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync, type ChildProcess } from 'node:child_process'
import { killTree, type ActionRun } from '../../__fixtures__/action.js'
import type { RegistryStandIn } from '../../__fixtures__/registry.js'
import type { GitRepos } from '../../__fixtures__/git.js'
import type { GithubStandIn } from '../../__fixtures__/github-server.js'
import type { PypiStandIn } from '../../__fixtures__/pypi-server.js'
import { errors, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { readmeWorkflow, runWorkflow } from '../../__fixtures__/workflow-runner.js'

type Entry = Record<string, string>

describeWithTools(
  ['git', 'build', 'twine', 'venv', 'hatchling', 'pytest'],
  'fan-out of pypi targets: plan → build jobs → release from dist-dir',
  () => {
    let world: World
    let repos: GitRepos
    let pypi: PypiStandIn
    let github: GithubStandIn
    let scratch: string

    beforeEach(async () => {
      world = await startWorld()
      ;({ repos, pypi, github } = world)
      scratch = mkdtempSync(path.join(os.tmpdir(), 'pyship-fanout-'))
    })
    afterEach(async () => {
      await world.close()
      rmSync(scratch, { recursive: true, force: true })
    })

    const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

    /** Each build job: its own dist-dir (the artifact it uploads); returns the runs. */
    const buildJobs = async (matrix: { include: Entry[] }): Promise<ActionRun[]> => {
      const runs: ActionRun[] = []
      for (const [i, entry] of matrix.include.entries()) {
        const dist = path.join(scratch, `job-${i}`)
        runs.push(await world.action('build', '', { inputs: { 'matrix-entry': JSON.stringify(entry, null, 2), 'dist-dir': dist } }))
      }
      return runs
    }

    /** actions/download-artifact without merge-multiple: one folder per artifact. */
    const download = (): string => {
      const into = path.join(scratch, 'download')
      for (const job of readdirSync(scratch).filter((d) => d.startsWith('job-')))
        cpSync(path.join(scratch, job), path.join(into, `artifact-${job}`), { recursive: true })
      return into
    }

    test('plan writes the matrix, each build job builds one package, release publishes exactly those files', async () => {
      const sha = repos.head()
      const plan = await world.action('plan', 'cli')
      expect(errors(plan)).toEqual([])
      expect(plan.status).toBe(0)
      expect(plan.outputs.version).toBe('2.0.0')
      expect(plan.outputs.commit).toBe(sha)
      const matrix = JSON.parse(plan.outputs.matrix) as { include: Entry[] }
      expect(matrix.include.filter((e) => e.kind === 'package')).toEqual([
        {
          kind: 'package',
          name: 'package dakora 2.0.0',
          component: 'cli',
          version: '2.0.0',
          target: 'cli',
          package: 'cli',
          runner: 'ubuntu-latest'
        }
      ])
      // plan publishes nothing
      expect(pypi.files).toEqual([])
      expect(github.releases).toEqual([])

      const sdkPlan = await world.action('plan', 'sdk')
      const sdkMatrix = JSON.parse(sdkPlan.outputs.matrix) as { include: Entry[] }
      expect(sdkMatrix.include).toEqual([
        {
          kind: 'package',
          name: 'package dakora-client 1.4.0',
          component: 'sdk',
          version: '1.4.0',
          target: 'sdk',
          package: 'packages/client-python',
          runner: 'ubuntu-latest'
        }
      ])
      const builds = await buildJobs(sdkMatrix)
      for (const b of builds) {
        expect(errors(b)).toEqual([])
        expect(b.status).toBe(0)
        expect(b.outputs.commit).toBe(sha)
      }
      expect(readdirSync(path.join(scratch, 'job-0')).sort()).toEqual([
        'dakora_client-1.4.0-py3-none-any.whl',
        'dakora_client-1.4.0.tar.gz'
      ])
      const built = Object.fromEntries(readdirSync(path.join(scratch, 'job-0')).map((f) => [f, sha256(path.join(scratch, 'job-0', f))]))
      // reproducible: a second build job of the same entry makes the same bytes (SOURCE_DATE_EPOCH)
      const again = await world.action('build', '', {
        inputs: { 'matrix-entry': JSON.stringify(sdkMatrix.include[0]), 'dist-dir': path.join(scratch, 'again') }
      })
      expect(again.status).toBe(0)
      for (const [f, digest] of Object.entries(built)) expect(sha256(path.join(scratch, 'again', f))).toBe(digest)
      rmSync(path.join(scratch, 'again'), { recursive: true })
      expect(pypi.files).toEqual([])

      const release = await world.action('release', 'sdk', { inputs: { 'dist-dir': download() } })
      expect(errors(release)).toEqual([])
      expect(release.status).toBe(0)
      expect(release.stdout).not.toMatch(/\$ \S+ -m build /)
      expect(Object.fromEntries(pypi.files.map((f) => [f.filename, f.sha256]))).toEqual(built)
      expect(github.releases.find((r) => r.tag_name === 'python-sdk-v1.4.0')).toMatchObject({ draft: false, target_commitish: sha })
      expect(repos.git(['tag', '--list'], repos.bare).trim()).toBe('python-sdk-v1.4.0')
    })

    test('a dist-dir holding a file of another version is refused with E_BUILD and nothing is published', async () => {
      const matrix = JSON.parse((await world.action('plan', 'sdk')).outputs.matrix) as { include: Entry[] }
      expect((await buildJobs(matrix)).map((b) => b.status)).toEqual([0])
      const dist = download()
      // a stale artifact of an older build, renamed to pass for this version
      const stale = path.join(dist, 'artifact-job-0', 'dakora_client-1.3.0-py3-none-any.whl')
      cpSync(path.join(dist, 'artifact-job-0', 'dakora_client-1.4.0-py3-none-any.whl'), stale)
      const run = await world.action('release', 'sdk', { inputs: { 'dist-dir': dist } })
      expect(run.status).toBe(1)
      expect(errors(run)).toEqual([
        expect.stringMatching(
          /^E_BUILD the built files do not carry release 1\.4\.0: dakora_client-1\.3\.0-py3-none-any\.whl carries version 1\.3\.0/
        )
      ])
      expect(pypi.files).toEqual([])
      expect(github.releases).toEqual([])
      expect(repos.git(['tag', '--list'], repos.bare).trim()).toBe('')
      rmSync(stale)

      // a file of a package this release does not publish is refused too
      writeFileSync(path.join(dist, 'dakora-2.0.0-py3-none-any.whl'), 'not of this release')
      const other = await world.action('release', 'sdk', { inputs: { 'dist-dir': dist } })
      expect(errors(other)).toEqual([
        expect.stringMatching(/^E_BUILD dist-dir holds dakora-2\.0\.0-py3-none-any\.whl, which belongs to no package of this release/)
      ])
      expect(pypi.files).toEqual([])
    })

    test.each([
      ['not JSON', '{kind: package', /is not valid JSON/],
      ['the whole matrix', '{"include": []}', /has kind undefined/],
      [
        'an own-key trap',
        '{"kind":"package","__proto__":{"package":"cli"},"name":"x","component":"sdk","version":"1.4.0","target":"sdk","runner":"r"}',
        /has unknown fields "__proto__"/
      ],
      [
        'a path out of the workspace',
        '{"kind":"package","name":"x","component":"sdk","version":"1.4.0","target":"sdk","package":"../../etc","runner":"r"}',
        /field package = "..\/..\/etc" is not allowed/
      ],
      [
        'a package the target does not publish',
        '{"kind":"package","name":"x","component":"sdk","version":"1.4.0","target":"sdk","package":"cli","runner":"r"}',
        /names package cli, which target sdk does not publish/
      ],
      [
        'a target named constructor',
        '{"kind":"package","name":"x","component":"sdk","version":"1.4.0","target":"constructor","package":"cli","runner":"r"}',
        /names target constructor/
      ]
    ])('a hostile matrix-entry (%s) is E_INPUT and builds nothing', async (_what, entry, message) => {
      const dist = path.join(scratch, 'dist')
      const run = await world.action('build', '', { inputs: { 'matrix-entry': entry, 'dist-dir': dist } })
      expect(run.status).toBe(1)
      const [error] = errors(run)
      expect(error).toMatch(/^E_INPUT input matrix-entry /)
      expect(error).toMatch(message)
      expect(run.stdout).not.toMatch(/\$ \S+ -m build /)
      mkdirSync(dist, { recursive: true })
      expect(readdirSync(dist)).toEqual([])
    })
  }
)

const MULTI_ARCH_CONFIG = `[groups.platform]
packages = ["cli", "server"]

[targets.cli]
group = "platform"
kind = "pypi"
packages = ["cli"]
tag = "cli-v{version}"
tests = "skip"

[targets.docker]
group = "platform"
kind = "docker"
tag = "docker-v{version}"
tests = "skip"
images = [{ name = "server", context = "server", platforms = ["linux/amd64", "linux/arm64"] }]
`

describeWithTools(
  ['git', 'build', 'twine', 'venv', 'hatchling', 'docker'],
  'fan-out of a two-platform image and a package, with a real registry',
  () => {
    let world: World
    let repos: GitRepos
    let pypi: PypiStandIn
    let github: GithubStandIn
    let registry: RegistryStandIn
    let scratch: string

    beforeEach(async () => {
      world = await startWorld({ registry: true })
      ;({ repos, pypi, github, registry } = world)
      scratch = mkdtempSync(path.join(os.tmpdir(), 'pyship-fanout-'))
      mkdirSync(path.join(repos.work, '.github'))
      writeFileSync(path.join(repos.work, '.github/pyship.toml'), MULTI_ARCH_CONFIG)
      // dockerd 20.10's classic builder loses --platform on a LABEL right after FROM scratch
      // ("does not match the specified platform"): COPY first, then LABEL
      writeFileSync(
        path.join(repos.work, 'server/Dockerfile'),
        'FROM scratch\nCOPY src/ /app/src/\nLABEL org.opencontainers.image.title="dakora-server"\nCMD ["/app"]\n'
      )
      repos.git(['add', '-A'])
      repos.git(['commit', '-q', '-m', 'server for amd64 and arm64'])
      repos.git(['push', '-q', 'origin', 'main'])
    })
    afterEach(async () => {
      await world.close()
      rmSync(scratch, { recursive: true, force: true })
    })

    /** An independent client: skopeo reads the registry's raw manifest. */
    const skopeoRaw = (reference: string): Record<string, unknown> => {
      const r = spawnSync(
        'skopeo',
        [
          'inspect',
          '--raw',
          '--tls-verify=false',
          '--creds',
          `${registry.username}:${registry.password}`,
          `docker://${registry.host}/${reference}`
        ],
        { encoding: 'utf8', timeout: 60_000 }
      )
      if (r.status !== 0) throw new Error(`skopeo failed: ${r.stderr}`)
      return JSON.parse(r.stdout) as Record<string, unknown>
    }
    // skopeo is a second, independent reader of the index: on CI it must be there
    const hasSkopeo = spawnSync('skopeo', ['--version']).status === 0
    if (!hasSkopeo && process.env.CI === 'true')
      throw new Error('skopeo --version failed: apt-get install skopeo (CI=true: a missing tool fails)')
    if (!hasSkopeo)
      process.stderr.write('SKIPPED: the skopeo cross-check of the OCI index (skopeo --version failed; apt-get install skopeo)\n')

    const build = (entry: Entry, dist: string, onSpawn?: (c: ChildProcess) => void) =>
      world.action('build', '', { inputs: { 'matrix-entry': JSON.stringify(entry, null, 2), 'dist-dir': dist }, onSpawn })

    test('plan → a build job per package and per platform (separate processes and RUNNER_TEMPs) → release joins one index that alone gets the tags; crashes resume', async () => {
      const sha = repos.head()
      const plan = await world.action('plan', 'platform')
      expect(errors(plan)).toEqual([])
      expect(plan.outputs.commit).toBe(sha)
      const matrix = JSON.parse(plan.outputs.matrix) as { include: Entry[] }
      expect(matrix.include).toEqual([
        {
          kind: 'package',
          name: 'package dakora 2.0.0',
          component: 'platform',
          version: '2.0.0',
          target: 'cli',
          package: 'cli',
          runner: 'ubuntu-latest'
        },
        {
          kind: 'image',
          name: 'image server linux/amd64',
          component: 'platform',
          version: '2.0.0',
          target: 'docker',
          image: 'server',
          platform: 'linux/amd64',
          runner: 'ubuntu-latest'
        },
        {
          kind: 'image',
          name: 'image server linux/arm64',
          component: 'platform',
          version: '2.0.0',
          target: 'docker',
          image: 'server',
          platform: 'linux/arm64',
          runner: 'ubuntu-24.04-arm'
        }
      ])

      // the arm64 job is killed (-9) while it pushes by digest; its re-run is harmless
      const [pkg, amd64, arm64] = matrix.include
      const crashed = await build(arm64, path.join(scratch, 'job-arm64'), (child) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString('utf8').includes('docker save')) killTree(child)
        })
      })
      expect(crashed.signal).toBe('SIGKILL')
      const jobs: [Entry, string][] = [
        [pkg, 'job-pkg'],
        [amd64, 'job-amd64'],
        [arm64, 'job-arm64']
      ]
      const digests: Record<string, string> = {}
      for (const [entry, dir] of jobs) {
        const run = await build(entry, path.join(scratch, dir))
        expect(errors(run)).toEqual([])
        expect(run.status).toBe(0)
        if (entry.kind === 'image') {
          const [ref] = JSON.parse(run.outputs.images) as string[]
          expect(ref).toMatch(new RegExp(`^${registry.host}/acme/dakora/server@sha256:[0-9a-f]{64}$`))
          digests[entry.platform] = ref.split('@')[1]
          const record = JSON.parse(
            readFileSync(path.join(scratch, dir, `server-${entry.platform.replace('/', '-')}.pyship-image.json`), 'utf8')
          ) as Record<string, string>
          expect(record).toMatchObject({
            image: 'server',
            platform: entry.platform,
            digest: digests[entry.platform],
            commit: sha,
            version: '2.0.0'
          })
        }
      }
      // pushed by digest only: no tag anywhere, nothing published
      expect(await registry.tags('acme/dakora/server')).toEqual([])
      for (const platform of ['linux/amd64', 'linux/arm64']) {
        const m = await registry.manifest('acme/dakora/server', digests[platform])
        expect(m?.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
      }
      expect(pypi.files).toEqual([])
      expect(github.releases).toEqual([])

      // download-artifact (one folder per artifact); the release job is killed (-9) right after the PyPI upload
      const dist = path.join(scratch, 'download')
      for (const [, dir] of jobs) cpSync(path.join(scratch, dir), path.join(dist, dir), { recursive: true })
      let child: ChildProcess | undefined
      pypi.onRequest = (r) => {
        if (child && r.method === 'POST' && r.status === 200) killTree(child)
      }
      const killed = await world.action('release', 'platform', { inputs: { 'dist-dir': dist }, onSpawn: (c) => (child = c) })
      expect(killed.signal).toBe('SIGKILL')
      pypi.onRequest = undefined
      expect(await registry.tags('acme/dakora/server')).toEqual([])

      const release = await world.action('release', 'platform', { inputs: { 'dist-dir': dist } })
      expect(errors(release)).toEqual([])
      expect(release.status).toBe(0)
      expect(release.stdout).not.toMatch(/\$ docker (buildx )?build/)

      // one index with both platforms' manifests; the tags are on the index alone
      expect(await registry.tags('acme/dakora/server')).toEqual(['2.0', '2.0.0', 'latest'])
      const index = await registry.manifest('acme/dakora/server', '2.0.0')
      expect(index?.mediaType).toBe('application/vnd.oci.image.index.v1+json')
      expect(index?.json.manifests?.map((m) => [m.digest, m.platform])).toEqual([
        [digests['linux/amd64'], { os: 'linux', architecture: 'amd64' }],
        [digests['linux/arm64'], { os: 'linux', architecture: 'arm64' }]
      ])
      for (const tag of ['2.0', 'latest']) expect(await registry.digest('acme/dakora/server', tag)).toBe(index?.digest)
      expect(JSON.parse(release.outputs.images)).toEqual([`${registry.host}/acme/dakora/server@${index?.digest}`])
      if (hasSkopeo) {
        const raw = skopeoRaw('acme/dakora/server:2.0.0') as { mediaType: string; manifests: { platform: { architecture: string } }[] }
        expect(raw.mediaType).toBe('application/vnd.oci.image.index.v1+json')
        expect(raw.manifests.map((m) => m.platform.architecture)).toEqual(['amd64', 'arm64'])
        const arm = skopeoRaw(`acme/dakora/server@${digests['linux/arm64']}`) as { mediaType: string; layers: unknown[] }
        expect(arm.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
      }
      expect(await registry.labels('acme/dakora/server', '2.0.0')).toMatchObject({
        'org.opencontainers.image.revision': sha,
        'org.opencontainers.image.version': '2.0.0'
      })
      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora-2.0.0-py3-none-any.whl', 'dakora-2.0.0.tar.gz'])
      expect(repos.git(['tag', '--list'], repos.bare).split('\n').filter(Boolean).sort()).toEqual(['cli-v2.0.0', 'docker-v2.0.0'])
      expect(github.releases.find((r) => r.tag_name === 'docker-v2.0.0')?.body).toContain(
        `${registry.host}/acme/dakora/server@${index?.digest}`
      )
      expect(github.violations).toEqual([])

      // a re-run after success changes nothing
      const again = await world.action('release', 'platform', { inputs: { 'dist-dir': dist } })
      expect(again.status).toBe(0)
      expect(again.outputs.released).toBe('false')
    }, 600_000)

    test("the README's fan-out workflow, run as a runner runs it: each job its own depth-1 checkout of the plan's commit (detached), artifacts in dist-N/ folders, the release job detached after main moved on", async () => {
      const workflow = readmeWorkflow('release-fanout.yml')
      const sha = repos.head()
      const run = await runWorkflow(
        world,
        workflow,
        { githubRef: 'refs/heads/main', githubSha: sha },
        {
          // someone merges to main while the release fans out: the plan's commit is no longer main's tip
          between: (job) => {
            if (job !== 'plan') return
            repos.git(['commit', '-q', '--allow-empty', '-m', 'merged meanwhile'])
            repos.git(['push', '-q', 'origin', 'main'])
          }
        }
      )
      for (const job of run.jobs)
        for (const action of Object.values(job.pyship))
          expect({ job: job.job, errors: errors(action), status: action.status }).toEqual({ job: job.job, errors: [], status: 0 })
      expect(run.jobs.map((j) => j.job)).toEqual(['plan', 'build', 'build', 'build', 'release'])
      const [plan, ...rest] = run.jobs
      expect(plan.pyship.plan.outputs.commit).toBe(sha)
      // every later job: the plan's commit, detached; the build jobs hold that one commit only
      for (const job of rest) {
        expect(repos.git(['rev-parse', 'HEAD'], job.workspace)).toBe(sha)
        expect(spawnSync('git', ['symbolic-ref', '-q', 'HEAD'], { cwd: job.workspace }).status).toBe(1)
      }
      for (const job of rest.filter((j) => j.job === 'build')) expect(repos.git(['rev-list', '--count', 'HEAD'], job.workspace)).toBe('1')
      const release = rest[rest.length - 1]
      expect(release.uses.filter((u) => u.startsWith('astral-sh/setup-uv@'))).toHaveLength(1)
      // download-artifact: one folder per artifact, named after it
      expect(readdirSync(path.join(release.env.RUNNER_TEMP, 'dist')).sort()).toEqual(['dist-0', 'dist-1', 'dist-2'])
      const steps = (JSON.parse(release.pyship['pyship-3'].outputs.plan) as { steps: { step: string; detail: string }[] }).steps
      expect(steps.find((s) => s.step === 'preflight')?.detail).toContain(
        `${sha.slice(0, 12)} (a detached HEAD for refs/heads/main) on origin's main`
      )

      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora-2.0.0-py3-none-any.whl', 'dakora-2.0.0.tar.gz'])
      const index = await registry.manifest('acme/dakora/server', '2.0.0')
      // the README's release job holds attestations: write, so the image's build provenance is stored with
      // GitHub and in the registry as a referrer (the tag schema: this registry has no referrers API)
      const digest = index?.digest ?? ''
      expect(await registry.tags('acme/dakora/server')).toEqual(['2.0', '2.0.0', 'latest', digest.replace(':', '-')])
      expect(github.attestations.some((a) => a.subjects.includes(digest))).toBe(true)
      expect(index?.json.manifests?.map((m) => m.platform?.architecture)).toEqual(['amd64', 'arm64'])
      expect(await registry.labels('acme/dakora/server', '2.0.0')).toMatchObject({ 'org.opencontainers.image.revision': sha })
      const tags = repos.git(['for-each-ref', '--format=%(refname:short) %(*objectname)', 'refs/tags'], repos.bare).split('\n').sort()
      expect(tags).toEqual([`cli-v2.0.0 ${sha}`, `docker-v2.0.0 ${sha}`])
      expect(github.releases.map((r) => [r.tag_name, r.target_commitish, r.draft]).sort()).toEqual([
        ['cli-v2.0.0', sha, false],
        ['docker-v2.0.0', sha, false]
      ])
      expect(github.violations).toEqual([])
    }, 600_000)

    test('in one job, several platforms without buildx: one classic build per platform, joined into an index', async () => {
      const run = await world.action('release', 'docker')
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      expect(run.stdout).toMatch(/\$ docker build .*--platform linux\/amd64/)
      expect(run.stdout).toMatch(/\$ docker build .*--platform linux\/arm64/)
      expect(await registry.tags('acme/dakora/server')).toEqual(['2.0', '2.0.0', 'latest'])
      const index = await registry.manifest('acme/dakora/server', 'latest')
      expect(index?.mediaType).toBe('application/vnd.oci.image.index.v1+json')
      expect(index?.json.manifests?.map((m) => m.platform?.architecture)).toEqual(['amd64', 'arm64'])
    }, 300_000)
  }
)
