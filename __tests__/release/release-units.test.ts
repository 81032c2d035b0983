import { describe, expect, test } from '@jest/globals'
import { changelogSection } from '../../src/release/changelog.js'
import { tagFor, versionFromTag } from '../../src/release/plan.js'
import { BODY_LIMIT, imagesSection, makeLatest, releaseBody } from '../../src/release/github-release.js'
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
    ['{version}', '1.0.0', '1.0.0'],
    ['{version}-server', '2.0.0', '2.0.0-server']
  ])('tagFor(%s, %s) = %s', (template, version, tag) => {
    expect(tagFor(template, version)).toBe(tag)
    expect(versionFromTag(template, tag)).toBe(version)
  })

  test.each([
    ['cli-v{version}', 'docker-v2.0.0'],
    ['cli-v{version}', 'cli-v'],
    ['cli-v{version}', 'cli-vnext'],
    // a template with a suffix: the tag must end with it, not merely be long enough
    ['{version}-server', '2.0.0-worker'],
    ['v{version}.final', 'v2.0.0.post1'],
    ['v{version}-server', 'v2.0.0-server-old']
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
    ['github-latest = false (the sdk)', { githubLatest: false }, '9.9.9', [], 'false'],
    // the same version released already (spelt 2.0 or 2.0.0: a re-run, a hotfix tag of the same version) stays latest
    ['the same version as the highest stable', {}, '2.0.0', [rel('cli-v2.0'), rel('cli-v1.9.0')], 'true']
  ])('%s', (_name, over, version, releases, expected) => {
    expect(makeLatest('auto', target(over), version, releases)).toBe(expected)
  })
  test.each<['true' | 'false']>([['true'], ['false']])('forced %s', (forced) => {
    expect(makeLatest(forced, target({ githubLatest: false }), '1.0.0', [])).toBe(forced)
  })
})

describe('releaseBody: within what GitHub accepts, cut only when needed, the images always kept', () => {
  const IMAGES = [{ ref: 'ghcr.io/acme/dakora/server', digest: `sha256:${'1'.repeat(64)}`, tags: ['2.0.0', 'latest'] }]
  const TAIL = `\n\n${imagesSection(IMAGES)}`
  const notes = (length: number): string => '- a change that matters\n'.repeat(Math.ceil(length / 24)).slice(0, length)
  test.each<[string, number, boolean, boolean]>([
    ['notes of exactly the limit, no images: whole', BODY_LIMIT, false, false],
    ['notes one character over the limit: cut', BODY_LIMIT + 1, false, true],
    ['notes and images of exactly the limit: whole', BODY_LIMIT - TAIL.length, true, false],
    ['notes within the limit alone, over it with the images: cut, images kept', BODY_LIMIT - 100, true, true]
  ])('%s', (_name, length, withImages, cut) => {
    const text = notes(length)
    const body = releaseBody(text, withImages ? IMAGES : [], 'https://github.com/acme/dakora/blob/a/CHANGELOG.md')
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT)
    expect(body.includes('(cut: the notes are longer than a GitHub Release allows)')).toBe(cut)
    if (!cut) expect(body).toBe(`${text}${withImages ? TAIL : ''}`)
    if (withImages) expect(body.endsWith(TAIL)).toBe(true)
  })
})
