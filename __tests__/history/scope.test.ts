import { describe, expect, test } from '@jest/globals'
import { groupChange, lastReleaseTag, ownsFile, pathspecs, type GroupScope } from '../../src/history/scope.js'

const platform: GroupScope = {
  group: 'platform',
  dirs: ['cli', 'server'],
  excluded: ['server/plugins/x'],
  pinned: ['packages/client-python'],
  templates: ['cli-v{version}', 'docker-v{version}']
}
const label = (d: string): string => ({ 'packages/client-python': 'dakora-client' })[d] ?? d

describe('what history a group answers to', () => {
  test.each([
    [['cli-v2.0.0', 'docker-v2.0.0', 'python-sdk-v9.0.0'], 'cli-v2.0.0'],
    [['cli-v2.0.0', 'docker-v2.1.0rc1', 'cli-v1.9.0'], 'docker-v2.1.0rc1'],
    [['cli-v10.0.0', 'cli-v9.0.0'], 'cli-v10.0.0'],
    [['cli-vnot-a-version', 'cli-v'], null],
    [[], null]
  ])('the last release tag among %j is %s', (tags, expected) => {
    expect(lastReleaseTag(platform.templates, tags)?.tag ?? null).toBe(expected)
  })

  test.each([
    ['2.0.0', 'cli-v2.0.0'],
    ['2.1.0', 'cli-v2.0.0'],
    ['1.9.0', 'cli-v1.5.0'],
    ['1.0.0', null]
  ])('files at %s: a tag above them (a reverted release) is not the last release → %s', (files, expected) => {
    expect(lastReleaseTag(platform.templates, ['cli-v1.5.0', 'cli-v2.0.0', 'docker-v3.0.0'], files)?.tag ?? null).toBe(expected)
  })

  test.each([
    [['cli/src/a.py'], true, '1 file changed since cli-v2.0.0'],
    [['server/plugins/x/a.py'], false, 'nothing under its packages changed since cli-v2.0.0'],
    [['clients/a.py', 'README.md'], false, 'nothing under its packages changed since cli-v2.0.0'],
    [['packages/client-python/pyproject.toml'], true, 'it pins dakora-client, changed since cli-v2.0.0'],
    [[], false, 'nothing under its packages changed since cli-v2.0.0']
  ])('files %j: changed %s (%s)', (files, changed, reason) => {
    expect(groupChange(platform, 'cli-v2.0.0', files, label)).toEqual({ group: 'platform', since: 'cli-v2.0.0', changed, reason })
  })

  test('never released: changed', () => {
    expect(groupChange(platform, null, null, label)).toMatchObject({ changed: true, reason: 'no release tag yet' })
  })

  test('pathspecs and ownership: a root package owns everything but the packages nested in it', () => {
    expect(pathspecs(['.'], ['cli'])).toEqual(['.', ':(exclude)cli'])
    expect(ownsFile({ dirs: ['.'], excluded: ['cli'] }, 'src/a.py')).toBe(true)
    expect(ownsFile({ dirs: ['.'], excluded: ['cli'] }, 'cli/a.py')).toBe(false)
    expect(ownsFile({ dirs: ['cli'], excluded: [] }, 'cli2/a.py')).toBe(false)
  })
})
