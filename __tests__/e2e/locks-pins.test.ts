/**
 * Every lock, pins that follow, and version-files (SPEC §1), through the bundle on monorepos
 * shaped like the real ones (__fixtures__/locks-repos.ts): `check` reports a stale sibling entry
 * or a lost cap in any uv.lock on its line, and no false problem on a consistent repository;
 * `bump` rewrites every lock entry, every followed pin and every version-files match byte for
 * byte, and `check` passes after it; what `bump` could not carry out, `check` already reports.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runAction, runCli, type ActionRun } from '../../__fixtures__/action.js'
import { AGENTS, SQLFLUFF } from '../../__fixtures__/locks-repos.js'
import { snapshotTree } from '../../__fixtures__/snapshot.js'
import { removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const repo = (files: Tree): string => writeTree(tempDir(), files)
const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8')
function edit(root: string, file: string, from: string, to: string): void {
  const text = read(root, file)
  if (!text.includes(from)) throw new Error(`${file} lacks ${from}`)
  writeFileSync(path.join(root, file), text.replace(from, to))
}
/** `CODE file:line message` of every error annotation. */
const errors = (run: ActionRun): string[] =>
  run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => `${a.properties.title} ${a.properties.file ?? ''}:${a.properties.line ?? ''} ${a.message.split('\n')[0]}`)
const changed = (before: Record<string, string>, after: Record<string, string>): string[] =>
  Object.keys(after)
    .filter((f) => before[f] !== after[f])
    .sort()

