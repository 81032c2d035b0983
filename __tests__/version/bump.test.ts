import { describe, expect, test } from '@jest/globals'
import { clausesOf, isBumpKeyword, nextVersion, rewritePin, suggestPin, type BumpKeyword } from '../../src/version/bump.js'

describe('nextVersion', () => {
  test.each<[string, BumpKeyword, string]>([
    ['2.0.0', 'patch', '2.0.1'],
    ['2.0.0', 'minor', '2.1.0'],
    ['2.0.0', 'major', '3.0.0'],
    ['2.0.9', 'minor', '2.1.0'],
    ['2.0', 'patch', '2.0.1'],
    ['2.0', 'minor', '2.1'],
    ['2', 'minor', '2.1'],
    ['2.1.0rc1', 'patch', '2.1.0'],
    ['2.1.0rc1', 'minor', '2.1.0'],
    ['2.1.0rc1', 'major', '3.0.0'],
    ['3.0.0b2', 'major', '3.0.0'],
    ['2.1.1rc1', 'minor', '2.2.0'],
    ['2.1.0.dev3', 'patch', '2.1.0'],
    ['2.0.0.post1', 'patch', '2.0.1'],
    ['2.0.0+local.1', 'patch', '2.0.1'],
    ['1!2.0.0', 'minor', '1!2.1.0'],
    ['1.4.0', 'patch', '1.4.1'],
    ['2', 'patch', '2.0.1'],
    ['1.2.3.4', 'patch', '1.2.4.0'],
    ['1.2.3.4', 'major', '2.0.0.0'],
    ['2.1.0.1rc1', 'minor', '2.2.0.0'],
    ['2.1.0.0rc1', 'minor', '2.1.0.0'],
    ['2.0.0rc1.post1', 'patch', '2.0.0'],
    ['1!2.0.0.dev1', 'major', '1!2.0.0'],
    ['0!2.0.0', 'major', '3.0.0'],
    ['9.9.9', 'patch', '9.9.10']
  ])('%s %s → %s', (current, keyword, expected) => {
    expect(nextVersion(current, keyword)).toBe(expected)
  })

  test('a text that is not a version is refused', () => {
    expect(() => nextVersion('next', 'patch')).toThrow('not a version: next')
  })
})

describe('isBumpKeyword', () => {
  test.each<[string, boolean]>([
    ['major', true],
    ['minor', true],
    ['patch', true],
    ['Major', false],
    ['prerelease', false],
    ['', false],
    ['2.0.0', false]
  ])('%j → %s', (value, expected) => {
    expect(isBumpKeyword(value)).toBe(expected)
  })
})

describe('clausesOf: each clause with where its version starts', () => {
  test.each<[string, { op: string; version: string; start: number }[] | null]>([
    ['>=1.0', [{ op: '>=', version: '1.0', start: 2 }]],
    ['== 1.4.*', [{ op: '==', version: '1.4.*', start: 3 }]],
    [
      ' >= 1.0 ,  <2',
      [
        { op: '>=', version: '1.0', start: 4 },
        { op: '<', version: '2', start: 12 }
      ]
    ],
    [
      '~=1.4,!=1.4.5,===x',
      [
        { op: '~=', version: '1.4', start: 2 },
        { op: '!=', version: '1.4.5', start: 8 },
        { op: '===', version: 'x', start: 17 }
      ]
    ],
    [
      '>1,<=2',
      [
        { op: '>', version: '1', start: 1 },
        { op: '<=', version: '2', start: 5 }
      ]
    ],
    ['>=1.0 junk', null],
    ['>=1.0;x', null],
    ['1.0', null],
    ['', null],
    ['>=1.0,', null]
  ])('%j', (specifier, expected) => {
    expect(clausesOf(specifier)).toEqual(expected)
  })
})

