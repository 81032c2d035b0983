import { describe, test, expect } from '@jest/globals'
import {
  admits,
  compareVersions,
  isValidSpecifier,
  normalizeInputVersion,
  normalizeVersion,
  parseVersion
} from '../../src/version/pep440.js'

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
    // empty clauses are dropped, as packaging does; `===` takes any text, even none
    ['>=1.0,,<2', true],
    ['>=1.0,', true],
    [',', true],
    ['===', true],
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

/**
 * Each class where pyship once differed from packaging 26.3 (issue 26), with packaging's
 * answers; `pep440-corpus.test.ts` holds thousands more.
 */
describe('exactly as packaging, class by class', () => {
  test('numbers of any size are exact and never printed with an exponent', () => {
    expect(normalizeVersion('9007199254740993')).toBe('9007199254740993')
    expect(normalizeVersion('1.261072820354340327767967275940')).toBe('1.261072820354340327767967275940')
    expect(normalizeVersion(`1.${'0'.repeat(30)}7.dev${'9'.repeat(25)}`)).toBe(`1.7.dev${'9'.repeat(25)}`)
    expect(Math.sign(compareVersions('9007199254740993', '9007199254740992'))).toBe(1)
    expect(Math.sign(compareVersions('1+9007199254740993', '1+9007199254740992'))).toBe(1)
    expect(Math.sign(compareVersions('1a9007199254740993', '1a9007199254740992'))).toBe(1)
    expect(admits('<2.1', '261072820354340327767967275940')).toBe(false)
    expect(admits('>=261072820354340327767967275939', '261072820354340327767967275940')).toBe(true)
    expect(admits('==9007199254740992', '9007199254740993')).toBe(false)
    expect(admits('~=1.99999999999999999999', '2.0')).toBe(false)
    expect(admits('~=1.99999999999999999999', '1.100000000000000000000')).toBe(true)
    expect(admits('==1.99999999999999999999.*', '1.99999999999999999999.5')).toBe(true)
  })

  test("a number beyond Python's 4300 digits is not a version (Python raises)", () => {
    expect(normalizeVersion('1'.repeat(4300))).toBe('1'.repeat(4300))
    expect(normalizeVersion('1'.repeat(4301))).toBeNull()
    expect(normalizeVersion(`1.0+${'0'.repeat(4301)}`)).toBeNull()
    expect(isValidSpecifier(`>=${'1'.repeat(4301)}`)).toBe(false)
  })

  test('local labels are normalised: leading zeros dropped in numeric segments', () => {
    expect(normalizeVersion('1+00')).toBe('1+0')
    expect(normalizeVersion('1.0+1.01')).toBe('1.0+1.1')
    expect(normalizeVersion('1.0+abc-007_x')).toBe('1.0+abc.7.x')
    expect(normalizeVersion('1.0+007abc')).toBe('1.0+007abc')
    expect(compareVersions('1.0+01', '1.0+1')).toBe(0)
    expect(Math.sign(compareVersions('1.0+1abc', '1.0+2'))).toBe(-1)
    expect(admits('==1.0+01', '1.0+1')).toBe(true)
  })

  test.each([
    ['\ufeff3.0', null],
    ['3.0\ufeff', null],
    ['\u180e3.0', null],
    ['\u200b3.0', null],
    ['3\x1c', '3'],
    ['\x1f3.0\x1d', '3.0'],
    ['\x853.0', '3.0'],
    ['\u30003.0\u2028', '3.0'],
    ['\xa03.0\t\n', '3.0']
  ])("Python's whitespace around a version: %j → %j", (input, expected) => {
    expect(normalizeVersion(input)).toBe(expected)
  })

  test.each([
    ['>=1.0\x1c', true],
    ['\x85>=\x1f1.0', true],
    ['>=1.0\ufeff', false],
    ['>=\ufeff1.0', false],
    ['===foo\x1e', true],
    ['===fo\x1eo', false]
  ])("Python's whitespace in a specifier: %j valid: %s", (specifier, valid) => {
    expect(isValidSpecifier(specifier)).toBe(valid)
  })

  test.each([
    ['>=1.0,', '1.0', true],
    ['>=1.0,', '0.9', false],
    [',<2', '1.0', true],
    ['>=1.0, ,<2', '2.0', false],
    [',', '1.0', true],
    [' , ', 'not a version', true]
  ])('empty clauses are dropped: %j admits %j: %s', (specifier, version, expected) => {
    expect(admits(specifier, version)).toBe(expected)
  })

  test.each([
    ['===foo', 'foo', true],
    ['===foo', 'FOO', true],
    ['===Foo', 'fOO', true],
    ['===foo', ' foo', false],
    ['===1.0', '1.0', true],
    ['===1.0', '1.0.0', false],
    ['===1.0', 'v1.0', false],
    ['===', '', true],
    ['===1.0,>=1', '1.0', true],
    ['===foo,>=1', 'foo', false],
    ['===1.0-custom', '1.0-CUSTOM', true],
    // Python 3.11's str.lower() (Unicode 14.0) leaves letters cased by later Unicode as they are
    ['===\u1c89', '\u1c8a', false],
    ['===A\u1c89B', 'a\u1c89b', true],
    ['===\u{10d50}', '\u{10d70}', false]
  ])('=== compares the text case-insensitively: %j admits %j: %s', (specifier, version, expected) => {
    expect(admits(specifier, version)).toBe(expected)
  })

  test.each([
    ['==1!1.0.*', '1!1.0', true],
    ['==1!1.0.*', '1!1.0.5rc1', true],
    ['==1!1.0.*', '1.0', false],
    ['!=1!1.0.*', '1!1.0', false],
    ['~=0.9', '18!0.613.6.4', false],
    ['~=0.9', '0.9.5', true],
    ['~=1!1.0', '1!1.5', true],
    ['~=1!1.0', '1!2.0', false],
    ['~=1!1.0', '1.5', false],
    ['~=v1.0', '1.5', true]
  ])('epochs in ~= and .*: %j admits %j: %s', (specifier, version, expected) => {
    expect(admits(specifier, version)).toBe(expected)
  })

  test.each([
    ['<3.post1', '3b0.dev0', true],
    ['<3.post1', '3.0', true],
    ['<3.post1', '3.post1.dev0', false],
    ['<3', '3b0.dev0', false],
    ['<3rc1', '3a1', true],
    ['<3.dev5', '3.dev4', true],
    ['>1.0a1', '1.0b1.post1', true],
    ['>1.0a1', '1.0a1.post1', false],
    ['>1.0.dev1', '1.0.post1', true],
    ['>1.0.dev1', '1.0.dev1+local', false],
    ['>1.0', '1.0.post1', false],
    ['>1.0', '1.0+local', false],
    ['>1.0.post1', '1.0.post2', true],
    ['>1.0.post1', '1.0.post1+local', false],
    ['<=1.0', '1.0+local', true]
  ])('exclusive ordered comparisons follow current packaging: %j admits %j: %s', (specifier, version, expected) => {
    expect(admits(specifier, version)).toBe(expected)
  })

  test.each([['~=1.0poſt1'], ['~=1.0prevıew1'], ['~=1.0prevİew1'], ['==1.0poſt1']])(
    '%j is not a specifier (packaging cannot evaluate it)',
    (specifier) => {
      expect(isValidSpecifier(specifier)).toBe(false)
      expect(admits(specifier, '1.0')).toBe(false)
    }
  )

  test('nothing throws, whatever the input', () => {
    const inputs = [
      '',
      'abc',
      '1.0',
      '\ud800',
      '1'.repeat(5000),
      '>=',
      '===',
      '1.0+',
      '==1.0.*.*',
      ',,,',
      '\u0000',
      `1${'.1'.repeat(200_000)}`,
      `1+${'1.'.repeat(200_000)}1`,
      `>=1${'.1'.repeat(200_000)}`,
      `===${'x'.repeat(500_000)}`,
      `${'>=1,'.repeat(50_000)}`
    ]
    for (const a of inputs) {
      expect(() => normalizeVersion(a)).not.toThrow()
      expect(() => isValidSpecifier(a)).not.toThrow()
      for (const b of inputs) {
        expect(() => admits(a, b)).not.toThrow()
        expect(() => compareVersions(a, b)).not.toThrow()
      }
    }
    // a text that is not a version sorts before every version
    expect(Math.sign(compareVersions('abc', '0.dev0'))).toBe(-1)
    expect(Math.sign(compareVersions('0.dev0', 'abc'))).toBe(1)
    expect(compareVersions('abc', 'abc')).toBe(0)
  })
})

