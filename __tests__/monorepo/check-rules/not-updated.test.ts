/** check rule not-updated: with the version input, every member carries that version. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { findings, pyproject, rootWith, type Row } from '../../../__fixtures__/check-rules.js'
import { notUpdated } from '../../../src/monorepo/check-rules/not-updated.js'

afterEach(removeTempDirs)

const TREE: Tree = {
  'pyproject.toml': rootWith({ g: ['a', 'b'], h: ['c'] }),
  'a/pyproject.toml': pyproject('a', '1.0.0'),
  'b/pyproject.toml': pyproject('b', '2.0.0'),
  'c/pyproject.toml': pyproject('c', '1.0.0')
}
const hint = (group: string, version: string): string => `Run \`pyship bump ${group} ${version}\`, commit, push, wait for CI, then release.`

describe('check rule not-updated', () => {
  test.each<[string, string, string, Row[]]>([
    ['no version input', '', '', []],
    ['a version input that is not PEP 440 (version-input reports it)', 'g', 'x!y', []],
    ['the group carries it', 'h', '1.0.0', []],
    ['the group carries it, as given with a v', 'h', 'v1.0.0', []],
    [
      'one member does not',
      'g',
      '2.0.0',
      [['E_VERSION_NOT_UPDATED', 'a/pyproject.toml', 3, 'a is 1.0.0 in a/pyproject.toml, not 2.0.0', hint('g', '2.0.0')]]
    ],
    [
      'no member does; the version named in normal form',
      'g',
      'V3.0',
      [
        ['E_VERSION_NOT_UPDATED', 'a/pyproject.toml', 3, 'a is 1.0.0 in a/pyproject.toml, not 3.0', hint('g', '3.0')],
        ['E_VERSION_NOT_UPDATED', 'b/pyproject.toml', 3, 'b is 2.0.0 in b/pyproject.toml, not 3.0', hint('g', '3.0')]
      ]
    ],
    [
      'without a component, every group',
      '',
      '1.0.0',
      [['E_VERSION_NOT_UPDATED', 'b/pyproject.toml', 3, 'b is 2.0.0 in b/pyproject.toml, not 1.0.0', hint('g', '1.0.0')]]
    ]
  ])('%s', (_title, component, version, expected) => {
    expect(findings(notUpdated, TREE, { component, version }).problems).toEqual(expected)
  })

  // the files may spell a version as PEP 440 allows: compared after normalization, both sides
  const SPELLED: Tree = {
    'pyproject.toml': rootWith({ g: ['a', 'b'] }),
    'a/pyproject.toml': pyproject('a', '1.45.0.dev'),
    'b/pyproject.toml': pyproject('b', '1.45.0-DEV0')
  }
  test.each<[string, string, Row[]]>([
    ['the normal form', '1.45.0.dev0', []],
    ['another spelling again', 'v1.45.0dev', []],
    [
      'another version',
      '1.45.0',
      [
        ['E_VERSION_NOT_UPDATED', 'a/pyproject.toml', 3, 'a is 1.45.0.dev in a/pyproject.toml, not 1.45.0', hint('g', '1.45.0')],
        ['E_VERSION_NOT_UPDATED', 'b/pyproject.toml', 3, 'b is 1.45.0-DEV0 in b/pyproject.toml, not 1.45.0', hint('g', '1.45.0')]
      ]
    ]
  ])('files spelling 1.45.0.dev0 otherwise, the version input %s (%s)', (_what, version, expected) => {
    expect(findings(notUpdated, SPELLED, { component: 'g', version }).problems).toEqual(expected)
  })
})
