/**
 * The real build backends agree with pyship on versions kept in other manifests: the wheels
 * poetry-core builds from `[tool.poetry] version` and maturin from a crate's Cargo.toml (its own
 * `[package] version`, and `version.workspace = true`) carry the version `check` reads, and
 * after `bump` to a pre-release the version bump wrote — maturin reading the SemVer spelling
 * bump wrote in the Cargo files (`1.3.0-rc.1`) as the PEP 440 one (`1.3.0rc1`).
 * `python -m build --no-isolation`, the command a release runs, with poetry-core and maturin
 * in a venv (`__fixtures__/backend-venv.ts`) and cargo offline.
 */
import { afterAll, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../../__fixtures__/action.js'
import { copyRepo } from '../../__fixtures__/snapshot.js'
import { describeWithBackends, type BackendsPython } from '../../__fixtures__/backend-venv.js'

const made: string[] = []
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** The file name of the wheel the package's own backend builds. */
function wheelOf(python: BackendsPython, root: string, dir: string): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'pyship-wheel-'))
  made.push(out)
  const r = spawnSync(
    path.join(python.bin, 'python3'),
    ['-m', 'build', '--wheel', '--no-isolation', '--skip-dependency-check', '--outdir', out, path.join(root, dir)],
    {
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, PATH: `${python.bin}:${python.cargoBin}:${process.env.PATH ?? ''}`, CARGO_NET_OFFLINE: 'true' }
    }
  )
  if (r.status !== 0) throw new Error(`python -m build ${dir} failed: ${r.stderr}`)
  return readdirSync(out)
    .filter((f) => f.endsWith('.whl'))
    .join(' ')
}

describeWithBackends('real poetry-core and maturin read the version pyship reads and bumps', (python) => {
  test('Poetry without [project], maturin with a workspace version and with its own', () => {
    const root = copyRepo('__fixtures__/repos/backends')
    made.push(root)
    const packages: [string, RegExp][] = [
      ['pkgs/poetry-lib', /^poetry_lib-VERSION-py3-none-any\.whl$/],
      ['pkgs/poetry-app', /^poetry_app-VERSION-py3-none-any\.whl$/],
      ['rust/core', /^fast_core-VERSION-py3-none-\w+\.whl$/],
      ['rust/plain', /^plain_ext-VERSION-py3-none-\w+\.whl$/]
    ]
    const named = (pattern: RegExp, version: string): RegExp => new RegExp(pattern.source.replace('VERSION', version.replace(/\./g, '\\.')))
    const check = runCli(['check'], { cwd: root })
    expect(check.status).toBe(0)
    expect(check.stdout).toMatch(/fast-core\s+rust\/core\/pyproject\.toml\s+1\.2\.0 \(Cargo\.toml:6\)/)
    for (const [dir, wheel] of packages) expect(wheelOf(python, root, dir)).toMatch(named(wheel, '1.2.0'))

    const bump = runCli(['bump', 'suite', '1.3.0rc1'], { cwd: root })
    expect(bump.status).toBe(0)
    for (const [dir, wheel] of packages) expect(wheelOf(python, root, dir)).toMatch(named(wheel, '1.3.0rc1'))
  }, 600_000)
})
