/** check rule unchecked-pins: pins generated at build time are said to be unchecked. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { findings, pyproject, rootWith } from '../../../__fixtures__/check-rules.js'
import { uncheckedPins } from '../../../src/monorepo/check-rules/unchecked-pins.js'

afterEach(removeTempDirs)

const TREE: Tree = {
  'pyproject.toml': rootWith({ g: ['a'], h: ['b', 'c'] }),
  'c/pyproject.toml': pyproject('c', '1.0.0', '\n[tool.hatch.metadata.hooks.custom]\nrequires = ["a=={{ version }}"]\n'),
  'a/pyproject.toml': '[project]\nname = "a"\nversion = "1.0.0"\ndynamic = ["dependencies"]\n',
  'b/pyproject.toml': pyproject('b', '1.0.0', '\n[tool.hatch.metadata.hooks.custom]\nrequires = ["a=={{version}}"]\n')
}

describe('check rule unchecked-pins', () => {
  test.each<[string, string, string[]]>([
    [
      'every package',
      '',
      [
        'a/pyproject.toml:4: a generates its dependencies at build time (dynamic = ["dependencies"]): its pins on other packages of the monorepo are not checkable',
        'b/pyproject.toml:6: b writes a requirement from a {{ version }} template at build time: that pin is not checkable',
        'c/pyproject.toml:6: c writes a requirement from a {{ version }} template at build time: that pin is not checkable'
      ]
    ],
    [
      'with a component, generated dependencies of its packages only; templates everywhere',
      'h',
      [
        'b/pyproject.toml:6: b writes a requirement from a {{ version }} template at build time: that pin is not checkable',
        'c/pyproject.toml:6: c writes a requirement from a {{ version }} template at build time: that pin is not checkable'
      ]
    ]
  ])('%s', (_title, component, notices) => {
    expect(findings(uncheckedPins, TREE, { component })).toEqual({ problems: [], notices })
  })

  test('nothing generated, nothing said', () => {
    expect(findings(uncheckedPins, { 'pyproject.toml': rootWith({ g: ['a'] }), 'a/pyproject.toml': pyproject('a', '1.0.0') })).toEqual({
      problems: [],
      notices: []
    })
  })
})
