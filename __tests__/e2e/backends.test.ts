/**
 * The real build backends agree with pyship: the wheel hatchling builds from a hatch
 * `path` package, and setuptools from `attr` packages (src and flat layouts), carries the
 * version `check` reads, and after `bump` the version bump wrote.
 * `python3 -m build --no-isolation` with Debian's hatchling and setuptools.
 */
import { afterAll, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../../__fixtures__/action.js'
import { copyRepo } from '../../__fixtures__/snapshot.js'
import { describeWithTools, toolCommand } from '../../__fixtures__/tools.js'

const made: string[] = []
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** The file name of the wheel the package's own backend builds. */
function wheelOf(root: string, dir: string): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'pyship-wheel-'))
  made.push(out)
  const build = toolCommand('build')
  const r = spawnSync(
    build.command,
    [...build.args, '--wheel', '--no-isolation', '--skip-dependency-check', '--outdir', out, path.join(root, dir)],
    {
      encoding: 'utf8',
      timeout: 120_000
    }
  )
  if (r.status !== 0) throw new Error(`python -m build ${dir} failed: ${r.stderr}`)
  return readdirSync(out)
    .filter((f) => f.endsWith('.whl'))
    .join(' ')
}

describeWithTools(['build', 'hatchling', 'setuptools'], 'real backends read the version pyship reads and bumps', () => {
  test('hatch path, setuptools attr (src layout and flat submodule)', () => {
    const root = copyRepo('__fixtures__/repos/sources')
    made.push(root)
    const packages: [string, string][] = [
      ['pkgs/hatch-path', 'hatch_path'],
      ['pkgs/st-attr-src', 'st_attr_src'],
      ['pkgs/st-attr-flat', 'st_attr_flat']
    ]
    const check = runCli(['check'], { cwd: root })
    expect(check.stdout).toMatch(
      /hatch-path\s+pkgs\/hatch-path\/pyproject\.toml\s+1\.2\.0 \(pkgs\/hatch-path\/src\/hatch_path\/__about__\.py:2\)/
    )
    expect(check.stdout).toMatch(/st-attr-src\s+pkgs\/st-attr-src\/pyproject\.toml\s+1\.2\.0 \(/)
    for (const [dir, wheel] of packages) expect(wheelOf(root, dir)).toBe(`${wheel}-1.2.0-py3-none-any.whl`)

    const bump = runCli(['bump', 'suite', '1.3.0rc1'], { cwd: root })
    expect(bump.status).toBe(0)
    for (const [dir, wheel] of packages) expect(wheelOf(root, dir)).toBe(`${wheel}-1.3.0rc1-py3-none-any.whl`)
  })
})
