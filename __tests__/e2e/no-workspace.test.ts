/**
 * Packages side by side without a uv workspace or a config (`__fixtures__/repos/loose`):
 * every tracked pyproject.toml with a [project] is checked, with its own uv.lock;
 * ignored, vendored and hidden trees never count. Through the bundle.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runAction, runCli, type ActionRun } from '../../__fixtures__/action.js'
import { makeRepos, type GitRepos } from '../../__fixtures__/git.js'
import { copyRepo } from '../../__fixtures__/snapshot.js'

const made: GitRepos[] = []
const dirs: string[] = []
afterEach(() => {
  made.splice(0).forEach((r) => r.remove())
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

/** The fixture committed in git, plus an ignored package that must never count. */
function repo(): GitRepos {
  const r = makeRepos('__fixtures__/repos/loose')
  made.push(r)
  writeFileSync(path.join(r.work, '.gitignore'), 'scratch/\n')
  mkdirSync(path.join(r.work, 'scratch'))
  writeFileSync(path.join(r.work, 'scratch', 'pyproject.toml'), '[project]\nname = "scratch"\nversion = "nope"\n')
  r.git(['add', '.gitignore'])
  r.git(['commit', '-q', '-m', 'ignore scratch'])
  return r
}
function edit(root: string, file: string, from: string, to: string): void {
  const text = readFileSync(path.join(root, file), 'utf8')
  if (!text.includes(from)) throw new Error(`${file} lacks ${from}`)
  writeFileSync(path.join(root, file), text.replace(from, to))
}
const errors = (run: ActionRun): string[] =>
  run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => `${a.properties.title} ${a.properties.file ?? ''}:${a.properties.line ?? ''} ${a.message.split('\n')[0]}`)

describe('no config, no uv workspace', () => {
  test('every tracked pyproject with a [project] is a package; hidden, vendored and ignored ones are not', () => {
    const r = repo()
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(run.stderr).toBe('')
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('check: 2 packages: 2 static (no groups configured), versions consistent')
    expect(run.summary).toContain('<tr><td>loose-a</td><td>a/pyproject.toml</td><td>0.3.0</td><td>—</td></tr>')
    expect(run.summary).toContain('<tr><td>loose-b</td><td>b/pyproject.toml</td><td>1.0.0</td><td>—</td></tr>')
    expect(run.summary).not.toContain('scratch')
    expect(run.summary).not.toContain('vendored')
    expect(run.annotations.map((a) => a.message)).toContain(
      'no groups are configured and there is no uv workspace: checked every tracked pyproject.toml with a [project] (add [tool.pyship] groups to check versions in sync)'
    )
  })

  test('pins between them and their own uv.lock are checked', () => {
    const r = repo()
    edit(r.work, 'a/pyproject.toml', 'version = "0.3.0"', 'version = "0.4.0"')
    edit(r.work, 'b/uv.lock', 'name = "loose-b"\nversion = "1.0.0"', 'name = "loose-b"\nversion = "0.9.0"')
    const run = runAction({ command: 'check' }, { workspace: r.work, env: r.env })
    expect(errors(run).sort()).toEqual([
      'E_LOCK_DRIFT b/uv.lock:12 b/uv.lock records loose-b 0.9.0 but b/pyproject.toml has 1.0.0',
      // b's own lock records its sibling loose-a (a directory source): a mirror of a's version too
      'E_LOCK_DRIFT b/uv.lock:7 b/uv.lock records loose-a 0.3.0 but a/pyproject.toml has 0.4.0',
      'E_PIN_EXCLUDES b/pyproject.toml:4 loose-b requires "loose-a>=0.3,<0.4" (dependencies), which excludes loose-a 0.4.0'
    ])
    expect(run.status).toBe(1)
  })

  test('not a git repository: the directories are walked, hidden and vendored ones skipped', () => {
    const root = copyRepo('__fixtures__/repos/loose')
    dirs.push(root)
    const run = runCli(['check'], { cwd: root })
    expect(run.stdout).toContain('check: 2 packages: 2 static (no groups configured), versions consistent')
    expect(run.status).toBe(0)
  })

  test('bump asks for groups, with a config built from the packages found', () => {
    const r = repo()
    const run = runCli(['bump', 'loose-a', 'patch'], { cwd: r.work, env: r.env })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('[tool.pyship.groups.loose-a]\npackages = ["a"]')
  })
})
