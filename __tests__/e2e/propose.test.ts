/**
 * `propose` (SPEC §11, the release pull request) through the bundle, against a real bare
 * origin and the GitHub stand-in (every request validated against GitHub's OpenAPI
 * description): the pull request carries exactly what `bump` writes, committed by GitHub
 * (signed), re-running updates the same pull request, a token that may not write is named
 * with the permissions it lacks, and a release lock never blocks a proposal.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../../__fixtures__/action.js'
import { lockMessage } from '../../__fixtures__/git.js'
import { errors, logged, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'

/** The files of a commit of origin that differ from its first parent, each with its bytes there. */
function committed(world: World, ref: string): Record<string, string> {
  const { repos } = world
  const names = repos
    .git(['diff', '--name-only', `${ref}^1`, ref], repos.bare)
    .split('\n')
    .filter(Boolean)
  return Object.fromEntries(names.map((n) => [n, repos.git(['show', `${ref}:${n}`], repos.bare)]))
}

/** What `pyship bump <args>` writes in a fresh clone of origin's main, file by file (the reference the PR must equal). */
function bumped(world: World, args: string[], name: string): Record<string, string> {
  const dir = world.clone(name)
  const run = runCli(['bump', ...args], { cwd: dir, env: world.env() })
  expect(run.status).toBe(0)
  const names = world.repos.git(['diff', '--name-only'], dir).split('\n').filter(Boolean)
  return Object.fromEntries(names.map((n) => [n, readFileSync(path.join(dir, n), 'utf8').trimEnd()]))
}

const status = (world: World): string => world.repos.git(['status', '--porcelain', '--untracked-files=all'])

