/**
 * Tags that hold a `/` (`integrations/p042-v1.2.0`, what an `[independent]` tag template
 * over `{dir}` gives): the version read back from a tag, the highest-stable rule of GitHub's
 * "latest", the previous tag the notes start from and the version a vcs package's tags
 * give — each among the tags of its own package only, never a neighbour's whose directory
 * name starts alike (`p042` and `p0420`).
 */
import { describe, expect, test } from '@jest/globals'
import type { Release } from '../../src/adapters/github.js'
import type { Config, Target } from '../../src/config/load.js'
import { versionFromTags } from '../../src/monorepo/consistency.js'
import type { Package } from '../../src/pyproject/package.js'
import { makeLatest, previousTag } from '../../src/release/github-release.js'
import { versionFromTag, type TargetPlan } from '../../src/release/plan.js'

const TEMPLATE = 'integrations/p042-v{version}'
/** Tags of p042, of its neighbours and of the core. */
const TAGS = [
  'integrations/p042-v1.1.0',
  'integrations/p042-v1.2.0',
  'integrations/p042-v2.0.0rc1',
  'integrations/p0420-v9.0.0',
  'integrations/p04-v8.0.0',
  'other/integrations/p042-v7.0.0',
  'core-v5.0.0'
]

const rel = (tag: string): Release => ({
  id: 1,
  tag_name: tag,
  target_commitish: 'x',
  name: tag,
  body: '',
  draft: false,
  prerelease: tag.includes('rc'),
  html_url: ''
})

const target: TargetPlan = {
  name: 'acme-p042',
  kind: 'pypi',
  group: 'acme-p042',
  version: '1.2.0',
  tagTemplate: TEMPLATE,
  tag: '',
  releaseName: '',
  prerelease: false,
  githubLatest: true,
  tests: 'skip',
  changelog: null,
  packages: [],
  tested: [],
  images: []
}

describe('tags with a "/"', () => {
  test.each([
    ['integrations/p042-v1.2.0', '1.2.0'],
    ['integrations/p042-v2.0.0rc1', '2.0.0rc1'],
    ['integrations/p0420-v9.0.0', null],
    ['integrations/p04-v8.0.0', null],
    ['other/integrations/p042-v7.0.0', null],
    ['integrations/p042-v', null]
  ])('versionFromTag(%s) = %s', (tag, version) => {
    expect(versionFromTag(TEMPLATE, tag)).toBe(version)
  })

  test.each<[string, 'true' | 'false']>([
    ['1.3.0', 'true'],
    ['1.2.1', 'true'],
    ['1.1.1', 'false'],
    ['8.0.0', 'true']
  ])('GitHub latest of %s among its own stable releases only: %s', (version, latest) => {
    expect(makeLatest('auto', target, version, TAGS.map(rel))).toBe(latest)
  })

  test.each([
    ['1.3.0', 'integrations/p042-v1.2.0'],
    ['1.2.0', 'integrations/p042-v1.1.0'],
    ['1.1.0', undefined],
    ['9.5.0', 'integrations/p042-v2.0.0rc1']
  ])('the notes of %s start from %s', (version, previous) => {
    expect(previousTag(target, version, TAGS.map(rel))).toBe(previous)
  })

  test('a vcs package reads the highest version of its own tags', () => {
    const t = { name: 'acme-p042', packages: ['integrations/p042'], tag: TEMPLATE } as Target
    const config = { targets: { 'acme-p042': t }, groups: {} } as unknown as Config
    const pkg = { dir: 'integrations/p042', source: { kind: 'vcs', backend: 'hatch-vcs' } } as unknown as Package
    expect(versionFromTags(config, pkg, TAGS)).toBe('2.0.0rc1')
    expect(
      versionFromTags(
        config,
        pkg,
        TAGS.filter((tag) => !tag.includes('rc'))
      )
    ).toBe('1.2.0')
  })
})
