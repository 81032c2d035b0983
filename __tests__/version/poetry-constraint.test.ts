/** Poetry constraints read as PEP 440 (as poetry-core expands them) and rewritten by bump keeping operator and precision. */
import { describe, expect, test } from '@jest/globals'
import { poetryAdmits, poetryToPep440, rewritePoetryConstraint, suggestPoetryConstraint } from '../../src/version/poetry-constraint.js'

describe('a Poetry constraint as PEP 440', () => {
  test.each([
    ['^1.2.3', '>=1.2.3,<2'],
    ['^1.2', '>=1.2,<2'],
    ['^0.2.3', '>=0.2.3,<0.3'],
    ['^0.0.3', '>=0.0.3,<0.0.4'],
    ['^0.0', '>=0.0,<0.1'],
    ['^0', '>=0,<1'],
    ['~1.2.3', '>=1.2.3,<1.3'],
    ['~1.2', '>=1.2,<1.3'],
    ['~1', '>=1,<2'],
    ['1.2.*', '==1.2.*'],
    ['*', ''],
    ['1.2.3', '==1.2.3'],
    ['=1.2.3', '==1.2.3'],
    ['==1.2.3', '==1.2.3'],
    ['~=1.2', '~=1.2'],
    ['>=1.2,<2', '>=1.2,<2'],
    ['>= 1.2, < 2.0', '>=1.2,<2.0'],
    ['^1.2 || ^2.0', null],
    ['', null],
    ['latest', null]
  ])('%j → %j', (constraint, expected) => {
    expect(poetryToPep440(constraint)).toBe(expected)
  })
})

describe('bump rewrites a Poetry constraint that would exclude the new version', () => {
  test.each([
    ['^1.2', '2.0.0', '^2.0'],
    ['^1.2.3', '2.0.0', '^2.0.0'],
    ['^0.2.3', '0.3.0', '^0.3.0'],
    ['^1.2', '2.0.0rc1', '^2.0.0rc1'],
    ['~1.2', '1.3.0', '~1.3'],
    ['~1.2', '1.3.0rc1', '~1.3.0rc1'],
    ['1.2.3', '1.3.0', '1.3.0'],
    ['=1.2.3', '1.3.0', '=1.3.0'],
    ['==1.2.3', '1.3.0', '==1.3.0'],
    ['1.2.*', '1.3.0', '1.3.*'],
    ['>=1.2,<2', '2.1.0', '>=2.1,<3'],
    ['>=1.2, <2', '2.1.0', '>=2.1, <3'],
    ['>=1.2 <2', '2.0.0', null],
    ['^1.2 || ^2.0', '3.0.0', null],
    ['<=1.9', '2.0.0', null]
  ])('%j for %s → %j', (constraint, version, expected) => {
    expect(rewritePoetryConstraint(constraint, version)).toBe(expected)
  })

  test.each([
    ['2.0.0', '^2.0.0'],
    ['2.0.0rc1', '>=2.0.0rc1']
  ])('the suggestion for %s is %s', (version, expected) => {
    expect(suggestPoetryConstraint(version)).toBe(expected)
  })
})

describe('whether a Poetry constraint admits a version (any alternative)', () => {
  test.each([
    ['^0.9 || ^1.0', '1.2.0', true],
    ['^0.9 || ^1.0', '2.0.0', false],
    ['~1.2', '1.2.9', true],
    ['~1.2', '1.3.0', false],
    ['^1.2', '2.0.0rc1', false],
    ['>=1.2', '2.0.0rc1', true],
    ['latest', '1.0.0', false]
  ])('%j admits %s: %s', (constraint, version, expected) => {
    expect(poetryAdmits(constraint, version)).toBe(expected)
  })
})
