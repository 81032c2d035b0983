/**
 * The bundled action and CLI running `check` on real example repositories, altered
 * one way per row: exact annotation lines, outputs, summary and exit status.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { runAction, runCli, type ActionRun } from '../../__fixtures__/action.js'
import { copyRepo, snapshotTree } from '../../__fixtures__/snapshot.js'

const made: string[] = []
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

function repo(source = 'examples/dakora', into = '.'): string {
  const root = copyRepo(source, into)
  made.push(root)
  return root
}

function edit(root: string, file: string, from: string, to: string): void {
  const abs = path.join(root, file)
  const text = readFileSync(abs, 'utf8')
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`)
  writeFileSync(abs, text.replace(from, to))
}

/** `CODE file:line first-line-of-message` for every error annotation. */
function errors(run: ActionRun): string[] {
  return run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => `${a.properties.title} ${a.properties.file ?? ''}:${a.properties.line ?? ''} ${a.message.split('\n')[0]}`)
}

describe('check on the example monorepo (built-in defaults)', () => {
  test('a consistent repository passes with outputs and a summary', () => {
    const root = repo()
    const run = runAction({ command: 'check' }, { workspace: root })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(errors(run)).toEqual([])
    expect(run.outputs.problems).toBe('[]')
    expect(run.stdout).toContain('check: 3 packages: 3 static (2 groups), versions consistent')
    expect(run.summary).toContain('<h2>pyship check</h2>')
    for (const row of [
      ['dakora', 'cli/pyproject.toml', '2.0.0', 'platform'],
      ['dakora-server', 'server/pyproject.toml', '2.0.0', 'platform'],
      ['dakora-client', 'packages/client-python/pyproject.toml', '1.4.0', 'sdk']
    ]) {
      expect(run.summary).toContain(`<tr><td>${row.join('</td><td>')}</td></tr>`)
    }
  })

  test('component sets the version output', () => {
    const root = repo()
    expect(runAction({ command: 'check', component: 'cli' }, { workspace: root }).outputs.version).toBe('2.0.0')
    expect(runAction({ command: 'check', component: 'sdk', version: 'v1.4.0' }, { workspace: root }).outputs.version).toBe('1.4.0')
  })

  const cases: { name: string; change: (root: string) => void; inputs?: Record<string, string>; expected: string[] }[] = [
    {
      name: 'server behind cli (a tie: both members) and uv.lock drift',
      change: (r) => edit(r, 'server/pyproject.toml', 'version = "2.0.0"', 'version = "1.9.0"'),
      expected: [
        'E_VERSION_MISMATCH cli/pyproject.toml:3 group platform members disagree: dakora 2.0.0, dakora-server 1.9.0',
        'E_VERSION_MISMATCH server/pyproject.toml:3 group platform members disagree: dakora 2.0.0, dakora-server 1.9.0',
        'E_LOCK_DRIFT uv.lock:30 uv.lock records dakora-server 2.0.0 but server/pyproject.toml has 1.9.0'
      ]
    },
    {
      name: 'a pin that excludes the client',
      change: (r) => edit(r, 'cli/pyproject.toml', 'dakora-client~=1.4.0', 'dakora-client~=1.3.0'),
      expected: [
        'E_PIN_EXCLUDES cli/pyproject.toml:9 dakora requires "dakora-client~=1.3.0" (dependencies), which excludes dakora-client 1.4.0'
      ]
    },
    {
      name: 'client moved on: the cli pin excludes it, the server range admits it',
      change: (r) => edit(r, 'packages/client-python/pyproject.toml', 'version = "1.4.0"', 'version = "1.5.0"'),
      expected: [
        'E_PIN_EXCLUDES cli/pyproject.toml:9 dakora requires "dakora-client~=1.4.0" (dependencies), which excludes dakora-client 1.5.0',
        'E_LOCK_DRIFT uv.lock:25 uv.lock records dakora-client 1.4.0 but packages/client-python/pyproject.toml has 1.5.0'
      ]
    },
    {
      name: 'uv.lock alone drifted',
      change: (r) => edit(r, 'uv.lock', 'name = "dakora"\nversion = "2.0.0"', 'name = "dakora"\nversion = "1.9.9"'),
      expected: ['E_LOCK_DRIFT uv.lock:14 uv.lock records dakora 1.9.9 but cli/pyproject.toml has 2.0.0']
    },
    {
      name: 'not a PEP 440 version',
      change: (r) => {
        edit(r, 'cli/pyproject.toml', 'version = "2.0.0"', 'version = "2.0.0-final!"')
        edit(r, 'uv.lock', 'name = "dakora"\nversion = "2.0.0"', 'name = "dakora"\nversion = "2.0.0-final!"')
      },
      expected: ['E_INVALID_VERSION cli/pyproject.toml:3 dakora version "2.0.0-final!" is not a valid PEP 440 version']
    },
    {
      name: 'files not at the release version',
      change: () => undefined,
      inputs: { component: 'platform', version: '2.1.0' },
      expected: [
        'E_VERSION_NOT_UPDATED cli/pyproject.toml:3 dakora is 2.0.0 in cli/pyproject.toml, not 2.1.0',
        'E_VERSION_NOT_UPDATED server/pyproject.toml:3 dakora-server is 2.0.0 in server/pyproject.toml, not 2.1.0'
      ]
    },
    {
      name: 'a TOML syntax error',
      change: (r) => edit(r, 'server/pyproject.toml', 'description = "Dakora API server"', 'description = "Dakora API server'),
      expected: [
        'E_CONFIG server/pyproject.toml:4 server/pyproject.toml:4:33: TOML syntax error: unterminated string (only a multi-line string may span lines)'
      ]
    },
    {
      name: 'a pyproject.toml that is a directory',
      change: (r) => {
        rmSync(path.join(r, 'server/pyproject.toml'))
        mkdirSync(path.join(r, 'server/pyproject.toml'))
      },
      expected: ['E_CONFIG server/pyproject.toml: server/pyproject.toml is not a regular file']
    },
    {
      name: 'a pyproject.toml that is not UTF-8',
      change: (r) =>
        writeFileSync(
          path.join(r, 'cli/pyproject.toml'),
          Buffer.from('[project]\nname = "dakora"\nversion = "2.0.0"\ndescription = "caf\xe9"\n', 'latin1')
        ),
      expected: ['E_CONFIG cli/pyproject.toml: cli/pyproject.toml is not valid UTF-8']
    },
    {
      name: 'a config with a typo',
      change: (r) => {
        mkdirSync(path.join(r, '.github'))
        writeFileSync(
          path.join(r, '.github/pyship.toml'),
          '[groups.platform]\npackages = ["cli", "server"]\n\n[targets.cli]\ngroup = "platform"\nkind = "pypi"\ntets = "optional"\n'
        )
      },
      expected: [
        'E_CONFIG .github/pyship.toml:7 .github/pyship.toml: unknown key targets.cli.tets (did you mean "tests"?); allowed here: group, kind, packages, tag, tests, smoke, changelog, changelog-write, github-latest, images'
      ]
    }
  ]

  test.each(cases)('$name', ({ change, inputs, expected }) => {
    const root = repo()
    change(root)
    const before = snapshotTree(root)
    const run = runAction({ command: 'check', ...inputs }, { workspace: root })
    expect(errors(run).sort()).toEqual([...expected].sort())
    expect(run.status).toBe(1)
    const problems = JSON.parse(run.outputs.problems) as { code: string; file: string; line: number | null }[]
    expect(problems.map((p) => `${p.code} ${p.file}:${p.line ?? ''}`).sort()).toEqual(
      expected.map((e) => e.split(' ').slice(0, 2).join(' ')).sort()
    )
    expect(snapshotTree(root)).toEqual(before)
  })

  test('annotation lines are workflow commands with the hint and its link', () => {
    const root = repo()
    edit(root, 'cli/pyproject.toml', 'dakora-client~=1.4.0', 'dakora-client~=1.3.0')
    const run = runAction({ command: 'check' }, { workspace: root })
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([
      '::error title=E_PIN_EXCLUDES,file=cli/pyproject.toml,line=9::dakora requires "dakora-client~=1.3.0" (dependencies), which excludes dakora-client 1.4.0%0A' +
        'Change the pin "dakora-client~=1.3.0" in cli/pyproject.toml so it admits 1.4.0, or let `pyship bump` rewrite internal pins. ' +
        'See https://github.com/pyship/pyship/blob/main/README.md#e_pin_excludes'
    ])
  })

  test('annotation paths stay relative to the repository root when working-directory is below it', () => {
    const root = repo('examples/dakora', 'python')
    edit(root, 'python/server/pyproject.toml', 'version = "2.0.0"', 'version = "2.0.1"')
    edit(root, 'python/cli/pyproject.toml', 'version = "2.0.0"', 'version = "2.0.1"')
    const run = runAction({ command: 'check', 'working-directory': 'python' }, { workspace: root })
    expect(errors(run).sort()).toEqual([
      'E_LOCK_DRIFT python/uv.lock:14 python/uv.lock records dakora 2.0.0 but python/cli/pyproject.toml has 2.0.1',
      'E_LOCK_DRIFT python/uv.lock:30 python/uv.lock records dakora-server 2.0.0 but python/server/pyproject.toml has 2.0.1'
    ])
  })
})

