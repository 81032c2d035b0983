/**
 * Images on any registry (SPEC §1 `repository` and `tags`, §4 Docker tags and rollback,
 * §9 fan-out) through the bundled action, against TWO real registries: the `registry`
 * input's (htpasswd, credentials from the inputs) and a second one behind token auth as
 * Docker Hub and ghcr.io are (docker-registry's own `auth: token`, a token service issuing
 * signed JWTs), whose credentials come only from the runner's docker login (its
 * DOCKER_CONFIG, as docker/login-action leaves it). One image goes to both registries at
 * once, with a `nonroot` variant of its own tags.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { GitRepos } from '../../__fixtures__/git.js'
import type { GithubStandIn } from '../../__fixtures__/github-server.js'
import { startRegistry, type RegistryStandIn } from '../../__fixtures__/registry.js'
import { errors, logged, REGISTRY_PASSWORD, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'

const HUB_USER = 'hub-bot'
const HUB_PASSWORD = 'hub-SECRET-docker-login-password'

const config = (hub: string): string => `[groups.platform]
packages = ["cli", "server"]

[targets.docker]
group = "platform"
kind = "docker"
tag = "docker-v{version}"
tests = "skip"
images = [
  { name = "server", context = "server" },
  { name = "server-hub", context = "server", repository = "${hub}/acme/server" },
  { name = "server-hub-nonroot", context = "server", repository = "${hub}/acme/server", target = "nonroot", tags = ["{version}-nonroot", "{major}.{minor}-nonroot", "latest-nonroot"] },
]
`

describeWithTools(
  ['git', 'build', 'twine', 'venv', 'hatchling', 'docker'],
  'images on two registries, one behind token auth, with a variant',
  () => {
    let world: World
    let repos: GitRepos
    let github: GithubStandIn
    let ghcr: RegistryStandIn
    let hub: RegistryStandIn
    let scratch: string
    let dockerConfig: string

    beforeEach(async () => {
      world = await startWorld({ registry: true })
      ;({ repos, github } = world)
      ghcr = world.registry
      hub = await startRegistry({ auth: 'token', username: HUB_USER, password: HUB_PASSWORD })
      scratch = mkdtempSync(path.join(os.tmpdir(), 'pyship-images-'))
      // what docker/login-action leaves on the runner after logging in to the second registry
      dockerConfig = path.join(scratch, 'runner-docker')
      mkdirSync(dockerConfig)
      writeFileSync(
        path.join(dockerConfig, 'config.json'),
        JSON.stringify({ auths: { [hub.host]: { auth: Buffer.from(`${HUB_USER}:${HUB_PASSWORD}`).toString('base64') } } })
      )
      mkdirSync(path.join(repos.work, '.github'))
      writeFileSync(path.join(repos.work, '.github/pyship.toml'), config(hub.host))
      // the default image, and a nonroot stage (another Dockerfile target)
      writeFileSync(
        path.join(repos.work, 'server/Dockerfile'),
        'FROM scratch AS root\nCOPY src/ /app/src/\nCMD ["/app"]\n\nFROM root AS nonroot\nUSER 1000\n\nFROM root\n'
      )
      repos.git(['add', '-A'])
      repos.git(['commit', '-q', '-m', 'server on two registries, with a nonroot variant'])
      repos.git(['push', '-q', 'origin', 'main'])
    })
    afterEach(async () => {
      await Promise.all([world.close(), hub.close()])
      rmSync(scratch, { recursive: true, force: true })
    })

    const env = (extra: Record<string, string> = {}): Record<string, string> => ({ DOCKER_CONFIG: dockerConfig, ...extra })

    /** tag → digest of a repository. */
    const state = async (registry: RegistryStandIn, repository: string): Promise<Record<string, string | null>> => {
      const out: Record<string, string | null> = {}
      for (const tag of await registry.tags(repository)) out[tag] = await registry.digest(repository, tag)
      return out
    }

    test('fan-out to both registries with a variant, a hotfix of an older line, then a rollback: every moving tag lands where §4 says', async () => {
      const sha = repos.head()
      // §9: plan → one build job per image (separate processes and RUNNER_TEMPs) → release from dist-dir
      const plan = await world.action('plan', 'docker', { env: env() })
      expect(errors(plan)).toEqual([])
      const matrix = JSON.parse(plan.outputs.matrix) as { include: Record<string, string>[] }
      expect(matrix.include.map((e) => `${e.image} ${e.platform}`)).toEqual([
        'server linux/amd64',
        'server-hub linux/amd64',
        'server-hub-nonroot linux/amd64'
      ])
      const dist = path.join(scratch, 'download')
      for (const [i, entry] of matrix.include.entries()) {
        const job = path.join(scratch, `job-${i}`)
        mkdirSync(path.join(job, 'temp'), { recursive: true })
        const run = await world.action('build', '', {
          inputs: { 'matrix-entry': JSON.stringify(entry), 'dist-dir': path.join(job, 'dist') },
          env: env({ RUNNER_TEMP: path.join(job, 'temp') })
        })
        expect(errors(run)).toEqual([])
        expect(run.status).toBe(0)
        cpSync(path.join(job, 'dist'), path.join(dist, `artifact-${i}`), { recursive: true })
      }
      // pushed by digest only: no tag anywhere yet
      expect(await ghcr.tags('acme/dakora/server')).toEqual([])
      expect(await hub.tags('acme/server')).toEqual([])
      const release = await world.action('release', 'docker', { inputs: { 'dist-dir': dist }, env: env() })
      expect(errors(release)).toEqual([])
      expect(release.status).toBe(0)

      const first = await state(hub, 'acme/server')
      expect(Object.keys(first).sort()).toEqual(['2.0', '2.0-nonroot', '2.0.0', '2.0.0-nonroot', 'latest', 'latest-nonroot'])
      expect(first['2.0']).toBe(first['2.0.0'])
      expect(first.latest).toBe(first['2.0.0'])
      expect(first['2.0-nonroot']).toBe(first['2.0.0-nonroot'])
      expect(first['latest-nonroot']).toBe(first['2.0.0-nonroot'])
      expect(first['2.0.0-nonroot']).not.toBe(first['2.0.0'])
      expect((await hub.config('acme/server', '2.0.0-nonroot')).config?.User).toBe('1000')
      expect(await hub.labels('acme/server', '2.0.0')).toMatchObject({ 'org.opencontainers.image.revision': sha })
      expect(Object.keys(await state(ghcr, 'acme/dakora/server')).sort()).toEqual(['2.0', '2.0.0', 'latest'])
      // the second registry's token service saw the runner's docker login, with push
      expect(hub.tokenRequests.filter((r) => r.granted.some((g) => g === 'acme/server:pull,push'))).not.toEqual([])
      expect(hub.tokenRequests.every((r) => r.user === HUB_USER && r.status === 200)).toBe(true)
      const images = JSON.parse(release.outputs.images) as string[]
      expect(images.map((i) => i.split('@')[0])).toEqual([
        `${ghcr.host}/acme/dakora/server`,
        `${hub.host}/acme/server`,
        `${hub.host}/acme/server`
      ])
      const body = github.releases.find((r) => r.tag_name === 'docker-v2.0.0')?.body ?? ''
      expect(body).toContain(`${hub.host}/acme/server@${first['2.0.0-nonroot']}`)
      // neither password is ever printed
      for (const text of [logged(release), release.stderr, release.summary, JSON.stringify(release.outputs)]) {
        expect(text).not.toContain(HUB_PASSWORD)
        expect(text).not.toContain(REGISTRY_PASSWORD)
      }
      expect(release.stdout.split('\n')).toContain(`::add-mask::${HUB_PASSWORD}`)

      // §4: a hotfix of the older line, in one job (docker build and docker push with the runner's login)
      repos.git(['checkout', '-q', '-b', 'hotfix/docker-v1.4.2'])
      expect(world.cli(['bump', 'platform', '1.4.3', '--allow-downgrade']).status).toBe(0)
      repos.git(['commit', '-q', '-am', 'hotfix 1.4.3'])
      repos.git(['push', '-q', 'origin', 'hotfix/docker-v1.4.2'])
      const hotfix = await world.action('release', 'docker', { env: env({ GITHUB_REF_NAME: 'hotfix/docker-v1.4.2' }) })
      expect(errors(hotfix)).toEqual([])
      expect(hotfix.status).toBe(0)
      expect(logged(hotfix)).toContain(`$ docker push ${hub.host}/acme/server:1.4.3-nonroot`)
      const second = await state(hub, 'acme/server')
      expect(second['1.4']).toBe(second['1.4.3'])
      expect(second['1.4-nonroot']).toBe(second['1.4.3-nonroot'])
      expect(second['1.4.3-nonroot']).not.toBe(second['1.4.3'])
      // the newer line keeps every moving tag of both variants
      for (const tag of ['latest', '2.0', 'latest-nonroot', '2.0-nonroot']) expect(second[tag]).toBe(first[tag])
      const ghcrSecond = await state(ghcr, 'acme/dakora/server')
      expect(ghcrSecond['1.4']).toBe(ghcrSecond['1.4.3'])
      expect(ghcrSecond.latest).toBe(ghcrSecond['2.0.0'])

      // §4 rollback of 2.0.0: each variant's moving tags go back to its highest good version, or away
      repos.git(['checkout', '-q', 'main'])
      const rollback = await world.action('rollback', 'docker', { inputs: { version: '2.0.0' }, env: env() })
      expect(errors(rollback)).toEqual([])
      expect(rollback.status).toBe(0)
      const after = await state(hub, 'acme/server')
      expect(Object.keys(after).sort()).toEqual([
        '1.4',
        '1.4-nonroot',
        '1.4.3',
        '1.4.3-nonroot',
        '2.0',
        '2.0-nonroot',
        '2.0.0',
        '2.0.0-broken',
        '2.0.0-nonroot',
        '2.0.0-nonroot-broken',
        'latest',
        'latest-nonroot'
      ])
      expect(after.latest).toBe(second['1.4.3'])
      expect(after['latest-nonroot']).toBe(second['1.4.3-nonroot'])
      expect(after['2.0.0-broken']).toBe(first['2.0.0'])
      expect(after['2.0.0-nonroot-broken']).toBe(first['2.0.0-nonroot'])
      // no good 2.0.x is left: distribution 2.8 cannot delete a tag alone, so pyship says so for each variant's line tag
      expect(rollback.stdout).toContain(`${hub.host} cannot delete the tag acme/server:2.0 alone: it still points at the broken 2.0.0;`)
      expect(rollback.stdout).toContain(
        `${hub.host} cannot delete the tag acme/server:2.0-nonroot alone: it still points at the broken 2.0.0-nonroot;`
      )
      const ghcrAfter = await state(ghcr, 'acme/dakora/server')
      expect(ghcrAfter.latest).toBe(ghcrSecond['1.4.3'])
      expect(ghcrAfter['2.0.0-broken']).toBe(ghcrSecond['2.0.0'])
    }, 600_000)

    test("without the runner's docker login, the second registry is refused in preflight, naming how to log in, before anything is built", async () => {
      const run = await world.action('release', 'docker', { env: { DOCKER_CONFIG: path.join(scratch, 'no-login') } })
      expect(run.status).toBe(1)
      expect(errors(run)).toEqual([
        `E_REGISTRY_DENIED no credentials for ${hub.host} to push to acme/server: log in to ${hub.host} before pyship runs (docker/login-action with registry: ${hub.host}), or make ${hub.host} the registry input`
      ])
      expect(logged(run)).not.toMatch(/\$ docker (buildx )?build/)
      expect(await ghcr.tags('acme/dakora/server')).toEqual([])
    }, 120_000)

    test('a version someone else released: each registry that holds its version tag with other content is E_IMAGE_EXISTS in preflight, before anything is built', async () => {
      const first = await world.action('release', 'docker', { env: env() })
      expect(errors(first)).toEqual([])
      const before = [await state(ghcr, 'acme/dakora/server'), await state(hub, 'acme/server')]
      // a change of the server (a group that did not change would have nothing to release: SPEC §11)
      writeFileSync(path.join(repos.work, 'server/CHANGES.txt'), 'another change\n')
      repos.git(['add', 'server/CHANGES.txt'])
      repos.git(['commit', '-q', '-m', 'another change, same version'])
      repos.git(['push', '-q', 'origin', 'main'])
      const run = await world.action('release', 'docker', { env: env() })
      expect(run.status).toBe(1)
      expect(
        errors(run)
          .filter((e) => e.startsWith('E_IMAGE_EXISTS'))
          .map((e) => e.split(' already exists')[0])
      ).toEqual([
        `E_IMAGE_EXISTS ${ghcr.host}/acme/dakora/server:2.0.0`,
        `E_IMAGE_EXISTS ${hub.host}/acme/server:2.0.0`,
        `E_IMAGE_EXISTS ${hub.host}/acme/server:2.0.0-nonroot`
      ])
      expect(logged(run)).not.toMatch(/\$ docker (buildx )?build/)
      expect([await state(ghcr, 'acme/dakora/server'), await state(hub, 'acme/server')]).toEqual(before)
    }, 300_000)
  }
)
