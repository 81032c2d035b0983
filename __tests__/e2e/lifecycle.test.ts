/**
 * After a release: `verify` (the "After Release" checklist), `rollback` and the hotfix
 * flow, through the bundled action and CLI, against real git, dockerd, a registry and
 * the PyPI and GitHub stand-ins.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import type { ActionRun } from '../../__fixtures__/action.js'
import type { GitRepos } from '../../__fixtures__/git.js'
import type { GithubStandIn } from '../../__fixtures__/github-server.js'
import type { PypiStandIn } from '../../__fixtures__/pypi-server.js'
import type { RegistryStandIn } from '../../__fixtures__/registry.js'
import { errors, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest', 'docker'], 'verify, rollback and hotfix', () => {
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

  const action = (command: string, component: string, inputs: Record<string, string> = {}, branch = 'main'): Promise<ActionRun> =>
    world.action(command, component, { inputs, env: world.env(branch) })
  const cli = (args: string[]) => world.cli(args)

  /** Commit a platform version (bumped with pyship) and push it. */
  const atVersion = (version: string): void => {
    expect(cli(['bump', 'platform', version, '--allow-downgrade']).status).toBe(0)
    repos.git(['commit', '-q', '-am', `chore: bump platform version to ${version}`])
    repos.git(['push', '-q', 'origin', 'HEAD'])
  }
  const images = async (): Promise<Record<string, string | null>> => {
    const state: Record<string, string | null> = {}
    for (const tag of await registry.tags('acme/dakora/server')) state[tag] = await registry.digest('acme/dakora/server', tag)
    return state
  }

  test('verify passes after a release and names each missing piece when one is removed', async () => {
    expect((await action('release', 'sdk')).status).toBe(0)
    const ok = await action('verify', 'sdk', { 'install-check': 'true' })
    expect(errors(ok)).toEqual([])
    expect(ok.status).toBe(0)
    expect(ok.summary).toContain('<td>pip install dakora-client==1.4.0 (fresh venv)</td><td>ok</td>')

    pypi.files.length = 0
    repos.git(['tag', '-d', 'python-sdk-v1.4.0'], repos.bare)
    github.releases.length = 0
    const broken = await action('verify', 'sdk')
    expect(broken.status).toBe(1)
    expect(errors(broken)).toEqual([
      expect.stringContaining('E_VERIFY dakora-client 1.4.0 on the index: not on'),
      'E_VERIFY tag python-sdk-v1.4.0 on origin: not on origin',
      'E_VERIFY GitHub release python-sdk-v1.4.0: no release'
    ])
  })

  test('rollback: no release, no tag, the image marked broken, latest back on the previous good version; twice is harmless', async () => {
    atVersion('1.9.0')
    expect((await action('release', 'docker')).status).toBe(0)
    atVersion('2.0.0')
    expect((await action('release', 'docker')).status).toBe(0)
    const before = await images()
    expect(before.latest).toBe(before['2.0.0'])

    const dry = await action('rollback', 'docker', { version: '2.0.0', 'dry-run': 'true' })
    expect(dry.status).toBe(0)
    expect(await images()).toEqual(before)
    expect(github.releases.map((r) => r.tag_name).sort()).toEqual(['docker-v1.9.0', 'docker-v2.0.0'])

    const run = await action('rollback', 'docker', { version: '2.0.0' })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    const after = await images()
    expect(after['2.0.0-broken']).toBe(before['2.0.0'])
    expect(after.latest).toBe(before['1.9.0'])
    expect(after['1.9']).toBe(before['1.9.0'])
    expect(github.releases.map((r) => r.tag_name)).toEqual(['docker-v1.9.0'])
    expect(repos.git(['tag', '--list'], repos.bare).split('\n')).toEqual(['docker-v1.9.0'])
    expect(run.stdout).toContain('immutable releases never let docker-v2.0.0 be used again')
    // no good 2.0.x is left, and registry 2.x deletes only whole manifests: pyship says so instead
    expect(run.stdout).toContain('cannot delete the tag acme/dakora/server:2.0 alone: it still points at the broken 2.0.0')

    const again = await action('rollback', 'docker', { version: '2.0.0' })
    expect(again.status).toBe(0)
    expect(again.stdout).toMatch(/0 done, \d+ already done/)
    expect(await images()).toEqual(after)
  })

  test('rollback of a PyPI target prints where to yank and the next safe version', async () => {
    expect((await action('release', 'sdk')).status).toBe(0)
    const run = await action('rollback', 'sdk', { version: '1.4.0' })
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('yank or delete dakora-client 1.4.0 with the tools of the index')
    expect(run.stdout).toContain('the next safe version is 1.4.1')
    expect(pypi.files).toHaveLength(2)
  })

  test('rollback needs an explicit version', async () => {
    const run = await action('rollback', 'docker')
    expect(run.status).toBe(1)
    expect(errors(run)).toEqual(['E_INPUT rollback needs an explicit version: the released version to roll back'])
  })

  test.each([
    [
      'docker',
      '2.0.0',
      'E_INPUT rollback: docker 2.0.0 was never released (no GitHub release, no tag docker-v2.0.0 on origin, no image 2.0.0): nothing to roll back',
      'Check the version and component inputs: docker has no release tag on origin yet.'
    ],
    [
      'sdk',
      '1.4.1',
      'E_INPUT rollback: sdk 1.4.1 was never released (no GitHub release, no tag python-sdk-v1.4.1 on origin, not on the index): nothing to roll back',
      'Check the version input: the released versions of sdk are 1.4.0 (newest last).'
    ]
  ])('rollback of %s %s, never released, fails with E_INPUT and changes nothing (dry run too)', async (component, version, error, hint) => {
    expect((await action('release', 'sdk')).status).toBe(0)
    const before = {
      images: await images(),
      releases: github.releases.map((r) => r.tag_name),
      tags: repos.git(['tag', '--list'], repos.bare)
    }
    for (const dryRun of ['true', 'false']) {
      const run = await action('rollback', component, { version, 'dry-run': dryRun })
      expect(errors(run)).toEqual([error])
      expect(run.annotations[0].message).toContain(hint)
      expect(run.stdout).not.toMatch(/already done/)
      expect(run.status).toBe(1)
    }
    expect({
      images: await images(),
      releases: github.releases.map((r) => r.tag_name),
      tags: repos.git(['tag', '--list'], repos.bare)
    }).toEqual(before)
  })

  test('hotfix from a tag two releases back releases x.y.z+1 without moving latest', async () => {
    atVersion('1.8.0')
    expect((await action('release', 'docker')).status).toBe(0)
    atVersion('1.9.0')
    expect((await action('release', 'docker')).status).toBe(0)
    atVersion('2.0.0')
    expect((await action('release', 'docker')).status).toBe(0)
    const before = await images()

    // two releases back
    const hotfix = cli(['hotfix', 'docker', '--from', 'docker-v1.8.0'])
    expect(hotfix.stderr.split('\n').filter((l) => /^E_/.test(l))).toEqual([])
    expect(hotfix.status).toBe(0)
    expect(hotfix.stdout).toContain('hotfix: hotfix/docker-v1.8.0 created from docker-v1.8.0; group platform bumped to 1.8.1')
    expect(repos.git(['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('hotfix/docker-v1.8.0')
    expect(repos.git(['ls-remote', '--heads', 'origin'])).toContain('refs/heads/hotfix/docker-v1.8.0')

    const run = await action('release', 'docker', {}, 'hotfix/docker-v1.8.0')
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    const after = await images()
    expect(after['1.8.1']).toBeTruthy()
    expect(after['1.8']).toBe(after['1.8.1'])
    expect(after['1.9']).toBe(before['1.9.0'])
    expect(after.latest).toBe(before['2.0.0'])
    expect(after['2.0']).toBe(before['2.0.0'])
    expect(github.latestReleaseId).toBe(github.releases.find((r) => r.tag_name === 'docker-v2.0.0')?.id)

    // a second hotfix from the same tag finds the branch and does nothing
    repos.git(['checkout', '-q', 'main'])
    const again = cli(['hotfix', 'docker', '--from', 'docker-v1.8.0'])
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('already exists on origin; nothing to do')
  })
})
