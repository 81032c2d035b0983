/**
 * `check` and `bump` through the bundle on a monorepo whose versions live in other manifests
 * (`__fixtures__/repos/backends`, SPEC §1 "other manifests" and "declared"): maturin crates
 * (`version.workspace = true` and a crate's own `[package] version`) with their Cargo.lock
 * entries, hatch's `[version]` in a hatch.toml, two Poetry projects without `[project]`
 * (constraint and path dependencies), and a version the config declares. Exact annotations;
 * byte-exact bumps in SemVer spelling where Cargo needs it.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runAction, runCli, type ActionRun } from '../../__fixtures__/action.js'
import { makeRepos, type GitRepos } from '../../__fixtures__/git.js'
import { snapshotTree } from '../../__fixtures__/snapshot.js'

const made: GitRepos[] = []
afterEach(() => made.splice(0).forEach((r) => r.remove()))

function repo(): GitRepos {
  const repos = makeRepos('__fixtures__/repos/backends')
  made.push(repos)
  return repos
}
const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8')
function edit(root: string, file: string, from: string, to: string): void {
  const text = read(root, file)
  if (text.split(from).length !== 2) throw new Error(`${file}: ${from} must occur once`)
  writeFileSync(path.join(root, file), text.replace(from, to))
}
const errors = (run: ActionRun): string[] =>
  run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => `${a.properties.title} ${a.properties.file ?? ''}:${a.properties.line ?? ''} ${a.message.split('\n')[0]}`)
const cargo = spawnSync('cargo', ['--version'], { encoding: 'utf8' }).status === 0

const MEMBERS = (over: Record<string, string> = {}): string =>
  ['fast-core', 'plain-ext', 'hatch-toml', 'poetry-app', 'poetry-lib', 'declared-pkg'].map((n) => `${n} ${over[n] ?? '1.2.0'}`).join(', ')

describe('check reads versions from other manifests and the config', () => {
  test('a consistent repository: counted per source, each version shown where it lives', () => {
    const r = repo()
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(run.stderr).toBe('')
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    const headline = 'check: 6 packages: 2 Poetry, 1 in files, 2 Cargo.toml, 1 declared (1 group), versions consistent'
    expect(run.stdout).toContain(headline)
    expect(run.summary).toContain(headline)
    for (const row of [
      ['fast-core', 'rust/core/pyproject.toml', '1.2.0 (Cargo.toml:6)'],
      ['plain-ext', 'rust/plain/pyproject.toml', '1.2.0 (rust/plain/Cargo.toml:4)'],
      ['hatch-toml', 'pkgs/hatch-toml/pyproject.toml', '1.2.0 (pkgs/hatch-toml/src/hatch_toml/__about__.py:2)'],
      ['poetry-app', 'pkgs/poetry-app/pyproject.toml', '1.2.0'],
      ['poetry-lib', 'pkgs/poetry-lib/pyproject.toml', '1.2.0'],
      ['declared-pkg', 'pkgs/declared/pyproject.toml', '1.2.0 (pkgs/declared/meta/release.cfg:3)']
    ]) {
      expect(run.summary).toContain(`<tr><td>${[...row, 'suite'].join('</td><td>')}</td></tr>`)
    }
  })

  test('--json counts them by kind: Poetry as static, Cargo.toml and declared as files', () => {
    const r = repo()
    const run = runCli(['check', '--json'], { cwd: r.work, env: r.env })
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout).sources).toEqual({ static: 2, file: 4, vcs: 0, unknown: 0 })
  })

  test('without a config, Poetry projects without [project] are found too; a version nothing declares is not counted as consistent', () => {
    const r = repo()
    writeFileSync(path.join(r.work, 'pyproject.toml'), '# no config: every tracked package is checked alone\n')
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(run.summary).toContain('<tr><td>poetry-app</td><td>pkgs/poetry-app/pyproject.toml</td><td>1.2.0</td><td>—</td></tr>')
    expect(run.summary).toContain('<tr><td>poetry-lib</td><td>pkgs/poetry-lib/pyproject.toml</td><td>1.2.0</td><td>—</td></tr>')
    expect(errors(run)).toEqual([
      'E_VERSION_SOURCE pkgs/declared/pyproject.toml:7 pkgs/declared/pyproject.toml: declared-pkg has dynamic = ["version"] but pyship cannot locate it: dynamic = ["version"] with build backend in_house.build and no version source pyship knows (hatch path, setuptools attr/file, PDM file, flit, or a git-tag backend)'
    ])
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('check: 1 problem in 6 packages: 2 Poetry, 1 in files, 2 Cargo.toml, 1 not located (no groups configured)')
  })

  const cases: { name: string; change: (root: string) => void; expected: string[] }[] = [
    {
      name: 'the Cargo workspace version behind: the member on Cargo.toml, the Cargo.lock entries of the crates inheriting it, the Poetry pin onto it',
      change: (root) => edit(root, 'Cargo.toml', 'version = "1.2.0"', 'version = "1.1.0"'),
      expected: [
        `E_VERSION_MISMATCH Cargo.toml:6 fast-core is 1.1.0 but group suite is 1.2.0 (${MEMBERS({ 'fast-core': '1.1.0' })})`,
        'E_LOCK_DRIFT Cargo.lock:7 Cargo.lock records fast-core 1.2.0 but Cargo.toml has 1.1.0',
        "E_LOCK_DRIFT Cargo.lock:15 Cargo.lock records crate shared-util (which inherits fast-core's version) 1.2.0 but Cargo.toml has 1.1.0",
        'E_PIN_EXCLUDES pkgs/poetry-app/pyproject.toml:12 poetry-app requires "^1.2" ([tool.poetry.dependencies] fast-core), which excludes fast-core 1.1.0'
      ]
    },
    {
      name: "a crate's Cargo.lock entry drifted",
      change: (root) => edit(root, 'Cargo.lock', 'name = "plain-ext"\nversion = "1.2.0"', 'name = "plain-ext"\nversion = "1.1.0"'),
      expected: ['E_LOCK_DRIFT Cargo.lock:11 Cargo.lock records plain-ext 1.1.0 but rust/plain/Cargo.toml has 1.2.0']
    },
    {
      name: 'the Cargo.lock entry of another crate that inherits the workspace version drifted',
      change: (root) => edit(root, 'Cargo.lock', 'name = "shared-util"\nversion = "1.2.0"', 'name = "shared-util"\nversion = "1.1.0"'),
      expected: [
        "E_LOCK_DRIFT Cargo.lock:15 Cargo.lock records crate shared-util (which inherits fast-core's version) 1.1.0 but Cargo.toml has 1.2.0"
      ]
    },
    {
      name: "a crate's own [package] version ahead",
      change: (root) => edit(root, 'rust/plain/Cargo.toml', 'version = "1.2.0"', 'version = "1.3.0-rc.1"'),
      expected: [
        `E_VERSION_MISMATCH rust/plain/Cargo.toml:4 plain-ext is 1.3.0-rc.1 but group suite is 1.2.0 (${MEMBERS({ 'plain-ext': '1.3.0-rc.1' })})`,
        'E_LOCK_DRIFT Cargo.lock:11 Cargo.lock records plain-ext 1.2.0 but rust/plain/Cargo.toml has 1.3.0-rc.1'
      ]
    },
    {
      name: 'a Poetry version behind, on its [tool.poetry] version line',
      change: (root) => edit(root, 'pkgs/poetry-lib/pyproject.toml', 'version = "1.2.0"', 'version = "1.1.0"'),
      expected: [
        `E_VERSION_MISMATCH pkgs/poetry-lib/pyproject.toml:3 poetry-lib is 1.1.0 but group suite is 1.2.0 (${MEMBERS({ 'poetry-lib': '1.1.0' })})`
      ]
    },
    {
      name: 'a Poetry constraint that excludes a sibling',
      change: (root) => edit(root, 'pkgs/poetry-app/pyproject.toml', 'hatch-toml = { version = "~1.2"', 'hatch-toml = { version = "~1.1"'),
      expected: [
        'E_PIN_EXCLUDES pkgs/poetry-app/pyproject.toml:13 poetry-app requires "~1.1" ([tool.poetry.dependencies] hatch-toml), which excludes hatch-toml 1.2.0'
      ]
    },
    {
      name: 'a hatch.toml version path behind',
      change: (root) => edit(root, 'pkgs/hatch-toml/src/hatch_toml/__about__.py', '"1.2.0"', '"1.1.0"'),
      expected: [
        `E_VERSION_MISMATCH pkgs/hatch-toml/src/hatch_toml/__about__.py:2 hatch-toml is 1.1.0 but group suite is 1.2.0 (${MEMBERS({ 'hatch-toml': '1.1.0' })})`,
        'E_PIN_EXCLUDES pkgs/poetry-app/pyproject.toml:13 poetry-app requires "~1.2" ([tool.poetry.dependencies] hatch-toml), which excludes hatch-toml 1.1.0'
      ]
    },
    {
      name: 'a hatch.toml version path that does not exist',
      change: (root) => rmSync(path.join(root, 'pkgs/hatch-toml/src/hatch_toml/__about__.py')),
      expected: [
        'E_VERSION_SOURCE pkgs/hatch-toml/pyproject.toml:7 pkgs/hatch-toml/pyproject.toml: hatch-toml has dynamic = ["version"] but pyship cannot locate it: hatch.toml hatch path: pkgs/hatch-toml/src/hatch_toml/__about__.py: it does not exist'
      ]
    },
    {
      name: 'a declared version behind, on its line in the declared file',
      change: (root) => edit(root, 'pkgs/declared/meta/release.cfg', 'version = 1.2.0', 'version = 1.1.0'),
      expected: [
        `E_VERSION_MISMATCH pkgs/declared/meta/release.cfg:3 declared-pkg is 1.1.0 but group suite is 1.2.0 (${MEMBERS({ 'declared-pkg': '1.1.0' })})`,
        'E_PIN_EXCLUDES pkgs/poetry-lib/pyproject.toml:11 poetry-lib requires "1.2.0" ([tool.poetry.dependencies] declared-pkg), which excludes declared-pkg 1.1.0'
      ]
    },
    {
      name: 'a declared path that does not exist: on the config line',
      change: (root) => rmSync(path.join(root, 'pkgs/declared/meta/release.cfg')),
      expected: [
        'E_VERSION_SOURCE pyproject.toml:13 pkgs/declared/pyproject.toml: declared-pkg has dynamic = ["version"] but pyship cannot locate it: the config declares its version in pkgs/declared/meta/release.cfg, but it does not exist'
      ]
    },
    {
      name: 'a declared pattern that finds nothing: on the config line',
      change: (root) => edit(root, 'pkgs/declared/meta/release.cfg', 'version = 1.2.0', 'release = 1.2.0'),
      expected: [
        'E_VERSION_SOURCE pyproject.toml:13 pkgs/declared/pyproject.toml: declared-pkg has dynamic = ["version"] but pyship cannot locate it: the config declares its version in pkgs/declared/meta/release.cfg, but its pattern "(?m)^version = (?P<version>\\\\S+)$" finds no version in it'
      ]
    },
    {
      name: 'an unknown key in a package table',
      change: (root) => edit(root, 'pyproject.toml', 'version = { path', 'verison = { path'),
      expected: [
        'E_CONFIG pyproject.toml:13 pyproject.toml: unknown key packages.pkgs/declared.verison (did you mean "version"?); allowed here: external, version'
      ]
    },
    {
      name: 'a declared pattern without a version group',
      change: (root) => edit(root, 'pyproject.toml', '(?P<version>\\S+)', '(\\S+)'),
      expected: [
        'E_CONFIG pyproject.toml:13 pyproject.toml: packages.pkgs/declared.version.pattern = "(?m)^version = (\\\\S+)$" must be a regular expression with a (?P<version>…) group around the version: it has no (?P<version>…) group'
      ]
    },
    {
      name: 'a package table naming a directory without a pyproject.toml',
      change: (root) => edit(root, 'pyproject.toml', '[tool.pyship.packages."pkgs/declared"]', '[tool.pyship.packages."pkgs/nowhere"]'),
      expected: ['E_CONFIG pyproject.toml:12 packages."pkgs/nowhere": pkgs/nowhere/pyproject.toml does not exist']
    }
  ]

  test.each(cases)('$name', ({ change, expected }) => {
    const r = repo()
    change(r.work)
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(errors(run).sort()).toEqual([...expected].sort())
    expect(run.status).toBe(1)
    expect(run.stdout).not.toContain('versions consistent')
  })
})

describe('bump writes other manifests byte-exact', () => {
  const RC: Record<string, [string, string][]> = {
    'Cargo.toml': [['version = "1.2.0"', 'version = "1.3.0-rc.1"']],
    'Cargo.lock': [
      ['name = "fast_core"\nversion = "1.2.0"', 'name = "fast_core"\nversion = "1.3.0-rc.1"'],
      ['name = "plain-ext"\nversion = "1.2.0"', 'name = "plain-ext"\nversion = "1.3.0-rc.1"'],
      ['name = "shared-util"\nversion = "1.2.0"', 'name = "shared-util"\nversion = "1.3.0-rc.1"']
    ],
    'rust/plain/Cargo.toml': [['version = "1.2.0"', 'version = "1.3.0-rc.1"']],
    'pkgs/hatch-toml/src/hatch_toml/__about__.py': [['"1.2.0"', '"1.3.0rc1"']],
    'pkgs/poetry-app/pyproject.toml': [
      ['version = "1.2.0"', 'version = "1.3.0rc1"'],
      ['version = "~1.2"', 'version = "~1.3.0rc1"']
    ],
    'pkgs/poetry-lib/pyproject.toml': [
      ['version = "1.2.0"', 'version = "1.3.0rc1"'],
      ['declared-pkg = "1.2.0"', 'declared-pkg = "1.3.0rc1"']
    ],
    'pkgs/declared/meta/release.cfg': [['version = 1.2.0', 'version = 1.3.0rc1']]
  }

  test('a pre-release: SemVer spelling in Cargo.toml and Cargo.lock, PEP 440 elsewhere, Poetry pins that would exclude it; nothing else; check passes after', () => {
    const r = repo()
    const before = snapshotTree(r.work)
    const original = Object.fromEntries(Object.keys(RC).map((f) => [f, read(r.work, f)]))
    const run = runAction({ command: 'bump', component: 'suite', version: '1.3.0rc1' }, { workspace: r.work, env: r.env })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const after = snapshotTree(r.work)
    expect(
      Object.keys(after)
        .filter((f) => after[f] !== before[f])
        .sort()
    ).toEqual(Object.keys(RC).sort())
    for (const [file, edits] of Object.entries(RC)) {
      expect(read(r.work, file)).toBe(edits.reduce((text, [from, to]) => text.replace(from, to), original[file]))
    }
    expect(run.stdout).toContain('bump: group suite 1.2.0 → 1.3.0rc1: 11 changes in 7 files')
    const check = runAction({ command: 'check', component: 'suite', version: '1.3.0rc1' }, { workspace: r.work, env: r.env })
    expect(errors(check)).toEqual([])
    expect(check.status).toBe(0)
    // Cargo agrees: the lock pyship wrote is the one cargo would write (--locked refuses any other)
    if (cargo) {
      const meta = spawnSync('cargo', ['metadata', '--locked', '--offline', '--no-deps', '--format-version', '1'], {
        cwd: r.work,
        encoding: 'utf8'
      })
      expect(meta.stderr).not.toContain('error')
      expect(meta.status).toBe(0)
      expect(
        (JSON.parse(meta.stdout) as { packages: { name: string; version: string }[] }).packages.map((p) => `${p.name} ${p.version}`).sort()
      ).toEqual(['fast_core 1.3.0-rc.1', 'plain-ext 1.3.0-rc.1', 'shared-util 1.3.0-rc.1'])
    }
  })

  test('a major bump: Poetry constraints keep their operator and precision (--json, dry-run writes nothing)', () => {
    const r = repo()
    const before = snapshotTree(r.work)
    const run = runCli(['bump', 'suite', '2.0.0', '--dry-run', '--json'], { cwd: r.work, env: r.env })
    expect(run.status).toBe(0)
    const edits = (JSON.parse(run.stdout) as { edits: { file: string; line: number; from: string; to: string }[] }).edits
    expect(edits.map((e) => `${e.file}:${e.line} ${e.from} → ${e.to}`).sort()).toEqual(
      [
        'Cargo.toml:6 1.2.0 → 2.0.0',
        'Cargo.lock:7 1.2.0 → 2.0.0',
        'Cargo.lock:11 1.2.0 → 2.0.0',
        'Cargo.lock:15 1.2.0 → 2.0.0',
        'rust/plain/Cargo.toml:4 1.2.0 → 2.0.0',
        'pkgs/hatch-toml/src/hatch_toml/__about__.py:2 1.2.0 → 2.0.0',
        'pkgs/poetry-app/pyproject.toml:3 1.2.0 → 2.0.0',
        'pkgs/poetry-app/pyproject.toml:12 ^1.2 → ^2.0',
        'pkgs/poetry-app/pyproject.toml:13 ~1.2 → ~2.0',
        'pkgs/poetry-app/pyproject.toml:16 >=1.2,<2 → >=2.0,<3',
        'pkgs/poetry-lib/pyproject.toml:3 1.2.0 → 2.0.0',
        'pkgs/poetry-lib/pyproject.toml:11 1.2.0 → 2.0.0',
        'pkgs/declared/meta/release.cfg:3 1.2.0 → 2.0.0'
      ].sort()
    )
    expect(snapshotTree(r.work)).toEqual(before)
  })

  test.each([
    {
      name: 'a version Cargo cannot spell (a post-release)',
      change: (): void => undefined,
      version: '1.2.0.post1',
      stderr: 'Cargo.toml:6: E_INVALID_VERSION Cargo.toml needs a SemVer version, and 1.2.0.post1 has no SemVer spelling'
    },
    {
      name: 'a Poetry constraint with no mechanical rewrite',
      change: (root: string): void => edit(root, 'pkgs/poetry-app/pyproject.toml', 'fast-core = "^1.2"', 'fast-core = "^1.2 || ^0.9"'),
      version: '2.0.0',
      stderr:
        'pkgs/poetry-app/pyproject.toml:12: E_PIN_EXCLUDES poetry-app requires "^1.2 || ^0.9" ([tool.poetry.dependencies] fast-core), which would exclude fast-core 2.0.0 and has no mechanical rewrite; suggested: "^2.0.0"'
    }
  ])('$name refuses the whole bump; nothing is written', ({ change, version, stderr }) => {
    const r = repo()
    change(r.work)
    const before = snapshotTree(r.work)
    const run = runCli(['bump', 'suite', version], { cwd: r.work, env: r.env })
    expect(run.stderr).toContain(stderr)
    expect(run.status).toBe(1)
    expect(snapshotTree(r.work)).toEqual(before)
  })
})
