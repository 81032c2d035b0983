/** format = "semver": PEP 440 versions spelled as SemVer and read back; what has no faithful spelling is refused. */
import { describe, expect, test } from '@jest/globals'
import { fromSemver, semverSpelling, toSemver } from '../../src/version/semver-spelling.js'
import { normalizeVersion } from '../../src/version/pep440.js'

describe('toSemver and fromSemver', () => {
  test.each<[string, string]>([
    ['1.2.0', '1.2.0'],
    ['1.2', '1.2.0'],
    ['2', '2.0.0'],
    ['1.2.0rc1', '1.2.0-rc.1'],
    ['1.2.0a1', '1.2.0-alpha.1'],
    ['1.2.0b2', '1.2.0-beta.2'],
    ['1.2.0.dev3', '1.2.0-dev.3'],
    ['1.2.0+abc.1', '1.2.0+abc.1'],
    ['1.2.0rc1+abc', '1.2.0-rc.1+abc']
  ])('%s ↔ %s', (pep440, semver) => {
    expect(toSemver(pep440)).toEqual({ semver })
    expect(fromSemver(semver)).toBe(pep440 === '1.2' ? '1.2.0' : pep440 === '2' ? '2.0.0' : pep440)
  })

  test.each<[string, string]>([
    ['1.2.0.post1', 'post-release'],
    ['1!1.2.0', 'epoch'],
    ['1.2.3.4', 'more than three release numbers'],
    ['1.2.0rc1.dev1', 'dev-release of a pre-release'],
    ['banana', 'not a PEP 440 version']
  ])('%s has no SemVer spelling: %s', (pep440, why) => {
    const spelled = toSemver(pep440)
    expect('reason' in spelled && spelled.reason).toContain(why)
  })

  test.each(['1.2', '1.2.0rc1', '01.2.0', '1.2.0-rc1', '1.2.0-gamma.1', 'v1.2.0', '1.2.0-rc.01', ''])('%j is not read', (text) => {
    expect(fromSemver(text)).toBeNull()
  })
})

test.each([
  ['1.2.0', '1.2.0'],
  ['1.2.0rc1', '1.2.0-rc.1'],
  ['1.2.0a1', '1.2.0-alpha.1'],
  ['1.2.0b2', '1.2.0-beta.2'],
  ['1.2.0.dev3', '1.2.0-dev.3'],
  ['1.2.0rc1.dev2', null],
  ['1.2', '1.2.0'],
  ['3', '3.0.0'],
  ['1.0.0+abc.1', '1.0.0+abc.1'],
  ['1!1.0', null],
  ['1.0.post1', null],
  ['1.2.3.4', null]
])('%s is written %j', (version, expected) => {
  const spelled = semverSpelling(version)
  expect(spelled).toBe(expected)
  if (spelled !== null && version.split('.').length >= 3) expect(normalizeVersion(spelled)).toBe(normalizeVersion(version))
})
