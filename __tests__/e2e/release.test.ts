/**
 * `release` of pypi targets through the bundled action, against real git (a bare
 * origin), real `python -m build` / twine / pytest / venv, and local stand-ins for PyPI
 * and the GitHub API reached through the normal inputs and GITHUB_API_URL.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { killTree, type ActionRun } from '../../__fixtures__/action.js'
import type { GitRepos } from '../../__fixtures__/git.js'
import type { GithubStandIn } from '../../__fixtures__/github-server.js'
import type { PypiStandIn } from '../../__fixtures__/pypi-server.js'
import { logged, PYPI_TOKEN, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest'], 'release of pypi targets (real git, build, twine)', () => {
  let world: World
  let repos: GitRepos
  let pypi: PypiStandIn
  let github: GithubStandIn

  beforeEach(async () => {
    world = await startWorld()
    ;({ repos, pypi, github } = world)
  })
  afterEach(() => world.close())

  const release = (
    component: string,
    inputs: Record<string, string> = {},
    onSpawn?: (child: ChildProcess) => void,
    env: Record<string, string> = {}
  ) => world.action('release', component, { inputs, env, onSpawn })

  /** tag → [object type, peeled commit] on the bare origin. */
  const remoteTags = (): Record<string, [string, string]> => {
    const out = repos.git(['for-each-ref', '--format=%(refname:short) %(objecttype) %(*objectname)%(objectname)', 'refs/tags'], repos.bare)
    return Object.fromEntries(
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [tag, type, ids] = l.split(' ')
          return [tag, [type, type === 'tag' ? ids.slice(0, 40) : ids]]
        })
    )
  }

  const uploads = (): string[] =>
    pypi.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/legacy') && r.status === 200).map((r) => r.filename ?? '')

  /** No token in anything a person or a later step sees (the runner consumes `::add-mask::` itself). */
  const expectNoSecrets = (run: ActionRun): void => {
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'))).toEqual([
      `::add-mask::${github.token}`,
      `::add-mask::${PYPI_TOKEN}`
    ])
    for (const text of [logged(run), run.stderr, run.summary, JSON.stringify(run.outputs)]) {
      expect(text).not.toContain(PYPI_TOKEN)
      expect(text).not.toContain(github.token)
    }
  }

  /** The final state of a released sdk 1.4.0, whatever route led there. */
  const expectSdkReleased = (sha: string): void => {
    expect(pypi.files.map((f) => f.filename).sort()).toEqual(['dakora_client-1.4.0-py3-none-any.whl', 'dakora_client-1.4.0.tar.gz'])
    expect(remoteTags()).toEqual({ 'python-sdk-v1.4.0': ['tag', sha] })
    expect(github.releases).toHaveLength(1)
    const [rel] = github.releases
    expect(rel).toMatchObject({ tag_name: 'python-sdk-v1.4.0', target_commitish: sha, name: 'sdk 1.4.0', draft: false, prerelease: false })
    expect(rel.body).toContain('`Client.url()` builds endpoint URLs') // the CHANGELOG section of packages/client-python
    expect(github.latestReleaseId).toBeNull() // the sdk never takes "latest" from the platform
    expect(github.violations).toEqual([])
  }

  test('sdk: files on the index, annotated tag on origin, release with the changelog, outputs', async () => {
    const sha = repos.head()
    const run = await release('sdk')
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([])
    expect(run.status).toBe(0)
    expectSdkReleased(sha)
    expect(run.outputs).toMatchObject({
      version: '1.4.0',
      tags: '["python-sdk-v1.4.0"]',
      'pypi-urls': JSON.stringify([`${pypi.url}/project/dakora-client/1.4.0/`]),
      released: 'true'
    })
    expect(JSON.parse(run.outputs['release-urls'])).toEqual([github.releases[0].html_url])
    const steps = (JSON.parse(run.outputs.plan) as { steps: { step: string; status: string }[] }).steps
    expect(steps.map((s) => `${s.step}: ${s.status}`)).toEqual([
      'plan: done',
      'preflight: done',
      'lock: done',
      'test: done',
      'build: done',
      'record intent: done',
      'provenance: skipped',
      'attach assets: done',
      'publish: done',
      'image provenance: skipped',
      'tag and release: done',
      'verify: done'
    ])
    expect(run.summary).toContain('<td>publish</td><td>done</td>')
    expectNoSecrets(run)
  })

  test('cli: the platform release takes "latest"; a re-run changes nothing and says so', async () => {
    const sha = repos.head()
    // the cli pins dakora-client~=1.4.0, so the sdk is on the index first
    expect((await release('sdk')).status).toBe(0)
    const first = await release('cli')
    expect(first.status).toBe(0)
    const cli = github.releases.find((r) => r.tag_name === 'cli-v2.0.0')
    expect(cli).toMatchObject({ draft: false, target_commitish: sha, name: 'cli 2.0.0' })
    expect(cli?.body).toContain('Studio') // the root CHANGELOG.md section for 2.0.0
    expect(github.latestReleaseId).toBe(cli?.id)
    expect(remoteTags()['cli-v2.0.0']).toEqual(['tag', sha])

    const before = { uploads: uploads().length, releases: JSON.stringify(github.releases) }
    const again = await release('cli')
    expect(again.status).toBe(0)
    expect(again.outputs.released).toBe('false')
    expect(again.stdout).toContain('already released')
    // a finished release is recognised before anything is tested or built; verify still looks
    const steps = (JSON.parse(again.outputs.plan) as { steps: { step: string; status: string; detail: string }[] }).steps
    expect(steps.map((s) => [s.step, s.status])).toEqual([
      ['plan', 'done'],
      ['preflight', 'done'],
      ['lock', 'done'],
      ['test', 'already done'],
      ['build', 'already done'],
      ['record intent', 'already done'],
      ['provenance', 'already done'],
      ['attach assets', 'already done'],
      ['publish', 'already done'],
      ['image provenance', 'already done'],
      ['tag and release', 'already done'],
      ['verify', 'done']
    ])
    expect(steps.find((s) => s.step === 'build')?.detail).toBe(`cli-v2.0.0 released from ${sha.slice(0, 12)} already`)
    const buildsOrTests = /\$ \S*python\S* -m (build|pytest)/
    expect(logged(first)).toMatch(buildsOrTests)
    expect(logged(again)).not.toMatch(buildsOrTests)
    expect(uploads().length).toBe(before.uploads)
    expect(JSON.stringify(github.releases)).toBe(before.releases)
    expect(github.violations).toEqual([])
  })

  test('transient 5xx answers from the index and GitHub are retried with backoff; a 4xx is not', async () => {
    pypi.failNext('/pypi/', 503, 2)
    github.failNext('/repos/acme/dakora/releases', 502, 1)
    const sha = repos.head()
    const run = await release('sdk')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/answered 503; retrying \(1\/3\)/)
    expect(run.stdout).toMatch(/answered 502; retrying \(1\/3\)/)
    expectSdkReleased(sha)
    // preflight's look-up: two 503s retried, then the 404 ("not on the index yet") taken as the answer
    const firstUpload = pypi.requests.findIndex((r) => r.method === 'POST')
    const preflight = pypi.requests.slice(0, firstUpload).filter((r) => r.path.startsWith('/pypi/dakora-client/1.4.0/json'))
    expect(preflight.map((r) => r.status)).toEqual([503, 503, 404])
  })

  test('a version already on the index from another build fails before anything is built', async () => {
    pypi.addFile('dakora-client', '1.4.0', 'dakora_client-1.4.0-py3-none-any.whl', 'someone else built this')
    const run = await release('sdk')
    expect(run.status).toBe(1)
    const errors = run.annotations.filter((a) => a.level === 'error')
    expect(errors.map((a) => a.properties.title)).toEqual(['E_PYPI_EXISTS'])
    expect(errors[0].message).toContain('dakora-client 1.4.0 is already on the index')
    expect(errors[0].message).toContain('pyship bump sdk 1.4.1')
    expect(run.stdout).not.toMatch(/-m build/)
    expect(github.releases).toEqual([])
    expect(remoteTags()).toEqual({})
  })

  test('preflight reports every problem together and changes nothing', async () => {
    writeFileSync(path.join(repos.work, 'notes.txt'), 'uncommitted')
    repos.git(['tag', 'python-sdk-v1.4.0'])
    // the sdk changed since that tag (a group that did not change would have nothing to release: SPEC §11)
    writeFileSync(path.join(repos.work, 'packages/client-python/README.md'), 'later\n')
    repos.git(['commit', '-q', '-am', 'later'])
    repos.git(['push', '-q', 'origin', 'refs/tags/python-sdk-v1.4.0'])
    const run = await release('sdk', { 'pypi-token': '' }, undefined, { GITHUB_REF_NAME: 'feature/x' })
    expect(run.status).toBe(1)
    expect(
      run.annotations
        .filter((a) => a.level === 'error')
        .map((a) => a.properties.title)
        .sort()
    ).toEqual(['E_BRANCH', 'E_DIRTY_TREE', 'E_NO_PYPI_TOKEN', 'E_TAG_EXISTS'])
    expect(run.stdout).toContain('notes.txt')
    expect(run.stdout).toContain('PYPI_API_TOKEN')
    expect(run.stdout).not.toMatch(/-m build/)
    expect(pypi.files).toEqual([])
    expect(github.releases).toEqual([])
  })

  test('dry-run: plan and preflight only, nothing changes anywhere', async () => {
    const run = await release('sdk', { 'dry-run': 'true' })
    expect(run.status).toBe(0)
    expect(run.outputs.released).toBe('false')
    const steps = (JSON.parse(run.outputs.plan) as { steps: { step: string; status: string }[] }).steps
    expect(steps.filter((s) => s.status === 'would run').map((s) => s.step)).toEqual([
      'lock',
      'test',
      'build',
      'record intent',
      'provenance',
      'attach assets',
      'publish',
      'image provenance',
      'tag and release',
      'verify'
    ])
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(pypi.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(remoteTags()).toEqual({})
  })

  test('trusted publishing: no token, the OIDC exchange mints one', async () => {
    const run = await release('sdk', { 'pypi-token': '' }, undefined, {
      ACTIONS_ID_TOKEN_REQUEST_URL: pypi.idTokenUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: pypi.idTokenRequestToken
    })
    expect(run.status).toBe(0)
    expect(pypi.oidc.mintedTokens).toHaveLength(1)
    expect(pypi.files).toHaveLength(2)
    const [minted] = pypi.oidc.mintedTokens
    expect(run.stdout).toContain(`::add-mask::${minted}`)
    for (const text of [logged(run), run.stderr, run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain(minted)
  })

  test('failing tests stop the release before anything is built or published, naming the Python used', async () => {
    writeFileSync(path.join(repos.work, 'packages/client-python/tests/test_client.py'), 'def test_broken():\n    assert 1 == 2\n')
    repos.git(['commit', '-q', '-am', 'break a test'])
    repos.git(['push', '-q', 'origin', 'main'])
    const run = await release('sdk')
    expect(run.status).toBe(1)
    const [error] = run.annotations.filter((a) => a.level === 'error')
    expect(error.properties.title).toBe('E_TESTS_FAILED')
    expect(error.message).toMatch(/tests of dakora-client failed \(exit 1\) with Python 3\.11\.\d+ \(requires-python >=3\.11\)/)
    expect(error.message).toContain('Tests fail in CI but pass locally?')
    expect(run.stdout).not.toMatch(/-m build/)
    expect(pypi.files).toEqual([])
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })

  test.each([
    { smoke: '["dakora", "--help"]', status: 0, code: undefined },
    { smoke: '["dakora", "--no-such-flag"]', status: 1, code: 'E_SMOKE' }
  ])('the smoke command $smoke runs from a fresh venv with the built wheel', async ({ smoke, status, code }) => {
    expect((await release('sdk')).status).toBe(0)
    mkdirSync(path.join(repos.work, '.github'))
    writeFileSync(
      path.join(repos.work, '.github/pyship.toml'),
      `[groups.platform]\npackages = ["cli", "server"]\n\n[targets.cli]\ngroup = "platform"\nkind = "pypi"\npackages = ["cli"]\ntag = "cli-v{version}"\ntests = "optional"\nsmoke = ${smoke}\n`
    )
    repos.git(['add', '-A'])
    repos.git(['commit', '-q', '-m', 'smoke test'])
    repos.git(['push', '-q', 'origin', 'main'])
    const run = await release('cli')
    expect(run.status).toBe(status)
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.properties.title)).toEqual(code ? [code] : [])
    expect(pypi.files.some((f) => f.filename.startsWith('dakora-2.0.0'))).toBe(status === 0)
  })

  test('a refused trusted-publishing exchange names the claims the publisher must match', async () => {
    pypi.oidc.publisher = { repository: 'acme/other', workflow: 'release.yml' }
    const run = await release('sdk', { 'pypi-token': '' }, undefined, {
      ACTIONS_ID_TOKEN_REQUEST_URL: pypi.idTokenUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: pypi.idTokenRequestToken
    })
    expect(run.status).toBe(1)
    const [error] = run.annotations.filter((a) => a.level === 'error')
    expect(error.properties.title).toBe('E_PYPI_AUTH')
    expect(error.message).toContain('invalid-publisher')
    expect(error.message).toMatch(/must match these claims: repository=\S+/)
    expect(pypi.files).toEqual([])
  })

  // Kill the action right after the stand-ins answered a request of the step named,
  // then run it again: the end state is the same as an uninterrupted run.
  test.each([
    {
      after: 'preflight (first release lookup)',
      when: (s: Stand) => s.github.requests.some((r) => r.path.endsWith('/releases') && r.method === 'GET')
    },
    {
      after: 'record intent (draft created)',
      when: (s: Stand) => s.github.requests.some((r) => r.method === 'POST' && r.path.endsWith('/releases'))
    },
    { after: 'the first upload', when: (s: Stand) => s.pypi.requests.some((r) => r.method === 'POST' && r.status === 200) },
    {
      after: 'publish (both files uploaded)',
      when: (s: Stand) => s.pypi.requests.filter((r) => r.method === 'POST' && r.status === 200).length === 2
    },
    { after: 'the release was published', when: (s: Stand) => s.github.requests.some((r) => r.method === 'PATCH') }
  ])('a crash after $after, then a re-run, ends like an uninterrupted release', async ({ when }) => {
    const sha = repos.head()
    let child: ChildProcess | undefined
    const stand: Stand = { github, pypi }
    const kill = (): void => {
      if (child && when(stand)) killTree(child)
    }
    github.onRequest = kill
    pypi.onRequest = kill
    const crashed = await release('sdk', {}, (c) => (child = c))
    expect(crashed.signal).toBe('SIGKILL')
    github.onRequest = undefined
    pypi.onRequest = undefined

    const rerun = await release('sdk')
    expect(rerun.annotations.filter((a) => a.level === 'error')).toEqual([])
    expect(rerun.status).toBe(0)
    expectSdkReleased(sha)
    // no file was uploaded twice
    const counts = uploads().reduce<Record<string, number>>((m, f) => ({ ...m, [f]: (m[f] ?? 0) + 1 }), {})
    expect(Object.values(counts).every((n) => n === 1)).toBe(true)
  })
})

interface Stand {
  github: GithubStandIn
  pypi: PypiStandIn
}