describe('every uv.lock: sibling entries and requires-dist mirrors', () => {
  test('a consistent repository passes (0.4 in the pyproject is 0.4.0 in its lock: no false problem)', () => {
    const run = runAction({ command: 'check' }, { workspace: repo(AGENTS) })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
  })

  test("check: a package's own uv.lock with a stale sibling entry and a lost cap, each on its line", () => {
    const root = repo(AGENTS)
    edit(
      root,
      'tools/cli/uv.lock',
      'name = "livekit-plugins-openai"\nversion = "1.2.3"',
      'name = "livekit-plugins-openai"\nversion = "1.2.2"'
    )
    edit(root, 'tools/cli/uv.lock', 'specifier = ">=1.2.3, <2"', 'specifier = ">=1.2.3"')
    const run = runAction({ command: 'check' }, { workspace: root })
    expect(errors(run)).toEqual([
      'E_LOCK_DRIFT tools/cli/uv.lock:16 tools/cli/uv.lock records agents-cli requiring livekit-agents ">=1.2.3" (requires-dist) but tools/cli/pyproject.toml pins "livekit-agents>=1.2.3,<2" (dependencies)',
      'E_LOCK_DRIFT tools/cli/uv.lock:28 tools/cli/uv.lock records livekit-plugins-openai 1.2.2 but livekit-plugins/livekit-plugins-openai/pyproject.toml has 1.2.3'
    ])
    expect(run.status).toBe(1)
    expect(JSON.parse(run.outputs.problems).map((p: { code: string; line: number }) => `${p.code}:${p.line}`)).toEqual([
      'E_LOCK_DRIFT:16',
      'E_LOCK_DRIFT:28'
    ])
    // the CLI says the same, with where to run uv lock
    const cli = runCli(['check'], { cwd: root })
    expect(cli.status).toBe(1)
    expect(cli.stdout + cli.stderr).toContain('tools/cli/uv.lock:28: E_LOCK_DRIFT tools/cli/uv.lock records livekit-plugins-openai 1.2.2')
    expect(cli.stdout + cli.stderr).toContain('Run `uv lock` in tools/cli')
  })

  test("check with the component of the sibling finds it in the other package's lock; another component does not", () => {
    const root = repo(AGENTS)
    edit(
      root,
      'tools/cli/uv.lock',
      'name = "livekit-plugins-openai"\nversion = "1.2.3"',
      'name = "livekit-plugins-openai"\nversion = "1.2.2"'
    )
    expect(errors(runAction({ command: 'check', component: 'agents' }, { workspace: root }))).toEqual([
      'E_LOCK_DRIFT tools/cli/uv.lock:28 tools/cli/uv.lock records livekit-plugins-openai 1.2.2 but livekit-plugins/livekit-plugins-openai/pyproject.toml has 1.2.3'
    ])
    expect(errors(runAction({ command: 'check', component: 'tools' }, { workspace: root }))).toEqual([])
  })

  test('bump with pins = "follow": every version, every floor, every lock entry and mirror, byte for byte; check passes after', () => {
    const root = repo(AGENTS)
    const before = snapshotTree(root)
    const original = Object.fromEntries(Object.keys(AGENTS).map((f) => [f, read(root, f)]))
    const run = runAction({ command: 'bump', component: 'agents', version: 'minor' }, { workspace: root })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.outputs.version).toBe('1.3.0')
    expect(changed(before, snapshotTree(root))).toEqual([
      'livekit-agents/pyproject.toml',
      'livekit-plugins/livekit-plugins-openai/pyproject.toml',
      'livekit-plugins/livekit-plugins-silero/pyproject.toml',
      'livekit-plugins/livekit-plugins-turn/pyproject.toml',
      'tools/cli/pyproject.toml',
      'tools/cli/uv.lock',
      'uv.lock'
    ])
    const v = (text: string): string => text.replace('version = "1.2.3"', 'version = "1.3.0"')
    expect(read(root, 'livekit-agents/pyproject.toml')).toBe(v(original['livekit-agents/pyproject.toml']))
    expect(read(root, 'livekit-plugins/livekit-plugins-openai/pyproject.toml')).toBe(
      v(original['livekit-plugins/livekit-plugins-openai/pyproject.toml']).replace('"livekit-agents>=1.2.3"', '"livekit-agents>=1.3.0"')
    )
    expect(read(root, 'livekit-plugins/livekit-plugins-silero/pyproject.toml')).toBe(
      v(original['livekit-plugins/livekit-plugins-silero/pyproject.toml']).replace('>= 1.2.3, <2', '>= 1.3.0, <2')
    )
    expect(read(root, 'livekit-plugins/livekit-plugins-turn/pyproject.toml')).toBe(
      v(original['livekit-plugins/livekit-plugins-turn/pyproject.toml']).replace('~= 1.2.3.dev', '~= 1.3.0.dev')
    )
    expect(read(root, 'tools/cli/pyproject.toml')).toBe(
      original['tools/cli/pyproject.toml'].replace('livekit-agents>=1.2.3,<2', 'livekit-agents>=1.3.0,<2')
    )
    expect(read(root, 'uv.lock')).toBe(
      original['uv.lock'].replace(/(name = "livekit-(?:agents|plugins-\w+)"\nversion = )"1\.2\.3"/g, '$1"1.3.0"')
    )
    expect(read(root, 'tools/cli/uv.lock')).toBe(
      original['tools/cli/uv.lock']
        .replace('specifier = ">=1.2.3, <2"', 'specifier = ">=1.3.0, <2"')
        .replace('name = "livekit-plugins-openai"\nversion = "1.2.3"', 'name = "livekit-plugins-openai"\nversion = "1.3.0"')
        .replace(
          'requires-dist = [{ name = "livekit-agents", specifier = ">=1.2.3" }]',
          'requires-dist = [{ name = "livekit-agents", specifier = ">=1.3.0" }]'
        )
    )
    // the index entry of livekit-agents in the tool's lock is what the index gave: not a mirror
    expect(read(root, 'tools/cli/uv.lock')).toContain('name = "livekit-agents"\nversion = "1.2.3"\nsource = { registry')
    expect(run.summary).toContain(
      "<td>tools/cli/uv.lock</td><td>28</td><td>livekit-plugins-openai locked version (tools/cli's uv.lock)</td><td>1.2.3 → 1.3.0</td>"
    )
    const check = runAction({ command: 'check', component: 'agents', version: '1.3.0' }, { workspace: root })
    expect(errors(check)).toEqual([])
    expect(check.status).toBe(0)
  })

  test('bump with pins = "admit": the floors that still admit the version stay', () => {
    const root = repo({ ...AGENTS, 'pyproject.toml': (AGENTS['pyproject.toml'] as string).replace('pins = "follow"', 'pins = "admit"') })
    const run = runCli(['bump', 'agents', 'minor'], { cwd: root })
    expect(run.status).toBe(0)
    expect(read(root, 'livekit-plugins/livekit-plugins-openai/pyproject.toml')).toContain('"livekit-agents>=1.2.3"')
    expect(read(root, 'tools/cli/pyproject.toml')).toBe(AGENTS['tools/cli/pyproject.toml'])
    expect(read(root, 'tools/cli/uv.lock')).toContain('name = "livekit-plugins-openai"\nversion = "1.3.0"')
  })

  test('a pins value that is not admit or follow is E_CONFIG on its line, and nothing runs', () => {
    const root = repo({ ...AGENTS, 'pyproject.toml': (AGENTS['pyproject.toml'] as string).replace('pins = "follow"', 'pins = "always"') })
    const before = snapshotTree(root)
    const run = runAction({ command: 'bump', component: 'agents', version: 'minor' }, { workspace: root })
    expect(run.status).toBe(1)
    expect(errors(run)).toEqual([
      'E_CONFIG pyproject.toml:6 pyproject.toml: groups.agents.pins must be one of "admit", "follow", not "always"'
    ])
    expect(snapshotTree(root)).toEqual(before)
  })
})

