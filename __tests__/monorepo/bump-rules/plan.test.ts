/** planBump composes the bump rules: one edit per version's characters, one way to edit each file. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { PyshipError, toProblems } from '../../../src/errors.js'
import { loadMonorepo } from '../../../src/monorepo/load.js'
import { planBump, renderBump } from '../../../src/monorepo/bump-plan.js'
import { removeTempDirs, tempDir, writeTree, type Tree } from '../../../__fixtures__/tree.js'
import { pyproject, rowsOf } from '../../../__fixtures__/check-rules.js'

afterEach(removeTempDirs)

const plan = (files: Tree) => {
  const root = writeTree(tempDir(), files)
  return planBump(loadMonorepo({ workDir: root, repoRoot: root }, ''), {
    component: 'g',
    version: 'minor',
    allowDowngrade: false,
    uvLocks: false
  })
}
const withVersionFile = (entry: string, a: string): Tree => ({
  'pyproject.toml': `[tool.pyship.groups.g]\npackages = ["a"]\nversion-files = [${entry}]\n`,
  'a/pyproject.toml': a,
  'a/src/about.py': '__version__ = "1.0.0"\n'
})
const HATCH_PATH = '[project]\nname = "a"\ndynamic = ["version"]\n\n[tool.hatch.version]\npath = "src/about.py"\n'

describe('planBump', () => {
  test("a member's version file also listed in version-files is edited once, as the member's", () => {
    const p = plan(withVersionFile(`{ path = "a/src/about.py", pattern = '__version__ = "(?P<version>[^"]+)"' }`, HATCH_PATH))
    expect(p.rows).toEqual([{ file: 'a/src/about.py', line: 1, what: 'a version (hatch path)', from: '1.0.0', to: '1.1.0' }])
    expect(p.spots.map((s) => [s.spot.file, s.version])).toEqual([['a/src/about.py', '1.1.0']])
    expect(p.files).toEqual([])
  })

  test('a version-files entry on the string bump already changes is one change of that file, not two', () => {
    const p = plan(withVersionFile(`{ path = "a/pyproject.toml", pattern = '^version = "(?P<version>[^"]+)"' }`, pyproject('a', '1.0.0')))
    expect(p.files.map((f) => [f.doc.file, f.changes.map((c) => `${c.path.join('.')}=${c.value}`)])).toEqual([
      ['a/pyproject.toml', ['project.version=1.1.0']]
    ])
    expect(p.spots).toEqual([])
  })

  test('version-files spots inside a pyproject bump edits: strings (two in one), a comment, all in one write', () => {
    const a = pyproject(
      'a',
      '1.0.0',
      '# release 1.0.0\n[project.optional-dependencies]\nrs = ["a-rs==1.0.0; sys_platform != \'win32\'", "a-rs==1.0.0 ; extra == \'x\'"]\n\n[tool.bumpversion]\ncurrent_version = "1.0.0"\nmessage = "a-rs==1.0.0 follows a-rs==1.0.0"\n'
    )
    const entries = [
      `{ path = "a/pyproject.toml", pattern = 'current_version = "(?P<version>[^"]+)"' }`,
      `{ path = "a/pyproject.toml", pattern = 'a-rs==(?P<version>[0-9.]+)', count = "all" }`,
      `{ path = "a/pyproject.toml", pattern = '# release (?P<version>\\S+)' }`
    ].join(', ')
    const p = plan(withVersionFile(entries, a))
    expect(p.spots).toEqual([])
    expect(p.files.map((f) => [f.doc.file, f.changes.map((c) => `${c.path.join('.')}=${c.value}`), (f.raw ?? []).length])).toEqual([
      [
        'a/pyproject.toml',
        [
          'project.version=1.1.0',
          'tool.bumpversion.message=a-rs==1.1.0 follows a-rs==1.1.0',
          'tool.bumpversion.current_version=1.1.0',
          "project.optional-dependencies.rs.1=a-rs==1.1.0 ; extra == 'x'",
          "project.optional-dependencies.rs.0=a-rs==1.1.0; sys_platform != 'win32'"
        ],
        1
      ]
    ])
    expect(renderBump(p)[0].content).toBe(a.replaceAll('1.0.0', '1.1.0'))
  })

  test('a version-files spot bump could not write in the same edit (a TOML float) is E_CONFIG on its line, nothing planned', () => {
    let error: unknown
    try {
      plan(
        withVersionFile(
          `{ path = "a/pyproject.toml", pattern = 'serial = (?P<version>[0-9.]+)' }`,
          pyproject('a', '1.0.0', '\n[tool.x]\nserial = 1.0\n')
        )
      )
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PyshipError)
    expect(rowsOf(toProblems(error as PyshipError))).toEqual([
      [
        'E_CONFIG',
        'a/pyproject.toml',
        6,
        'a/pyproject.toml:6: bump cannot write this version-files spot: the version is inside a TOML float, not a string',
        'Point the version-files pattern at a plain quoted string (or a comment), or remove the entry.'
      ]
    ])
  })

  test('count = "all" in a generated file: every match rendered, each verified where it was', () => {
    const gen = Array.from({ length: 55 }, (_, i) => `    "plugin-${i}==1.0.0",\n`).join('')
    const p = plan({
      ...withVersionFile(`{ path = "gen.py", pattern = '==(?P<version>[0-9][^"]*)"', count = "all" }`, pyproject('a', '1.0.0')),
      'gen.py': gen
    })
    expect(p.spots).toHaveLength(55)
    const written = renderBump(p).find((w) => w.abs.endsWith('gen.py'))
    expect(written?.content).toBe(gen.replaceAll('==1.0.0"', '==1.1.0"'))
  })

  test('edits of one file are collected into one file edit, in rule order', () => {
    const p = plan({
      'pyproject.toml': '[tool.pyship.groups.g]\npackages = ["a", "b"]\n',
      'a/pyproject.toml': pyproject('a', '1.0.0', 'dependencies = ["b==1.0.0"]\n'),
      'b/pyproject.toml': pyproject('b', '1.0.0')
    })
    expect(p.files.map((f) => [f.doc.file, f.changes.map((c) => `${c.path.join('.')}=${c.value}`)])).toEqual([
      ['a/pyproject.toml', ['project.version=1.1.0', 'project.dependencies.0=b==1.1.0']],
      ['b/pyproject.toml', ['project.version=1.1.0']]
    ])
    expect(p.rows.map((r) => `${r.file}:${r.line} ${r.what}`)).toEqual([
      'a/pyproject.toml:3 a version',
      'b/pyproject.toml:3 b version',
      'a/pyproject.toml:4 a dependencies'
    ])
    expect([p.group, p.version, p.current, p.fromTags]).toEqual(['g', '1.1.0', ['1.0.0', '1.0.0'], false])
  })
})
