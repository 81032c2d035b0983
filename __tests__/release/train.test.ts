/**
 * A release of many groups (SPEC §11 "One tag for many packages"), pure: the calendar tag and
 * its `.2` for a further release that day, the last release-level tag among the tags, the one
 * plan and its notes.
 */
import { describe, expect, test } from '@jest/globals'
import type { ReleaseTag } from '../../src/config/release-tag.js'
import type { PackagePlan, ReleasePlan, TargetPlan } from '../../src/release/plan.js'
import {
  ALL,
  combinePlans,
  dateTag,
  dateVersion,
  releasedIn,
  releaseTagVersion,
  trainNotes,
  trainTagMessage,
  trainTags
} from '../../src/release/train.js'

const DATE: ReleaseTag = { tag: 'v{date}', kind: 'date', template: 'v{version}', githubLatest: true }
const NAMED: ReleaseTag = { tag: 'platform-{version}', kind: 'version', group: 'core', template: 'platform-{version}', githubLatest: true }
/** 2026-12-03 23:59:59 UTC, and one second later. */
const LATE = Date.UTC(2026, 11, 3, 23, 59, 59) / 1000

describe('dateVersion: the commit date in UTC, zero-padded', () => {
  test.each([
    [LATE, '2026.12.03'],
    [LATE + 1, '2026.12.04'],
    [Date.UTC(2027, 0, 9, 0, 0, 0) / 1000, '2027.01.09']
  ])('%i → %s', (time, expected) => {
    expect(dateVersion(time)).toBe(expected)
  })
})

describe("dateTag: the day's first tag not taken by another commit", () => {
  test.each([
    [[], 'v2026.12.03'],
    [['v2026.12.03'], 'v2026.12.03.2'],
    [['v2026.12.03', 'v2026.12.03.2'], 'v2026.12.03.3'],
    [['v2026.12.03.2'], 'v2026.12.03']
  ])('taken %j → %s', (taken, expected) => {
    const tag = dateTag(DATE, LATE, (t) => taken.includes(t))
    expect(tag.tag).toBe(expected)
    expect(tag.version).toBe(expected.slice(1))
  })
})

describe('releaseTagVersion / trainTags', () => {
  test.each([
    [DATE, 'v2026.12.03', '2026.12.03'],
    [DATE, 'v2026.12.03.2', '2026.12.03.2'],
    [DATE, 'v2026.12.03.1', null],
    [DATE, 'v2026.12.3', null],
    [DATE, 'v1.2.0', null],
    [DATE, 'cli-v2026.12.03', null],
    [NAMED, 'platform-1.4.0rc1', '1.4.0rc1'],
    [NAMED, 'platform-next', null],
    [NAMED, 'platform-', null]
  ])('%j reads %s as %s', (release, tag, expected) => {
    expect(releaseTagVersion(release, tag)).toBe(expected)
  })

  test('only release-level tags, the highest version first, whatever the order of the tags', () => {
    expect(trainTags(DATE, ['v2026.12.03.10', 'v2026.12.04', 'v2026.12.03.2', 'cli-v9.0.0', 'v9.0.0']).map((t) => t.tag)).toEqual([
      'v2026.12.04',
      'v2026.12.03.10',
      'v2026.12.03.2'
    ])
    expect(trainTags(DATE, ['cli-v1.0.0'])).toEqual([])
  })
})

const pkg = (name: string, group: string, version: string): PackagePlan =>
  ({ name, dir: name, group, version, targetName: group, tests: 'skip' }) as PackagePlan
const target = (group: string, version: string, over: Partial<TargetPlan> = {}): TargetPlan =>
  ({
    name: group,
    kind: 'pypi',
    group,
    version,
    tagTemplate: `${group}-v{version}`,
    tag: `${group}-v${version}`,
    releaseName: `${group} ${version}`,
    prerelease: false,
    githubLatest: false,
    tests: 'skip',
    changelog: `/repo/${group}/CHANGELOG.md`,
    packages: [pkg(group, group, version)],
    tested: [pkg(group, group, version)],
    images: [],
    ...over
  }) as TargetPlan
const plan = (...targets: TargetPlan[]): ReleasePlan => ({ component: targets[0].group, version: targets[0].version, targets, notices: [] })