describe('check on a workspace with a [tool.pyship] config (orbit)', () => {
  test('consistent: passes', () => {
    const root = repo('__fixtures__/repos/orbit')
    const run = runAction({ command: 'check' }, { workspace: root })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
  })

  test.each([
    {
      name: 'CRLF file with literal strings: client bumped alone',
      file: 'libs/client/pyproject.toml',
      from: "version = '0.8.1'",
      to: "version = '0.9.0'",
      expected: [
        'E_PIN_EXCLUDES apps/api/pyproject.toml:10 orbit-api requires "orbit-client[maf]~=0.8.0" (optional-dependencies.maf), which excludes orbit-client 0.9.0',
        'E_PIN_EXCLUDES libs/core/pyproject.toml:10 orbit-core requires "orbit-client~=0.8.1" (dependency-groups.test), which excludes orbit-client 0.9.0',
        'E_LOCK_DRIFT uv.lock:44 uv.lock records orbit-client 0.8.1 but libs/client/pyproject.toml has 0.9.0'
      ]
    },
    {
      name: 'root project pin with a non-normalized name',
      file: 'pyproject.toml',
      from: 'Orbit_Client[async]>=0.8',
      to: 'Orbit_Client[async]>=0.9',
      expected: [
        'E_PIN_EXCLUDES pyproject.toml:7 orbit requires "Orbit_Client[async]>=0.9" (dependencies), which excludes orbit-client 0.8.1'
      ]
    },
    {
      name: 'majority rules: only the odd member is annotated',
      file: 'libs/core/pyproject.toml',
      from: 'version = "0.8.0"',
      to: 'version = "0.8.0rc1"',
      expected: [
        'E_VERSION_MISMATCH libs/core/pyproject.toml:3 orbit-core is 0.8.0rc1 but group core is 0.8.0 (orbit 0.8.0, orbit-core 0.8.0rc1, orbit-api 0.8.0)',
        'E_PIN_EXCLUDES pyproject.toml:7 orbit requires "orbit-core==0.8.0" (dependencies), which excludes orbit-core 0.8.0rc1',
        'E_LOCK_DRIFT uv.lock:52 uv.lock records orbit-core 0.8.0 but libs/core/pyproject.toml has 0.8.0rc1'
      ]
    }
  ])('$name', ({ file, from, to, expected }) => {
    const root = repo('__fixtures__/repos/orbit')
    edit(root, file, from, to)
    const run = runAction({ command: 'check' }, { workspace: root })
    expect(errors(run).sort()).toEqual([...expected].sort())
    expect(run.status).toBe(1)
  })
})

