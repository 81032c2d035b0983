import { describe, test, expect } from '@jest/globals'
import { normalizeName, parseRequirement } from '../../src/pyproject/requirement.js'

describe('parseRequirement', () => {
  test.each([
    // text, name, extras, specifier
    ['dakora-client~=1.4.0', 'dakora-client', [], '~=1.4.0'],
    ['dakora-client>=1.4,<2', 'dakora-client', [], '>=1.4,<2'],
    ['orbit-client[maf]~=0.8.0', 'orbit-client', ['maf'], '~=0.8.0'],
    ['Orbit_Client[async]>=0.8', 'orbit-client', ['async'], '>=0.8'],
    ['orbit-core==0.8.0', 'orbit-core', [], '==0.8.0'],
    ['zope.interface>=5', 'zope-interface', [], '>=5'],
    ['X.Y__Z==1', 'x-y-z', [], '==1'],
    ['x[a, b ,c]>=2', 'x', ['a', 'b', 'c'], '>=2'],
    ['x[a]', 'x', ['a'], ''],
    ['x', 'x', [], ''],
    ["x>=1; python_version<'3.12'", 'x', [], '>=1'],
    ['x>=1.0;python_version<"3.12"', 'x', [], '>=1.0'],
    ['x ; python_version<"3.12"', 'x', [], ''],
    ['x (>=1.0)', 'x', [], '>=1.0'],
    ['x(>=1.0,<2)', 'x', [], '>=1.0,<2'],
    ['x[maf] ( == 1.0 ) ; extra == "y"', 'x', ['maf'], '== 1.0'],
    ['x @ https://example.com/x-1.0.tar.gz', 'x', [], ''],
    ['x[extra]@ file:///tmp/x ; python_version>"3"', 'x', ['extra'], ''],
    ['  dakora-client  >= 1.4 , < 2  ', 'dakora-client', [], '>= 1.4 , < 2'],
    ['  Dakora_Client [cli] ~= 1.4.0 ; os_name == "nt"', 'dakora-client', ['cli'], '~= 1.4.0'],
    ['pkg===1.0', 'pkg', [], '===1.0'],
    ['a==1.0.*', 'a', [], '==1.0.*']
  ])('%j → name %j, extras %j, specifier %j', (text, name, extras, specifier) => {
    const parsed = parseRequirement(text)
    expect(parsed).not.toBeNull()
    expect(parsed?.name).toBe(name)
    expect(parsed?.extras).toEqual(extras)
    expect(parsed?.specifier).toBe(specifier)
    if (specifier === '') {
      expect(parsed?.specifierOffset).toBe(-1)
    } else {
      const offset = parsed?.specifierOffset ?? -1
      expect(offset).toBeGreaterThan(0)
      expect(text.slice(offset, offset + specifier.length)).toBe(specifier)
    }
  })

  test.each([
    ['dakora-client~=1.4.0', 13],
    ['orbit-client[maf]~=0.8.0', 17],
    ['x (>=1.0)', 3],
    ['  dakora-client  >= 1.4 , < 2  ', 17]
  ])('%j: the specifier starts at offset %i', (text, offset) => {
    expect(parseRequirement(text)?.specifierOffset).toBe(offset)
  })

  test.each([[''], ['   '], ['[x]>=1'], ['-x>=1'], ['; python_version>"3"'], ['x[maf>=1'], ['x (>=1.0']])(
    '%j is not a requirement (null)',
    (text) => {
      expect(parseRequirement(text)).toBeNull()
    }
  )
})

describe('normalizeName (PEP 503)', () => {
  test.each([
    ['orbit-client', 'orbit-client'],
    ['Orbit_Client', 'orbit-client'],
    ['Friendly-Bard', 'friendly-bard'],
    ['FRIENDLY-BARD', 'friendly-bard'],
    ['friendly.bard', 'friendly-bard'],
    ['friendly_bard', 'friendly-bard'],
    ['friendly--bard', 'friendly-bard'],
    ['FrIeNdLy-._.-bArD', 'friendly-bard'],
    ['a.b_c', 'a-b-c'],
    ['dakora', 'dakora'],
    ['Pkg9', 'pkg9']
  ])('%j → %j', (name, expected) => {
    expect(normalizeName(name)).toBe(expected)
  })
})
