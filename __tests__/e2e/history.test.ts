/**
 * SPEC §11 on generated histories: real git commits with Conventional Commit messages across
 * the example monorepo's groups (platform: cli + server; sdk), a merge, a revert, a breaking
 * change and a pre-release line; the changed set, each computed version and the changelog
 * text, through the bundled action and CLI.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runAction, runCli } from '../../__fixtures__/action.js'
import { makeRepos, type GitRepos } from '../../__fixtures__/git.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'
import { changelogSection } from '../../src/release/changelog.js'

const made: GitRepos[] = []
afterAll(() => {
  made.forEach((r) => r.remove())
  removeTempDirs()
})

const TODAY = new Date().toISOString().slice(0, 10)

function history(): GitRepos {
  const repos = makeRepos('examples/dakora')
  made.push(repos)
  for (const tag of ['cli-v2.0.0', 'docker-v2.0.0', 'python-sdk-v1.4.0']) repos.git(['tag', '-a', '-m', tag, tag])
  return repos
}

/** A commit that appends a line to `file` (relative to the work tree). */
function commit(repos: GitRepos, file: string, message: string): string {
  appendFileSync(path.join(repos.work, file), `# ${message.split('\n')[0]}\n`)
  repos.git(['add', file])
  repos.git(['commit', '-q', '-m', message])
  return repos.head()
}

const read = (repos: GitRepos, file: string): string => readFileSync(path.join(repos.work, file), 'utf8')
const run = (repos: GitRepos, inputs: Record<string, string>) => runAction(inputs, { workspace: repos.work, env: repos.env })

/**
 * Since the last release tags: sdk gets a fix, a feat and that feat's revert; platform gets a
 * fix on main and, through a merged branch, a breaking change (the merge commit titled like the
 * pull request, as GitHub's merge button writes it); the root README a docs commit.
 */
function mixedHistory(): { repos: GitRepos; sha: Record<string, string> } {
  const repos = history()
  const sha: Record<string, string> = {}
  sha.sdkFix = commit(repos, 'packages/client-python/pyproject.toml', 'fix(sdk): retry on timeouts (#7)')
  sha.sdkFeat = commit(repos, 'packages/client-python/pyproject.toml', 'feat(sdk): streaming responses')
  repos.git(['revert', '--no-edit', sha.sdkFeat])
  sha.sdkRevert = repos.head()
  repos.git(['checkout', '-q', '-b', 'topic'])
  sha.breaking = commit(repos, 'server/pyproject.toml', 'feat(server)!: drop the v1 API\n\nClients must use /v2.')
  repos.git(['checkout', '-q', 'main'])
  sha.cliFix = commit(repos, 'cli/pyproject.toml', 'fix(cli): quote paths (#12)')
  repos.git(['merge', '-q', '--no-ff', '-m', 'feat(server)!: drop the v1 API (#20)', 'topic'])
  sha.merge = repos.head()
  sha.docs = commit(repos, 'README.md', 'docs: typo')
  return { repos, sha }
}

