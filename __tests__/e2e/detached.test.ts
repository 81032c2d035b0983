/**
 * Releases from a detached HEAD, the way real workflows check out (SPEC §4 release step 2):
 * a workflow started by a tag the user pushed (`on: push: tags`), one started by a release
 * the user published (`on: release: published`), and a commit that is on no allowed
 * branch. Each job checks out as actions/checkout does: one commit, depth 1, no branch
 * refs (`__fixtures__/git.ts` actionsCheckout) — pyship fetches what it needs to see
 * that the commit is on origin's main.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { GitRepos } from '../../__fixtures__/git.js'
import type { GithubStandIn } from '../../__fixtures__/github-server.js'
import type { PypiStandIn } from '../../__fixtures__/pypi-server.js'
import { errors, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { readmeWorkflow, runWorkflow } from '../../__fixtures__/workflow-runner.js'

describeWithTools(
  ['git', 'build', 'twine', 'venv', 'hatchling', 'pytest'],
  'release from a detached HEAD (tag- and release-triggered workflows)',
  () => {
    let world: World
    let repos: GitRepos
    let pypi: PypiStandIn
    let github: GithubStandIn

    beforeEach(async () => {
      world = await startWorld()
      ;({ repos, pypi, github } = world)
    })
    afterEach(() => world.close())

    /** Every ref on origin with the object it names (the tags' own objects: an annotated tag is not remade). */
    const originRefs = (): Record<string, string> =>
      Object.fromEntries(
        repos
          .git(['for-each-ref', '--format=%(refname) %(objectname) %(objecttype)'], repos.bare)
          .split('\n')
          .filter(Boolean)
          .map((l) => {
            const [ref, oid, type] = l.split(' ')
            return [ref, `${oid} ${type}`]
          })
      )

    /** Commits on main after `sha`, pushed: the released commit is no longer main's tip. */
    const moveMainOn = (count: number): void => {
      for (let i = 0; i < count; i++) repos.git(['commit', '-q', '--allow-empty', '-m', `later work ${i}`])
      repos.git(['push', '-q', 'origin', 'main'])
    }

    test.each([
      ['lightweight tag', ['tag', 'python-sdk-v1.4.0'], 0],
      ['annotated tag', ['tag', '-a', '-m', 'sdk 1.4.0', 'python-sdk-v1.4.0'], 0],
      ['annotated tag at a commit 1 commit behind main', ['tag', '-a', '-m', 'sdk 1.4.0', 'python-sdk-v1.4.0'], 1],
      ['annotated tag at a commit 150 commits behind main', ['tag', '-a', '-m', 'sdk 1.4.0', 'python-sdk-v1.4.0'], 150]
    ])(
      "on: push: tags — the user's %s is adopted: released from the detached depth-1 checkout, the tag kept as it is",
      async (_what, tagArgs, later) => {
        const sha = repos.head()
        repos.git(tagArgs)
        repos.git(['push', '-q', 'origin', 'refs/tags/python-sdk-v1.4.0'])
        moveMainOn(later)
        const before = originRefs()['refs/tags/python-sdk-v1.4.0']
        const job = world.job('on-tag', { githubRef: 'refs/tags/python-sdk-v1.4.0', githubSha: sha })
        expect(repos.git(['rev-parse', '--is-shallow-repository'], job.workspace)).toBe('true')
        expect(repos.git(['branch', '--list'], job.workspace)).toMatch(/HEAD detached at python-sdk-v1\.4\.0/)

        const run = await world.action('release', 'sdk', { workspace: job.workspace, env: job.env })
        expect(errors(run)).toEqual([])
        expect(run.status).toBe(0)
        expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora_client-1.4.0-py3-none-any.whl', 'dakora_client-1.4.0.tar.gz'])
        // the user's tag, untouched (a lightweight tag stays lightweight); no second tag, no lock left
        const refs = originRefs()
        expect(refs['refs/tags/python-sdk-v1.4.0']).toBe(before)
        expect(Object.keys(refs).filter((r) => !r.startsWith('refs/heads/'))).toEqual(['refs/tags/python-sdk-v1.4.0'])
        expect(github.releases).toEqual([expect.objectContaining({ tag_name: 'python-sdk-v1.4.0', target_commitish: sha, draft: false })])
        const steps = (JSON.parse(run.outputs.plan) as { steps: { step: string; detail: string }[] }).steps
        expect(steps.find((s) => s.step === 'preflight')?.detail).toMatch(
          /\(a detached HEAD for refs\/tags\/python-sdk-v1\.4\.0\) on origin's main; adopting python-sdk-v1\.4\.0 already at this commit$/
        )
        expect(run.stdout).not.toMatch(/git push origin refs\/tags\//)
        expect(github.violations).toEqual([])

        // a re-run of the same tag's workflow changes nothing
        const again = await world.action('release', 'sdk', { workspace: job.workspace, env: job.env })
        expect(again.status).toBe(0)
        expect(again.outputs.released).toBe('false')
        expect(github.releases).toHaveLength(1)
      }
    )

    test('on: release: published — the release the user published is adopted: files published, their notes kept, no second release', async () => {
      const sha = repos.head()
      // what GitHub does when a release is published in its web UI: the tag at main's tip, the release targeting "main"
      repos.git(['push', '-q', 'origin', `${sha}:refs/tags/python-sdk-v1.4.0`])
      const mine = github.seedRelease({
        tag_name: 'python-sdk-v1.4.0',
        target_commitish: 'main',
        name: 'SDK 1.4.0 — faster',
        body: 'Notes written by hand.',
        draft: false
      })
      moveMainOn(2)
      const job = world.job('on-release', { githubRef: 'refs/tags/python-sdk-v1.4.0', githubSha: sha })

      const run = await world.action('release', 'sdk', { workspace: job.workspace, env: job.env })
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      expect(run.outputs.released).toBe('true')
      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora_client-1.4.0-py3-none-any.whl', 'dakora_client-1.4.0.tar.gz'])
      expect(github.releases).toEqual([
        expect.objectContaining({
          id: mine.id,
          tag_name: 'python-sdk-v1.4.0',
          name: 'SDK 1.4.0 — faster',
          body: 'Notes written by hand.',
          draft: false
        })
      ])
      expect(github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/releases'))).toEqual([])
      expect(JSON.parse(run.outputs['release-urls'])).toEqual([mine.html_url])
      expect(github.violations).toEqual([])

      // a re-run publishes nothing more and keeps the one release
      const again = await world.action('release', 'sdk', { workspace: job.workspace, env: job.env })
      expect(errors(again)).toEqual([])
      expect(again.status).toBe(0)
      expect(again.outputs.released).toBe('false')
      expect(pypi.files).toHaveLength(2)
      expect(github.releases).toHaveLength(1)
    })

    test.each([
      ['a tag pushed on a feature branch', 'refs/tags/python-sdk-v1.4.0', true],
      ['a commit checked out by `ref:` in a workflow of main', 'refs/heads/main', false]
    ])(
      'a detached HEAD whose commit is on no allowed branch (%s) is E_BRANCH, naming the commit, and nothing changes',
      async (_what, githubRef, tagged) => {
        repos.git(['checkout', '-q', '-b', 'feature/x'])
        writeFileSync(path.join(repos.work, 'packages/client-python/EXPERIMENT.md'), 'not reviewed\n')
        repos.git(['add', '-A'])
        repos.git(['commit', '-q', '-m', 'experiment'])
        repos.git(['push', '-q', 'origin', 'feature/x'])
        const sha = repos.head()
        if (tagged) repos.git(['push', '-q', 'origin', `${sha}:refs/tags/python-sdk-v1.4.0`])
        const before = originRefs()
        const job = world.job(
          'refused',
          tagged ? { githubRef, githubSha: sha } : { githubRef, githubSha: repos.git(['rev-parse', 'main']), ref: sha }
        )

        const run = await world.action('release', 'sdk', { workspace: job.workspace, env: job.env })
        expect(run.status).toBe(1)
        expect(errors(run)).toEqual([
          `E_BRANCH the release commit ${sha.slice(0, 12)} (a detached HEAD checked out for ${githubRef}) is on no allowed branch of origin: release a commit of main or a hotfix/* branch`
        ])
        expect(run.annotations.find((a) => a.properties.title === 'E_BRANCH')?.message).toContain('push or merge it there first')
        expect(run.stdout).not.toMatch(/-m (build|pytest)/)
        expect(pypi.files).toEqual([])
        expect(github.releases).toEqual([])
        expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([])
        expect(originRefs()).toEqual(before)
      }
    )

    test("the README's tag workflow: `git push origin cli-v2.0.0` releases the CLI 2.0.0 from the tag's detached checkout; a tag that is not the files' version releases nothing", async () => {
      const workflow = readmeWorkflow('release-on-tag.yml')
      expect(workflow.on).toEqual({ push: { tags: ['cli-v*'] } })
      const sha = repos.head()
      repos.git(['tag', '-a', '-m', 'CLI 2.0.0', 'cli-v2.0.0'])
      repos.git(['push', '-q', 'origin', 'refs/tags/cli-v2.0.0'])
      const tagObject = originRefs()['refs/tags/cli-v2.0.0']
      moveMainOn(1)
      const run = await runWorkflow(world, workflow, { githubRef: 'refs/tags/cli-v2.0.0', githubSha: sha }, { name: 'on-tag' })
      const action = Object.values(run.jobs[0].pyship)[0]
      expect(errors(action)).toEqual([])
      expect(action.status).toBe(0)
      expect(action.outputs.version).toBe('2.0.0')
      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora-2.0.0-py3-none-any.whl', 'dakora-2.0.0.tar.gz'])
      expect(originRefs()['refs/tags/cli-v2.0.0']).toBe(tagObject)
      expect(github.releases).toEqual([expect.objectContaining({ tag_name: 'cli-v2.0.0', target_commitish: sha, draft: false })])

      // a tag that is not the version in the files: nothing is published under it
      repos.git(['push', '-q', 'origin', `${sha}:refs/tags/cli-v2.0.1`])
      const wrong = await runWorkflow(world, workflow, { githubRef: 'refs/tags/cli-v2.0.1', githubSha: sha }, { name: 'wrong-tag' })
      const refused = Object.values(wrong.jobs[0].pyship)[0]
      expect(refused.status).toBe(1)
      expect(errors(refused).map((e) => e.split(' ')[0])).toContain('E_VERSION_NOT_UPDATED')
      expect(pypi.files).toHaveLength(2)
      expect(github.releases).toHaveLength(1)
    })

    test("the README's release-published workflow: publishing python-sdk-v1.4.0 in the web UI releases the SDK into that release; another target's release is skipped", async () => {
      const workflow = readmeWorkflow('release-on-publish.yml')
      expect(workflow.on).toEqual({ release: { types: ['published'] } })
      const sha = repos.head()
      repos.git(['push', '-q', 'origin', `${sha}:refs/tags/python-sdk-v1.4.0`])
      const mine = github.seedRelease({
        tag_name: 'python-sdk-v1.4.0',
        target_commitish: 'main',
        name: 'SDK 1.4.0',
        body: 'Hand-written notes.',
        draft: false
      })
      const run = await runWorkflow(
        world,
        workflow,
        { githubRef: 'refs/tags/python-sdk-v1.4.0', githubSha: sha, event: { release: { tag_name: 'python-sdk-v1.4.0' } } },
        { name: 'on-publish' }
      )
      const action = Object.values(run.jobs[0].pyship)[0]
      expect(errors(action)).toEqual([])
      expect(action.status).toBe(0)
      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora_client-1.4.0-py3-none-any.whl', 'dakora_client-1.4.0.tar.gz'])
      expect(github.releases).toEqual([expect.objectContaining({ id: mine.id, body: 'Hand-written notes.', draft: false })])

      const other = await runWorkflow(
        world,
        workflow,
        { githubRef: 'refs/tags/cli-v2.0.0', githubSha: sha, event: { release: { tag_name: 'cli-v2.0.0' } } },
        { name: 'other' }
      )
      expect(other.skipped).toEqual(['release'])
      expect(other.jobs).toEqual([])
    })

    test('a detached commit on a hotfix/* branch of origin is released', async () => {
      repos.git(['checkout', '-q', '-b', 'hotfix/python-sdk-v1.3.0'])
      repos.git(['commit', '-q', '--allow-empty', '-m', 'the fix'])
      repos.git(['push', '-q', 'origin', 'hotfix/python-sdk-v1.3.0'])
      const sha = repos.head()
      repos.git(['push', '-q', 'origin', `${sha}:refs/tags/python-sdk-v1.4.0`])
      const job = world.job('hotfix-tag', { githubRef: 'refs/tags/python-sdk-v1.4.0', githubSha: sha })
      const run = await world.action('release', 'sdk', { workspace: job.workspace, env: job.env })
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      const steps = (JSON.parse(run.outputs.plan) as { steps: { step: string; detail: string }[] }).steps
      expect(steps.find((s) => s.step === 'preflight')?.detail).toMatch(/on origin's hotfix\/python-sdk-v1\.3\.0/)
      expect(pypi.files).toHaveLength(2)
    })
  }
)

const DOCKER_ONLY = `[groups.platform]
packages = ["cli", "server"]

[targets.docker]
group = "platform"
kind = "docker"
tag = "docker-v{version}"
tests = "skip"
images = [{ name = "server", context = "server" }]
`

describeWithTools(['git', 'docker'], 'a published release of an image target, adopted', () => {
  let world: World

  beforeEach(async () => {
    world = await startWorld({ registry: true })
    mkdirSync(path.join(world.repos.work, '.github'))
    writeFileSync(path.join(world.repos.work, '.github/pyship.toml'), DOCKER_ONLY)
    world.repos.git(['add', '-A'])
    world.repos.git(['commit', '-q', '-m', 'images only'])
    world.repos.git(['push', '-q', 'origin', 'main'])
  })
  afterEach(() => world.close())

  test('on: release: published — the image digests are added to the notes the user wrote, once', async () => {
    const { repos, github, registry } = world
    const sha = repos.head()
    repos.git(['push', '-q', 'origin', `${sha}:refs/tags/docker-v2.0.0`])
    const mine = github.seedRelease({
      tag_name: 'docker-v2.0.0',
      target_commitish: 'main',
      name: 'Platform 2.0.0',
      body: 'Hand-written notes.',
      draft: false
    })
    const job = world.job('on-release', { githubRef: 'refs/tags/docker-v2.0.0', githubSha: sha })
    const run = await world.action('release', 'docker', { workspace: job.workspace, env: job.env })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    const digest = await registry.digest('acme/dakora/server', '2.0.0')
    expect(digest).toMatch(/^sha256:/)
    expect(github.releases).toHaveLength(1)
    const [rel] = github.releases
    expect(rel).toMatchObject({ id: mine.id, name: 'Platform 2.0.0', draft: false })
    expect(rel.body?.startsWith('Hand-written notes.\n\n## Images')).toBe(true)
    expect(rel.body).toContain(`${registry.host}/acme/dakora/server@${digest}`)

    const patches = (): number => github.requests.filter((r) => r.method === 'PATCH').length
    const before = patches()
    const again = await world.action('release', 'docker', { workspace: job.workspace, env: job.env })
    expect(again.status).toBe(0)
    expect(patches()).toBe(before)
    expect(github.releases[0].body).toBe(rel.body)
    expect(github.violations).toEqual([])
  }, 300_000)
})