describe('bad input: E_INPUT, nothing read or written', () => {
  test.each<{ inputs: Record<string, string>; fragment: string }>([
    { inputs: { command: 'check', component: 'cli;id' }, fragment: 'input component = "cli;id" is not allowed' },
    { inputs: { command: 'check', component: 'platform', version: '3.2.0;id' }, fragment: 'input version = "3.2.0;id" is not allowed' },
    { inputs: { command: 'check', component: 'x'.repeat(10_000) }, fragment: `input component = "${'x'.repeat(60)}…" is not allowed` },
    { inputs: { command: 'check', 'working-directory': '../..' }, fragment: 'input working-directory = "../.." is not allowed' },
    { inputs: { command: 'check', config: '../../etc/passwd' }, fragment: 'input config = "../../etc/passwd" is not allowed' },
    { inputs: { command: 'check', version: '2.0.0' }, fragment: 'input version needs component' },
    { inputs: { command: 'check', component: 'nope' }, fragment: 'component "nope" is not a target or group of this repository' },
    { inputs: { command: 'deploy' }, fragment: 'input command = "deploy" is not allowed' }
  ])('$fragment', ({ inputs, fragment }) => {
    const root = repo()
    const before = snapshotTree(root)
    const run = runAction(inputs, { workspace: root })
    expect(run.status).toBe(1)
    const found = run.annotations.filter((a) => a.level === 'error')
    expect(found.length).toBeGreaterThan(0)
    expect(found[0].properties.title).toBe('E_INPUT')
    expect(found[0].message).toContain(fragment)
    expect(snapshotTree(root)).toEqual(before)
  })
})

