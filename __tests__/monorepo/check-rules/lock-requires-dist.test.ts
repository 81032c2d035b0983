/** check rule lock-requires-dist: a uv.lock's requires-dist / requires-dev mirror of an internal pin says what the pyproject says. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { findings, pyproject, rootWith, type Row } from '../../../__fixtures__/check-rules.js'
import { lockRequiresDist } from '../../../src/monorepo/check-rules/lock-requires-dist.js'

afterEach(removeTempDirs)

/** A lock recording a (with its requires-dist and requires-dev items) and b, at `dir`'s paths. */
const lock = (dist: string[], dev: string[] = [], aPath = 'a', bPath = 'b'): string =>
  [
    'version = 1',
    '',
    '[[package]]',
    'name = "a"',
    'version = "0.1.0"',
    `source = { editable = "${aPath}" }`,
    '',
    '[package.metadata]',
    `requires-dist = [${dist.join(', ')}]`,
    '',
    '[package.metadata.requires-dev]',
    `test = [${dev.join(', ')}]`,
    '',
    '[[package]]',
    'name = "b"',
    'version = "1.0.0"',
    `source = { editable = "${bPath}" }`,
    ''
  ].join('\n')

const tree = (aExtra: string, lockText: string, where = 'uv.lock'): Tree => ({
  'pyproject.toml': rootWith({ g: ['a'], h: ['b'] }, '\n[tool.uv.workspace]\nmembers = ["a", "b"]\n'),
  'a/pyproject.toml': pyproject('a', '0.1.0', aExtra),
  'b/pyproject.toml': pyproject('b', '1.0.0'),
  [where]: lockText
})
const deps = (pins: string[], group: string[] = []): string =>
  `dependencies = ${JSON.stringify(pins)}\n\n[dependency-groups]\ntest = ${JSON.stringify(group)}\n`
const OWN_HINT = 'Run `uv lock` in a and commit its uv.lock (or let `pyship bump` update it).'

describe('check rule lock-requires-dist', () => {
  test.each<[string, Tree, string, Row[]]>([
    ['the same pin', tree(deps(['b>=1.0,<2']), lock(['{ name = "b", specifier = ">=1.0, <2" }'])), '', []],
    [
      'the same set in another spelling and order (1.0 = 1.0.0)',
      tree(deps(['B >= 1.0.0 , < 2']), lock(['{ name = "b", specifier = "<2.0,>=1.0" }'])),
      '',
      []
    ],
    ['a dev floor as uv spells it', tree(deps(['b~= 1.45.0.dev']), lock(['{ name = "b", specifier = "~=1.45.0.dev0" }'])), '', []],
    [
      'a lock that lost the pyproject cap',
      tree(deps(['b>=1.2,<0.7']), lock(['{ name = "b", specifier = ">=1.2" }'])),
      '',
      [
        [
          'E_LOCK_DRIFT',
          'uv.lock',
          9,
          'uv.lock records a requiring b ">=1.2" (requires-dist) but a/pyproject.toml pins "b>=1.2,<0.7" (dependencies)'
        ]
      ]
    ],
    [
      '~=1.0 is not ~=1.0.0',
      tree(deps(['b~=1.0']), lock(['{ name = "b", specifier = "~=1.0.0" }'])),
      '',
      [
        [
          'E_LOCK_DRIFT',
          'uv.lock',
          9,
          'uv.lock records a requiring b "~=1.0.0" (requires-dist) but a/pyproject.toml pins "b~=1.0" (dependencies)'
        ]
      ]
    ],
    [
      'a dependency group is compared with its requires-dev list',
      tree(deps([], ['b==1.0.0']), lock([], ['{ name = "b", specifier = "==0.9.0" }'])),
      '',
      [
        [
          'E_LOCK_DRIFT',
          'uv.lock',
          12,
          'uv.lock records a requiring b "==0.9.0" (requires-dev.test) but a/pyproject.toml pins "b==1.0.0" (dependency-groups.test)'
        ]
      ]
    ],
    [
      'an extra is compared with requires-dist',
      tree('[project.optional-dependencies]\nx = ["b>=1"]\n', lock(['{ name = "b", marker = "extra == \'x\'", specifier = ">=1" }'])),
      '',
      []
    ],
    [
      "an extra's pin that the lock lost",
      tree('[project.optional-dependencies]\nx = ["b>=1,<2"]\n', lock(['{ name = "b", marker = "extra == \'x\'", specifier = ">=1" }'])),
      '',
      [
        [
          'E_LOCK_DRIFT',
          'uv.lock',
          9,
          'uv.lock records a requiring b ">=1" (requires-dist) but a/pyproject.toml pins "b>=1,<2" (optional-dependencies.x)'
        ]
      ]
    ],
    [
      'requires-dev.dev merges the dev dependency group and [tool.uv] dev-dependencies: either pin counts',
      tree(
        'dependencies = []\n\n[dependency-groups]\ndev = ["b>=1"]\n\n[tool.uv]\ndev-dependencies = ["b==1.0.0"]\n',
        lock([]).replace('test = []', 'dev = [{ name = "b", specifier = "==1.0.0" }, { name = "b", specifier = ">=1" }]')
      ),
      '',
      []
    ],
    [
      "a package's own lock (paths relative to it), with its hint",
      tree(deps(['b>=1.0,<2']), lock(['{ name = "b", specifier = ">=1.0" }'], [], '.', '../b'), 'a/uv.lock'),
      '',
      [
        [
          'E_LOCK_DRIFT',
          'a/uv.lock',
          9,
          'a/uv.lock records a requiring b ">=1.0" (requires-dist) but a/pyproject.toml pins "b>=1.0,<2" (dependencies)',
          OWN_HINT
        ]
      ]
    ],
    [
      'an editable item carries no specifier: nothing to compare',
      tree(deps(['b>=1.0,<2']), lock(['{ name = "b", editable = "b" }'])),
      '',
      []
    ],
    ['a name the pyproject does not pin there is left to uv', tree(deps([]), lock(['{ name = "b", specifier = ">=0.1" }'])), '', []],
    [
      'a package outside the monorepo is not an internal pin',
      tree(deps(['requests>=2']), lock(['{ name = "requests", specifier = ">=1" }'])),
      '',
      []
    ],
    [
      'with a component, a pin onto its package counts',
      tree(deps(['b>=1.2,<0.7']), lock(['{ name = "b", specifier = ">=1.2" }'])),
      'h',
      [
        [
          'E_LOCK_DRIFT',
          'uv.lock',
          9,
          'uv.lock records a requiring b ">=1.2" (requires-dist) but a/pyproject.toml pins "b>=1.2,<0.7" (dependencies)'
        ]
      ]
    ]
  ])('%s', (_title, files, component, expected) => {
    expect(findings(lockRequiresDist, files, { component }).problems).toEqual(expected)
  })
})
