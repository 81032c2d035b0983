/**
 * Every workflow of the README runs, as copied, step by step as a runner would run it
 * (`__fixtures__/workflow-runner.ts`: a fresh checkout per job, as actions/checkout makes it,
 * matrix jobs, artifacts in `dist-N/` folders, the job's OIDC endpoint only with
 * `id-token: write`) against a bare origin, the PyPI and GitHub stand-ins and a real
 * registry — and does what the README says it does.
 */
import { afterEach, expect, test } from '@jest/globals'
import { appendFileSync } from 'node:fs'
import path from 'node:path'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { readmeWorkflows, runWorkflow, type WorkflowRun } from '../../__fixtures__/workflow-runner.js'
import { REGISTRY_PASSWORD, startWorld, type World } from '../../__fixtures__/world.js'

/** The README's workflows by the file name in their first comment. */
const WORKFLOWS = readmeWorkflows()

interface Scenario {
  registry?: boolean
  run(w: Harness): Promise<void>
}
interface Harness {
  world: World
  /** Run a README workflow on an event (default: a dispatch on main at origin's head). */
  workflow(
    file: string,
    event?: {
      ref?: string
      sha?: string
      inputs?: Record<string, string>
      eventName?: string
      event?: Record<string, unknown>
      secrets?: Record<string, string>
    }
  ): Promise<WorkflowRun>
  originTags(): string[]
}

const DOCKERHUB_TOKEN = 'dckr_pat_SECRET-e2e-token'