describe('§11 changed since the last release', () => {
  test('check --changed-since last-release: both groups changed; an explicit ref lists only what changed after it', () => {
    const { repos, sha } = mixedHistory()
    const all = run(repos, { command: 'check', 'changed-since': 'last-release' })
    expect(all.status).toBe(0)
    expect(JSON.parse(all.outputs.changed)).toEqual(['platform', 'sdk'])
    const later = runCli(['check', '--changed-since', sha.sdkRevert, '--json'], { cwd: repos.work, env: repos.env })
    expect(later.status).toBe(0)
    expect(JSON.parse(JSON.parse(later.stdout).outputs.changed)).toEqual(['platform'])
    const none = run(repos, { command: 'check', 'changed-since': 'HEAD' })
    expect(JSON.parse(none.outputs.changed)).toEqual([])
    expect(none.stdout).toContain('changed since HEAD: none')
  })

  test('a group whose pinned package changed has changed too; one never released has changed', () => {
    const repos = history()
    commit(repos, 'packages/client-python/pyproject.toml', 'fix(sdk): handle an empty body')
    const r = run(repos, { command: 'check', 'changed-since': 'last-release' })
    expect(JSON.parse(r.outputs.changed)).toEqual(['platform', 'sdk'])
    // the pinned package changed since ITS last release (python-sdk-v1.4.0)
    expect(r.stdout).toContain('platform: changed (it pins dakora-client, changed since python-sdk-v1.4.0)')
    // one group asked for: the group of the package it pins is read too
    const one = run(repos, { command: 'check', component: 'platform', 'changed-since': 'last-release' })
    expect(JSON.parse(one.outputs.changed)).toEqual(['platform'])
    repos.git(['tag', '-d', 'python-sdk-v1.4.0'])
    commit(repos, 'README.md', 'docs: nothing of the packages')
    const fresh = run(repos, { command: 'check', 'changed-since': 'last-release', component: 'sdk' })
    expect(JSON.parse(fresh.outputs.changed)).toEqual(['sdk'])
    expect(fresh.stdout).toContain('sdk: changed (no release tag yet)')
  })

  test('a pinned package released since its change does not change the group that pins it', () => {
    const repos = history()
    commit(repos, 'packages/client-python/pyproject.toml', 'fix(sdk): handle an empty body')
    expect(runCli(['bump', 'sdk', '1.4.1'], { cwd: repos.work, env: repos.env }).status).toBe(0)
    repos.git(['commit', '-q', '-am', 'chore: release sdk 1.4.1'])
    repos.git(['tag', '-a', '-m', 'python-sdk-v1.4.1', 'python-sdk-v1.4.1'])
    const r = run(repos, { command: 'check', 'changed-since': 'last-release' })
    expect(JSON.parse(r.outputs.changed)).toEqual([])
    expect(r.stdout).toContain('platform: unchanged (nothing under its packages changed since cli-v2.0.0)')
    // an explicit ref compares every package since that ref: the sdk's change counts for platform again
    const since = run(repos, { command: 'check', 'changed-since': 'cli-v2.0.0' })
    expect(JSON.parse(since.outputs.changed)).toEqual(['platform', 'sdk'])
  })

  test('release and plan of a group unchanged since its last release publish nothing and say so (exit 0); a changed group is not skipped', () => {
    const repos = history()
    commit(repos, 'cli/pyproject.toml', 'fix(cli): quote paths')
    // no token, no index: anything past the skip would fail
    const offline = { ...repos.env, GITHUB_REPOSITORY: 'acme/dakora', GITHUB_SHA: repos.head(), GITHUB_REF: 'refs/heads/main' }
    const sdk = runAction(
      { command: 'release', component: 'sdk', 'pypi-url': 'http://127.0.0.1:9' },
      { workspace: repos.work, env: offline }
    )
    expect(sdk.status).toBe(0)
    expect(sdk.outputs.released).toBe('false')
    expect(sdk.outputs.tags).toBe('[]')
    expect(sdk.stdout).toContain(
      'release: group sdk has not changed since its last release python-sdk-v1.4.0 (nothing under its packages changed since python-sdk-v1.4.0): nothing to publish'
    )
    expect(sdk.summary).toContain('nothing to publish')
    expect(repos.git(['ls-remote', '--tags', 'origin'])).toBe('')
    const plan = runAction({ command: 'plan', component: 'sdk', 'pypi-url': 'http://127.0.0.1:9' }, { workspace: repos.work, env: offline })
    expect(plan.status).toBe(0)
    expect(JSON.parse(plan.outputs.matrix)).toEqual({ include: [] })
    expect(plan.stdout).toContain('plan: group sdk has not changed since its last release python-sdk-v1.4.0')
    const cli = runAction(
      { command: 'release', component: 'cli', 'dry-run': 'true', 'pypi-url': 'http://127.0.0.1:9' },
      { workspace: repos.work, env: offline }
    )
    expect(cli.stdout).not.toContain('has not changed')
    // an uncommitted change of the sdk is a change too: the release goes on (and preflight stops on it)
    appendFileSync(path.join(repos.work, 'packages/client-python/README.md'), 'uncommitted\n')
    const dirty = runAction(
      { command: 'release', component: 'sdk', 'dry-run': 'true', 'pypi-url': 'http://127.0.0.1:9' },
      { workspace: repos.work, env: offline }
    )
    expect(dirty.stdout).not.toContain('has not changed')
    expect(dirty.stdout).toContain('E_DIRTY_TREE')
  })

  test('an unknown ref and a shallow checkout are E_INPUT, the latter with the fetch-depth hint', () => {
    const repos = history()
    const unknown = runCli(['check', '--changed-since', 'no-such-ref'], { cwd: repos.work, env: repos.env })
    expect(unknown.status).toBe(2)
    expect(unknown.stderr + unknown.stdout).toMatch(/E_INPUT.*no-such-ref/)
    commit(repos, 'cli/pyproject.toml', 'fix(cli): a')
    commit(repos, 'cli/pyproject.toml', 'fix(cli): b')
    repos.git(['push', '-q', 'origin', 'main'])
    const shallow = path.join(repos.root, 'shallow')
    repos.git(['clone', '-q', '--depth', '1', `file://${repos.bare}`, shallow], repos.root)
    const r = runCli(['bump', 'cli', 'auto'], { cwd: shallow, env: repos.env })
    expect(r.status).toBe(2)
    expect(r.stderr + r.stdout).toContain('this checkout is shallow')
    expect(r.stderr + r.stdout).toContain('fetch-depth: 0')
  })

  test('bump --all takes no component and needs a version', () => {
    const repos = history()
    const both = run(repos, { command: 'bump', all: 'true', component: 'sdk', version: 'auto' })
    expect(both.status).toBe(1)
    expect(both.stdout + both.stderr).toContain('input all bumps every changed group: it takes no component')
    const none = runCli(['bump', '--all'], { cwd: repos.work, env: repos.env })
    expect(none.status).toBe(2)
    expect(none.stderr + none.stdout).toContain('input all needs version: major, minor, patch or auto')
  })

  test('a hostile changed-since is E_INPUT and nothing runs', () => {
    const repos = history()
    const r = run(repos, { command: 'check', 'changed-since': '--output=/tmp/x' })
    expect(r.status).toBe(1)
    expect(r.stdout + r.stderr).toMatch(/E_INPUT.*changed-since/)
  })
})

