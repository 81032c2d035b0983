/**
 * Docker targets and the `platform` group through the bundled action: real dockerd,
 * a real registry with password auth, real git and Python builds, and the PyPI and
 * GitHub stand-ins.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { killTree } from '../../__fixtures__/action.js'
import type { GitRepos } from '../../__fixtures__/git.js'
import type { GithubStandIn } from '../../__fixtures__/github-server.js'
import type { PypiStandIn } from '../../__fixtures__/pypi-server.js'
import type { RegistryStandIn } from '../../__fixtures__/registry.js'
import { errors, logged, PYPI_TOKEN, REGISTRY_PASSWORD, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'

describeWithTools(
  ['git', 'build', 'twine', 'venv', 'hatchling', 'pytest', 'docker'],
  'release of docker targets and the platform group',
  () => {
    let world: World
    let repos: GitRepos
    let pypi: PypiStandIn
    let github: GithubStandIn
    let registry: RegistryStandIn

    beforeEach(async () => {
      world = await startWorld({ registry: true })
      ;({ repos, pypi, github, registry } = world)
    })
    afterEach(() => world.close())

    const release = (
      component: string,
      inputs: Record<string, string> = {},
      env: Record<string, string> = {},
      onSpawn?: (c: ChildProcess) => void
    ) => world.action('release', component, { inputs, env, onSpawn })
    const remoteTags = (): string[] => repos.git(['tag', '--list'], repos.bare).split('\n').filter(Boolean).sort()

    /** Every image tag → digest, for `server` and `studio`. */
    const registryState = async (): Promise<Record<string, string | null>> => {
      const state: Record<string, string | null> = {}
      for (const image of ['server', 'studio']) {
        for (const tag of await registry.tags(`acme/dakora/${image}`))
          state[`${image}:${tag}`] = await registry.digest(`acme/dakora/${image}`, tag)
      }
      return state
    }

    const expectPlatformReleased = async (sha: string): Promise<void> => {
      const state = await registryState()
      expect(Object.keys(state).sort()).toEqual([
        'server:2.0',
        'server:2.0.0',
        'server:latest',
        'studio:2.0',
        'studio:2.0.0',
        'studio:latest'
      ])
      for (const image of ['server', 'studio']) {
        expect(state[`${image}:2.0`]).toBe(state[`${image}:2.0.0`])
        expect(state[`${image}:latest`]).toBe(state[`${image}:2.0.0`])
        expect(await registry.labels(`acme/dakora/${image}`, '2.0.0')).toMatchObject({
          'org.opencontainers.image.version': '2.0.0',
          'org.opencontainers.image.revision': sha,
          'org.opencontainers.image.source': 'https://github.com/acme/dakora',
          'org.opencontainers.image.created': '2026-11-01T12:00:00.000Z'
        })
      }
      expect(pypi.files.map((f) => f.filename).sort()).toEqual([
        'dakora-2.0.0-py3-none-any.whl',
        'dakora-2.0.0.tar.gz',
        'dakora_client-1.4.0-py3-none-any.whl',
        'dakora_client-1.4.0.tar.gz'
      ])
      expect(remoteTags()).toEqual(['cli-v2.0.0', 'docker-v2.0.0', 'python-sdk-v1.4.0'])
      const docker = github.releases.find((r) => r.tag_name === 'docker-v2.0.0')
      expect(docker).toMatchObject({ draft: false, target_commitish: sha })
      for (const image of ['server', 'studio']) {
        expect(docker?.body).toContain(`${registry.host}/acme/dakora/${image}@${state[`${image}:2.0.0`]}`)
        expect(docker?.body).toContain(`docker pull ${registry.host}/acme/dakora/${image}:2.0.0`)
      }
      expect(github.violations).toEqual([])
    }

    test('platform: cli to PyPI and both images with version, major.minor and latest, in one run', async () => {
      const sha = repos.head()
      expect((await release('sdk')).status).toBe(0)
      const run = await release('platform')
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      await expectPlatformReleased(sha)
      const state = await registryState()
      expect(JSON.parse(run.outputs.images).sort()).toEqual([
        `${registry.host}/acme/dakora/server@${state['server:2.0.0']}`,
        `${registry.host}/acme/dakora/studio@${state['studio:2.0.0']}`
      ])
      expect(JSON.parse(run.outputs.tags)).toEqual(['cli-v2.0.0', 'docker-v2.0.0'])
      // the server's tests ran for the docker target
      expect(run.stdout).toMatch(/dakora-server: passed/)
      // masked for the runner (which hides it in everything after), and never printed by pyship
      expect(run.stdout.split('\n')).toEqual(expect.arrayContaining([`::add-mask::${REGISTRY_PASSWORD}`, `::add-mask::${PYPI_TOKEN}`]))
      for (const text of [logged(run), run.stderr, run.summary, JSON.stringify(run.outputs)]) {
        expect(text).not.toContain(REGISTRY_PASSWORD)
        expect(text).not.toContain(PYPI_TOKEN)
      }

      const again = await release('platform')
      expect(again.status).toBe(0)
      expect(again.outputs.released).toBe('false')
      expect(await registryState()).toEqual(state)
      // nothing rebuilt, and the outputs still name what the release shipped
      expect(logged(run)).toContain('$ docker build')
      expect(logged(again)).not.toContain('$ docker build')
      expect(JSON.parse(again.outputs.images)).toEqual(JSON.parse(run.outputs.images))
    })

    test('a hotfix of an older line gets its own tags and never moves latest', async () => {
      expect((await release('docker')).status).toBe(0)
      const latest = await registry.digest('acme/dakora/server', 'latest')
      repos.git(['checkout', '-q', '-b', 'hotfix/docker-v1.4.2'])
      expect(world.cli(['bump', 'platform', '1.4.3', '--allow-downgrade']).status).toBe(0)
      repos.git(['commit', '-q', '-am', 'hotfix 1.4.3'])
      repos.git(['push', '-q', 'origin', 'hotfix/docker-v1.4.2'])
      const run = await release('docker', {}, { GITHUB_REF_NAME: 'hotfix/docker-v1.4.2' })
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      const state = await registryState()
      expect(state['server:1.4.3']).toBeTruthy()
      expect(state['server:1.4']).toBe(state['server:1.4.3'])
      expect(state['server:latest']).toBe(latest)
      expect(state['server:2.0']).toBe(latest)
      const hotfix = github.releases.find((r) => r.tag_name === 'docker-v1.4.3')
      expect(hotfix?.draft).toBe(false)
      expect(github.latestReleaseId).toBe(github.releases.find((r) => r.tag_name === 'docker-v2.0.0')?.id)
    })

    test('a Dockerfile copying a missing file fails in preflight, naming the file, before anything is built or pushed', async () => {
      writeFileSync(
        path.join(repos.work, 'studio/Dockerfile'),
        'FROM scratch\nCOPY index.html /usr/share/studio/\nCOPY missing-logo.svg /usr/share/studio/\n'
      )
      repos.git(['commit', '-q', '-am', 'broken Dockerfile'])
      repos.git(['push', '-q', 'origin', 'main'])
      const run = await release('docker')
      expect(run.status).toBe(1)
      const [error] = run.annotations.filter((a) => a.level === 'error')
      expect(error.properties).toMatchObject({ title: 'E_DOCKER_BUILD', file: 'studio/Dockerfile' })
      expect(error.message).toContain('missing-logo.svg (Dockerfile line 3: not in the context)')
      expect(logged(run)).not.toMatch(/\$ docker (buildx )?build/)
      expect(await registryState()).toEqual({})
    })

    test('a version someone else released: the tag and the image tag exist for another commit', async () => {
      expect((await release('docker')).status).toBe(0)
      const before = await registryState()
      // a change of the server (a group that did not change would have nothing to release: SPEC §11)
      writeFileSync(path.join(repos.work, 'server/CHANGES.txt'), 'another change\n')
      repos.git(['add', 'server/CHANGES.txt'])
      repos.git(['commit', '-q', '-m', 'another change, same version'])
      repos.git(['push', '-q', 'origin', 'main'])
      const run = await release('docker')
      expect(run.status).toBe(1)
      expect(
        errors(run)
          .map((e) => e.split(' ')[0])
          .sort()
      ).toEqual(['E_IMAGE_EXISTS', 'E_IMAGE_EXISTS', 'E_TAG_EXISTS'])
      expect(errors(run).join('\n')).toContain(`${registry.host}/acme/dakora/server:2.0.0 already exists with other content`)
      expect(logged(run)).not.toMatch(/\$ docker (buildx )?build/)
      expect(await registryState()).toEqual(before)
    })

    test('a wrong registry password fails in preflight, before building, and is never printed', async () => {
      const run = await release('docker', { 'registry-password': 'wrong-SECRET-password' })
      expect(run.status).toBe(1)
      expect(errors(run)).toEqual([expect.stringMatching(/^E_REGISTRY_DENIED .* refused the login of pyship-bot \(401\)/)])
      expect(logged(run)).not.toMatch(/\$ docker (buildx )?build/)
      expect(run.stdout.split('\n')).toContain('::add-mask::wrong-SECRET-password')
      for (const text of [logged(run), run.stderr, run.summary]) expect(text).not.toContain('wrong-SECRET-password')
    })

    test.each([
      {
        after: 'the draft release (before any push)',
        when: (g: GithubStandIn) => g.requests.some((r) => r.method === 'POST' && r.path.endsWith('/releases'))
      },
      { after: 'the release was published', when: (g: GithubStandIn) => g.requests.some((r) => r.method === 'PATCH') }
    ])('a crash after $after, then a re-run, ends in the same state', async ({ when }) => {
      const sha = repos.head()
      expect((await release('sdk')).status).toBe(0)
      let child: ChildProcess | undefined
      github.onRequest = () => {
        if (child && when(github)) killTree(child)
      }
      const crashed = await release('platform', {}, {}, (c) => (child = c))
      expect(crashed.signal).toBe('SIGKILL')
      github.onRequest = undefined
      const rerun = await release('platform')
      expect(errors(rerun)).toEqual([])
      expect(rerun.status).toBe(0)
      await expectPlatformReleased(sha)
    })
  }
)
