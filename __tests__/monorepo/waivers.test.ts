/**
 * Waivers (SPEC §1 "What belongs to the monorepo"), like a linter's baseline: a waiver accepts
 * the problems of one code in one package — never another code, never another package — each
 * still shown with its reason; a waiver that accepts nothing is reported as stale.
 */
import { afterEach, describe, test, expect } from '@jest/globals'
import { loadMonorepo } from '../../src/monorepo/load.js'
import { checkVersions } from '../../src/monorepo/consistency.js'
import { packageOfProblem } from '../../src/monorepo/waivers.js'
import { pyproject, uvLock } from '../../__fixtures__/check-rules.js'
import { removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

/**
 * A workspace of core, plugin and app in one group, each broken in a known way: plugin pins an
 * old core (E_PIN_EXCLUDES, plugin/pyproject.toml:4), app pins an old plugin (E_PIN_EXCLUDES,
 * app/pyproject.toml:4), the root uv.lock records an old plugin (E_LOCK_DRIFT, uv.lock:11), and
 * app's own uv.lock an old app (E_LOCK_DRIFT, app/uv.lock:6).
 */
const TREE: Tree = {
  'core/pyproject.toml': pyproject('core', '2.0.0'),
  'plugin/pyproject.toml': pyproject('plugin', '2.0.0', 'dependencies = ["core==1.0.0"]\n'),
  'app/pyproject.toml': pyproject('app', '2.0.0', 'dependencies = ["plugin<2"]\n'),
  'uv.lock': uvLock({ core: '2.0.0', plugin: '1.9.0', app: '2.0.0' }),
  'app/uv.lock': uvLock({ app: '1.0.0' })
}
const ROOT = '[tool.uv.workspace]\nmembers = ["core", "plugin", "app"]\n\n[tool.pyship.groups.all]\npackages = ["core", "plugin", "app"]\n'
const waiver = (pkg: string, code: string, reason = 'known'): string =>
  `\n[[tool.pyship.waivers]]\npackage = "${pkg}"\ncode = "${code}"\nreason = "${reason}"\n`

function run(waivers: string[], component = ''): ReturnType<typeof checkVersions> {
  const root = writeTree(tempDir(), { ...TREE, 'pyproject.toml': ROOT + waivers.join('') })
  const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
  return checkVersions(repo, { component, version: '' })
}
const where = (p: { code: string; file?: string; line?: number }): string => `${p.code} ${p.file}:${p.line}`

const ALL = [
  'E_PIN_EXCLUDES app/pyproject.toml:4',
  'E_LOCK_DRIFT app/uv.lock:6',
  'E_PIN_EXCLUDES plugin/pyproject.toml:4',
  'E_LOCK_DRIFT uv.lock:11'
]

describe('a waiver accepts one code in one package, nothing else', () => {
  test.each<[string, string[], string[], string[]]>([
    ['no waiver: every problem', [], ALL, []],
    [
      'a pin in plugin',
      [waiver('plugin', 'E_PIN_EXCLUDES')],
      ALL.filter((p) => p !== 'E_PIN_EXCLUDES plugin/pyproject.toml:4'),
      ['E_PIN_EXCLUDES plugin/pyproject.toml:4']
    ],
    [
      "plugin's entry in the root uv.lock (it belongs to the package it records)",
      [waiver('plugin', 'E_LOCK_DRIFT')],
      ALL.filter((p) => p !== 'E_LOCK_DRIFT uv.lock:11'),
      ['E_LOCK_DRIFT uv.lock:11']
    ],
    [
      "app's own uv.lock (it belongs to app)",
      [waiver('app', 'E_LOCK_DRIFT')],
      ALL.filter((p) => p !== 'E_LOCK_DRIFT app/uv.lock:6'),
      ['E_LOCK_DRIFT app/uv.lock:6']
    ],
    [
      'another code of a package, the same code of another package: nothing waived',
      [waiver('core', 'E_PIN_EXCLUDES'), waiver('app', 'E_VERSION_MISMATCH')],
      ALL,
      []
    ],
    [
      'every problem, each by its own waiver',
      [
        waiver('plugin', 'E_PIN_EXCLUDES'),
        waiver('app', 'E_PIN_EXCLUDES'),
        waiver('plugin', 'E_LOCK_DRIFT'),
        waiver('app', 'E_LOCK_DRIFT')
      ],
      [],
      [
        'E_PIN_EXCLUDES app/pyproject.toml:4',
        'E_LOCK_DRIFT app/uv.lock:6',
        'E_PIN_EXCLUDES plugin/pyproject.toml:4',
        'E_LOCK_DRIFT uv.lock:11'
      ]
    ]
  ])('%s', (_title, waivers, problems, waived) => {
    const result = run(waivers)
    expect(result.problems.map(where)).toEqual(problems)
    expect(result.waived.map(where)).toEqual(waived)
  })

  test('each waived problem is a notice with its reason and where the waiver is', () => {
    const result = run([waiver('plugin', 'E_PIN_EXCLUDES', 'plugin 2 supports core 1 until March')])
    expect(result.notices).toContain(
      'waived: plugin/pyproject.toml:4: E_PIN_EXCLUDES plugin requires "core==1.0.0" (dependencies), which excludes core 2.0.0 — reason: plugin 2 supports core 1 until March (waiver at pyproject.toml:7)'
    )
  })

  test('a waiver that accepts nothing is reported as stale, on its line; a waiver of a package the gate does not check too', () => {
    const result = run([waiver('core', 'E_LOCK_DRIFT'), waiver('gone', 'E_PIN_EXCLUDES')])
    expect(result.notices).toEqual(
      expect.arrayContaining([
        'pyproject.toml:7: stale waiver: E_LOCK_DRIFT in core matches no problem; remove it from the config',
        'pyproject.toml:12: stale waiver: E_PIN_EXCLUDES in gone matches no problem (gone is not a package the gate checks); remove it from the config'
      ])
    )
    expect(result.problems.map(where)).toEqual(ALL)
  })

  test('with a component, a waiver outside its scope is not called stale (the rest was not checked)', () => {
    const result = run([waiver('core', 'E_LOCK_DRIFT')], 'all')
    expect(result.notices.filter((n) => n.includes('stale'))).toEqual([])
  })
})

describe('packageOfProblem', () => {
  const root = (): ReturnType<typeof loadMonorepo> => {
    const dir = writeTree(tempDir(), {
      ...TREE,
      'pyproject.toml': ROOT,
      'plugin/sub/pyproject.toml': pyproject('sub', '1.0.0'),
      'plugin/src/plugin/__init__.py': '__version__ = "2.0.0"\n'
    })
    return loadMonorepo({ workDir: dir, repoRoot: dir }, '')
  }
  test.each([
    ['plugin/pyproject.toml', 4, 'plugin'],
    ['plugin/src/plugin/__init__.py', 1, 'plugin'],
    ['app/uv.lock', 6, 'app'],
    ['uv.lock', 11, 'plugin'],
    ['uv.lock', 12, 'plugin'],
    ['uv.lock', 16, 'app'],
    ['uv.lock', 2, null],
    ['pluginx/pyproject.toml', 1, null],
    [undefined, undefined, null]
  ])('%s:%s belongs to %s', (file, line, expected) => {
    expect(packageOfProblem(root(), { code: 'E_LOCK_DRIFT', message: '', hint: '', file, line })).toBe(expected)
  })
})