describe('rewritePin keeps operator and precision', () => {
  test.each<[string, string, string | null]>([
    ['~=1.4.0', '1.5.0', '~=1.5.0'],
    ['~=1.4', '2.0.0', '~=2.0'],
    ['==3.1.2', '3.1.3', '==3.1.3'],
    ['==1.4.*', '1.5.0', '==1.5.*'],
    ['==1.*', '2.0.0', '==2.*'],
    ['== 1.4.0', '1.5.0', '== 1.5.0'],
    ['== 1.45.0', '1.46.0', '== 1.46.0'],
    ['>=2.2.0,<3.0.0', '3.0.0', '>=3.0.0,<4.0.0'],
    ['>=0.4.9,<0.5', '0.5.0', '>=0.5.0,<0.6'],
    ['>= 0.4.9, < 0.5', '0.5.0', '>= 0.5.0, < 0.6'],
    ['<0.5,>=0.4.9', '0.5.0', '<0.6,>=0.5.0'],
    ['>=2.2.0,<3.0.0', '3.2.1', '>=3.2.1,<4.0.0'],
    ['>=2.2.0,<3.0.0', '3.0.0rc1', '>=3.0.0rc1,<4.0.0'],
    ['>=2.2,<2.4', '2.4.0', '>=2.4,<2.5'],
    ['~=1.4,<1.6', '1.6.0', '~=1.6,<1.7'],
    ['>=2.2.0,<3.0.0', '2.0.0', '>=2.0.0,<3.0.0'],
    ['>=1.0,<2.0', '1.5.0', '>=1.0,<2.0'],
    ['>=1.0,<2.0,<3.0', '3.0.0', null],
    ['>=1.0,<=1.9', '2.0.0', null],
    ['>=1.0,!=1.5.0', '1.5.0', null],
    ['>1.0,<2.0', '2.0.0', null],
    ['===1.4', '1.5.0', null],
    ['>=1.0,===1.4.0', '1.5.0', null],
    ['>=2.0', '1.9.0', '>=1.9'],
    ['===1.4.0', '1.5.0', null],
    ['~=1.4.0', '2.0.0rc1', '~=2.0.0rc1'],
    ['~=1.4.0', '2.0rc1', '~=2.0.0rc1'],
    ['~=1.4.0', '2.0.dev1', '~=2.0.0.dev1'],
    ['~=1.4.0', '2.0.post1', '~=2.0.0'],
    ['==1.4.0', '1!2.0rc1', '==1!2.0.0rc1'],
    ['==1.4.0', '2.0rc1', '==2.0.0rc1'],
    ['==1.4', '2.0.1rc1', '==2.0.1rc1'],
    ['>=1.4,<1.5', '1.5.0rc1', '>=1.5rc1,<1.6'],
    ['>=1.4.0,<1.5', '1.5rc1', '>=1.5.0rc1,<1.6'],
    ['>= 2.2 , < 3', '3.0.0b2', '>= 3.0b2 , < 4'],
    ['==1.4.0', '2.0.0rc1', '==2.0.0rc1'],
    ['==1.4.*', '2.0.0rc1', '==2.0.*'],
    ['>=1.4,<1.5', '1.5.0', '>=1.5,<1.6'],
    ['<1.5', '1.5.0', null],
    ['<=1.4.9', '1.5.0', null],
    ['!=1.5.0', '1.5.0', null],
    ['>1.5.0', '1.5.0', null],
    ['>1.4', '1.5.1', null],
    ['!=1.4', '1.5.1', null],
    ['<1.4', '1.5.1', null],
    ['<=1.4', '1.5.1', null],
    ['>=2.0,<3.0', '1.5.0', '>=1.5,<3.0'],
    ['>=1.0,>=1.2', '0.5.0', null],
    ['<2.0,<3.0', '3.0.0', null],
    ['>=1.0,<2.0rc1', '2.0.0', null],
    ['>=1.0,<2.0.post1', '2.0.post1', null],
    ['>=1.0,<2.0.dev1', '2.0.0', null],
    ['>=0,<0', '0.5.0', '>=0,<1'],
    ['>=0.0,<0.0', '0.5.0', '>=0.5,<1.0'],
    ['>=1.0,<1.5.1', '2', '>=2.0,<2.0.1'],
    ['>=1.0,<1!2.0', '1!2.0.0', '>=1!2.0,<1!3.0'],
    ['~=1.4.0', '1!2.0.0', '~=1!2.0.0'],
    ['>=1.0 junk', '2.0.0', null],
    ['==1.4.0', 'not a version', null],
    ['~=1.4.0', '12!2.0rc1', '~=12!2.0.0rc1'],
    ['~=1.4.0', '12.0rc1', '~=12.0.0rc1'],
    ['~=1.4.0', '2.10rc1', '~=2.10.0rc1'],
    ['>1.0,<2.0', '1.5.0', '>1.0,<2.0'],
    ['>=1.0,<2.0,!=1.5', '2.0.0', null],
    ['==1.5,<2.0', '2.0.0', null]
  ])('%s for %s → %s', (specifier, version, expected) => {
    expect(rewritePin(specifier, version)).toBe(expected)
  })
})

describe('suggestPin: what a pin without a mechanical rewrite could become', () => {
  test.each<[string, string, string]>([
    ['<=1.4.9', '1.5.0', '>=1.5.0'],
    ['!=1.5.0', '1.5.0', '>=1.5.0'],
    ['>=1.0,<2.0,<3.0', '3.0.0', '>=3.0.0,<4.0'],
    ['>1.5.0', '1.5.0', '>=1.5.0'],
    ['<2.0.dev1', '2.0.0', '>=2.0.0'],
    ['<1.5.1', '2', '>=2,<2.0.1'],
    ['<2.0', 'not a version', '>=not a version'],
    ['>=1 junk', '2.0.0', '>=2.0.0']
  ])('%s for %s → %s', (specifier, version, expected) => {
    expect(suggestPin(specifier, version)).toBe(expected)
  })
})