describe('combinePlans', () => {
  test('without a release-level tag: each target keeps its own tag and version', () => {
    const combined = combinePlans([plan(target('core', '2.0.0')), plan(target('plugin', '0.3.1'))])
    expect(combined.component).toBe(ALL)
    expect(combined.targets.map((t) => [t.tag, t.version])).toEqual([
      ['core-v2.0.0', '2.0.0'],
      ['plugin-v0.3.1', '0.3.1']
    ])
    expect(combined.version).toBe('')
  })

  test('with one: ONE target under the tag, every package once with its own version, one member per group', () => {
    const shared = pkg('shared', 'core', '2.0.0')
    const combined = combinePlans(
      [
        plan(
          target('core', '2.0.0', { packages: [pkg('core', 'core', '2.0.0'), shared] }),
          target('core-extra', '2.0.0', { group: 'core', packages: [shared] })
        ),
        plan(target('plugin', '0.3.1'))
      ],
      { config: DATE, tag: 'v2026.12.03', version: '2026.12.03' }
    )
    expect(combined.version).toBe('2026.12.03')
    expect(combined.targets).toHaveLength(1)
    const [t] = combined.targets
    expect([t.tag, t.releaseName, t.tagTemplate, t.githubLatest, t.prerelease]).toEqual([
      'v2026.12.03',
      'v2026.12.03',
      'v{version}',
      true,
      false
    ])
    expect(t.packages.map((p) => [p.name, p.version])).toEqual([
      ['core', '2.0.0'],
      ['shared', '2.0.0'],
      ['plugin', '0.3.1']
    ])
    expect(t.members?.map((m) => [m.group, m.version, m.names])).toEqual([
      ['core', '2.0.0', ['core', 'shared']],
      ['plugin', '0.3.1', ['plugin']]
    ])
    // each group's own tag, whose release lock the release takes too (a `release <group>` beside it takes that one)
    expect(t.groupTags).toEqual(['core-v2.0.0', 'core-extra-v2.0.0', 'plugin-v0.3.1'])
  })

  test("a named group's pre-release makes the release a pre-release; a calendar release never is", () => {
    const rc = [plan(target('core', '2.0.0rc1'))]
    expect(combinePlans(rc, { config: NAMED, tag: 'platform-2.0.0rc1', version: '2.0.0rc1' }).targets[0].prerelease).toBe(true)
    expect(combinePlans(rc, { config: DATE, tag: 'v2026.12.03', version: '2026.12.03' }).targets[0].prerelease).toBe(false)
  })

  test("only a calendar tag is dated (a rollback retires its name); a named group's tag and each group's own tags are not", () => {
    const plans = [plan(target('core', '2.0.0'))]
    expect(combinePlans(plans, { config: DATE, tag: 'v2026.12.03', version: '2026.12.03' }).targets[0].dated).toBe(true)
    expect(combinePlans(plans, { config: NAMED, tag: 'platform-2.0.0', version: '2.0.0' }).targets[0].dated).toBeUndefined()
    expect(combinePlans(plans).targets[0].dated).toBeUndefined()
  })
})

describe('trainNotes', () => {
  const members = [
    { group: 'core', version: '2.0.0', names: ['acme-core'], changelog: '/c' },
    { group: 'plugin', version: '0.3.1', names: ['acme-plugin', 'ghcr.io/acme/plugin'], changelog: null }
  ]
  test('a section per group: its changelog section, else what it released', () => {
    expect(trainNotes(members, (m) => (m.group === 'core' ? '### Fixed\n\n- retry\n' : null), 'generated')).toBe(
      '## core 2.0.0\n\n### Fixed\n\n- retry\n\n## plugin 0.3.1\n\n- acme-plugin\n- ghcr.io/acme/plugin'
    )
  })
  test("no changelog section anywhere: the lists, then GitHub's generated notes", () => {
    expect(trainNotes(members, () => null, "## What's Changed\n* x")).toBe(
      "## core 2.0.0\n\n- acme-core\n\n## plugin 0.3.1\n\n- acme-plugin\n- ghcr.io/acme/plugin\n\n## What's Changed\n* x"
    )
  })
})

describe('the tag message: the ledger of what a release-level tag released', () => {
  const message = trainTagMessage('v2026.12.03', [
    { group: 'core', version: '2.1.0', names: [], changelog: null },
    { group: 'acme-p001', version: '1.1.1rc1', names: [], changelog: null }
  ])
  test('its name, then a line per group', () => {
    expect(message).toBe('v2026.12.03\n\ncore 2.1.0\nacme-p001 1.1.1rc1')
  })
  test.each([
    ['core', '2.1.0'],
    ['acme-p001', '1.1.1rc1'],
    ['acme-p00', null],
    ['v2026.12.03', null]
  ])('%s → %s', (group, version) => {
    expect(releasedIn(message, group)).toBe(version)
  })
})