describeWithTools(['git'], 'propose: the release pull request (real git, the GitHub stand-in)', () => {
  let world: World
  beforeEach(async () => {
    world = await startWorld()
  })
  afterEach(async () => {
    expect(world.github.violations).toEqual([])
    expect(world.github.responseViolations).toEqual([])
    await world.close()
  })

  const propose = (component: string, version: string, inputs: Record<string, string> = {}) =>
    world.action('propose', component, { inputs: { version, ...inputs } })

  test('the pull request carries exactly what bump writes, in a commit GitHub signed on main, and the work tree is left as it was', async () => {
    const { repos, github } = world
    const head = repos.head()
    const run = await propose('platform', 'minor')
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    const branch = 'refs/heads/pyship/release-platform'
    const sha = repos.git(['rev-parse', branch], repos.bare)
    // one commit on main's head, made and signed by GitHub
    expect(repos.git(['rev-list', '--parents', '-n', '1', sha], repos.bare)).toBe(`${sha} ${head}`)
    expect(github.signedCommits.has(sha)).toBe(true)
    expect(repos.git(['log', '-1', '--format=%cn <%ce>|%s', sha], repos.bare)).toBe(
      'GitHub <noreply@github.com>|chore(main): release platform 2.1.0'
    )
    // the same files, byte for byte, as `pyship bump platform minor`
    const expected = bumped(world, ['platform', 'minor'], 'reference')
    expect(Object.keys(expected).length).toBeGreaterThan(1)
    expect(committed(world, branch)).toEqual(expected)
    expect(github.pulls).toEqual([
      expect.objectContaining({
        number: 1,
        head: 'pyship/release-platform',
        base: 'main',
        state: 'open',
        title: 'chore(main): release platform 2.1.0'
      })
    ])
    const body = github.pulls[0].body ?? ''
    expect(body).toContain('| platform | 2.0.0 → 2.1.0 | dakora, dakora-server |')
    for (const file of Object.keys(expected)) expect(body).toContain(`- \`${file}\``)
    expect(run.outputs['pull-request']).toBe('https://github.com/acme/dakora/pull/1')
    expect(run.outputs.version).toBe('2.1.0')
    // nothing local changed: same HEAD, clean tree, the files as committed
    expect(repos.head()).toBe(head)
    expect(status(world)).toBe('')
    expect(readFileSync(path.join(repos.work, 'cli/pyproject.toml'), 'utf8')).toMatch(/^version = "2\.0\.0"/m)
  }, 120_000)

  test('re-running updates the same pull request: a new base moves the branch, an unchanged one keeps its commit', async () => {
    const { repos, github } = world
    expect((await propose('platform', 'minor')).status).toBe(0)
    const first = repos.git(['rev-parse', 'refs/heads/pyship/release-platform'], repos.bare)
    // unchanged: same tree on the same base, no new commit, the same pull request
    const again = await propose('platform', 'minor')
    expect(again.status).toBe(0)
    expect(repos.git(['rev-parse', 'refs/heads/pyship/release-platform'], repos.bare)).toBe(first)
    // main moves on; the proposal changes (2.0.0 → 3.0.0): the branch is rewritten on the new main, the same PR retitled
    writeFileSync(path.join(repos.work, 'NOTES.md'), 'more work\n')
    repos.git(['add', 'NOTES.md'])
    repos.git(['commit', '-q', '-m', 'feat: more work'])
    repos.git(['push', '-q', 'origin', 'main'])
    const third = await propose('platform', 'major')
    expect(errors(third)).toEqual([])
    expect(third.status).toBe(0)
    const moved = repos.git(['rev-parse', 'refs/heads/pyship/release-platform'], repos.bare)
    expect(moved).not.toBe(first)
    expect(repos.git(['rev-parse', `${moved}^`], repos.bare)).toBe(repos.head())
    expect(github.pulls.map((p) => [p.number, p.state, p.title])).toEqual([[1, 'open', 'chore(main): release platform 3.0.0']])
    expect(github.pulls[0].body).toContain('| platform | 2.0.0 → 3.0.0 |')
    expect(committed(world, 'refs/heads/pyship/release-platform')).toEqual(bumped(world, ['platform', 'major'], 'reference'))
    expect(github.requests.filter((r) => r.operationId === 'pulls/create' && r.status === 201)).toHaveLength(1)
    expect(third.stdout).toContain('updated pull request #1')
  }, 180_000)

  test('a failed answer to the pull request or the branch creation is looked up, then sent again: one branch, one pull request', async () => {
    const { repos, github } = world
    let armed = false
    github.onRequest = (r) => {
      // the first look-up of the pull request passed: the creation that follows fails with a 502
      if (!armed && r.operationId === 'pulls/list') {
        armed = true
        github.failNext('/repos/acme/dakora/pulls', 502)
      }
    }
    github.failNext('/repos/acme/dakora/git/refs', 502)
    const run = await propose('sdk', 'patch')
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(github.pulls.map((p) => [p.number, p.head])).toEqual([[1, 'pyship/release-sdk']])
    expect(github.requests.filter((r) => r.operationId === 'pulls/create').map((r) => r.status)).toEqual([502, 201])
    expect(github.requests.filter((r) => r.operationId === 'git/create-ref').map((r) => r.status)).toEqual([502, 201])
    expect(repos.git(['for-each-ref', '--format=%(refname)', 'refs/heads/pyship'], repos.bare)).toBe('refs/heads/pyship/release-sdk')
  }, 120_000)

  test('--all: one pull request on pyship/release for every group, on the CLI', async () => {
    const { github } = world
    const run = await world.cliAsync(['propose', '--all', 'patch', '--github-token', github.token])
    expect(run.stderr).not.toMatch(/E_[A-Z]/)
    expect(run.status).toBe(0)
    expect(github.pulls.map((p) => [p.head, p.title])).toEqual([['pyship/release', 'chore(main): release platform 2.0.1, sdk 1.4.1']])
    const files = committed(world, 'refs/heads/pyship/release')
    expect(files['cli/pyproject.toml']).toMatch(/^version = "2\.0\.1"/m)
    expect(files['packages/client-python/pyproject.toml']).toMatch(/^version = "1\.4\.1"/m)
    expect(status(world)).toBe('')
  }, 120_000)

  test('a token that may not write: E_GITHUB_DENIED naming contents: write and pull-requests: write; nothing made, nothing left behind', async () => {
    const { repos, github } = world
    const run = await propose('platform', 'minor', { 'github-token': github.readOnlyToken })
    expect(run.status).toBe(1)
    const denied = run.annotations.find((a) => a.level === 'error')
    expect(denied?.properties.title).toBe('E_GITHUB_DENIED')
    expect(denied?.message).toMatch(/403/)
    expect(denied?.message).toContain('contents: write and pull-requests: write')
    expect(logged(run)).toContain('Allow GitHub Actions to create and approve pull requests')
    expect(repos.git(['for-each-ref', 'refs/heads/pyship'], repos.bare)).toBe('')
    expect(github.pulls).toEqual([])
    expect(status(world)).toBe('')
  }, 120_000)

  test('the repository does not let GitHub Actions open pull requests: E_GITHUB_DENIED naming the setting; once allowed, a re-run opens it', async () => {
    const { github } = world
    github.actionsMayCreatePullRequests = false
    const refused = await propose('sdk', 'minor')
    expect(refused.status).toBe(1)
    const denied = refused.annotations.find((a) => a.level === 'error')
    expect(denied?.properties.title).toBe('E_GITHUB_DENIED')
    expect(denied?.message).toContain('GitHub Actions is not permitted to create or approve pull requests')
    expect(denied?.message).toContain("the repository does not let the job's token open pull requests")
    expect(logged(refused)).toContain(
      '"Allow GitHub Actions to create and approve pull requests" in the repository\'s (or organization\'s) Settings → Actions → General'
    )
    expect(github.pulls).toEqual([])
    github.actionsMayCreatePullRequests = true
    const again = await propose('sdk', 'minor')
    expect(errors(again)).toEqual([])
    expect(github.pulls.map((p) => [p.number, p.title])).toEqual([[1, 'chore(main): release sdk 1.5.0']])
  }, 120_000)

  test('a release lock held by a running release of the merged proposal does not block the next proposal', async () => {
    const { repos, github } = world
    expect((await propose('platform', 'minor')).status).toBe(0)
    // the pull request is merged; its release (cli-v2.1.0) is running and holds its lock
    const merge = github.mergePull(1)
    const lock = 'refs/pyship/locks/cli-v2.1.0'
    const message = lockMessage('cli-v2.1.0', merge, { run: 1, since: new Date().toISOString() })
    const tree = repos.git(['hash-object', '-t', 'tree', '-w', '--stdin'], repos.bare)
    const held = spawnSync('git', ['commit-tree', tree, '-m', message], {
      cwd: repos.bare,
      env: { ...process.env, ...repos.env },
      encoding: 'utf8'
    })
    repos.git(['update-ref', lock, held.stdout.trim()], repos.bare)
    repos.git(['pull', '-q', '--ff-only', 'origin', 'main'])
    const started = Date.now()
    const next = await propose('platform', 'patch')
    expect(errors(next)).toEqual([])
    expect(next.status).toBe(0)
    expect(Date.now() - started).toBeLessThan(60_000)
    expect(github.pulls.map((p) => [p.number, p.state, p.title])).toEqual([
      [1, 'closed', 'chore(main): release platform 2.1.0'],
      [2, 'open', 'chore(main): release platform 2.1.1']
    ])
    // the lock is neither read through the API nor moved
    expect(repos.git(['rev-parse', lock], repos.bare)).toBe(held.stdout.trim())
    expect(github.requests.filter((r) => r.path.includes('pyship/locks'))).toEqual([])
  }, 180_000)

  test('dry-run: says which pull request it would open, writes nothing locally or on GitHub', async () => {
    const { repos, github } = world
    const head = repos.head()
    const run = await propose('sdk', 'minor', { 'dry-run': 'true' })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(logged(run)).toMatch(
      /would open a pull request releasing sdk 1\.5\.0 from pyship\/release-sdk into main: \d+ files?; nothing written/
    )
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(github.pulls).toEqual([])
    expect(repos.git(['for-each-ref', 'refs/heads/pyship'], repos.bare)).toBe('')
    expect(repos.head()).toBe(head)
    expect(status(world)).toBe('')
  }, 120_000)

  describe('refused before anything is made', () => {
    test.each<{ name: string; component: string; inputs: Record<string, string>; code: string; message: string }>([
      { name: 'no group and no all', component: '', inputs: { version: 'minor' }, code: 'E_INPUT', message: 'propose needs a group' },
      {
        name: 'a group and all',
        component: 'platform',
        inputs: { version: 'minor', all: 'true' },
        code: 'E_INPUT',
        message: 'exclude each other'
      },
      { name: 'no version', component: 'platform', inputs: {}, code: 'E_INPUT', message: 'propose needs input version' }
    ])('$name: $code', async ({ component, inputs, code, message }) => {
      const run = await world.action('propose', component, { inputs })
      expect(run.status).toBe(1)
      expect(errors(run).join('\n')).toContain(`${code} `)
      expect(errors(run).join('\n')).toContain(message)
      expect(world.github.requests).toEqual([])
    })

    test('a dirty work tree: E_DIRTY_TREE naming the file, nothing sent', async () => {
      writeFileSync(path.join(world.repos.work, 'cli/pyproject.toml'), '# edited\n', { flag: 'a' })
      const run = await propose('platform', 'minor')
      expect(errors(run)).toEqual([expect.stringMatching(/^E_DIRTY_TREE .*cli\/pyproject\.toml/)])
      expect(world.github.requests).toEqual([])
    })
  })
})