describe('the local CLI', () => {
  test('clean repository: table, headline, exit 0', () => {
    const root = repo()
    const run = runCli(['check'], { cwd: root })
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^Package\s+Path\s+Version\s+Group$/m)
    expect(run.stdout).toContain('check: 3 packages: 3 static (2 groups), versions consistent')
  })

  test('problems: one `path:line: CODE message` line each, paths from the repository root, exit 1', () => {
    const root = repo('examples/dakora', 'python')
    mkdirSync(path.join(root, '.git'))
    edit(root, 'python/cli/pyproject.toml', 'dakora-client~=1.4.0', 'dakora-client==1.3.*')
    const run = runCli(['check', '--cwd', 'python'], { cwd: root })
    expect(run.status).toBe(1)
    expect(run.stdout.split('\n').filter((l) => /^\S+:\d+: E_/.test(l))).toEqual([
      'python/cli/pyproject.toml:9: E_PIN_EXCLUDES dakora requires "dakora-client==1.3.*" (dependencies), which excludes dakora-client 1.4.0'
    ])
    expect(run.stdout).toContain('  hint: Change the pin')
  })

  test('--json prints the problems', () => {
    const root = repo()
    edit(root, 'server/pyproject.toml', 'version = "2.0.0"', 'version = "2.0.1"')
    const run = runCli(['check', 'platform', '--json'], { cwd: root })
    expect(run.status).toBe(1)
    const json = JSON.parse(run.stdout) as { ok: boolean; problems: { code: string; file: string; line: number }[] }
    expect(json.ok).toBe(false)
    expect(json.problems.map((p) => `${p.code} ${p.file}:${p.line}`).sort()).toEqual([
      'E_LOCK_DRIFT uv.lock:30',
      'E_VERSION_MISMATCH cli/pyproject.toml:3',
      'E_VERSION_MISMATCH server/pyproject.toml:3'
    ])
  })

  test.each([
    { args: [], message: 'no command given' },
    { args: ['frobnicate'], message: 'unknown command "frobnicate"' },
    { args: ['check', '--bogus'], message: 'unknown option --bogus' },
    { args: ['check', 'cli;id'], message: 'input component = "cli;id" is not allowed' }
  ])('usage error $args → exit 2', ({ args, message }) => {
    const root = repo()
    const run = runCli(args, { cwd: root })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(message)
  })
})