describe('§11 next version from commits', () => {
  test('bump --all auto: platform breaking → 3.0.0, sdk fix (its feat reverted) → 1.4.1; the versions written', () => {
    const { repos } = mixedHistory()
    const r = runCli(['bump', '--all', 'auto'], { cwd: repos.work, env: repos.env })
    expect(r.stderr.includes('E_')).toBe(false)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('bump --all auto: platform 2.0.0 → 3.0.0, sdk 1.4.0 → 1.4.1')
    expect(read(repos, 'cli/pyproject.toml')).toMatch(/^version = "3\.0\.0"/m)
    expect(read(repos, 'server/pyproject.toml')).toMatch(/^version = "3\.0\.0"/m)
    expect(read(repos, 'packages/client-python/pyproject.toml')).toMatch(/^version = "1\.4\.1"/m)
  })

  test('bump <group> auto on a pre-release line continues it (1.5.0rc1 + fix → 1.5.0rc2); Release-As wins; nothing releasable writes nothing', () => {
    const repos = history()
    expect(runCli(['bump', 'sdk', '1.5.0rc1'], { cwd: repos.work, env: repos.env }).status).toBe(0)
    repos.git(['commit', '-q', '-am', 'chore(sdk): release 1.5.0rc1'])
    repos.git(['tag', '-a', '-m', 'rc1', 'python-sdk-v1.5.0rc1'])
    commit(repos, 'packages/client-python/pyproject.toml', 'chore(sdk): tidy')
    const nothing = run(repos, { command: 'bump', component: 'sdk', version: 'auto' })
    expect(nothing.status).toBe(0)
    expect(nothing.stdout).toContain('bump: group sdk: none of its 1 commit is releasable')
    expect(repos.git(['status', '--porcelain'])).toBe('')
    commit(repos, 'packages/client-python/pyproject.toml', 'fix(sdk): handle an empty body')
    const rc2 = run(repos, { command: 'bump', component: 'sdk', version: 'auto', 'dry-run': 'true' })
    expect(rc2.status).toBe(0)
    expect(rc2.outputs.version).toBe('1.5.0rc2')
    commit(repos, 'packages/client-python/pyproject.toml', 'fix(sdk): last one\n\nRelease-As: 1.5.0')
    const final = run(repos, { command: 'bump', component: 'sdk', version: 'auto' })
    expect(final.outputs.version).toBe('1.5.0')
    expect(read(repos, 'packages/client-python/pyproject.toml')).toMatch(/^version = "1\.5\.0"/m)
  })

  test("an empty commit with Release-As (release-please's way) sets the next version of every group; a later fix goes on from it", () => {
    const repos = history()
    commit(repos, 'packages/client-python/pyproject.toml', 'fix(sdk): handle an empty body')
    repos.git(['commit', '-q', '--allow-empty', '-m', 'chore: release 2.5.0\n\nRelease-As: 2.5.0'])
    const all = run(repos, { command: 'bump', all: 'true', version: 'auto', 'dry-run': 'true' })
    expect(all.status).toBe(0)
    expect(all.stdout).toMatch(/platform: 2\.5\.0 \(Release-As: 2\.5\.0 \([0-9a-f]{7}\)/)
    expect(all.stdout).toMatch(/sdk: 2\.5\.0 \(Release-As: 2\.5\.0/)
    // an empty commit without the footer counts for no group
    const later = history()
    later.git(['commit', '-q', '--allow-empty', '-m', 'fix: nothing changed'])
    const none = run(later, { command: 'bump', component: 'sdk', version: 'auto', 'dry-run': 'true' })
    expect(none.stdout).toContain('bump: group sdk: no commit touched it since python-sdk-v1.4.0')
  })

  test('a release tag above the version in the files (a reverted release) is not the last release', () => {
    const repos = history()
    expect(runCli(['bump', 'platform', '3.0.0'], { cwd: repos.work, env: repos.env }).status).toBe(0)
    repos.git(['commit', '-q', '-am', 'chore: release 3.0.0'])
    repos.git(['tag', '-a', '-m', 'cli-v3.0.0', 'cli-v3.0.0'])
    repos.git(['revert', '--no-edit', 'HEAD'])
    commit(repos, 'cli/pyproject.toml', 'fix(cli): quote paths')
    const r = run(repos, { command: 'bump', component: 'platform', version: 'auto', 'dry-run': 'true' })
    expect(r.status).toBe(0)
    expect(r.outputs.version).toBe('2.0.1')
    expect(r.stdout).toContain('since cli-v2.0.0')
    // the changelog's comparison starts at that release too
    repos.git(['remote', 'set-url', 'origin', 'git@github.com:acme/dakora.git'])
    expect(run(repos, { command: 'bump', component: 'platform', version: 'auto' }).status).toBe(0)
    expect(read(repos, 'CHANGELOG.md')).toContain('## [2.0.1](https://github.com/acme/dakora/compare/cli-v2.0.0...cli-v2.0.1) - ')
  })

  test("release-please's keys in the config: below 1.0.0 a feat is a patch and a breaking change makes 1.0.0; a visible docs section releases a docs commit", () => {
    const config = (keys: string): string =>
      `${keys}[independent]\npackages = ["p/*"]\ntag = "{name}-v{version}"\ntests = "skip"\nchangelog-write = false\n`
    const pkg = (name: string): string => `[project]\nname = "${name}"\nversion = "0.3.0"\n`
    const source = writeTree(tempDir('pyship-pre-major-'), {
      '.github/pyship.toml': config(
        'bump-minor-pre-major = false\nbump-patch-for-minor-pre-major = true\nchangelog-sections = [\n  { type = "feat", section = "Features" },\n  { type = "fix", section = "Bug Fixes" },\n  { type = "docs", section = "Documentation", hidden = false },\n]\n\n'
      ),
      'p/a/pyproject.toml': pkg('a'),
      'p/b/pyproject.toml': pkg('b'),
      'p/c/pyproject.toml': pkg('c')
    })
    const repos = makeRepos(source)
    made.push(repos)
    for (const tag of ['a-v0.3.0', 'b-v0.3.0', 'c-v0.3.0']) repos.git(['tag', '-a', '-m', tag, tag])
    commit(repos, 'p/a/pyproject.toml', 'feat(a): an option')
    commit(repos, 'p/b/pyproject.toml', 'feat(b)!: a new API')
    commit(repos, 'p/c/pyproject.toml', 'docs(c): a guide')
    const keys = run(repos, { command: 'bump', all: 'true', version: 'auto', 'dry-run': 'true' })
    expect(keys.status).toBe(0)
    expect(keys.stdout).toContain('a: 0.3.1 (minor from')
    expect(keys.stdout).toContain('b: 1.0.0 (major from')
    // a visible docs section makes a docs commit releasable, as in release-please
    expect(keys.stdout).toContain('c: 0.3.1 (patch from')
    // without the keys: SPEC's default (a feat minor, a breaking change minor below 1.0.0)
    writeFileSync(path.join(repos.work, '.github/pyship.toml'), config(''))
    const defaults = run(repos, { command: 'bump', all: 'true', version: 'auto', 'dry-run': 'true' })
    expect(defaults.stdout).toContain('a: 0.4.0 (minor from')
    expect(defaults.stdout).toContain('b: 0.4.0 (major from')
    expect(defaults.stdout).toContain('group c: none of its 1 commit is releasable (only feat, perf, fix or a breaking change are)')
  })

  test('bump auto outside a git repository is E_INPUT with the hint', () => {
    const repos = history()
    repos.git(['init', '-q', '--bare', path.join(repos.root, 'x.git')], repos.root)
    const r = runCli(['bump', 'sdk', 'auto'], { cwd: repos.work, env: { ...repos.env, GIT_DIR: path.join(repos.root, 'nothing') } })
    expect(r.status).toBe(2)
    expect(r.stderr + r.stdout).toContain('E_INPUT')
  })
})

describe('§11 changelog', () => {
  test('bump --all auto writes each section at the top, grouped and linked, byte-exact elsewhere; release notes read it', () => {
    const { repos, sha } = mixedHistory()
    repos.git(['remote', 'set-url', 'origin', 'git@github.com:acme/dakora.git'])
    const rootBefore = read(repos, 'CHANGELOG.md')
    const sdkBefore = read(repos, 'packages/client-python/CHANGELOG.md')
    expect(runCli(['bump', '--all', 'auto'], { cwd: repos.work, env: repos.env }).status).toBe(0)
    const url = 'https://github.com/acme/dakora'
    const platform = [
      `## [3.0.0](${url}/compare/cli-v2.0.0...cli-v3.0.0) - ${TODAY}`,
      '',
      '### Breaking changes',
      '',
      `- **server:** drop the v1 API ([${sha.breaking.slice(0, 7)}](${url}/commit/${sha.breaking}))`,
      '',
      '### Fixed',
      '',
      `- **cli:** quote paths ([#12](${url}/pull/12)) ([${sha.cliFix.slice(0, 7)}](${url}/commit/${sha.cliFix}))`,
      '',
      ''
    ].join('\n')
    expect(read(repos, 'CHANGELOG.md')).toBe(
      rootBefore
        .replace('## [2.0.0] - 2026-11-01', `${platform}## [2.0.0] - 2026-11-01`)
        .replace('compare/cli-v2.0.0...HEAD', 'compare/cli-v3.0.0...HEAD')
    )
    const sdk = [
      `## [1.4.1](${url}/compare/python-sdk-v1.4.0...python-sdk-v1.4.1) - ${TODAY}`,
      '',
      '### Fixed',
      '',
      `- **sdk:** retry on timeouts ([#7](${url}/pull/7)) ([${sha.sdkFix.slice(0, 7)}](${url}/commit/${sha.sdkFix}))`,
      '',
      ''
    ].join('\n')
    // Keep a Changelog's [Unreleased] comparison (at the file's end) now starts at the new tag
    expect(read(repos, 'packages/client-python/CHANGELOG.md')).toBe(
      sdkBefore.replace('## [1.4.0]', `${sdk}## [1.4.0]`).replace('compare/python-sdk-v1.4.0...HEAD', 'compare/python-sdk-v1.4.1...HEAD')
    )
    // release's notes are that section (src/release/changelog.ts reads it back)
    expect(changelogSection(read(repos, 'packages/client-python/CHANGELOG.md'), '1.4.1')).toBe(sdk.split('\n').slice(2).join('\n').trim())
    expect(changelogSection(read(repos, 'CHANGELOG.md'), '3.0.0')).toBe(platform.split('\n').slice(2).join('\n').trim())
    // a second run changes nothing
    const again = runCli(['bump', '--all', 'auto'], { cwd: repos.work, env: repos.env })
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('bump --all auto: no group to bump')
  })

  test('a changelog is created when the target has none; changelog-write = false leaves the project its own', () => {
    const repos = history()
    repos.git(['rm', '-q', 'packages/client-python/CHANGELOG.md', 'CHANGELOG.md'])
    repos.git(['commit', '-q', '-m', 'chore: no changelogs'])
    commit(repos, 'packages/client-python/pyproject.toml', 'feat(sdk): pagination')
    const r = run(repos, { command: 'bump', component: 'sdk', version: 'auto' })
    expect(r.status).toBe(0)
    expect(r.outputs.version).toBe('1.5.0')
    expect(read(repos, 'packages/client-python/CHANGELOG.md')).toMatch(
      /^# Changelog\n[^]*\n## \[1\.5\.0\] - \d{4}-\d\d-\d\d\n\n### Added\n\n- \*\*sdk:\*\* pagination \([0-9a-f]{7}\)\n$/
    )
    repos.git(['checkout', '-q', '--', '.'])
    repos.git(['clean', '-qfd'])
    appendFileSync(
      path.join(repos.work, 'pyproject.toml'),
      '\n[tool.pyship.groups.sdk]\npackages = ["packages/client-python"]\n\n[tool.pyship.targets.sdk]\ngroup = "sdk"\nkind = "pypi"\ntag = "python-sdk-v{version}"\nchangelog-write = false\n'
    )
    repos.git(['commit', '-q', '-am', 'chore: config'])
    const own = run(repos, { command: 'bump', component: 'sdk', version: 'auto' })
    expect(own.status).toBe(0)
    expect(own.outputs.version).toBe('1.5.0')
    expect(existsSync(path.join(repos.work, 'packages/client-python/CHANGELOG.md'))).toBe(false)
    expect(own.stdout).toContain('sdk: changelog-write = false, its changelog is left to the project')
  })
})
