import { describe, test, expect } from '@jest/globals'
import { admits, compareVersions, isValidSpecifier, normalizeVersion, parseVersion } from '../../src/version/pep440.js'

describe('normalizeVersion', () => {
  test.each([
    ['2.0.0', '2.0.0'],
    ['v2.0.0', '2.0.0'],
    ['V1.0', '1.0'],
    [' 2.0.0 ', '2.0.0'],
    ['2.0.0-rc.1', '2.0.0rc1'],
    ['2.0.0RC1', '2.0.0rc1'],
    ['1.0c1', '1.0rc1'],
    ['1.0pre1', '1.0rc1'],
    ['1.0preview2', '1.0rc2'],
    ['1.0.0alpha1', '1.0.0a1'],
    ['1.0.0-a1', '1.0.0a1'],
    ['1.0.0-beta.2', '1.0.0b2'],
    ['1.0a', '1.0a0'],
    ['1.0-post.2', '1.0.post2'],
    ['1.0-1', '1.0.post1'],
    ['1.0rev3', '1.0.post3'],
    ['1.0.DEV3', '1.0.dev3'],
    ['1.0.0.dev', '1.0.0.dev0'],
    ['1.0.post1.dev2', '1.0.post1.dev2'],
    ['1!2.0', '1!2.0'],
    ['0!1.0', '1.0'],
    ['01.002.0003', '1.2.3'],
    ['1.0+Local.Ab', '1.0+local.ab'],
    ['1.0+local-a_b', '1.0+local.a.b'],
    ['1!2.0.0rc1.post2.dev3+abc.7', '1!2.0.0rc1.post2.dev3+abc.7']
  ])('%j → %j', (input, expected) => {
    expect(normalizeVersion(input)).toBe(expected)
  })

  test.each([
    [''],
    ['   '],
    ['abc'],
    ['v'],
    ['1.0.0;id'],
    ['1..0'],
    ['1.0 && x'],
    ['1.0 0'],
    ['1.0+'],
    ['1.0+lo cal'],
    ['$(id)'],
    ['1.0\nx'],
    ['2.0.x']
  ])('%j is not a version (null)', (input) => {
    expect(normalizeVersion(input)).toBeNull()
  })
})

describe('parseVersion', () => {
  test.each([
    ['2.0.0', false],
    ['2.0.0rc1', true],
    ['2.0.0-rc.1', true],
    ['1.0a1', true],
    ['1.0b2', true],
    ['1.0.dev1', true],
    ['1.0.post1.dev1', true],
    ['1.0a1.post1', true],
    ['1.0.post1', false],
    ['1.0+local', false],
    ['1!1.0', false]
  ])('%j isPrerelease = %s', (input, expected) => {
    expect(parseVersion(input)?.isPrerelease).toBe(expected)
  })

  test('exposes every component of the version', () => {
    expect(parseVersion('v1!2.0.0-RC.1.post2.dev3+Abc.7')).toEqual({
      normalized: '1!2.0.0rc1.post2.dev3+abc.7',
      epoch: 1,
      release: [2, 0, 0],
      pre: ['rc', 1],
      post: 2,
      dev: 3,
      local: 'abc.7',
      isPrerelease: true
    })
  })

  test('a plain release has no optional parts', () => {
    expect(parseVersion('3.2.0')).toEqual({
      normalized: '3.2.0',
      epoch: 0,
      release: [3, 2, 0],
      pre: null,
      post: null,
      dev: null,
      local: null,
      isPrerelease: false
    })
  })

  test.each([[''], ['abc'], ['1.0.0;id']])('%j → null', (input) => {
    expect(parseVersion(input)).toBeNull()
  })
})

describe('compareVersions', () => {
  test('sorts in PEP 440 order', () => {
    const ordered = [
      '0.9',
      '1.0.dev0',
      '1.0a1.dev1',
      '1.0a1',
      '1.0a2',
      '1.0b1',
      '1.0rc1',
      '1.0',
      '1.0+local',
      '1.0.post1.dev0',
      '1.0.post1',
      '1.0.1',
      '1.1',
      '1.10',
      '2.0.0rc1',
      '2.0.0',
      '1!0.1'
    ]
    const shuffled = [...ordered].reverse()
    shuffled.push(shuffled.splice(3, 1)[0])
    expect(shuffled.sort(compareVersions)).toEqual(ordered)
  })

  test.each([
    ['1.0', '1.0.0', 0],
    ['2.0.0rc1', '2.0.0-rc.1', 0],
    ['v1.2', '1.2', 0],
    ['1.9', '1.10', -1],
    ['1.10', '1.9', 1],
    ['2.0.0rc1', '2.0.0', -1],
    ['2.0.0', '2.0.0.post1', -1],
    ['1!0.1', '9.9', 1],
    // local labels (packaging's order): none first, words below numbers, numbers by value, longer after its prefix
    ['1.0', '1.0+abc', -1],
    ['1.0+abc', '1.0+abd', -1],
    ['1.0+abc', '1.0+abc.1', -1],
    ['1.0+abc.1', '1.0+1', -1],
    ['1.0+1', '1.0+1.abc', -1],
    ['1.0+9', '1.0+10', -1],
    ['1.0+1.abc', '1.0+2', -1],
    ['1.0+ABC-1', '1.0+abc.1', 0],
    ['1.0+1', '1.0+abc', 1]
  ])('compare(%j, %j) has sign %i', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign)
  })
})

