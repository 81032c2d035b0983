/** Specifier sets and versions compared as PEP 440 compares them, never by spelling. */
import { describe, expect, test } from '@jest/globals'
import { sameSpecifierSet, sameVersion } from '../../src/version/specifier-set.js'

describe('sameSpecifierSet', () => {
  test.each<[string, string, boolean]>([
    ['>=1.2,<0.7', '>=1.2, <0.7', true],
    ['>=1.2,<0.7', '<0.7,>=1.2', true],
    ['>=1.2,<0.7', '>=1.2', false],
    ['>=1.0', '>=1.0.0', true],
    ['==2', '==2.0.0', true],
    ['<2', '<2.0', true],
    ['!=1.5', '!=1.5.0', true],
    ['~= 1.45.0.dev', '~=1.45.0.dev0', true],
    ['~=1.0', '~=1.0.0', false],
    ['==1.0.*', '==1.0.0.*', false],
    ['==1.4.*', '== 1.4.*', true],
    ['>=V1.0', '>=1.0', true],
    ['>=1.0rc1', '>=1.0.0-RC.1', true],
    ['>=1.0', '>=1.0,>=1.0', true],
    ['>=1.0', '>1.0', false],
    ['==1.0+local', '==1.0', false],
    ['===1.0', '===1.0', true],
    ['===1.0', '===1.0.0', false],
    ['', '', true],
    ['', '>=1', false],
    ['not a specifier', 'not  a specifier', true]
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameSpecifierSet(a, b)).toBe(same)
    expect(sameSpecifierSet(b, a)).toBe(same)
  })
})

describe('sameVersion', () => {
  test.each<[string, string, boolean]>([
    ['1.0', '1.0.0', true],
    ['v1.0', '1.0.0', true],
    ['1.45.0.dev', '1.45.0.dev0', true],
    ['1.0', '1.0.1', false],
    ['1.0+local', '1.0', false],
    ['banana', 'banana', false]
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameVersion(a, b)).toBe(same)
  })
})
