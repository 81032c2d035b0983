/**
 * hotfix (SPEC §4): from a target's release tag on origin, `hotfix/<tag>` is created, the
 * target's group bumped to the next PATCH version, committed and pushed; a dry run, a dirty tree,
 * a tag origin lacks and a branch that already exists change nothing. Real git, a bare origin,
 * the example monorepo (group platform: cli and server at 2.0.0, tags `cli-v{version}`).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { hotfix } from '../../src/commands/hotfix.js'
import { PyshipError } from '../../src/errors.js'
import type { Inputs } from '../../src/inputs.js'
import { makeRepos, type GitRepos } from '../../__fixtures__/git.js'
import { testRunner } from '../../__fixtures__/test-state.js'

let repos: GitRepos
beforeAll(() => {
  repos = makeRepos('examples/dakora')
  repos.git(['tag', '-a', 'cli-v2.0.0', '-m', 'cli-v2.0.0'])
  repos.git(['push', '-q', 'origin', 'cli-v2.0.0'])
  // main moves on to the next minor: the hotfix starts from the tag, not from main
  for (const file of ['cli/pyproject.toml', 'server/pyproject.toml']) {
    const abs = path.join(repos.work, file)
    writeFileSync(abs, readFileSync(abs, 'utf8').replace('version = "2.0.0"', 'version = "2.1.0"'))
  }
  repos.git(['commit', '-q', '-am', 'feat: 2.1.0'])
  repos.git(['push', '-q', 'origin', 'main'])
})
afterAll(() => repos.remove())

const run = (version: string, more: Partial<Inputs> = {}) =>
  hotfix(
    {
      command: 'hotfix',
      component: 'cli',
      version,
      dryRun: false,
      config: '',
      workingDirectory: repos.work,
      repositoryRoot: repos.work,
      ...more
    } as Inputs,
    testRunner({ env: { PATH: process.env.PATH ?? '' } })
  )
const failure = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no error',
    (e: unknown) => (e instanceof PyshipError ? `${e.code} ${e.message}` : String(e))
  )
const originBranches = (): string => repos.git(['ls-remote', '--heads', 'origin'])

describe('hotfix', () => {
  test('a dry run says what it would do and changes nothing', async () => {
    const r = await run('cli-v2.0.0', { dryRun: true })
    expect(r.headline).toBe(
      'hotfix (dry run): would create hotfix/cli-v2.0.0 from cli-v2.0.0, bump group platform to the next patch version, commit and push; nothing changed'
    )
    expect(originBranches()).not.toContain('hotfix/')
    expect(repos.git(['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('main')
  })

  test.each([
    ['a version origin has no tag of', '1.9.0', 'E_INPUT origin has no tag cli-v1.9.0: a hotfix starts from a released version'],
    ['no version', '', 'E_INPUT hotfix needs the released version to fix (version, or --from <tag>), e.g. cli-v2.0.0']
  ])('%s: %s', async (_what, version, said) => {
    expect(await failure(run(version))).toBe(said)
    expect(originBranches()).not.toContain('hotfix/')
  })

  test('a dirty tree is refused before anything is made', async () => {
    const readme = path.join(repos.work, 'README.md')
    const before = readFileSync(readme, 'utf8')
    writeFileSync(readme, `${before}\nlocal edit\n`)
    try {
      expect(await failure(run('2.0.0'))).toBe('E_DIRTY_TREE the work tree has uncommitted changes: README.md')
    } finally {
      writeFileSync(readme, before)
    }
    expect(originBranches()).not.toContain('hotfix/')
  })

  test('from the tag (given as a version): hotfix/<tag> with the group at the next patch version, committed and pushed', async () => {
    const r = await run('2.0.0')
    expect(r.problems).toEqual([])
    expect(r.headline).toMatch(
      /^hotfix: hotfix\/cli-v2\.0\.0 created from cli-v2\.0\.0; group platform bumped to 2\.0\.1 \([0-9a-f]{12}\) and pushed$/
    )
    expect(r.outputs).toEqual({ version: '2.0.1', tags: '["cli-v2.0.1"]' })
    expect(repos.git(['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('hotfix/cli-v2.0.0')
    // on origin: the branch, one commit on top of the tag, with both packages at 2.0.1
    const tip = repos.git(['rev-parse', 'refs/heads/hotfix/cli-v2.0.0'], repos.bare)
    expect(repos.git(['rev-parse', `${tip}^`], repos.bare)).toBe(repos.git(['rev-parse', 'cli-v2.0.0^{commit}'], repos.bare))
    expect(repos.git(['log', '-1', '--format=%s', tip], repos.bare)).toBe('chore: hotfix platform 2.0.1 (from cli-v2.0.0)')
    for (const file of ['cli/pyproject.toml', 'server/pyproject.toml'])
      expect(repos.git(['show', `${tip}:${file}`], repos.bare)).toMatch(/^version = "2\.0\.1"/m)
    expect(repos.git(['status', '--porcelain'])).toBe('')
  })

  test('a branch already on origin: nothing to do, and how to check it out', async () => {
    repos.git(['checkout', '-q', 'main'])
    const r = await run('cli-v2.0.0')
    expect(r.headline).toBe('hotfix: hotfix/cli-v2.0.0 already exists on origin; nothing to do')
    expect(r.nextSteps).toEqual(['git fetch origin hotfix/cli-v2.0.0 && git checkout hotfix/cli-v2.0.0'])
    expect(repos.git(['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('main')
  })
})
