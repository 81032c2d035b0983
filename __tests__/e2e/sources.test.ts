/**
 * `check` and `bump` through the bundle on a monorepo that keeps its versions every way
 * pyship reads (`__fixtures__/repos/sources`): static, hatch `path` with and without
 * `pattern`, setuptools `attr` (src and flat layouts) and `file`, PDM file, flit, hatch-vcs,
 * setuptools-scm, uv-dynamic-versioning, a package's own uv.lock, the group's
 * `version-files`, capped and spaced pins. Exact annotations; byte-exact bumps.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runAction, runCli, type ActionRun } from '../../__fixtures__/action.js'
import { makeRepos, type GitRepos } from '../../__fixtures__/git.js'
import { snapshotTree } from '../../__fixtures__/snapshot.js'

const made: GitRepos[] = []
afterEach(() => made.splice(0).forEach((r) => r.remove()))

const TAGS = ['hatch-vcs-v0.3.0', 'scm-v1.0.0', 'scm-v2.1.0', 'udv-v0.9.1', 'unrelated-v9.0.0']

function repo(tags = TAGS): GitRepos {
  const repos = makeRepos('__fixtures__/repos/sources')
  made.push(repos)
  for (const tag of tags) repos.git(['tag', tag])
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
const notices = (run: ActionRun): string[] => run.annotations.filter((a) => a.level === 'notice').map((a) => a.message)

describe('check reads every version source', () => {
  test('a consistent repository: counts per source, tag versions, a row per package', () => {
    const r = repo()
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(run.stderr).toBe('')
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('check: 12 packages: 2 static, 7 in files, 3 from tags (1 group), versions consistent')
    expect(run.summary).toContain('check: 12 packages: 2 static, 7 in files, 3 from tags (1 group), versions consistent')
    for (const row of [
      ['src-static', 'pkgs/static/pyproject.toml', '1.2.0', 'suite'],
      ['hatch-path', 'pkgs/hatch-path/pyproject.toml', '1.2.0 (pkgs/hatch-path/src/hatch_path/__about__.py:2)', 'suite'],
      ['hatch-pattern', 'pkgs/hatch-pattern/pyproject.toml', '1.2.0 (pkgs/hatch-pattern/RELEASE.txt:2)', 'suite'],
      ['st-attr-src', 'pkgs/st-attr-src/pyproject.toml', '1.2.0 (pkgs/st-attr-src/src/st_attr_src/__init__.py:3)', 'suite'],
      ['st-attr-flat', 'pkgs/st-attr-flat/pyproject.toml', '1.2.0 (pkgs/st-attr-flat/st_attr_flat/about.py:1)', 'suite'],
      ['st-file', 'pkgs/st-file/pyproject.toml', '1.2.0 (pkgs/st-file/VERSION:1)', 'suite'],
      ['pdm-file', 'pkgs/pdm-file/pyproject.toml', '1.2.0 (pkgs/pdm-file/src/pdm_file/__init__.py:1)', 'suite'],
      ['flit-pkg', 'pkgs/flit/pyproject.toml', '1.2.0 (pkgs/flit/flit_pkg/__init__.py:3)', 'suite'],
      ['hatch-vcs', 'pkgs/hatch-vcs/pyproject.toml', '0.3.0 (git tags)', '—'],
      ['scm', 'pkgs/scm/pyproject.toml', '2.1.0 (git tags)', '—'],
      ['udv', 'pkgs/udv/pyproject.toml', '0.9.1 (git tags)', '—']
    ]) {
      expect(run.summary).toContain(`<tr><td>${row.join('</td><td>')}</td></tr>`)
    }
    expect(notices(run)).toContain(
      'pkgs/scm/pyproject.toml: scm takes its version from git tags (setuptools-scm): 2.1.0, the highest tag; pins onto it are checked against that'
    )
  })

  test('--json carries the counts per source', () => {
    const r = repo()
    const run = runCli(['check', '--json'], { cwd: r.work, env: r.env })
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout).sources).toEqual({ static: 2, file: 7, vcs: 3, unknown: 0 })
  })

  test('no tags: the tag-versioned packages say so; nothing fails', () => {
    const r = repo([])
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(run.status).toBe(0)
    expect(notices(run)).toContain(
      'pkgs/udv/pyproject.toml: udv takes its version from git tags (uv-dynamic-versioning) and no tag gives one yet: pins onto it are not checked'
    )
  })

  const cases: { name: string; change: (root: string, r: GitRepos) => void; expected: string[] }[] = [
    {
      name: 'a hatch path version behind the group',
      change: (root) => edit(root, 'pkgs/hatch-path/src/hatch_path/__about__.py', '"1.2.0"', '"1.1.0"'),
      expected: [
        'E_VERSION_MISMATCH pkgs/hatch-path/src/hatch_path/__about__.py:2 hatch-path is 1.1.0 but group suite is 1.2.0 (src-static 1.2.0, hatch-path 1.1.0, hatch-pattern 1.2.0, st-attr-src 1.2.0, st-attr-flat 1.2.0, st-file 1.2.0, pdm-file 1.2.0, flit-pkg 1.2.0)',
        'E_PIN_EXCLUDES pkgs/consumer/pyproject.toml:6 consumer requires "hatch-path == 1.2.0" (dependencies), which excludes hatch-path 1.1.0'
      ]
    },
    {
      name: 'a hatch pattern version and a setuptools file version behind',
      change: (root) => {
        edit(root, 'pkgs/hatch-pattern/RELEASE.txt', 'release: 1.2.0', 'release: 1.1.0')
        edit(root, 'pkgs/st-file/VERSION', '1.2.0', '1.1.0')
      },
      expected: [
        'E_VERSION_MISMATCH pkgs/hatch-pattern/RELEASE.txt:2 hatch-pattern is 1.1.0 but group suite is 1.2.0 (src-static 1.2.0, hatch-path 1.2.0, hatch-pattern 1.1.0, st-attr-src 1.2.0, st-attr-flat 1.2.0, st-file 1.1.0, pdm-file 1.2.0, flit-pkg 1.2.0)',
        'E_VERSION_MISMATCH pkgs/st-file/VERSION:1 st-file is 1.1.0 but group suite is 1.2.0 (src-static 1.2.0, hatch-path 1.2.0, hatch-pattern 1.1.0, st-attr-src 1.2.0, st-attr-flat 1.2.0, st-file 1.1.0, pdm-file 1.2.0, flit-pkg 1.2.0)'
      ]
    },
    {
      name: 'a setuptools attr that is not a literal',
      change: (root) =>
        edit(root, 'pkgs/st-attr-src/src/st_attr_src/__init__.py', "__version__ = '1.2.0'", '__version__ = ".".join(["1", "2", "0"])'),
      expected: [
        'E_VERSION_SOURCE pkgs/st-attr-src/pyproject.toml:7 pkgs/st-attr-src/pyproject.toml: st-attr-src has dynamic = ["version"] but pyship cannot locate it: pkgs/st-attr-src/src/st_attr_src/__init__.py assigns __version__ but not as a literal string'
      ]
    },
    {
      name: 'a hatch path that does not exist',
      change: (root) => rmSync(path.join(root, 'pkgs/hatch-path/src/hatch_path/__about__.py')),
      expected: [
        'E_VERSION_SOURCE pkgs/hatch-path/pyproject.toml:7 pkgs/hatch-path/pyproject.toml: hatch-path has dynamic = ["version"] but pyship cannot locate it: hatch path: pkgs/hatch-path/src/hatch_path/__about__.py: it does not exist'
      ]
    },
    {
      name: 'a flit module without __version__',
      change: (root) => edit(root, 'pkgs/flit/flit_pkg/__init__.py', '__version__ = "1.2.0"\n', ''),
      expected: [
        'E_VERSION_SOURCE pkgs/flit/pyproject.toml:7 pkgs/flit/pyproject.toml: flit-pkg has dynamic = ["version"] but pyship cannot locate it: pkgs/flit/flit_pkg/__init__.py has no top-level __version__ = "…"'
      ]
    },
    {
      name: "a package's own uv.lock drifted",
      change: (root) => edit(root, 'pkgs/static/uv.lock', 'version = "1.2.0"', 'version = "1.1.0"'),
      expected: ['E_LOCK_DRIFT pkgs/static/uv.lock:7 pkgs/static/uv.lock records src-static 1.1.0 but pkgs/static/pyproject.toml has 1.2.0']
    },
    {
      name: "a version-files mirror (a Helm chart's appVersion) behind",
      change: (root) => edit(root, 'chart/Chart.yaml', 'appVersion: "1.2.0"', 'appVersion: "1.1.9"'),
      expected: [
        'E_VERSION_MISMATCH chart/Chart.yaml:4 chart/Chart.yaml (version-files of group suite) carries 1.1.9 but group suite is 1.2.0'
      ]
    },
    {
      name: 'a version-files pattern that finds nothing: annotated on the config entry',
      change: (root) => edit(root, 'docs/conf.py', 'release = "1.2.0"', 'version = "1.2.0"'),
      expected: [
        'E_VERSION_SOURCE pyproject.toml:17 docs/conf.py (version-files of group suite): its pattern "^release = \\"(?P<version>[^\\"]+)\\"" finds no version in it'
      ]
    },
    {
      name: 'a pin onto a tag-versioned package checked against its highest tag',
      change: (_root, r) => r.git(['tag', 'scm-v3.0.0']),
      expected: [
        'E_PIN_EXCLUDES pkgs/consumer/pyproject.toml:8 consumer requires "scm==2.*" (dependencies), which excludes scm 3.0.0 (its highest tag)'
      ]
    },
    {
      name: 'a capped pin that excludes the group',
      change: (root) => edit(root, 'pkgs/consumer/pyproject.toml', '"src-static>=1.2.0,<2.0.0"', '"src-static>=1.0,<1.2"'),
      expected: [
        'E_PIN_EXCLUDES pkgs/consumer/pyproject.toml:5 consumer requires "src-static>=1.0,<1.2" (dependencies), which excludes src-static 1.2.0'
      ]
    },
    {
      name: 'a pin generated at build time is a notice, a pin on a package nobody can locate an error',
      change: (root) => {
        edit(root, 'pkgs/consumer/pyproject.toml', 'version = "0.1.0"\n', 'version = "0.1.0"\ndynamic = ["dependencies"]\n')
        edit(root, 'pkgs/udv/pyproject.toml', 'source = "uv-dynamic-versioning"', 'source = "code"')
      },
      expected: [
        'E_VERSION_SOURCE pkgs/udv/pyproject.toml:7 pkgs/udv/pyproject.toml: udv has dynamic = ["version"] but pyship cannot locate it: [tool.hatch.version] source = "code" is not a source pyship can read'
      ]
    }
  ]

  test.each(cases)('$name', ({ change, expected }) => {
    const r = repo()
    change(r.work, r)
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(errors(run).sort()).toEqual([...expected].sort())
    expect(run.status).toBe(1)
    expect(run.stdout).not.toContain('versions consistent')
  })

  test('annotations are workflow commands on the file that carries the version', () => {
    const r = repo()
    edit(r.work, 'pkgs/pdm-file/src/pdm_file/__init__.py', '"1.2.0"', '"1.3.0"')
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.line.slice(0, a.line.indexOf('::', 2) + 2))).toEqual([
      '::error title=E_VERSION_MISMATCH,file=pkgs/pdm-file/src/pdm_file/__init__.py,line=1::'
    ])
  })

  test('dynamic dependencies are reported as not checkable', () => {
    const r = repo()
    edit(r.work, 'pkgs/consumer/pyproject.toml', 'version = "0.1.0"\n', 'version = "0.1.0"\ndynamic = ["dependencies"]\n')
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(run.status).toBe(0)
    expect(notices(run)).toContain(
      'pkgs/consumer/pyproject.toml:4: consumer generates its dependencies at build time (dynamic = ["dependencies"]): its pins on other packages of the monorepo are not checkable'
    )
  })
})

describe('bump writes every version source byte-exact', () => {
  const FILES = {
    'pkgs/static/pyproject.toml': ['version = "1.2.0"', 'version = "2.0.0"'],
    'pkgs/static/uv.lock': ['version = "1.2.0"', 'version = "2.0.0"'],
    'pkgs/hatch-path/src/hatch_path/__about__.py': ['__version__ = "1.2.0"', '__version__ = "2.0.0"'],
    'pkgs/hatch-pattern/RELEASE.txt': ['release: 1.2.0', 'release: 2.0.0'],
    'pkgs/st-attr-src/src/st_attr_src/__init__.py': ["__version__ = '1.2.0'", "__version__ = '2.0.0'"],
    'pkgs/st-attr-flat/st_attr_flat/about.py': ['__version__: str = "1.2.0"', '__version__: str = "2.0.0"'],
    'pkgs/st-file/VERSION': ['1.2.0', '2.0.0'],
    'pkgs/pdm-file/src/pdm_file/__init__.py': ['"1.2.0"', '"2.0.0"'],
    'pkgs/flit/flit_pkg/__init__.py': ['"1.2.0"', '"2.0.0"'],
    'chart/Chart.yaml': ['appVersion: "1.2.0"', 'appVersion: "2.0.0"'],
    'docs/conf.py': ['release = "1.2.0"', 'release = "2.0.0"'],
    'pkgs/consumer/pyproject.toml': [
      '"src-static>=1.2.0,<2.0.0",\n    "hatch-path == 1.2.0",',
      '"src-static>=2.0.0,<3.0.0",\n    "hatch-path == 2.0.0",'
    ]
  }

  test('a major bump: every file carrying the version, the capped and the spaced pin; nothing else; check passes after', () => {
    const r = repo()
    const before = snapshotTree(r.work)
    const original = Object.fromEntries(Object.keys(FILES).map((f) => [f, read(r.work, f)]))
    const run = runAction({ command: 'bump', component: 'suite', version: '2.0.0' }, { workspace: r.work, env: r.env })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const after = snapshotTree(r.work)
    expect(
      Object.keys(after)
        .filter((f) => after[f] !== before[f])
        .sort()
    ).toEqual(Object.keys(FILES).sort())
    for (const [file, [from, to]] of Object.entries(FILES)) expect(read(r.work, file)).toBe(original[file].replace(from, to))
    expect(run.stdout).toContain('bump: group suite 1.2.0 → 2.0.0: 13 changes in 12 files')
    const check = runAction({ command: 'check', component: 'suite', version: '2.0.0' }, { workspace: r.work, env: r.env })
    expect(errors(check)).toEqual([])
    expect(check.status).toBe(0)
  })

  test('--json lists every planned edit (file, line, from, to); dry-run writes nothing', () => {
    const r = repo()
    const before = snapshotTree(r.work)
    const run = runCli(['bump', 'suite', 'minor', '--dry-run', '--json'], { cwd: r.work, env: r.env })
    expect(run.status).toBe(0)
    const edits = (JSON.parse(run.stdout) as { edits: { file: string; line: number; from: string; to: string }[] }).edits
    expect(edits.map((e) => `${e.file}:${e.line} ${e.from} → ${e.to}`).sort()).toEqual(
      [
        'pkgs/static/pyproject.toml:3 1.2.0 → 1.3.0',
        'pkgs/static/uv.lock:7 1.2.0 → 1.3.0',
        'pkgs/hatch-path/src/hatch_path/__about__.py:2 1.2.0 → 1.3.0',
        'pkgs/hatch-pattern/RELEASE.txt:2 1.2.0 → 1.3.0',
        'pkgs/st-attr-src/src/st_attr_src/__init__.py:3 1.2.0 → 1.3.0',
        'pkgs/st-attr-flat/st_attr_flat/about.py:1 1.2.0 → 1.3.0',
        'pkgs/st-file/VERSION:1 1.2.0 → 1.3.0',
        'pkgs/pdm-file/src/pdm_file/__init__.py:1 1.2.0 → 1.3.0',
        'pkgs/flit/flit_pkg/__init__.py:3 1.2.0 → 1.3.0',
        'chart/Chart.yaml:4 1.2.0 → 1.3.0',
        'docs/conf.py:2 1.2.0 → 1.3.0',
        'pkgs/consumer/pyproject.toml:6 hatch-path == 1.2.0 → hatch-path == 1.3.0'
      ].sort()
    )
    expect(snapshotTree(r.work)).toEqual(before)
  })

  test('a pin with no mechanical rewrite refuses the whole bump, quoting the suggested pin', () => {
    const r = repo()
    edit(r.work, 'pkgs/consumer/pyproject.toml', '"src-static>=1.2.0,<2.0.0"', '"src-static>=1.2.0,<=1.9"')
    const before = snapshotTree(r.work)
    const run = runCli(['bump', 'suite', '2.0.0'], { cwd: r.work, env: r.env })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      'pkgs/consumer/pyproject.toml:5: E_PIN_EXCLUDES consumer requires "src-static>=1.2.0,<=1.9" (dependencies), which would exclude src-static 2.0.0 and has no mechanical rewrite; suggested: "src-static>=2.0.0"'
    )
    expect(snapshotTree(r.work)).toEqual(before)
  })

  test('a group of tag-versioned packages: nothing to write, and bump says so', () => {
    const r = repo()
    writeFileSync(
      path.join(r.work, 'pyproject.toml'),
      read(r.work, 'pyproject.toml') + '\n[tool.pyship.groups.tagged]\npackages = ["pkgs/scm"]\n'
    )
    const run = runCli(['bump', 'tagged', 'patch'], { cwd: r.work, env: r.env })
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(
      'notice: pkgs/scm/pyproject.toml: scm takes its version from git tags (setuptools-scm): bump has nothing to write for it; the release tag gives it its version'
    )
    expect(run.stdout).toContain(
      'bump: group tagged takes its version from git tags: nothing to write for 2.1.1 (the release tag gives it)'
    )
  })
})
