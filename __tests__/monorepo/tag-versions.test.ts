/**
 * The version git tags give a vcs-versioned package (SPEC §1 "vcs"): its target's tag
 * template read as a whole-tag pattern, so another target's tags never count; else the
 * backend's own pattern.
 */
import { expect, test } from '@jest/globals'
import type { Config } from '../../src/config/types.js'
import { versionFromTags } from '../../src/monorepo/consistency.js'
import type { Package } from '../../src/pyproject/package.js'

const pkg = (dir: string): Package => ({ dir, source: { kind: 'vcs', backend: 'hatch-vcs' } }) as unknown as Package
const config = (targets: Record<string, { tag: string; packages: string[] }>): Config => ({ targets }) as unknown as Config

test.each([
  ['v{version}: another target cli-v* tag is not this one', 'v{version}', ['cli-v3.0.0', 'v1.0.0', 'v1.1.0'], '1.1.0'],
  ['v{version}: a suffix after the version is not this one', 'v{version}', ['v1.0.0', 'v9.0.0-docs'], '1.0.0'],
  [
    'cli-v{version}: a longer prefix ending the same is not this one',
    'cli-v{version}',
    ['cli-v2.0.0', 'python-cli-v9.0.0', 'xcli-v8.0.0'],
    '2.0.0'
  ],
  ['{version}-server: a prefix before it is not this one', '{version}-server', ['1.0.0-server', 'old-9.0.0-server'], '1.0.0'],
  ['{version}-server: a suffix after it is not this one', '{version}-server', ['1.0.0-server', '9.0.0-server-old'], '1.0.0'],
  ['pre-releases count, invalid versions do not', 'pkg-v{version}', ['pkg-v1.0.0', 'pkg-v1.1.0rc1', 'pkg-vnext'], '1.1.0rc1'],
  ['regex characters in the template are literal', 'pkg.v{version}', ['pkgXv9.0.0', 'pkg.v1.0.0'], '1.0.0'],
  ['no tag of the template: none', 'sdk-v{version}', ['cli-v1.0.0'], null]
])('%s', (_name, template, tags, expected) => {
  expect(versionFromTags(config({ t: { tag: template, packages: ['pkg'] } }), pkg('pkg'), tags)).toBe(expected)
})

test("without a target, the backend's pattern (setuptools-scm's default)", () => {
  expect(versionFromTags(config({}), pkg('pkg'), ['v1.2.0', 'release-1.3.0', 'not-a-version'])).toBe('1.3.0')
})
