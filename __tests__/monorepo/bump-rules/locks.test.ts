/** bump rules own-locks, lock-versions and lock-requires-dist: uv.lock follows the bump. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { pyproject, uvLock } from '../../../__fixtures__/check-rules.js'
import { planned, type EditRow } from '../../../__fixtures__/bump-rules.js'
import { ownLocks } from '../../../src/monorepo/bump-rules/own-locks.js'
import { lockVersions } from '../../../src/monorepo/bump-rules/lock-versions.js'
import { lockRequiresDist } from '../../../src/monorepo/bump-rules/lock-requires-dist.js'

afterEach(removeTempDirs)

const ROOT = '[tool.uv.workspace]\nmembers = ["a", "b"]\n\n[tool.pyship.groups.g]\npackages = ["b"]\n'

describe('bump rule own-locks', () => {
  const tree = (own: Record<string, string> | null): Tree => ({
    'pyproject.toml': ROOT,
    'a/pyproject.toml': pyproject('a', '0.1.0'),
    'b/pyproject.toml': pyproject('b', '1.0.0'),
    ...(own ? { 'b/uv.lock': uvLock(own) } : {})
  })
  test.each<[string, Tree, { version?: string; uvLocks?: boolean }, EditRow[]]>([
    ['no own uv.lock', tree(null), {}, []],
    [
      "the member's entry in its own uv.lock",
      tree({ b: '1.0.0' }),
      {},
      [['b/uv.lock', 6, 'b locked version (its own uv.lock)', '1.0.0', '1.1.0', 'b/uv.lock package.0.version']]
    ],
    [
      'also when uv rewrites the root uv.lock (it does not touch this one)',
      tree({ c: '3.0.0', b: '1.0.0' }),
      { uvLocks: true },
      [['b/uv.lock', 11, 'b locked version (its own uv.lock)', '1.0.0', '1.1.0', 'b/uv.lock package.1.version']]
    ],
    ['already at the version', tree({ b: '1.1.0' }), { version: '1.1.0' }, []],
    ['a lock without the member', tree({ c: '1.0.0' }), {}, []],
    [
      "a sibling's own uv.lock recording the member (an editable entry) follows too",
      { ...tree(null), 'a/uv.lock': uvLock({ a: '0.1.0', b: '1.0.0' }) },
      {},
      [['a/uv.lock', 11, "b locked version (a's uv.lock)", '1.0.0', '1.1.0', 'a/uv.lock package.1.version']]
    ],
    [
      'every lock below the working directory, in directory order; the sibling itself untouched',
      { ...tree({ b: '1.0.0' }), 'a/uv.lock': uvLock({ a: '0.1.0', b: '1.0' }) },
      {},
      [
        ['a/uv.lock', 11, "b locked version (a's uv.lock)", '1.0', '1.1.0', 'a/uv.lock package.1.version'],
        ['b/uv.lock', 6, 'b locked version (its own uv.lock)', '1.0.0', '1.1.0', 'b/uv.lock package.0.version']
      ]
    ]
  ])('%s', (_title, files, options, edits) => {
    expect(planned(ownLocks, files, options).edits).toEqual(edits)
  })
})

describe('bump rule lock-versions', () => {
  const tree = (lock: Record<string, string> | null): Tree => ({
    'pyproject.toml': ROOT,
    'a/pyproject.toml': pyproject('a', '0.1.0'),
    'b/pyproject.toml': pyproject('b', '1.0.0'),
    ...(lock ? { 'uv.lock': uvLock(lock) } : {})
  })
  test.each<[string, Tree, { version?: string; uvLocks?: boolean }, EditRow[]]>([
    ['no uv.lock', tree(null), {}, []],
    [
      "the group's members only",
      tree({ a: '0.1.0', b: '1.0.0' }),
      {},
      [['uv.lock', 11, 'b locked version', '1.0.0', '1.1.0', 'uv.lock package.1.version']]
    ],
    ['left to uv when uv rewrites it', tree({ a: '0.1.0', b: '1.0.0' }), { uvLocks: true }, []],
    ['already at the version', tree({ b: '1.1.0' }), { version: '1.1.0' }, []],
    ['a member the lock does not record', tree({ a: '0.1.0' }), {}, []]
  ])('%s', (_title, files, options, edits) => {
    expect(planned(lockVersions, files, options).edits).toEqual(edits)
  })
})

describe('bump rule lock-requires-dist', () => {
  const lock = (dist: string, dev: string): string =>
    [
      'version = 1',
      '',
      '[[package]]',
      'name = "a"',
      'version = "0.1.0"',
      'source = { editable = "a" }',
      '',
      '[package.metadata]',
      `requires-dist = [{ name = "B", specifier = "${dist}" }, { name = "requests", specifier = "${dist}" }]`,
      '',
      '[package.metadata.requires-dev]',
      `test = [{ name = "b", specifier = "${dev}" }]`,
      `docs = [{ name = "b", specifier = "${dev}" }]`,
      '',
      '[[package]]',
      'name = "b"',
      'version = "1.0.0"',
      'source = { editable = "b" }',
      ''
    ].join('\n')
  const tree = (pins: string[], groupPins: string[], lockText: string | null): Tree => ({
    'pyproject.toml': ROOT,
    'a/pyproject.toml': pyproject(
      'a',
      '0.1.0',
      `dependencies = ${JSON.stringify(pins)}\n\n[dependency-groups]\ntest = ${JSON.stringify(groupPins)}\n`
    ),
    'b/pyproject.toml': pyproject('b', '1.0.0'),
    ...(lockText === null ? {} : { 'uv.lock': lockText })
  })
  test.each<[string, Tree, { uvLocks?: boolean }, EditRow[]]>([
    [
      "each mirror of a rewritten pin, in the lock's own spelling",
      tree(['B~=1.0.0'], ['b>=1.0,<1.1'], lock('~= 1.0.0', '>=1.0, <1.1')),
      {},
      [
        ['uv.lock', 9, 'a locked requires-dist B', '~= 1.0.0', '~= 1.1.0', 'uv.lock package.0.metadata.requires-dist.0.specifier'],
        [
          'uv.lock',
          12,
          'a locked requires-dev.test b',
          '>=1.0, <1.1',
          '>=1.1, <1.2',
          'uv.lock package.0.metadata.requires-dev.test.0.specifier'
        ],
        [
          'uv.lock',
          13,
          'a locked requires-dev.docs b',
          '>=1.0, <1.1',
          '>=1.1, <1.2',
          'uv.lock package.0.metadata.requires-dev.docs.0.specifier'
        ]
      ]
    ],
    [
      'the same pin in dependencies and a dependency group: every mirror once',
      tree(['b==1.0.0'], ['b==1.0.0'], lock('==1.0.0', '==1.0.0')),
      {},
      [
        ['uv.lock', 9, 'a locked requires-dist B', '==1.0.0', '==1.1.0', 'uv.lock package.0.metadata.requires-dist.0.specifier'],
        ['uv.lock', 12, 'a locked requires-dev.test b', '==1.0.0', '==1.1.0', 'uv.lock package.0.metadata.requires-dev.test.0.specifier'],
        ['uv.lock', 13, 'a locked requires-dev.docs b', '==1.0.0', '==1.1.0', 'uv.lock package.0.metadata.requires-dev.docs.0.specifier']
      ]
    ],
    ['a lock entry with another specifier is not this pin', tree(['b==1.0.0'], [], lock('==0.9.0', '>=1')), {}, []],
    ['left to uv when uv rewrites it', tree(['B~=1.0.0'], [], lock('~= 1.0.0', '')), { uvLocks: true }, []],
    ['no uv.lock', tree(['B~=1.0.0'], [], null), {}, []],
    ['no pin rewritten', tree(['b>=1.0'], [], lock('>=1.0', '>=1.0')), {}, []],
    [
      'a mirror spelled as uv spells it (another order, 1.0.0 for 1.0): the same set, rewritten in its spelling',
      tree(['b>=1.0,<1.1'], [], lock('<1.1.0, >=1.0.0', '')),
      {},
      [
        [
          'uv.lock',
          9,
          'a locked requires-dist B',
          '<1.1.0, >=1.0.0',
          '<1.2.0, >=1.1.0',
          'uv.lock package.0.metadata.requires-dist.0.specifier'
        ]
      ]
    ],
    [
      "a package's own uv.lock (uv never rewrites it): its mirror too, even when uv rewrites the root one",
      { ...tree(['B~=1.0.0'], [], null), 'a/uv.lock': lock('~= 1.0.0', '') },
      { uvLocks: true },
      [['a/uv.lock', 9, 'a locked requires-dist B', '~= 1.0.0', '~= 1.1.0', 'a/uv.lock package.0.metadata.requires-dist.0.specifier']]
    ]
  ])('%s', (_title, files, options, edits) => {
    expect(planned(lockRequiresDist, files, { version: 'minor', ...options }).edits).toEqual(edits)
  })
})

test('bump rule lock-requires-dist with pins = "follow": the mirror of a followed pin follows too, in its spelling', () => {
  const files: Tree = {
    'pyproject.toml': ROOT.replace('packages = ["b"]', 'packages = ["b"]\npins = "follow"'),
    'a/pyproject.toml': pyproject('a', '0.1.0', 'dependencies = ["b>=1.0.0,<2"]\n'),
    'b/pyproject.toml': pyproject('b', '1.0.0'),
    'a/uv.lock':
      'version = 1\n\n[[package]]\nname = "a"\nversion = "0.1.0"\nsource = { editable = "." }\n\n[package.metadata]\nrequires-dist = [{ name = "b", specifier = ">=1.0.0, <2" }]\n'
  }
  expect(planned(lockRequiresDist, files, { version: 'minor' }).edits).toEqual([
    ['a/uv.lock', 9, 'a locked requires-dist b', '>=1.0.0, <2', '>=1.1.0, <2', 'a/uv.lock package.0.metadata.requires-dist.0.specifier']
  ])
})