describe('version-files: count = "all", format = "semver", spots inside a pyproject bump edits', () => {
  test('check passes on the consistent repository, and names the one generated pin of 55 left behind', () => {
    const root = repo(SQLFLUFF)
    expect(errors(runAction({ command: 'check' }, { workspace: root }))).toEqual([])
    edit(root, 'src/sqlfluff/plugins.py', 'sqlfluff-plugin-40==3.4.2', 'sqlfluff-plugin-40==3.4.1')
    const run = runAction({ command: 'check' }, { workspace: root })
    expect(errors(run)).toEqual([
      'E_VERSION_MISMATCH src/sqlfluff/plugins.py:43 src/sqlfluff/plugins.py (version-files of group sqlfluff) carries 3.4.1 but group sqlfluff is 3.4.2'
    ])
    expect(run.status).toBe(1)
  })

  test('bump to a pre-release: the pyproject in one write, Cargo.toml as SemVer, all 55 generated pins; check passes after', () => {
    const root = repo(SQLFLUFF)
    const before = snapshotTree(root)
    const run = runAction({ command: 'bump', component: 'sqlfluff', version: '3.5.0rc1' }, { workspace: root })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(changed(before, snapshotTree(root))).toEqual(['pyproject.toml', 'sqlfluffrs/Cargo.toml', 'src/sqlfluff/plugins.py'])
    expect(read(root, 'pyproject.toml')).toBe(
      (SQLFLUFF['pyproject.toml'] as string).replaceAll('"3.4.2"', '"3.5.0rc1"').replace('sqlfluffrs==3.4.2', 'sqlfluffrs==3.5.0rc1')
    )
    expect(read(root, 'sqlfluffrs/Cargo.toml')).toBe(
      (SQLFLUFF['sqlfluffrs/Cargo.toml'] as string).replace('version = "3.4.2"', 'version = "3.5.0-rc.1"')
    )
    expect(read(root, 'src/sqlfluff/plugins.py')).toBe(
      (SQLFLUFF['src/sqlfluff/plugins.py'] as string).replaceAll('==3.4.2"', '==3.5.0rc1"')
    )
    expect(run.stdout).toContain('sqlfluff 3.4.2 → 3.5.0rc1: 59 changes in 3 files')
    const check = runAction({ command: 'check', component: 'sqlfluff', version: '3.5.0rc1' }, { workspace: root })
    expect(errors(check)).toEqual([])
    expect(check.status).toBe(0)
  })

  test('bump to a post-release SemVer cannot spell: refused on the Cargo.toml line, nothing written', () => {
    const root = repo(SQLFLUFF)
    const before = snapshotTree(root)
    const run = runAction({ command: 'bump', component: 'sqlfluff', version: '3.4.2.post1' }, { workspace: root })
    expect(run.status).toBe(1)
    expect(errors(run)).toEqual([
      'E_INVALID_VERSION sqlfluffrs/Cargo.toml:3 sqlfluffrs/Cargo.toml (version-files of group sqlfluff, format = "semver") cannot carry 3.4.2.post1: 3.4.2.post1 is a post-release, which SemVer cannot spell (+post.N is build metadata, the same version to Cargo)'
    ])
    expect(snapshotTree(root)).toEqual(before)
  })

  test('a pattern matching twice without count = "all" is a problem on the file, for check and bump alike', () => {
    const files = { ...SQLFLUFF, 'pyproject.toml': (SQLFLUFF['pyproject.toml'] as string).replace(', count = "all"', '') }
    const root = repo(files)
    const check = runAction({ command: 'check' }, { workspace: root })
    expect(check.status).toBe(1)
    expect(errors(check)[0]).toMatch(/^E_VERSION_SOURCE src\/sqlfluff\/plugins\.py:4 .*matches 55 places \(lines 3, 4, 5,/)
    const before = snapshotTree(root)
    expect(runAction({ command: 'bump', component: 'sqlfluff', version: 'patch' }, { workspace: root }).status).toBe(1)
    expect(snapshotTree(root)).toEqual(before)
  })

  test('a version-files spot bump could not write (a TOML float in the pyproject it edits): check reports it before bump refuses', () => {
    const root = repo({
      'pyproject.toml':
        '[project]\nname = "solo"\nversion = "1.0"\n\n[tool.solo]\nschema = 1.0\n\n[tool.pyship.groups.solo]\npackages = ["."]\n' +
        'version-files = [{ path = "pyproject.toml", pattern = \'schema = (?P<version>[0-9.]+)\' }]\n'
    })
    const check = runAction({ command: 'check' }, { workspace: root })
    expect(errors(check)).toEqual([
      'E_CONFIG pyproject.toml:6 pyproject.toml (version-files of group solo): bump could not write this version, since it edits pyproject.toml too: the version is inside a TOML float, not a string'
    ])
    const before = snapshotTree(root)
    const bump = runAction({ command: 'bump', component: 'solo', version: '1.1' }, { workspace: root })
    expect(bump.status).toBe(1)
    expect(errors(bump).map((e) => e.split(' ').slice(0, 2).join(' '))).toEqual(['E_CONFIG pyproject.toml:6'])
    expect(snapshotTree(root)).toEqual(before)
  })
})
