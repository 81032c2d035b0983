/** check rule version-mismatch: the members of a group carry one version. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { findings, pyproject, rootWith, type Row } from '../../../__fixtures__/check-rules.js'
import { versionMismatch } from '../../../src/monorepo/check-rules/version-mismatch.js'

afterEach(removeTempDirs)

const members = (versions: Record<string, string>, groups: Record<string, string[]> = { g: Object.keys(versions) }): Tree => ({
  'pyproject.toml': rootWith(groups),
  ...Object.fromEntries(Object.entries(versions).map(([dir, v]) => [`${dir}/pyproject.toml`, pyproject(dir, v)]))
})
const hint = (group: string, highest: string): string =>
  `Make every member of group ${group} carry the same version, e.g. \`pyship bump ${group} ${highest}\` (the highest version among them), then commit and push.`

describe('check rule version-mismatch', () => {
  test.each<[string, Tree, string, Row[]]>([
    ['members in sync', members({ a: '1.0.0', b: '1.0.0' }), '', []],
    ['one version written two ways (v1.0.0 is 1.0.0)', members({ a: '1.0.0', b: 'v1.0.0' }), '', []],
    ['one member alone', members({ a: '1.0.0' }), '', []],
    [
      'one member off the most common version: only it is named',
      members({ a: '1.0.0', b: '1.0.0', c: '0.9.0' }),
      '',
      [['E_VERSION_MISMATCH', 'c/pyproject.toml', 3, 'c is 0.9.0 but group g is 1.0.0 (a 1.0.0, b 1.0.0, c 0.9.0)', hint('g', '1.0.0')]]
    ],
    [
      'the hint suggests the highest version, compared as versions (10 after 9)',
      members({ a: '9.0.0', b: '9.0.0', c: '10.0.0' }),
      '',
      [['E_VERSION_MISMATCH', 'c/pyproject.toml', 3, 'c is 10.0.0 but group g is 9.0.0 (a 9.0.0, b 9.0.0, c 10.0.0)', hint('g', '10.0.0')]]
    ],
    [
      "the group's version as the files spell it, not its normal form",
      members({ a: '1.45.0.dev', b: '1.45.0.dev', c: '1.44.0' }),
      '',
      [
        [
          'E_VERSION_MISMATCH',
          'c/pyproject.toml',
          3,
          'c is 1.44.0 but group g is 1.45.0.dev (a 1.45.0.dev, b 1.45.0.dev, c 1.44.0)',
          hint('g', '1.45.0.dev0')
        ]
      ]
    ],
    [
      'no most common version: every member is named',
      members({ a: '1.0.0', b: '2.0.0' }),
      '',
      [
        ['E_VERSION_MISMATCH', 'a/pyproject.toml', 3, 'group g members disagree: a 1.0.0, b 2.0.0', hint('g', '2.0.0')],
        ['E_VERSION_MISMATCH', 'b/pyproject.toml', 3, 'group g members disagree: a 1.0.0, b 2.0.0', hint('g', '2.0.0')]
      ]
    ],
    ['a member whose version is not PEP 440 is left to invalid-version', members({ a: '1.0.0', b: 'banana' }), '', []],
    [
      'each group on its own',
      members({ a: '1.0.0', b: '1.0.0', c: '2.0.0', d: '3.0.0' }, { g: ['a', 'b'], h: ['c', 'd'] }),
      '',
      [
        ['E_VERSION_MISMATCH', 'c/pyproject.toml', 3, 'group h members disagree: c 2.0.0, d 3.0.0', hint('h', '3.0.0')],
        ['E_VERSION_MISMATCH', 'd/pyproject.toml', 3, 'group h members disagree: c 2.0.0, d 3.0.0', hint('h', '3.0.0')]
      ]
    ],
    [
      'with a component, only its groups',
      members({ a: '1.0.0', b: '1.0.0', c: '2.0.0', d: '3.0.0' }, { g: ['a', 'b'], h: ['c', 'd'] }),
      'g',
      []
    ]
  ])('%s', (_title, files, component, expected) => {
    expect(findings(versionMismatch, files, { component }).problems).toEqual(expected)
  })
})
