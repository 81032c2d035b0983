import { describe, expect, test } from '@jest/globals'
import { changelogSection } from '../../src/release/changelog.js'
import { tagFor, versionFromTag } from '../../src/release/plan.js'
import { makeLatest } from '../../src/release/github-release.js'
import type { TargetPlan } from '../../src/release/plan.js'
import type { Release } from '../../src/adapters/github.js'

const CHANGELOG = `# Changelog

## [Unreleased]
- nothing yet

## [2.0.0] - 2026-11-01
### Added
- Studio

## [1.9.0] - 2026-09-01
- older

[2.0.0]: https://example.com/compare/v1.9.0...v2.0.0
`

describe('changelogSection', () => {
  test.each([
    ['2.0.0', '### Added\n- Studio'],
    ['v2.0.0', '### Added\n- Studio'],
    ['1.9.0', '- older'],
    ['1.8.0', null]
  ])('%s', (version, expected) => {
    expect(changelogSection(CHANGELOG, version)).toBe(expected)
  })

  test.each([
    ['## 2.1.0rc1\nnotes\n## 2.0.0\nold', '2.1.0-rc.1', 'notes'],
    ['## v3.0.0 (2026-01-01)\r\n- crlf\r\n', '3.0.0', '- crlf'],
    ['# 1.0.0\n\n## Fixed\n- a\n# 0.9.0\n- b', '1.0.0', '## Fixed\n- a']
  ])('heading styles: %j', (text, version, expected) => {
    expect(changelogSection(text, version)).toBe(expected)
  })
})

describe('tags', () => {
  test.each([
    ['cli-v{version}', '2.0.0', 'cli-v2.0.0'],
    ['python-sdk-v{version}', '1.5.0rc1', 'python-sdk-v1.5.0rc1'],
    ['{version}', '1.0.0', '1.0.0']
  ])('tagFor(%s, %s) = %s', (template, version, tag) => {
    expect(tagFor(template, version)).toBe(tag)
    expect(versionFromTag(template, tag)).toBe(version)
  })

  test.each([
    ['cli-v{version}', 'docker-v2.0.0'],
    ['cli-v{version}', 'cli-v'],
    ['cli-v{version}', 'cli-vnext']
  ])('versionFromTag(%s, %s) = null', (template, tag) => {
    expect(versionFromTag(template, tag)).toBeNull()
  })
})

describe('makeLatest (latest: auto)', () => {
  const target = (over: Partial<TargetPlan> = {}): TargetPlan => ({
    name: 'cli',
    kind: 'pypi',
    group: 'platform',
    version: '2.0.0',
    tagTemplate: 'cli-v{version}',
    tag: '',
    releaseName: '',
    prerelease: false,
    githubLatest: true,
    tests: 'optional',
    changelog: null,
    packages: [],
    tested: [],
    images: [],
    ...over
  })
  const rel = (tag: string, over: Partial<Release> = {}): Release => ({
    id: 1,
    tag_name: tag,
    target_commitish: 'x',
    name: tag,
    body: '',
    draft: false,
    prerelease: false,
    html_url: '',
    ...over
  })
  test.each<[string, Partial<TargetPlan>, string, Release[], 'true' | 'false']>([
    ['first release', {}, '1.0.0', [], 'true'],
    ['newer than all', {}, '2.1.0', [rel('cli-v2.0.0'), rel('cli-v1.9.0')], 'true'],
    ['a hotfix of an older line', {}, '1.9.1', [rel('cli-v2.0.0'), rel('cli-v1.9.0')], 'false'],
    ['pre-releases of a newer line do not count', {}, '2.0.1', [rel('cli-v3.0.0rc1', { prerelease: true })], 'true'],
    ['drafts do not count', {}, '2.0.1', [rel('cli-v9.0.0', { draft: true })], 'true'],
    ['other targets do not count', {}, '1.5.0', [rel('docker-v2.0.0'), rel('python-sdk-v9.0.0')], 'true'],
    ['a pre-release is never latest', { prerelease: true }, '3.0.0rc1', [], 'false'],
    ['github-latest = false (the sdk)', { githubLatest: false }, '9.9.9', [], 'false']
  ])('%s', (_name, over, version, releases, expected) => {
    expect(makeLatest('auto', target(over), version, releases)).toBe(expected)
  })
  test.each<['true' | 'false']>([['true'], ['false']])('forced %s', (forced) => {
    expect(makeLatest(forced, target({ githubLatest: false }), '1.0.0', [])).toBe(forced)
  })
})
