/** check rule lock-drift: uv.lock (and a package's own uv.lock) records the version each package carries. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { findings, pyproject, rootWith, uvLock, type Row } from '../../../__fixtures__/check-rules.js'
import { lockDrift } from '../../../src/monorepo/check-rules/lock-drift.js'

afterEach(removeTempDirs)

const tree = (lock: Record<string, string>, own: Record<string, string> | null = null): Tree => ({
  'pyproject.toml': rootWith({ g: ['a'], h: ['b'] }, '\n[tool.uv.workspace]\nmembers = ["a", "b"]\n'),
  'a/pyproject.toml': pyproject('a', '1.0.0'),
  'b/pyproject.toml': pyproject('b', '2.0.0'),
  'uv.lock': uvLock(lock),
  ...(own ? { 'b/uv.lock': uvLock(own) } : {})
})
const OWN_HINT = 'Run `uv lock` in b and commit its uv.lock (or let `pyship bump` update it).'

describe('check rule lock-drift', () => {
  test.each<[string, Tree, string, Row[]]>([
    ['uv.lock agrees', tree({ a: '1.0.0', b: '2.0.0' }), '', []],
    ['uv.lock agrees, written another way', tree({ a: '1.0.0', b: 'V2.0.0' }), '', []],
    ['a member uv.lock does not record', tree({ a: '1.0.0' }), '', []],
    [
      'uv.lock behind',
      tree({ a: '0.9.0', b: '2.0.0' }),
      '',
      [['E_LOCK_DRIFT', 'uv.lock', 6, 'uv.lock records a 0.9.0 but a/pyproject.toml has 1.0.0']]
    ],
    [
      'both behind',
      tree({ a: '0.9.0', b: '1.0.0' }),
      '',
      [
        ['E_LOCK_DRIFT', 'uv.lock', 6, 'uv.lock records a 0.9.0 but a/pyproject.toml has 1.0.0'],
        ['E_LOCK_DRIFT', 'uv.lock', 11, 'uv.lock records b 1.0.0 but b/pyproject.toml has 2.0.0']
      ]
    ],
    [
      'with a component, only its packages',
      tree({ a: '0.9.0', b: '1.0.0' }),
      'h',
      [['E_LOCK_DRIFT', 'uv.lock', 11, 'uv.lock records b 1.0.0 but b/pyproject.toml has 2.0.0']]
    ],
    [
      "a package's own uv.lock behind, with its own hint",
      tree({ a: '1.0.0', b: '2.0.0' }, { b: '1.9.0' }),
      '',
      [['E_LOCK_DRIFT', 'b/uv.lock', 6, 'b/uv.lock records b 1.9.0 but b/pyproject.toml has 2.0.0', OWN_HINT]]
    ],
    [
      'both locks behind: the root one first',
      tree({ a: '1.0.0', b: '1.0.0' }, { b: '1.9.0' }),
      '',
      [
        ['E_LOCK_DRIFT', 'uv.lock', 11, 'uv.lock records b 1.0.0 but b/pyproject.toml has 2.0.0'],
        ['E_LOCK_DRIFT', 'b/uv.lock', 6, 'b/uv.lock records b 1.9.0 but b/pyproject.toml has 2.0.0', OWN_HINT]
      ]
    ],
    [
      "a package's own uv.lock records a sibling behind (its editable entry): drift on the sibling's line",
      tree({ a: '1.0.0', b: '2.0.0' }, { b: '2.0.0', a: '0.9.0' }),
      '',
      [['E_LOCK_DRIFT', 'b/uv.lock', 11, 'b/uv.lock records a 0.9.0 but a/pyproject.toml has 1.0.0', OWN_HINT]]
    ],
    [
      'a sibling entry of a package outside the component is not checked',
      tree({ a: '1.0.0', b: '2.0.0' }, { b: '2.0.0', a: '0.9.0' }),
      'h',
      []
    ],
    [
      "with the sibling's component, the lock of another package is checked too",
      tree({ a: '1.0.0', b: '2.0.0' }, { b: '2.0.0', a: '0.9.0' }),
      'g',
      [['E_LOCK_DRIFT', 'b/uv.lock', 11, 'b/uv.lock records a 0.9.0 but a/pyproject.toml has 1.0.0', OWN_HINT]]
    ],
    ['versions compared as PEP 440 versions: 1.0 = 1.0.0, 2.0.0 = 2', tree({ a: '1.0', b: '2' }, { b: '2.0', a: '1' }), '', []],
    [
      'a local version is another version',
      tree({ a: '1.0.0+dirty', b: '2.0.0' }),
      '',
      [['E_LOCK_DRIFT', 'uv.lock', 6, 'uv.lock records a 1.0.0+dirty but a/pyproject.toml has 1.0.0']]
    ]
  ])('%s', (_title, files, component, expected) => {
    expect(findings(lockDrift, files, { component }).problems).toEqual(expected)
  })

  test('a package whose version is not PEP 440, or has no name, is not compared', () => {
    const files: Tree = {
      'pyproject.toml': rootWith({ g: ['a'] }, '\n[tool.uv.workspace]\nmembers = ["a", "b"]\n'),
      'a/pyproject.toml': pyproject('a', 'banana'),
      'b/pyproject.toml': '[project]\nversion = "1.0.0"\n',
      'uv.lock': uvLock({ a: '1.0.0' })
    }
    expect(findings(lockDrift, files).problems).toEqual([])
  })
})
