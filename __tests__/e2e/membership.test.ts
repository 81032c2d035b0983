/**
 * What belongs to the monorepo (SPEC §1), through the bundle on `__fixtures__/repos/membership`:
 * `exclude` leaves fixtures, templates and examples out; an `external = true` package's pins are
 * neither flagged nor rewritten; a released package the uv workspace does not list is checked
 * when a group holds it and named when none does; waivers accept a known problem of one code in
 * one package, shown with its reason in every summary, a stale one reported.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { appendFileSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { runAction, runCli, type ActionRun } from '../../__fixtures__/action.js'
import { makeRepos, type GitRepos } from '../../__fixtures__/git.js'
import { editFile, readText, removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

const made: GitRepos[] = []
afterEach(() => {
  made.splice(0).forEach((r) => r.remove())
  removeTempDirs()
})

function repo(): GitRepos {
  const r = makeRepos('__fixtures__/repos/membership')
  made.push(r)
  return r
}
const errors = (run: ActionRun): string[] =>
  run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => `${a.properties.title} ${a.properties.file ?? ''}:${a.properties.line ?? ''}`)
    .sort()
const notices = (run: ActionRun): string[] => run.annotations.filter((a) => a.level === 'notice').map((a) => a.message)
const json = (cwd: string, env: Record<string, string>, args: string[] = []): Record<string, unknown> => {
  const run = runCli(['check', '--json', ...args], { cwd, env })
  return JSON.parse(run.stdout) as Record<string, unknown>
}

const NOT_IN_WORKSPACE =
  'not checked: 1 package is in no group and not in the uv workspace: contrib/exporter (acme-exporter) (add it to a group to check it, or to `exclude` if it is not part of the monorepo)'
const EXTERNAL =
  'not checked: 1 package is external (consumed from the index; pins onto it and from it are left as they are): packages/legacy-client (acme-legacy-client)'
const EXCLUDED =
  'excluded: 3 package directories by `exclude` (never checked, bumped or released): examples/quickstart, templates/plugin-template, tests/fixtures/old-core'

describe('what belongs to the monorepo', () => {
  test('check is green: excluded fixtures, an external package and a stray are named, in the summary, the log and --json', () => {
    const r = repo()
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(run.stderr).toBe('')
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(run.outputs.problems).toBe('[]')
    expect(run.stdout).toContain('check: 3 packages: 3 static (1 group), versions consistent')
    expect(notices(run)).toEqual([NOT_IN_WORKSPACE, EXTERNAL, EXCLUDED])
    // the job summary: the packages checked (tools/cli, outside the workspace, among them), and every one not checked
    expect(run.summary).toContain('<tr><td>acme-cli</td><td>tools/cli/pyproject.toml</td><td>2.1.0</td><td>acme</td></tr>')
    expect(run.summary).toContain('contrib/exporter (acme-exporter)')
    expect(run.summary).toContain('packages/legacy-client (acme-legacy-client)')
    expect(run.summary).toContain('excluded: 3 package directories by <code>exclude</code>')
    const out = json(r.work, r.env)
    expect(out.ok).toBe(true)
    expect(out.unchecked).toEqual([
      { dir: 'packages/legacy-client', file: 'packages/legacy-client/pyproject.toml', name: 'acme-legacy-client', reason: 'external' },
      { dir: 'contrib/exporter', file: 'contrib/exporter/pyproject.toml', name: 'acme-exporter', reason: 'outside' }
    ])
    expect(out.excluded).toEqual(['examples/quickstart', 'templates/plugin-template', 'tests/fixtures/old-core'])
    const cli = runCli(['check'], { cwd: r.work, env: r.env })
    expect(cli.stdout).toContain(`notice: ${NOT_IN_WORKSPACE}\nnotice: ${EXTERNAL}\nnotice: ${EXCLUDED}\n`)
  })

  test('a package git does not track is not named; a tracked one in a directory nothing names is', () => {
    const r = repo()
    writeTree(r.work, { 'scratch/pyproject.toml': '[project]\nname = "scratch"\nversion = "0.0.1"\n' })
    expect(notices(runAction({ command: 'check' }, { workspace: r.work, env: r.env }))).toEqual([NOT_IN_WORKSPACE, EXTERNAL, EXCLUDED])
    r.git(['add', 'scratch'])
    expect(notices(runAction({ command: 'check' }, { workspace: r.work, env: r.env }))[0]).toBe(
      'not checked: 2 packages are in no group and not in the uv workspace: contrib/exporter (acme-exporter), scratch (scratch) (add them to a group to check them, or to `exclude` if they are not part of the monorepo)'
    )
  })

  test.each<[string, [string, string, string][], string[]]>([
    [
      'without exclude, the example pinning an old core turns the gate red',
      [['pyproject.toml', 'exclude = [', '# exclude = [']],
      ['E_PIN_EXCLUDES examples/quickstart/pyproject.toml:4']
    ],
    [
      'without external = true, the legacy client pinning the published core is in the group, flagged',
      [['pyproject.toml', 'external = true', 'external = false']],
      ['E_PIN_EXCLUDES packages/legacy-client/pyproject.toml:5', 'E_VERSION_MISMATCH packages/legacy-client/pyproject.toml:3']
    ],
    [
      'a pin onto the external package that excludes its version is not flagged; the same pin from a checked package onto a checked one is',
      [['tools/cli/pyproject.toml', '"acme-legacy-client>=0.9"', '"acme-legacy-client>=5", "acme-plugin>=5"']],
      ['E_PIN_EXCLUDES tools/cli/pyproject.toml:6']
    ],
    [
      'a group member outside the uv workspace is checked: its pin and its version',
      [
        ['tools/cli/pyproject.toml', '"acme-core==2.1.0"', '"acme-core==2.0.0"'],
        ['tools/cli/pyproject.toml', 'version = "2.1.0"', 'version = "2.1.1"']
      ],
      ['E_PIN_EXCLUDES tools/cli/pyproject.toml:5', 'E_VERSION_MISMATCH tools/cli/pyproject.toml:3']
    ],
    [
      'a stray package is not checked: its pin onto an old core is not flagged',
      [['contrib/exporter/pyproject.toml', '"acme-core~=1.0"', '"acme-core==0.1"']],
      []
    ]
  ])('%s', (_title, edits, expected) => {
    const r = repo()
    for (const [file, from, to] of edits) editFile(r.work, file, from, to)
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(errors(run)).toEqual(expected)
    expect(run.status).toBe(expected.length ? 1 : 0)
  })

  test('bump of the group never edits the external package and says which pin it left; the rest follows', () => {
    const r = repo()
    const before = {
      legacy: readText(r.work, 'packages/legacy-client/pyproject.toml'),
      exporter: readText(r.work, 'contrib/exporter/pyproject.toml'),
      quickstart: readText(r.work, 'examples/quickstart/pyproject.toml')
    }
    const run = runCli(['bump', 'acme', '3.0.0'], { cwd: r.work, env: r.env })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(
      'notice: packages/legacy-client/pyproject.toml:5: left "acme-core==1.4.2" (dependencies) as it is, although it excludes acme-core 3.0.0: acme-legacy-client is external (consumed from the index)'
    )
    expect(readText(r.work, 'packages/legacy-client/pyproject.toml')).toBe(before.legacy)
    expect(readText(r.work, 'contrib/exporter/pyproject.toml')).toBe(before.exporter)
    expect(readText(r.work, 'examples/quickstart/pyproject.toml')).toBe(before.quickstart)
    expect(readText(r.work, 'tools/cli/pyproject.toml')).toContain('"acme-core==3.0.0",\n    "acme-legacy-client>=0.9",')
    expect(readText(r.work, 'packages/plugin/pyproject.toml')).toContain('"acme-core>=3.0,<4",')
    const lock = readText(r.work, 'uv.lock')
    expect(lock).toContain('name = "acme-legacy-client"\nversion = "0.9.0"')
    expect(lock).toContain('requires-dist = [{ name = "acme-core", specifier = "==1.4.2" }]')
    expect(lock).toContain('name = "acme-core"\nversion = "3.0.0"')
    expect(r.git(['diff', '--name-only']).split('\n').sort()).toEqual([
      'packages/core/pyproject.toml',
      'packages/plugin/pyproject.toml',
      'tools/cli/pyproject.toml',
      'uv.lock'
    ])
    expect(runCli(['check'], { cwd: r.work, env: r.env }).status).toBe(0)
  })
})

describe('waivers: a known problem accepted with a reason, never silently', () => {
  const WAIVE_CLI_PIN =
    '\n[[tool.pyship.waivers]]\npackage = "tools/cli"\ncode = "E_PIN_EXCLUDES"\nreason = "acme-cli 2.x ships against core 2.0 until the March release"\n'

  test('the waived problem passes the gate and is shown with its reason: annotation, summary, log, --json', () => {
    const r = repo()
    appendFileSync(path.join(r.work, 'pyproject.toml'), WAIVE_CLI_PIN)
    editFile(r.work, 'tools/cli/pyproject.toml', '"acme-core==2.1.0"', '"acme-core==2.0.0"')
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(run.outputs.problems).toBe('[]')
    const shown =
      'waived: tools/cli/pyproject.toml:5: E_PIN_EXCLUDES acme-cli requires "acme-core==2.0.0" (dependencies), which excludes acme-core 2.1.0 — reason: acme-cli 2.x ships against core 2.0 until the March release (waiver at pyproject.toml:16)'
    expect(notices(run)).toContain(shown)
    expect(run.stdout).toContain('check: 3 packages: 3 static (1 group), versions consistent; 1 problem waived')
    expect(run.summary).toContain('1 problem waived')
    expect(run.summary).toContain('reason: acme-cli 2.x ships against core 2.0 until the March release')
    const out = json(r.work, r.env)
    expect(out.ok).toBe(true)
    expect(out.waived).toEqual([
      {
        code: 'E_PIN_EXCLUDES',
        file: 'tools/cli/pyproject.toml',
        line: 5,
        message: 'acme-cli requires "acme-core==2.0.0" (dependencies), which excludes acme-core 2.1.0',
        package: 'tools/cli',
        reason: 'acme-cli 2.x ships against core 2.0 until the March release'
      }
    ])
    expect(runCli(['check'], { cwd: r.work, env: r.env }).stdout).toContain(`notice: ${shown}\n`)
  })

  test.each<[string, [string, string, string][], string[]]>([
    [
      'another code of the same package stays red',
      [['tools/cli/pyproject.toml', 'version = "2.1.0"', 'version = "2.0.9"']],
      ['E_VERSION_MISMATCH tools/cli/pyproject.toml:3']
    ],
    [
      'the same code in another package stays red',
      [['packages/plugin/pyproject.toml', '"acme-core>=2.1,<3"', '"acme-core>=2.2,<3"']],
      ['E_PIN_EXCLUDES packages/plugin/pyproject.toml:5']
    ]
  ])('%s', (_title, edits, expected) => {
    const r = repo()
    appendFileSync(path.join(r.work, 'pyproject.toml'), WAIVE_CLI_PIN)
    editFile(r.work, 'tools/cli/pyproject.toml', '"acme-core==2.1.0"', '"acme-core==2.0.0"')
    for (const [file, from, to] of edits) editFile(r.work, file, from, to)
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(errors(run)).toEqual(expected)
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('; 1 problem waived')
  })

  test('a waiver that matches nothing is reported as stale, and the gate stays green', () => {
    const r = repo()
    appendFileSync(path.join(r.work, 'pyproject.toml'), WAIVE_CLI_PIN)
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(run.status).toBe(0)
    expect(notices(run)).toContain(
      'pyproject.toml:16: stale waiver: E_PIN_EXCLUDES in tools/cli matches no problem; remove it from the config'
    )
    expect(run.summary).toContain('stale waiver: E_PIN_EXCLUDES in tools/cli matches no problem')
  })
})

describe('no uv workspace, a config with only exclude', () => {
  test('every tracked package but the excluded fixtures is checked, and the count said', () => {
    const root = writeTree(tempDir(), {
      'a/pyproject.toml': '[project]\nname = "a"\nversion = "1.0.0"\n',
      'b/pyproject.toml': '[project]\nname = "b"\nversion = "1.0.0"\ndependencies = ["a>=1"]\n',
      'tests/fixtures/old/pyproject.toml': '[project]\nname = "old"\nversion = "0.1"\ndependencies = ["a==0.1"]\n'
    })
    const r = makeRepos(root)
    made.push(r)
    const red = runCli(['check'], { cwd: r.work, env: r.env })
    expect(red.stdout).toContain('tests/fixtures/old/pyproject.toml:4: E_PIN_EXCLUDES')
    expect(red.status).toBe(1)
    writeTree(r.work, { '.github/pyship.toml': 'exclude = ["tests/fixtures/**"]\n' })
    const green = runCli(['check'], { cwd: r.work, env: r.env })
    expect(green.stdout).toContain(
      'notice: excluded: 1 package directory by `exclude` (never checked, bumped or released): tests/fixtures/old\n'
    )
    expect(green.stdout).toContain('check: 2 packages: 2 static (no groups configured), versions consistent')
    expect(green.status).toBe(0)
    expect(readFileSync(path.join(r.work, 'tests/fixtures/old/pyproject.toml'), 'utf8')).toContain('a==0.1')
    // no groups: bump asks for them, as without a config
    const bump = runCli(['bump', 'a', 'patch'], { cwd: r.work, env: r.env })
    expect(bump.status).toBe(1)
    expect(bump.stdout + bump.stderr).toContain('E_CONFIG bump needs groups')
  })
})

describe('the default layout only where it fits', () => {
  test('a repository with a server/ package but no cli/ has no config: every package checked, no group, no invented image', () => {
    const root = writeTree(tempDir(), {
      'server/pyproject.toml': '[project]\nname = "srv"\nversion = "1.0.0"\n',
      'server/Dockerfile': 'FROM scratch\n',
      'lib/pyproject.toml': '[project]\nname = "lib"\nversion = "2.0.0"\n'
    })
    const r = makeRepos(root)
    made.push(r)
    const check = runCli(['check', '--json'], { cwd: r.work, env: r.env })
    const out = JSON.parse(check.stdout) as { headline: string; table: { rows: string[][] } }
    expect(out.headline).toBe('check: 2 packages: 2 static (no groups configured), versions consistent')
    expect(out.table.rows).toEqual([
      ['lib', 'lib/pyproject.toml', '2.0.0', '—'],
      ['srv', 'server/pyproject.toml', '1.0.0', '—']
    ])
    const plan = runCli(['plan', 'docker'], { cwd: r.work, env: { ...r.env, GITHUB_REPOSITORY: 'acme/repo' } })
    expect(plan.status).toBe(2)
    expect(plan.stderr + plan.stdout).toContain(
      'E_INPUT component "docker" is not a target or group of this repository (no groups are configured)'
    )
  })
})