/** What each README workflow must do; a workflow without a row fails the last test. */
const SCENARIOS: Record<string, Scenario> = {
  '.github/workflows/versions.yml': {
    async run(h) {
      const run = await h.workflow('.github/workflows/versions.yml', { eventName: 'push' })
      expect(failed(run)).toEqual([])
      expect(run.log).toContain('versions consistent')
    }
  },
  '.github/workflows/release-gate.yml': {
    async run(h) {
      const ok = await h.workflow('.github/workflows/release-gate.yml', { inputs: { version: 'v2.0.0' } })
      expect(failed(ok)).toEqual([])
      expect(ok.log).toContain('platform is at 2.0.0')
      const stale = await h.workflow('.github/workflows/release-gate.yml', { inputs: { version: '2.1.0' } })
      expect(failed(stale)).toEqual(['gate'])
      expect(stale.log).toMatch(/E_VERSION_NOT_UPDATED/)
    }
  },
  '.github/workflows/bump.yml': {
    async run(h) {
      const run = await h.workflow('.github/workflows/bump.yml', { inputs: { component: 'platform', version: 'patch' } })
      expect(failed(run)).toEqual([])
      const { repos } = h.world
      expect(repos.git(['log', '-1', '--format=%s', 'main'], repos.bare)).toBe('chore: bump platform version to 2.0.1')
      expect(repos.git(['show', 'main:cli/pyproject.toml'], repos.bare)).toMatch(/^version = "2\.0\.1" {2}# bumped by pyship$/m)
    }
  },
  '.github/workflows/release.yml': {
    async run(h) {
      const { pypi, github } = h.world
      const run = await h.workflow('.github/workflows/release.yml', { inputs: { component: 'sdk', version: '' } })
      expect(failed(run)).toEqual([])
      // trusted publishing: the job's id-token: write reached the index, no token was configured
      expect(pypi.oidc.mintedTokens.length).toBeGreaterThan(0)
      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora_client-1.4.0-py3-none-any.whl', 'dakora_client-1.4.0.tar.gz'])
      expect(h.originTags()).toEqual(['python-sdk-v1.4.0'])
      expect(github.releases.filter((r) => r.tag_name === 'python-sdk-v1.4.0').map((r) => r.draft)).toEqual([false])
      expect(run.log).toContain('released ["python-sdk-v1.4.0"]')
    }
  },
  '.github/workflows/release-platform.yml': {
    registry: true,
    async run(h) {
      const { pypi, registry } = h.world
      const run = await h.workflow('.github/workflows/release-platform.yml')
      expect(failed(run)).toEqual([])
      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora-2.0.0-py3-none-any.whl', 'dakora-2.0.0.tar.gz'])
      expect(h.originTags()).toEqual(['cli-v2.0.0', 'docker-v2.0.0'])
      expect(await registry.tags('acme/dakora/server')).toEqual(expect.arrayContaining(['2.0.0', '2.0', 'latest']))
      expect(await registry.tags('acme/dakora/studio')).toEqual(expect.arrayContaining(['2.0.0', '2.0', 'latest']))
    }
  },
  '.github/workflows/release-images.yml': {
    registry: true,
    async run(h) {
      const { registry } = h.world
      const run = await h.workflow('.github/workflows/release-images.yml', {
        secrets: { DOCKERHUB_USERNAME: 'acme-bot', DOCKERHUB_TOKEN: DOCKERHUB_TOKEN }
      })
      expect(failed(run)).toEqual([])
      // the registry input's images (Docker Hub is out of reach here: its login is read, and masked)
      expect(await registry.tags('acme/dakora/server')).toEqual(expect.arrayContaining(['2.0.0', '2.0', 'latest']))
      expect(h.originTags()).toEqual(['docker-v2.0.0'])
      expect(run.log).toContain('Login Succeeded!')
      expect(run.log).toContain(`::add-mask::${DOCKERHUB_TOKEN}`)
      const shown = run.log
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
      expect(shown).not.toContain(DOCKERHUB_TOKEN)
    }
  },
  '.github/workflows/release-fanout.yml': {
    registry: true,
    async run(h) {
      const { pypi, registry } = h.world
      const run = await h.workflow('.github/workflows/release-fanout.yml')
      expect(failed(run)).toEqual([])
      // one build job per package and per image and platform, each in its own checkout
      expect(run.jobs.filter((j) => j.job === 'build').length).toBeGreaterThanOrEqual(3)
      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora-2.0.0-py3-none-any.whl', 'dakora-2.0.0.tar.gz'])
      expect(h.originTags()).toEqual(['cli-v2.0.0', 'docker-v2.0.0'])
      expect(await registry.tags('acme/dakora/server')).toEqual(expect.arrayContaining(['2.0.0', 'latest']))
    }
  },
  '.github/workflows/release-on-tag.yml': {
    async run(h) {
      const { repos, pypi, github } = h.world
      repos.git(['tag', '-a', '-m', 'CLI 2.0.0', 'cli-v2.0.0'])
      repos.git(['push', '-q', 'origin', 'refs/tags/cli-v2.0.0'])
      const run = await h.workflow('.github/workflows/release-on-tag.yml', { ref: 'refs/tags/cli-v2.0.0' })
      expect(failed(run)).toEqual([])
      expect(pypi.oidc.mintedTokens.length).toBeGreaterThan(0)
      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora-2.0.0-py3-none-any.whl', 'dakora-2.0.0.tar.gz'])
      expect(github.releases.map((r) => [r.tag_name, r.draft])).toEqual([['cli-v2.0.0', false]])
    }
  },
  '.github/workflows/release-on-publish.yml': {
    async run(h) {
      const { repos, pypi, github } = h.world
      repos.git(['push', '-q', 'origin', 'HEAD:refs/tags/python-sdk-v1.4.0'])
      const mine = github.seedRelease({
        tag_name: 'python-sdk-v1.4.0',
        target_commitish: 'main',
        name: 'SDK 1.4.0',
        body: 'Hand-written notes.',
        draft: false
      })
      const run = await h.workflow('.github/workflows/release-on-publish.yml', {
        ref: 'refs/tags/python-sdk-v1.4.0',
        event: { release: { tag_name: 'python-sdk-v1.4.0' } }
      })
      expect(failed(run)).toEqual([])
      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora_client-1.4.0-py3-none-any.whl', 'dakora_client-1.4.0.tar.gz'])
      expect(github.releases).toEqual([expect.objectContaining({ id: mine.id, body: 'Hand-written notes.', draft: false })])
      // another target's release: the job's if: skips it
      const other = await h.workflow('.github/workflows/release-on-publish.yml', {
        ref: 'refs/tags/python-sdk-v1.4.0',
        event: { release: { tag_name: 'cli-v2.0.0' } }
      })
      expect(other.skipped).toEqual(['release'])
    }
  },
  '.github/workflows/release-pr.yml': {
    async run(h) {
      const { repos, pypi, github } = h.world
      const file = '.github/workflows/release-pr.yml'
      // a push to main: the release pull request of the SDK, committed and signed by GitHub
      const push = await h.workflow(file, { eventName: 'push' })
      expect(failed(push)).toEqual([])
      expect(push.skipped).toEqual(['release'])
      expect(github.pulls.map((p) => [p.number, p.head, p.base, p.title])).toEqual([
        [1, 'pyship/release-sdk', 'main', 'chore(main): release sdk 1.4.1']
      ])
      const proposed = repos.git(['rev-parse', 'refs/heads/pyship/release-sdk'], repos.bare)
      expect(github.signedCommits.has(proposed)).toBe(true)
      expect(repos.git(['show', `${proposed}:packages/client-python/pyproject.toml`], repos.bare)).toMatch(/^version = "1\.4\.1"/m)
      // merged on GitHub: the closed pull request's event releases what it proposed
      const merge = github.mergePull(1)
      const closed = await h.workflow(file, {
        eventName: 'pull_request',
        sha: merge,
        event: { pull_request: { merged: true, merge_commit_sha: merge, head: { ref: 'pyship/release-sdk' } } }
      })
      expect(failed(closed)).toEqual([])
      expect(closed.skipped).toEqual(['propose'])
      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora_client-1.4.1-py3-none-any.whl', 'dakora_client-1.4.1.tar.gz'])
      expect(h.originTags()).toEqual(['python-sdk-v1.4.1'])
      expect(repos.git(['rev-parse', 'refs/tags/python-sdk-v1.4.1^{commit}'], repos.bare)).toBe(merge)
      // the merge's push proposes the next version at once: one release pull request is always open
      const next = await h.workflow(file, { eventName: 'push', sha: merge })
      expect(failed(next)).toEqual([])
      expect(github.pulls.map((p) => [p.number, p.state, p.title])).toEqual([
        [1, 'closed', 'chore(main): release sdk 1.4.1'],
        [2, 'open', 'chore(main): release sdk 1.4.2']
      ])
      // a pull request of another branch merged: nothing is released
      const other = await h.workflow(file, {
        eventName: 'pull_request',
        sha: merge,
        event: { pull_request: { merged: true, merge_commit_sha: merge, head: { ref: 'feature' } } }
      })
      expect(other.skipped).toEqual(['propose', 'release'])
      expect(github.violations).toEqual([])
    }
  },
  '.github/workflows/release-all-changed.yml': {
    async run(h) {
      const { repos, pypi, github } = h.world
      // released before: every group's tag on the first commit; since then an sdk fix and a docs commit
      for (const tag of ['cli-v2.0.0', 'docker-v2.0.0', 'python-sdk-v1.4.0']) repos.git(['tag', '-a', '-m', tag, tag])
      appendFileSync(path.join(repos.work, 'packages/client-python/README.md'), '\nRetries on timeouts.\n')
      repos.git(['commit', '-q', '-am', 'fix(sdk): retry on timeouts (#7)'])
      appendFileSync(path.join(repos.work, 'README.md'), '\nA typo fixed.\n')
      repos.git(['commit', '-q', '-am', 'docs: typo'])
      repos.git(['push', '-q', '--follow-tags', 'origin', 'main'])
      const run = await h.workflow('.github/workflows/release-all-changed.yml')
      expect(failed(run)).toEqual([])
      // platform changed only through its pin on the sdk, with no releasable commit: skipped, and said why
      expect(run.log).toContain(
        'skipped platform: it pins dakora-client, changed since python-sdk-v1.4.0, but its version 2.0.0 is the one released as cli-v2.0.0: bump it first'
      )
      expect(repos.git(['log', '-1', '--format=%s', 'main'], repos.bare)).toBe('chore: release sdk')
      expect(repos.git(['show', 'main:packages/client-python/pyproject.toml'], repos.bare)).toMatch(/^version = "1\.4\.1"/m)
      expect(repos.git(['show', 'main:packages/client-python/CHANGELOG.md'], repos.bare)).toMatch(
        /\n## \[1\.4\.1\]\(https:\/\/github\.com\/acme\/dakora\/compare\/python-sdk-v1\.4\.0\.\.\.python-sdk-v1\.4\.1\) - \d{4}-\d\d-\d\d\n\n### Fixed\n\n- \*\*sdk:\*\* retry on timeouts \(\[#7\]\(https:\/\/github\.com\/acme\/dakora\/pull\/7\)\)/
      )
      // the release notes are that section
      expect(github.releases.find((r) => r.tag_name === 'python-sdk-v1.4.1')?.body).toContain(
        '- **sdk:** retry on timeouts ([#7](https://github.com/acme/dakora/pull/7))'
      )
      expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora_client-1.4.1-py3-none-any.whl', 'dakora_client-1.4.1.tar.gz'])
      expect(h.originTags().sort()).toEqual(['cli-v2.0.0', 'docker-v2.0.0', 'python-sdk-v1.4.0', 'python-sdk-v1.4.1'])
      // nothing changed since: a second dispatch commits nothing and finds the release done
      const uploads = pypi.requests.length
      const again = await h.workflow('.github/workflows/release-all-changed.yml')
      expect(failed(again)).toEqual([])
      expect(again.log).toContain('bump --all auto: no group to bump')
      expect(again.log).toMatch(/release: python-sdk-v1\.4\.1 already released from [0-9a-f]{12}; nothing changed/)
      expect(repos.git(['log', '-1', '--format=%s', 'main'], repos.bare)).toBe('chore: release sdk')
      expect(pypi.requests.filter((r) => r.method === 'POST')).toHaveLength(
        pypi.requests.slice(0, uploads).filter((r) => r.method === 'POST').length
      )
    }
  },
  '.github/workflows/rollback.yml': {
    async run(h) {
      const { github } = h.world
      expect(failed(await h.workflow('.github/workflows/release.yml', { inputs: { component: 'sdk', version: '' } }))).toEqual([])
      const run = await h.workflow('.github/workflows/rollback.yml', { inputs: { component: 'sdk', version: '1.4.0' } })
      expect(failed(run)).toEqual([])
      expect(h.originTags()).toEqual([])
      expect(github.releases.filter((r) => r.tag_name === 'python-sdk-v1.4.0')).toEqual([])
      expect(run.log).toContain('the next safe version is 1.4.1')
    }
  }
}

/** The jobs that failed, by job id. */
function failed(run: WorkflowRun): string[] {
  const bad = run.jobs.filter((j) => !j.ok)
  if (bad.length > 0)
    console.error(bad.map((j) => `${j.name}:\n${j.steps.map((s) => `--- ${s.label} (${s.status})\n${s.log}`).join('\n')}`).join('\n\n'))
  return [...new Set(bad.map((j) => j.job))]
}

describeWithTools(
  ['git', 'build', 'twine', 'venv', 'hatchling', 'pytest', 'docker'],
  "the README's workflows, run as a runner runs them",
  () => {
    let world: World | undefined
    afterEach(async () => {
      await world?.close()
      world = undefined
    })

    test.each(Object.entries(SCENARIOS))(
      '%s',
      async (file, scenario) => {
        expect(WORKFLOWS.has(file)).toBe(true)
        world = await startWorld({ registry: scenario.registry })
        const w = world
        let runs = 0
        const harness: Harness = {
          world: w,
          originTags: () => w.repos.git(['tag', '--list'], w.repos.bare).split('\n').filter(Boolean).sort(),
          workflow: async (name, event = {}) => {
            const ref = event.ref ?? 'refs/heads/main'
            // trusted publishing as PyPI checks it: the publisher names this workflow and the environment pypi
            w.pypi.oidc.publisher = { repository: 'acme/dakora', workflow: path.basename(name), environment: 'pypi' }
            const run = await runWorkflow(
              w,
              WORKFLOWS.get(name) as string,
              {
                githubRef: ref,
                githubSha: event.sha ?? w.repos.git(['rev-parse', `${ref}^{commit}`], w.repos.bare),
                eventName: event.eventName,
                inputs: event.inputs,
                event: event.event,
                secrets: event.secrets
              },
              { name: `run-${runs++}` }
            )
            // the runner consumes ::add-mask:: and masks the value everywhere else; nothing else may print it
            const shown = run.log
              .split('\n')
              .filter((l) => !l.startsWith('::add-mask::'))
              .join('\n')
            expect(shown).not.toContain(REGISTRY_PASSWORD)
            expect(shown).not.toContain(w.github.token)
            return run
          }
        }
        await scenario.run(harness)
      },
      600_000
    )

    test('every workflow in the README has a scenario here', () => {
      expect([...WORKFLOWS.keys()].filter((f) => !(f in SCENARIOS))).toEqual([])
    })
  }
)
