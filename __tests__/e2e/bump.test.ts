/**
 * `bump` through the bundled action and CLI on real example repositories: the bytes
 * that change are exactly the version strings, pins and uv.lock lines; `check`
 * passes afterwards; a refused bump leaves every byte as it was.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BUNDLE, runAction, runCli } from '../../__fixtures__/action.js'
import { copyRepo, snapshotTree } from '../../__fixtures__/snapshot.js'

const made: string[] = []
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))
function repo(source = 'examples/dakora'): string {
  const root = copyRepo(source)
  made.push(root)
  return root
}
const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8')
function edit(root: string, file: string, from: string, to: string): void {
  const text = read(root, file)
  if (!text.includes(from)) throw new Error(`${file} lacks ${from}`)
  writeFileSync(path.join(root, file), text.replace(from, to))
}

/** Every file whose bytes differ, with the expected content derived by string replacement. */
function changedFiles(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after)
    .filter((f) => before[f] !== after[f])
    .sort()
}

describe('bump the example monorepo', () => {
  test('platform to an explicit version: versions and uv.lock, nothing else; check passes after', () => {
    const root = repo()
    const original = { cli: read(root, 'cli/pyproject.toml'), server: read(root, 'server/pyproject.toml'), lock: read(root, 'uv.lock') }
    const before = snapshotTree(root)
    const run = runAction({ command: 'bump', component: 'platform', version: 'v2.1.0' }, { workspace: root })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.outputs.version).toBe('2.1.0')
    expect(changedFiles(before, snapshotTree(root))).toEqual(['cli/pyproject.toml', 'server/pyproject.toml', 'uv.lock'])
    expect(read(root, 'cli/pyproject.toml')).toBe(original.cli.replace('version = "2.0.0"', 'version = "2.1.0"'))
    expect(read(root, 'server/pyproject.toml')).toBe(original.server.replace('version = "2.0.0"', 'version = "2.1.0"'))
    expect(read(root, 'uv.lock')).toBe(
      original.lock
        .replace('name = "dakora"\nversion = "2.0.0"', 'name = "dakora"\nversion = "2.1.0"')
        .replace('name = "dakora-server"\nversion = "2.0.0"', 'name = "dakora-server"\nversion = "2.1.0"')
    )
    expect(run.summary).toContain('<tr><td>cli/pyproject.toml</td><td>3</td><td>dakora version</td><td>2.0.0 → 2.1.0</td></tr>')
    expect(run.summary).toContain('git commit -m "chore: bump platform version to 2.1.0"')
    expect(run.stdout).toContain('bump: group platform 2.0.0 → 2.1.0: 4 changes in 3 files')
    const check = runAction({ command: 'check', component: 'platform', version: '2.1.0' }, { workspace: root })
    expect(check.annotations).toEqual([])
    expect(check.status).toBe(0)
  })

  test('sdk minor: the client, the cli pin that would exclude it, and uv.lock; the server range is left alone', () => {
    const root = repo()
    const original = { cli: read(root, 'cli/pyproject.toml'), server: read(root, 'server/pyproject.toml') }
    const run = runCli(['bump', 'sdk', 'minor'], { cwd: root })
    expect(run.status).toBe(0)
    expect(read(root, 'cli/pyproject.toml')).toBe(original.cli.replace('"dakora-client~=1.4.0"', '"dakora-client~=1.5.0"'))
    expect(read(root, 'server/pyproject.toml')).toBe(original.server)
    expect(read(root, 'packages/client-python/pyproject.toml')).toContain('version = "1.5.0"  # sdk')
    expect(run.stdout).toMatch(/cli\/pyproject\.toml\s+9\s+dakora dependencies\s+dakora-client~=1\.4\.0 → dakora-client~=1\.5\.0/)
    expect(run.stdout).toContain('git commit -m "chore: bump sdk version to 1.5.0"')
    expect(runCli(['check'], { cwd: root }).status).toBe(0)
  })

  test('dry-run shows the same table and writes nothing', () => {
    const root = repo()
    const before = snapshotTree(root)
    const run = runAction({ command: 'bump', component: 'cli', version: 'patch', 'dry-run': 'true' }, { workspace: root })
    expect(run.status).toBe(0)
    expect(run.outputs.version).toBe('2.0.1')
    expect(run.stdout).toContain('(dry run: nothing written)')
    expect(run.summary).toContain('<td>server/pyproject.toml</td><td>3</td>')
    expect(snapshotTree(root)).toEqual(before)
  })

  test('the same version is a no-op', () => {
    const root = repo()
    const before = snapshotTree(root)
    const run = runCli(['bump', 'platform', '2.0.0'], { cwd: root })
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('group platform is already at 2.0.0; nothing to change')
    expect(snapshotTree(root)).toEqual(before)
  })

  test('file modes are kept', () => {
    const root = repo()
    chmodSync(path.join(root, 'cli/pyproject.toml'), 0o640)
    expect(runCli(['bump', 'platform', '2.0.1'], { cwd: root }).status).toBe(0)
    expect(statSync(path.join(root, 'cli/pyproject.toml')).mode & 0o777).toBe(0o640)
  })

  test.each([
    {
      name: 'a pin that cannot follow (an inclusive cap)',
      change: (r: string) => edit(r, 'server/pyproject.toml', '"dakora-client>=1.4,<2"', '"dakora-client>=1.4,<=1.4.9"'),
      args: ['bump', 'sdk', '1.5.0'],
      status: 1,
      expected:
        'server/pyproject.toml:9: E_PIN_EXCLUDES dakora-server requires "dakora-client>=1.4,<=1.4.9" (dependencies), which would exclude dakora-client 1.5.0 and has no mechanical rewrite; suggested: "dakora-client>=1.5.0"'
    },
    {
      name: 'a keyword on a group whose members disagree',
      change: (r: string) => edit(r, 'server/pyproject.toml', 'version = "2.0.0"', 'version = "1.9.0"'),
      args: ['bump', 'platform', 'patch'],
      status: 1,
      expected:
        'server/pyproject.toml:3: E_VERSION_MISMATCH group platform members disagree (dakora 2.0.0, dakora-server 1.9.0); "patch" needs one current version'
    },
    {
      // found only while rendering the second file, after the first (the client's version) rendered fine
      name: 'a pin in a later file written with an escape',
      change: (r: string) => edit(r, 'cli/pyproject.toml', '"dakora-client~=1.4.0"', '"dakora-client\\u007e=1.4.0"'),
      args: ['bump', 'sdk', '1.5.0'],
      status: 1,
      expected: 'E_CONFIG cli/pyproject.toml:9: the string uses escapes; edit it by hand'
    },
    {
      name: 'a downgrade',
      change: () => undefined,
      args: ['bump', 'platform', '1.9.0'],
      status: 2,
      expected: "E_INPUT version 1.9.0 is lower than group platform's current 2.0.0"
    },
    {
      name: 'not PEP 440',
      change: () => undefined,
      args: ['bump', 'platform', '2.0.0.final'],
      status: 1,
      expected: 'E_INVALID_VERSION version "2.0.0.final" is not a valid PEP 440 version'
    },
    {
      name: 'a hostile version',
      change: () => undefined,
      args: ['bump', 'platform', '2.0.0;id'],
      status: 2,
      expected: 'E_INPUT input version = "2.0.0;id" is not allowed'
    },
    { name: 'no version', change: () => undefined, args: ['bump', 'platform'], status: 2, expected: 'E_INPUT bump needs version' }
  ])('refused: $name — every byte stays', ({ change, args, status, expected }) => {
    const root = repo()
    change(root)
    const before = snapshotTree(root)
    const run = runCli(args, { cwd: root })
    expect(run.status).toBe(status)
    expect(run.stderr).toContain(expected)
    expect(snapshotTree(root)).toEqual(before)
  })

  test('a downgrade with allow-downgrade', () => {
    const root = repo()
    const run = runCli(['bump', 'platform', '1.9.0', '--allow-downgrade'], { cwd: root })
    expect(run.status).toBe(0)
    expect(read(root, 'server/pyproject.toml')).toContain('version = "1.9.0"')
  })
})

