/**
 * A hundred independently versioned packages configured by one `[independent]` table
 * (SPEC §1 "Many independent packages"), through the bundled action and CLI on a generated
 * repository in real git, against the PyPI and GitHub stand-ins: `check` reads them all,
 * `bump` of one package changes exactly it and the pins onto it, `plan` and `release`
 * work on one package as on an explicit target, with tags that contain `/`.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { dirOf, nameOf, versionOf, writeIndependentRepo } from '../../__fixtures__/independent-repo.js'
import { snapshotTree } from '../../__fixtures__/snapshot.js'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { removeTempDirs, tempDir } from '../../__fixtures__/tree.js'
import { errors, startWorld, type World } from '../../__fixtures__/world.js'
import { originTagCommits } from '../../__fixtures__/git.js'

const COUNT = 100

describeWithTools(['git', 'build', 'twine', 'hatchling'], 'a hundred independent packages in one table', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld({ source: writeIndependentRepo(tempDir('pyship-independent-'), COUNT) })
  })
  afterAll(async () => {
    await world.close()
    removeTempDirs()
  })

  const read = (file: string): string => readFileSync(path.join(world.repos.work, file), 'utf8')
  /** tag → commit on the bare origin. */
  const remoteTags = (): Record<string, string> => originTagCommits(world.repos)

  test('check: every package read, each its own group, in the summary and --json', async () => {
    const run = await world.action('check', '')
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(`check: ${COUNT + 1} packages: ${COUNT + 1} static (${COUNT + 1} groups), versions consistent`)
    expect(run.summary).toContain(
      `<td>${nameOf(42)}</td><td>${dirOf(42)}/pyproject.toml</td><td>${versionOf(42)}</td><td>${nameOf(42)}</td>`
    )
    const json = JSON.parse(world.cli(['check', '--json']).stdout) as { ok: boolean; table: { rows: string[][] } }
    expect(json.ok).toBe(true)
    expect(json.table.rows).toHaveLength(COUNT + 1)
    expect(json.table.rows).toContainEqual([nameOf(99), `${dirOf(99)}/pyproject.toml`, versionOf(99), nameOf(99)])
    // one package, by its project name in any PEP 503 spelling
    const one = world.cli(['check', 'ACME_P007', versionOf(7)])
    expect(one.status).toBe(0)
    expect(one.stdout).toContain('check: 1 package: 1 static (1 group), versions consistent')
  })

  test('bump one package minor: its version and the pin onto it change, byte for byte, nothing else', () => {
    const before = snapshotTree(world.repos.work)
    const original = { own: read(`${dirOf(40)}/pyproject.toml`), pinner: read(`${dirOf(41)}/pyproject.toml`) }
    const run = world.cli(['bump', 'acme-p040', 'minor'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('bump: group acme-p040 1.0.0 → 1.1.0: 2 changes in 2 files')
    const after = snapshotTree(world.repos.work)
    expect(Object.keys(after).filter((f) => after[f] !== before[f])).toEqual([`${dirOf(40)}/pyproject.toml`, `${dirOf(41)}/pyproject.toml`])
    expect(read(`${dirOf(40)}/pyproject.toml`)).toBe(original.own.replace('version = "1.0.0"  #', 'version = "1.1.0"  #'))
    expect(read(`${dirOf(41)}/pyproject.toml`)).toBe(original.pinner.replace('"acme-p040~=1.0.0",', '"acme-p040~=1.1.0",'))
    expect(world.cli(['check']).status).toBe(0)
    world.repos.git(['checkout', '-q', '--', '.'])
  })

  test('plan of one package: one build job, its tag with a "/"', async () => {
    const run = await world.action('plan', nameOf(42))
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(run.outputs.version).toBe(versionOf(42))
    expect(JSON.parse(run.outputs.tags)).toEqual([`integrations/p042-v${versionOf(42)}`])
    expect(JSON.parse(run.outputs.matrix)).toEqual({
      include: [
        {
          kind: 'package',
          name: `package ${nameOf(42)} ${versionOf(42)}`,
          component: nameOf(42),
          version: versionOf(42),
          target: nameOf(42),
          package: dirOf(42),
          runner: 'ubuntu-latest'
        }
      ]
    })
  })

  test('release --dry-run of one package: the steps it would run, nothing changes anywhere', async () => {
    const run = await world.action('release', nameOf(42), { inputs: { 'dry-run': 'true' } })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(run.outputs.released).toBe('false')
    const plan = JSON.parse(run.outputs.plan) as { steps: { step: string; status: string }[] }
    expect(plan.steps.filter((s) => s.status === 'would run').map((s) => s.step)).toEqual([
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
    expect(world.github.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(world.pypi.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(remoteTags()).toEqual({})
  })

  test('release of one package: its files, its tag with a "/" on origin, its release (not latest); a re-run finds it done', async () => {
    const sha = world.repos.head()
    const run = await world.action('release', 'acme_p042')
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(world.pypi.files.map((f) => f.filename).sort()).toEqual([
      `acme_p042-${versionOf(42)}-py3-none-any.whl`,
      `acme_p042-${versionOf(42)}.tar.gz`
    ])
    expect(remoteTags()).toEqual({ [`integrations/p042-v${versionOf(42)}`]: sha })
    expect(world.github.releases.map((r) => [r.tag_name, r.target_commitish, r.draft])).toEqual([
      [`integrations/p042-v${versionOf(42)}`, sha, false]
    ])
    expect(world.github.latestReleaseId).toBeNull()
    // the same release again: every step finds its work done on the remotes
    const again = await world.action('release', nameOf(42))
    expect(errors(again)).toEqual([])
    expect(again.status).toBe(0)
    expect(again.stdout).toContain(`integrations/p042-v${versionOf(42)} released from ${sha.slice(0, 12)} already`)
    expect(world.pypi.files).toHaveLength(2)
    expect(world.github.releases).toHaveLength(1)
    // verify reads what the tag template gives back
    const verify = await world.action('verify', nameOf(42))
    expect(errors(verify)).toEqual([])
    expect(verify.status).toBe(0)
  })

  test('hotfix from a tag holding a "/": its branch, the patch bump of that package alone, pushed', () => {
    const tag = `integrations/p042-v${versionOf(42)}`
    const hotfix = world.cli(['hotfix', 'ACME-P042', '--from', tag])
    expect(hotfix.stderr.split('\n').filter((l) => /^E_/.test(l))).toEqual([])
    expect(hotfix.status).toBe(0)
    expect(hotfix.stdout).toContain(`hotfix: hotfix/${tag} created from ${tag}; group acme-p042 bumped to 1.2.1`)
    expect(world.repos.git(['ls-remote', '--heads', 'origin'])).toContain(`refs/heads/hotfix/${tag}`)
    expect(world.repos.git(['show', '--stat', '--format=', 'HEAD']).trim()).toMatch(
      /^integrations\/p042\/pyproject\.toml \| 2 \+-\n 1 file changed/
    )
    world.repos.git(['checkout', '-q', 'main'])
  })
})
