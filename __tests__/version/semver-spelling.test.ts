/** PEP 440 versions in SemVer spelling for Cargo files, read back as the same PEP 440 version. */
import { expect, test } from '@jest/globals'
import { semverSpelling } from '../../src/version/semver-spelling.js'
import { normalizeVersion } from '../../src/version/pep440.js'

test.each([
  ['1.2.0', '1.2.0'],
  ['1.2.0rc1', '1.2.0-rc.1'],
  ['1.2.0a1', '1.2.0-alpha.1'],
  ['1.2.0b2', '1.2.0-beta.2'],
  ['1.2.0.dev3', '1.2.0-dev.3'],
  ['1.2.0rc1.dev2', '1.2.0-rc.1.dev.2'],
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