describe('admits', () => {
  test.each([
    // ~= compatible release
    ['~=1.4.0', '1.4.0', true],
    ['~=1.4.0', '1.4.9', true],
    ['~=1.4.0', '1.5.0', false],
    ['~=1.4.0', '1.3.9', false],
    ['~=1.4', '1.9', true],
    ['~=1.4', '2.0', false],
    ['~=0.8.1', '0.8.1', true],
    ['~=0.8.0', '0.8.1', true],
    ['~=0.8.1', '0.9.0', false],
    // == / != with and without wildcards
    ['==1.0', '1.0.0', true],
    ['==1.0', '1.0.1', false],
    ['==1.0', '1.0+local', true],
    ['==1.0+local', '1.0+local', true],
    ['==1.0.*', '1.0.5', true],
    ['==1.0.*', '1.1', false],
    ['==1.4.*', '1.4.0rc1', true],
    ['!=1.0', '1.0', false],
    ['!=1.0', '1.1', true],
    ['!=1.0.*', '1.0.3', false],
    // ordered comparisons
    ['>=1.0', '1.0', true],
    ['>=1.0', '0.9', false],
    ['>=0.8', '0.8.1', true],
    ['>1.0', '1.0', false],
    ['>1.0', '1.0.1', true],
    ['>1.0', '1.0.post1', false],
    ['<2.0', '1.9.9', true],
    ['<2.0', '2.0', false],
    ['<=1.0', '1.0', true],
    ['<=1.0', '1.0.1', false],
    // arbitrary equality
    ['===1.0', '1.0', true],
    ['===1.0', '1.0.0', false],
    // comma lists: every clause must hold
    ['>=1.4,<2', '1.9.9', true],
    ['>=1.4,<2', '2.0', false],
    ['>=1.4, <2', '1.3', false],
    ['>=1.4,<2,!=1.5.0', '1.5.0', false],
    ['>= 1.4 , < 2', '1.4.0', true],
    // pre-releases count as inside the range
    ['>=1.0', '2.0.0rc1', true],
    ['~=2.0.0', '2.0.1rc1', true],
    ['~=1.4.0', '1.4.1rc1', true],
    ['>=1.4,<2', '1.9.0b1', true],
    ['==2.0.0rc1', '2.0.0rc1', true],
    ['>=2.0.0rc1', '2.0.0', true],
    ['>=2.0.0', '2.0.0rc1', false],
    // …except where PEP 440 itself excludes them: <V never admits a pre-release of V
    ['<2.0', '2.0.0rc1', false],
    ['<2', '2.0.0.dev1', false],
    ['>=1.4,<2', '2.0.0rc1', false],
    // an empty specifier admits everything
    ['', '1.0', true],
    ['', '0.0.1rc1', true],
    ['   ', '9.9.9.dev0', true]
  ])('%j admits %j: %s', (specifier, version, expected) => {
    expect(admits(specifier, version)).toBe(expected)
  })
})

describe('isValidSpecifier', () => {
  test.each([
    ['', true],
    ['  ', true],
    ['>=1.0', true],
    ['~=1.4.0', true],
    ['~=1.4', true],
    ['>=1.4,<2', true],
    ['>= 1.4 , < 2', true],
    ['==1.0.*', true],
    ['!=1.0.*', true],
    ['==2.0.0rc1', true],
    ['===foobar', true],
    ['~=1', false],
    ['>=1.0.*', false],
    ['abc', false],
    ['>=', false],
    ['=>1.0', false],
    ['1.0', false],
    ['>=1.0;', false],
    ['>=1.0,,<2', false],
    ['>=1.0,', false],
    ['===', false],
    ['!=1.0+local', true],
    ['==1.0+local', true],
    ['<=1.0+local', false],
    ['<1.0.*', false],
    ['<=1.0.*', false],
    ['~=1.0.*', false],
    ['==1.*.dev0', false],
    ['>=v1.0', true],
    ['>1!1.0', true],
    ['>=1.0.post', true],
    ['== 1.0 .*', false]
  ])('%j → %s', (specifier, expected) => {
    expect(isValidSpecifier(specifier)).toBe(expected)
  })
})
