/** check rule version-input: the version input is PEP 440. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs } from '../../../__fixtures__/tree.js'
import { findings, pyproject, rootWith, type Row } from '../../../__fixtures__/check-rules.js'
import { versionInput } from '../../../src/monorepo/check-rules/version-input.js'

afterEach(removeTempDirs)

const TREE = { 'pyproject.toml': rootWith({ g: ['a'] }), 'a/pyproject.toml': pyproject('a', '1.0.0') }

describe('check rule version-input', () => {
  test.each<[string, Row[]]>([
    ['', []],
    ['1.0.0', []],
    ['v2.0.0rc1', []],
    ['1.0.0-final', [['E_INVALID_VERSION', undefined, undefined, 'version input "1.0.0-final" is not a valid PEP 440 version']]],
    ['latest', [['E_INVALID_VERSION', undefined, undefined, 'version input "latest" is not a valid PEP 440 version']]]
  ])('version %j', (version, expected) => {
    expect(findings(versionInput, TREE, { component: 'g', version })).toEqual({ problems: expected, notices: [] })
  })
})