/** Rows found by mutation testing (docs/mutation.md), each checked against packaging 26.2. */
describe('carries, local labels, === casing and texts that are not versions', () => {
  test.each([
    ['==1.19.*', '1.19.5', true],
    ['==1.19.*', '1.20', false],
    ['==1.19.*', '1.2', false],
    ['==99.*', '99.9', true],
    ['==99.*', '100', false],
    ['==1.0.99.*', '1.0.100', false],
    ['!=99.*', '100', true],
    ['~=99.0', '99.5', true],
    ['~=99.0', '100.0', false],
    ['~=1.99.0', '1.100', false]
  ])('the next prefix carries (9 → 10, 99 → 100): %j admits %j: %s', (specifier, version, expected) => {
    expect(admits(specifier, version)).toBe(expected)
  })

  test.each([
    [`1.0+1${'a'.repeat(4300)}`, `1.0+1${'a'.repeat(4300)}`],
    [`1.0+${'a'.repeat(4301)}`, `1.0+${'a'.repeat(4301)}`],
    ['1.0+0a7', '1.0+0a7'],
    ['1.0+00a7.007', '1.0+00a7.7']
  ])('a local segment that is not all digits is a word, whatever its length: %#', (input, expected) => {
    expect(normalizeVersion(input)).toBe(expected)
  })

  test.each([
    ['v1.0', '1.0'],
    ['V2.0rc1', '2.0rc1'],
    ['1.0+v2', '1.0+v2'],
    ['1.0preview1', '1.0rc1'],
    ['1.0.dev1+rev', '1.0.dev1+rev']
  ])('normalizeInputVersion drops only a leading v: %j → %j', (input, expected) => {
    expect(normalizeInputVersion(input)).toBe(expected)
  })

  test.each([
    ['===\u1c89ß', '\u1c89SS', false],
    ['===\u1c89ſ', '\u1c89s', false],
    ['===\u1c89ß', '\u1c89ß', true],
    ['===ß', 'SS', false]
  ])('=== lowers both texts, never uppercases them: %j admits %j: %s', (specifier, version, expected) => {
    expect(admits(specifier, version)).toBe(expected)
  })

  test.each([
    ['abc', 'abd', -1],
    ['abd', 'abc', 1],
    ['B', 'a', -1],
    ['abc', 'abc', 0]
  ])('texts that are not versions sort by their characters: compare(%j, %j) is %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected)
  })
})
