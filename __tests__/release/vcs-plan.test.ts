import { describe, expect, test } from '@jest/globals'
import path from 'node:path'
import { PyshipError } from '../../src/errors.js'
import { loadMonorepo } from '../../src/monorepo/load.js'
import type { Package } from '../../src/pyproject/package.js'
import { planRelease, tagPatternNotice, vcsBuild } from '../../src/release/plan.js'

const ROOT = path.resolve('__fixtures__/repos')
const sources = loadMonorepo({ workDir: path.join(ROOT, 'sources'), repoRoot: path.join(ROOT, 'sources') }, '')
const release = loadMonorepo({ workDir: path.join(ROOT, 'vcs-release'), repoRoot: path.join(ROOT, 'vcs-release') }, '')
const pkg = (dir: string): Package => sources.packages.get(dir) as Package
const options = { pypiUrl: 'https://pypi.org', repository: 'acme/dakora', registry: 'ghcr.io' }

describe('release plan of tag-versioned packages', () => {
  test('a group versioned by git tags needs the version input (E_INPUT); with it the plan carries the override', () => {
    let thrown: unknown
    try {
      planRelease(release, { ...options, component: 'scm', version: '' })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(PyshipError)
    expect((thrown as PyshipError).code).toBe('E_INPUT')
    expect((thrown as PyshipError).hint).toContain('pyship release scm 1.2.0')

    const plan = planRelease(release, { ...options, component: 'scm', version: 'v2.0.0' })
    expect(plan.version).toBe('2.0.0')
    expect(plan.targets[0].tag).toBe('vcs-scm-v2.0.0')
    expect(plan.targets[0].packages[0]).toMatchObject({
      vcs: true,
      needsLocalTag: false,
      buildEnv: { SETUPTOOLS_SCM_PRETEND_VERSION_FOR_VCS_SCM: '2.0.0' }
    })
    expect(plan.notices).toEqual([])
  })

  test('a file-versioned package releases the version of its file, with no override', () => {
    const plan = planRelease(release, { ...options, component: 'hatch-path', version: '' })
    expect(plan.version).toBe('1.2.0')
    expect(plan.targets[0].packages[0]).toMatchObject({ vcs: false, needsLocalTag: false, buildEnv: {} })
  })

  test('versioningit has no override: the release tag is made locally for the build', () => {
    const vit = { ...pkg('pkgs/scm'), source: { kind: 'vcs' as const, backend: 'versioningit' } }
    expect(vcsBuild(vit, '2.0.0')).toEqual({ vcs: true, buildEnv: {}, needsLocalTag: true })
  })

  test.each([
    ['pkgs/scm', 'scm-v2.0.0', null],
    [
      'pkgs/scm',
      'scm-2.0.0',
      /scm \(setuptools-scm\) would not read version 2\.0\.0 from tag scm-2\.0\.0: its tag pattern .* does not match it; set its tag_regex/
    ],
    ['pkgs/hatch-vcs', 'hatch-vcs-v2.0.0', null],
    ['pkgs/hatch-vcs', 'v2.0.0', /set its \[tool\.hatch\.version\] tag-pattern/],
    ['pkgs/udv', 'udv-v2.0.0', null],
    ['pkgs/udv', 'udv/2.0.0', /set its \[tool\.uv-dynamic-versioning\] pattern/],
    ['pkgs/hatch-path', 'anything', null]
  ])('%s, tag %s', (dir, tag, expected) => {
    const notice = tagPatternNotice(pkg(dir), tag, '2.0.0')
    if (expected === null) expect(notice).toBeNull()
    else expect(notice).toMatch(expected)
  })
})
