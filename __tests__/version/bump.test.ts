import { describe, expect, test } from '@jest/globals'
import { nextVersion, rewritePin, type BumpKeyword } from '../../src/version/bump.js'

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
    ['1.4.0', 'patch', '1.4.1']
  ])('%s %s → %s', (current, keyword, expected) => {
    expect(nextVersion(current, keyword)).toBe(expected)
  })
})

describe('rewritePin keeps operator and precision', () => {
  test.each<[string, string, string | null]>([
    ['~=1.4.0', '1.5.0', '~=1.5.0'],
    ['~=1.4', '2.0.0', '~=2.0'],
    ['==3.1.2', '3.1.3', '==3.1.3'],
    ['==1.4.*', '1.5.0', '==1.5.*'],
    ['==1.*', '2.0.0', '==2.*'],
    ['== 1.4.0', '1.5.0', '==1.5.0'],
    ['>=2.0', '1.9.0', '>=1.9'],
    ['===1.4.0', '1.5.0', '===1.5.0'],
    ['~=1.4.0', '2.0.0rc1', '~=2.0.0rc1'],
    ['==1.4.0', '2.0.0rc1', '==2.0.0rc1'],
    ['==1.4.*', '2.0.0rc1', '==2.0.*'],
    ['>=1.4,<1.5', '1.5.0', null],
    ['<1.5', '1.5.0', null],
    ['<=1.4.9', '1.5.0', null],
    ['!=1.5.0', '1.5.0', null],
    ['>1.5.0', '1.5.0', null]
  ])('%s for %s → %s', (specifier, version, expected) => {
    expect(rewritePin(specifier, version)).toBe(expected)
  })
})
