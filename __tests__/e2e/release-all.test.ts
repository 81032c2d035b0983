/**
 * A release of every changed group at once (SPEC §11 "One tag for many packages"), through the
 * bundled action on a generated uv workspace (a core package and four integrations, each its own
 * group) in real git with real build and twine, against the PyPI and GitHub stand-ins — fanned
 * out (a build job per entry of `plan --all`) and not: with
 * `[release] tag = "v{date}"` one run publishes every changed package under ONE tag and ONE
 * GitHub Release listing them all; a re-run changes nothing; a later release the same day takes
 * `.2` and holds only what changed since; nothing changed publishes nothing.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { INDEPENDENT_CONFIG, nameOf, dirOf, versionOf, writeIndependentRepo } from '../../__fixtures__/independent-repo.js'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { removeTempDirs, tempDir } from '../../__fixtures__/tree.js'
import { errors, startWorld, type World } from '../../__fixtures__/world.js'
import { lockMessage, originTagCommits } from '../../__fixtures__/git.js'

const COUNT = 4
const CONFIG = `${INDEPENDENT_CONFIG}\n[release]\ntag = "v{date}"\n`

describeWithTools(['git', 'build', 'twine', 'hatchling'], 'a release of every changed group under one tag', () => {
  let world: World
  beforeAll(async () => {
    const source = writeIndependentRepo(tempDir('pyship-release-all-'), COUNT, CONFIG)
    // the core gets a README, as twine check --strict wants of a published package
    const core = path.join(source, 'core/pyproject.toml')
    writeFileSync(core, readFileSync(core, 'utf8').replace('version = "2.1.0"\n', 'version = "2.1.0"\nreadme = "README.md"\n'))
    writeFileSync(path.join(source, 'core/README.md'), '# acme-core\n')
    world = await startWorld({ source })
  })
  afterAll(async () => {
    await world.close()
    removeTempDirs()
  })

  const all = (inputs: Record<string, string> = {}) => world.action('release', '', { inputs: { all: 'true', ...inputs } })
  /** tag → commit on the bare origin. */
  const remoteTags = (): Record<string, string> => originTagCommits(world.repos)
  const uploaded = (): string[] =>
    world.pypi.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/legacy') && r.status === 200).map((r) => r.filename ?? '')
  /** The UTC date of HEAD's commit, as `{date}` spells it. */
  const day = (): string => {
    const d = new Date(Number(world.repos.git(['show', '-s', '--format=%ct', 'HEAD'])) * 1000)
    return `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${String(d.getUTCDate()).padStart(2, '0')}`
  }
  const commit = (file: string, message: string): string => {
    appendFileSync(path.join(world.repos.work, file), `\n# ${message}\n`)
    world.repos.git(['commit', '-q', '-am', message])
    world.repos.git(['push', '-q', 'origin', 'main'])
    return world.repos.head()
  }

  test('plan --all: every group never released is in the matrix, each entry naming its own group and version', async () => {
    const run = await world.action('plan', '', { inputs: { all: 'true' } })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(JSON.parse(run.outputs.tags)).toEqual([`v${day()}`])
    const matrix = JSON.parse(run.outputs.matrix) as { include: { component: string; version: string; package: string }[] }
    expect(matrix.include.map((e) => [e.component, e.version, e.package])).toEqual([
      ['core', '2.1.0', 'core'],
      ...Array.from({ length: COUNT }, (_, i) => [nameOf(i), versionOf(i), dirOf(i)])
    ])
    expect(run.summary).toContain('group acme-p002')
  })

  test('fanned out (plan --all, a build job per entry, release --all from dist-dir): every package published, one annotated tag, one GitHub Release listing each group with its version', async () => {
    const sha = world.repos.head()
    const tag = `v${day()}`
    const plan = await world.action('plan', '', { inputs: { all: 'true' } })
    const scratch = tempDir('pyship-release-all-dist-')
    const entries = (JSON.parse(plan.outputs.matrix) as { include: object[] }).include
    for (const [i, entry] of entries.entries()) {
      const build = await world.action('build', '', {
        inputs: { 'matrix-entry': JSON.stringify(entry), 'dist-dir': path.join(scratch, `dist-${i}`) }
      })
      expect(errors(build)).toEqual([])
    }
    const run = await all({ 'dist-dir': scratch })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(JSON.parse(run.outputs.tags)).toEqual([tag])
    expect(run.outputs.released).toBe('true')
    expect(uploaded().sort()).toEqual(
      [
        'acme_core-2.1.0-py3-none-any.whl',
        'acme_core-2.1.0.tar.gz',
        ...Array.from({ length: COUNT }, (_, i) => [
          `acme_p${String(i).padStart(3, '0')}-${versionOf(i)}-py3-none-any.whl`,
          `acme_p${String(i).padStart(3, '0')}-${versionOf(i)}.tar.gz`
        ]).flat()
      ].sort()
    )
    // one tag: the groups' own templates made none
    expect(remoteTags()).toEqual({ [tag]: sha })
    expect(world.github.releases).toHaveLength(1)
    const [rel] = world.github.releases
    expect(rel).toMatchObject({ tag_name: tag, name: tag, target_commitish: sha, draft: false, prerelease: false })
    for (let i = 0; i < COUNT; i++) expect(rel.body).toContain(`## ${nameOf(i)} ${versionOf(i)}\n\n- ${nameOf(i)}`)
    expect(rel.body).toContain('## core 2.1.0\n\n- acme-core')
    // no group has a changelog section: GitHub's generated notes follow the lists
    expect(rel.body).toContain(`**Full Changelog**: `)
    expect(world.github.latestReleaseId).toBe(rel.id)
    expect(world.github.violations).toEqual([])
  })

  test('verify with all: the last release-level tag, every group at the version its message lists', async () => {
    const run = await world.action('verify', '', { inputs: { all: 'true' } })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(JSON.parse(run.outputs.tags)).toEqual([`v${day()}`])
    expect(run.summary).toContain(`${nameOf(2)} ${versionOf(2)} on the index`)
    expect(run.summary).toContain(`tag v${day()} on origin`)
    expect(run.stdout).toMatch(/verify: v\d{4}\.\d\d\.\d\d — all \d+ checks passed/)
  })

  test('a re-run of the released commit changes nothing and succeeds', async () => {
    const before = uploaded().length
    const run = await all()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(run.outputs.released).toBe('false')
    expect(run.stdout).toContain(`release: v${day()} already released`)
    expect(uploaded()).toHaveLength(before)
    expect(world.github.releases).toHaveLength(1)
  })

  test("later that day: only the changed package, under the day's second tag; its changelog section is the notes", async () => {
    const first = `v${day()}`
    const firstSha = remoteTags()[first]
    const pyproject = path.join(world.repos.work, dirOf(1), 'pyproject.toml')
    writeFileSync(pyproject, readFileSync(pyproject, 'utf8').replace(`version = "${versionOf(1)}"`, 'version = "1.1.1"'))
    writeFileSync(path.join(world.repos.work, dirOf(1), 'CHANGELOG.md'), '# Changelog\n\n## [1.1.1]\n\n- Fixed the retry.\n')
    world.repos.git(['add', '-A'])
    commit(`${dirOf(1)}/README.md`, 'fix(p001): the retry')
    // p002 changed too, without a bump: its version is still the one the first tag shipped
    const sha = commit(`${dirOf(2)}/README.md`, 'docs(p002): a word')
    const before = uploaded().length
    // `release acme-p001 1.1.1` of another commit is running: it holds that group's own tag's lock,
    // which the release-level release takes too, so this run stops before anything is built
    const own = `refs/pyship/locks/integrations/p001-v1.1.1`
    const holder = lockMessage('integrations/p001-v1.1.1', firstSha, { since: '2026-12-04T10:00:00.000Z' })
    world.repos.git(
      ['update-ref', own, world.repos.git(['commit-tree', `${firstSha}^{tree}`, '-p', firstSha, '-m', holder], world.repos.bare)],
      world.repos.bare
    )
    for (const inputs of [{ 'dry-run': 'true' }, {}] as Record<string, string>[]) {
      const stopped = await all(inputs)
      expect(stopped.status).toBe(1)
      expect(errors(stopped)).toEqual([
        `E_RELEASE_IN_PROGRESS another run is releasing integrations/p001-v1.1.1: workflow run https://github.com/acme/dakora/actions/runs/42, commit ${firstSha.slice(0, 12)}, since 2026-12-04T10:00:00.000Z (it is releasing commit ${firstSha.slice(0, 12)}, not ${sha.slice(0, 12)})`
      ])
      const steps = JSON.parse(stopped.outputs.plan).steps.map((s: { step: string; status: string }) => `${s.step}: ${s.status}`)
      expect(steps.slice(0, 3)).toEqual(['plan: done', 'preflight: failed', 'lock: not run'])
    }
    expect(uploaded()).toHaveLength(before)
    expect(world.github.releases.map((r) => r.tag_name)).toEqual([first])
    world.repos.git(['update-ref', '-d', own], world.repos.bare)
    const run = await all()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    const second = `${first}.2`
    expect(JSON.parse(run.outputs.tags)).toEqual([second])
    expect(uploaded().slice(before).sort()).toEqual(['acme_p001-1.1.1-py3-none-any.whl', 'acme_p001-1.1.1.tar.gz'])
    expect(remoteTags()).toEqual({ [first]: firstSha, [second]: sha })
    const rel = world.github.releases.find((r) => r.tag_name === second)
    expect(rel?.body).toBe(`## ${nameOf(1)} 1.1.1\n\n- Fixed the retry.`)
    expect(run.stdout).toContain(`skipped ${nameOf(0)}: nothing under its packages changed since ${first}`)
    expect(run.stdout).toContain(
      `skipped ${nameOf(2)}: 1 file changed since ${first}, but its version ${versionOf(2)} is the one ${first} released: bump it first`
    )
    // each tag's message is the ledger of what it released
    const message = (tag: string): string => world.repos.git(['for-each-ref', '--format=%(contents)', `refs/tags/${tag}`], world.repos.bare)
    expect(message(second)).toBe(`${second}\n\n${nameOf(1)} 1.1.1`)
    expect(message(first)).toContain(`\ncore 2.1.0\n${nameOf(0)} ${versionOf(0)}\n`)
    expect(world.github.latestReleaseId).toBe(rel?.id)
  })

  test('nothing changed since the last release: nothing published, exit 0, said', async () => {
    const before = uploaded().length
    commit('pyproject.toml', 'chore: the workspace only')
    const run = await all()
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('release: no group changed since its last release: nothing to publish')
    expect(run.outputs.released).toBe('false')
    expect(uploaded()).toHaveLength(before)
  })

  test('bump auto after a release-level tag: from the version that tag shipped, with the commits since', () => {
    commit(`${dirOf(3)}/README.md`, 'feat(p003): a new option')
    const run = world.cli(['bump', nameOf(3), 'auto', '--dry-run'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(`${nameOf(3)}: 1.4.0 (minor from`)
  })

  test('verify with all and no release-level tag in the config is E_INPUT with its hint', async () => {
    const config = path.join(world.repos.work, '.github/pyship.toml')
    writeFileSync(config, INDEPENDENT_CONFIG)
    const run = await world.action('verify', '', { inputs: { all: 'true' } })
    expect(errors(run).join('\n')).toContain(
      'E_INPUT verify with `all` verifies a release-level tag, and the config has no [tool.pyship.release] tag'
    )
    world.repos.git(['checkout', '--', '.github/pyship.toml'])
  })

  test("rollback with all: the release-level tag's release and each group it lists at its own version, the tag last; then it is gone", async () => {
    const first = `v${day()}`
    const second = `${first}.2`
    const kept = remoteTags()[first]
    const secondSha = remoteTags()[second]
    // without a version: rollback never guesses which release is bad, and says how to name one
    const unnamed = await world.action('rollback', '', { inputs: { all: 'true' } })
    expect(errors(unnamed)).toEqual(['E_INPUT rollback needs an explicit version: the released version to roll back'])
    expect(unnamed.stdout).toContain("with `all`, the release-level tag's version, e.g. `pyship rollback --all 2026.12.04`")
    // a checkout without the tag: its message (what it released) is read from origin
    world.repos.git(['tag', '-d', second])
    const rollback = () => world.action('rollback', '', { inputs: { all: 'true', version: `${day()}.2` } })
    const run = await rollback()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(`rollback of ${second}: 3 done, 0 already done`)
    // its name was chosen by pyship: origin keeps it (at the commit it tagged), so no later release takes it
    expect(world.repos.git(['rev-parse', `refs/pyship/retired/${second}`], world.repos.bare)).toBe(secondSha)
    expect(run.stdout).toContain(`::notice::the next release-level release that day takes the next free tag, never ${second} again`)
    expect(run.stdout).toContain(`::notice::yank or delete ${nameOf(1)} 1.1.1 with the tools of the index at`)
    // the table, in the order done: the package of the group at its own version, then the release and the tag
    const yank = run.summary.indexOf(`yank ${nameOf(1)} 1.1.1 on the index`)
    expect(yank).toBeGreaterThan(0)
    expect(yank).toBeLessThan(run.summary.indexOf(`delete GitHub release ${second}`))
    expect(run.summary.indexOf(`delete GitHub release ${second}`)).toBeLessThan(run.summary.indexOf(`delete tag ${second} on origin`))
    expect(remoteTags()).toEqual(expect.objectContaining({ [first]: kept }))
    expect(Object.keys(remoteTags())).not.toContain(second)
    expect(world.github.releases.map((r) => r.tag_name)).toEqual([first])
    const again = await rollback()
    expect(again.status).toBe(1)
    expect(errors(again)).toEqual([
      `E_INPUT rollback: no release-level tag ${second} here or on origin: it was never released, or a rollback of it already finished (its tag goes last)`
    ])
    expect(again.stdout).toContain(`the last release-level tags are ${day()} (newest first)`)
  })

  test('the fix released later that day takes the next free tag, never the rolled-back one', async () => {
    const first = `v${day()}`
    const bump = world.cli(['bump', nameOf(1), '1.1.2'])
    expect(bump.status).toBe(0)
    world.repos.git(['commit', '-q', '-am', `fix(${nameOf(1)}): the fix`])
    world.repos.git(['push', '-q', 'origin', 'main'])
    const run = await all()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(JSON.parse(run.outputs.tags)).toEqual([`${first}.3`])
    expect(Object.keys(remoteTags()).sort()).toEqual([first, `${first}.3`])
    expect(world.github.releases.map((r) => r.tag_name)).toEqual([first, `${first}.3`])
  })

  test('all with a component or a version is E_INPUT, and nothing runs', async () => {
    for (const inputs of [{ component: 'core' }, { version: '1.0.0' }] as Record<string, string>[]) {
      const run = await all(inputs)
      expect(run.status).toBe(1)
      expect(errors(run).join('\n')).toMatch(/E_INPUT.*all = true exclude each other/)
    }
  })
})