describe('bump a real-world-shaped workspace (orbit: config, CRLF, literal strings, extras, dependency-groups)', () => {
  test('client 0.9.0: pins in optional-dependencies and dependency-groups follow; CRLF and quotes kept', () => {
    const root = repo('__fixtures__/repos/orbit')
    const original = {
      client: read(root, 'libs/client/pyproject.toml'),
      api: read(root, 'apps/api/pyproject.toml'),
      core: read(root, 'libs/core/pyproject.toml'),
      rootProject: read(root, 'pyproject.toml')
    }
    const before = snapshotTree(root)
    const run = runAction({ command: 'bump', component: 'client', version: '0.9.0' }, { workspace: root })
    expect(run.status).toBe(0)
    expect(changedFiles(before, snapshotTree(root))).toEqual([
      'apps/api/pyproject.toml',
      'libs/client/pyproject.toml',
      'libs/core/pyproject.toml',
      'uv.lock'
    ])
    expect(read(root, 'libs/client/pyproject.toml')).toBe(original.client.replace("version = '0.8.1'", "version = '0.9.0'"))
    expect(read(root, 'libs/client/pyproject.toml')).toContain('\r\n')
    expect(read(root, 'apps/api/pyproject.toml')).toBe(original.api.replace('orbit-client[maf]~=0.8.0', 'orbit-client[maf]~=0.9.0'))
    expect(read(root, 'libs/core/pyproject.toml')).toBe(original.core.replace('orbit-client~=0.8.1', 'orbit-client~=0.9.0'))
    expect(read(root, 'pyproject.toml')).toBe(original.rootProject)
    expect(runAction({ command: 'check' }, { workspace: root }).status).toBe(0)
  })
})

