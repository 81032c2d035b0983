/**
 * The version a release plan takes from the files: the members' one version; when there is
 * none, the cause is named — a member whose version cannot be located (E_VERSION_SOURCE) or
 * is not PEP 440 (E_INVALID_VERSION), on its line — and only real disagreement is
 * E_VERSION_MISMATCH.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { PyshipError, toProblems } from '../../src/errors.js'
import { loadMonorepo } from '../../src/monorepo/load.js'
import { planRelease } from '../../src/release/plan.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const CONFIG = `[tool.uv.workspace]
members = ["a", "b"]

[tool.pyship.groups.g]
packages = ["a", "b"]

[tool.pyship.targets.t]
group = "g"
kind = "pypi"
packages = ["a", "b"]
tag = "t-v{version}"
`
const staticPkg = (name: string, version: string): string => `[project]\nname = "${name}"\nversion = "${version}"\n`
const HATCH_MISSING_FILE =
  '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "b"\ndynamic = ["version"]\n\n[tool.hatch.version]\npath = "b/__about__.py"\n'

function plan(a: string, b: string): string[] {
  const root = writeTree(tempDir(), { 'pyproject.toml': CONFIG, 'a/pyproject.toml': a, 'b/pyproject.toml': b })
  const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
  try {
    return [
      planRelease(repo, { component: 't', version: '', pypiUrl: 'https://pypi.org', repository: 'acme/x', registry: 'ghcr.io' }).version
    ]
  } catch (error) {
    if (!(error instanceof PyshipError)) throw error
    return toProblems(error).map((p) => `${p.code} ${p.file ?? ''}:${p.line ?? ''} ${p.message}`)
  }
}

describe('the version a release plan takes from the files', () => {
  test.each([
    ['one version', staticPkg('a', '1.2.0'), staticPkg('b', '1.2.0'), ['1.2.0']],
    ['one version in two spellings', staticPkg('a', '1.2.0.dev'), staticPkg('b', '1.2.0.dev0'), ['1.2.0.dev0']],
    [
      'a member whose version cannot be located: E_VERSION_SOURCE on its dynamic line, not a disagreement',
      staticPkg('a', '1.2.0'),
      HATCH_MISSING_FILE,
      [
        'E_VERSION_SOURCE b/pyproject.toml:7 b/pyproject.toml: b has dynamic = ["version"] but pyship cannot locate it: hatch path: b/b/__about__.py: it does not exist'
      ]
    ],
    [
      'a version that is not PEP 440: E_INVALID_VERSION on its line',
      staticPkg('a', '1.2.0'),
      staticPkg('b', 'one.two'),
      ['E_INVALID_VERSION b/pyproject.toml:3 b version "one.two" is not a valid PEP 440 version']
    ],
    [
      'two valid versions: E_VERSION_MISMATCH',
      staticPkg('a', '1.2.0'),
      staticPkg('b', '1.3.0'),
      ['E_VERSION_MISMATCH : group g members disagree, so there is no version to release']
    ]
  ])('%s', (_what, a, b, expected) => {
    expect(plan(a, b)).toEqual(expected)
  })
})