describe('with uv on PATH, `uv lock` rewrites uv.lock', () => {
  function fakeUv(exitCode: number): { bin: string; log: string } {
    const bin = mkdtempSync(path.join(os.tmpdir(), 'pyship-uv-'))
    made.push(bin)
    const log = path.join(bin, 'argv.log')
    writeFileSync(
      path.join(bin, 'uv'),
      `#!/bin/sh\nprintf '%s\\n' "$PWD" "$@" > "${log}"\necho "resolver says no" >&2\nexit ${exitCode}\n`,
      { mode: 0o755 }
    )
    return { bin, log }
  }

  test('pyship edits the pyprojects and runs exactly `uv lock` in the workspace root', () => {
    const root = repo()
    const lock = read(root, 'uv.lock')
    const uv = fakeUv(0)
    const run = runCli(['bump', 'platform', '2.0.1'], { cwd: root, env: { PATH: `${uv.bin}:${process.env.PATH}` } })
    expect(run.status).toBe(0)
    expect(readFileSync(uv.log, 'utf8')).toBe(`${root}\nlock\n`)
    expect(read(root, 'uv.lock')).toBe(lock)
    expect(read(root, 'cli/pyproject.toml')).toContain('version = "2.0.1"')
    expect(run.stdout).toContain('uv.lock updated by `uv lock`')
  })

  test('when `uv lock` fails every file is restored', () => {
    const root = repo()
    const before = snapshotTree(root)
    const uv = fakeUv(2)
    const run = runCli(['bump', 'platform', '2.0.1'], { cwd: root, env: { PATH: `${uv.bin}:${process.env.PATH}` } })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('E_LOCK_DRIFT uv lock failed after the bump (exit 2); every file was restored: resolver says no')
    expect(snapshotTree(root)).toEqual(before)
  })

  test('SIGTERM while `uv lock` runs: uv is stopped, every file (uv.lock too) is as before, exit 143', async () => {
    const root = repo()
    const before = snapshotTree(root)
    const bin = mkdtempSync(path.join(os.tmpdir(), 'pyship-uv-'))
    made.push(bin)
    const started = path.join(bin, 'started')
    // a uv that writes half a lock, then hangs
    writeFileSync(path.join(bin, 'uv'), `#!/bin/sh\necho 'broken' > uv.lock\ntouch "${started}"\nexec sleep 120\n`, { mode: 0o755 })
    const child = spawn(process.execPath, [BUNDLE, 'bump', 'platform', '2.0.1'], {
      cwd: root,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, GITHUB_ACTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    for (let i = 0; i < 200 && !existsSync(started); i++) await new Promise((r) => setTimeout(r, 50))
    expect(existsSync(started)).toBe(true)
    const sent = Date.now()
    child.kill('SIGTERM')
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    // the figure: well under the 120 s uv would take
    expect(Date.now() - sent).toBeLessThan(10_000)
    expect(status).toBe(143)
    expect(stderr).toMatch(/cancel/i)
    expect(snapshotTree(root)).toEqual(before)
    // pyship signals its tools and does not wait for them: on a loaded machine the signal may land
    // a moment after pyship has exited, so look for a few seconds (uv itself would sleep 120 s)
    const running = (): string[] =>
      spawnSync('pgrep', ['-af', 'sleep 120'], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter((l) => l.includes('sleep 120'))
    for (let i = 0; i < 60 && running().length > 0; i++) await new Promise((r) => setTimeout(r, 50))
    expect(running()).toEqual([])
  }, 30_000)
})
