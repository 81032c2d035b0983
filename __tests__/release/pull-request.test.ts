/** The release pull request's branch, title, body and commit message (src/release/pull-request.ts). */
import { describe, expect, test } from '@jest/globals'
import { changelogSections, pullRequestText, releaseBranch } from '../../src/release/pull-request.js'

const platform = { group: 'platform', from: ['2.0.0'], to: '2.1.0', packages: ['dakora', 'dakora-server'] }
const sdk = { group: 'sdk', from: ['1.4.0'], to: '1.4.1', packages: ['dakora-client'] }

describe('releaseBranch', () => {
  test.each([
    ['platform', 'pyship/release-platform'],
    [null, 'pyship/release']
  ])('%s → %s', (group, branch) => {
    expect(releaseBranch(group)).toBe(branch)
  })
})

describe('pullRequestText', () => {
  test.each([
    { groups: [platform], title: 'chore(main): release platform 2.1.0' },
    { groups: [platform, sdk], title: 'chore(main): release platform 2.1.0, sdk 1.4.1' }
  ])('title: $title', ({ groups, title }) => {
    const text = pullRequestText(groups, ['cli/pyproject.toml'], [], 'main')
    expect(text.title).toBe(title)
    expect(text.message.split('\n')[0]).toBe(title)
  })

  test('the body: a row per group with its versions and packages, every changed file, each changelog section', () => {
    const { body, message } = pullRequestText(
      [platform, sdk],
      ['cli/pyproject.toml', 'uv.lock'],
      [
        {
          file: 'CHANGELOG.md',
          version: '2.1.0',
          section: '### Added\n\n- the thing ([abc1234](https://github.com/acme/dakora/commit/abc1234))\n'
        }
      ],
      'main'
    )
    expect(body).toContain('| platform | 2.0.0 → 2.1.0 | dakora, dakora-server |\n| sdk | 1.4.0 → 1.4.1 | dakora-client |')
    expect(body).toContain('### Changed files (2)\n\n- `cli/pyproject.toml`\n- `uv.lock`')
    expect(body).toContain(
      '### CHANGELOG.md — 2.1.0\n\n### Added\n\n- the thing ([abc1234](https://github.com/acme/dakora/commit/abc1234))\n'
    )
    expect(body).toContain('Running it again updates this pull request')
    expect(message).toBe('chore(main): release platform 2.1.0, sdk 1.4.1\n\n- platform: 2.0.0 → 2.1.0\n- sdk: 1.4.0 → 1.4.1\n')
  })

  test('no changelog written: no changelog heading', () => {
    expect(pullRequestText([platform], ['cli/pyproject.toml'], [], 'main').body).not.toContain('CHANGELOG')
  })
})

describe('changelogSections', () => {
  const changelog = '# Changelog\n\n## [2.1.0] - 2026-12-03\n\n### Added\n\n- the thing\n\n## [2.0.0] - 2026-11-01\n\n- before\n'
  test.each([
    {
      name: 'CHANGELOG.md with the new version',
      file: 'CHANGELOG.md',
      text: changelog,
      found: [['CHANGELOG.md', '2.1.0', '### Added\n\n- the thing']]
    },
    {
      name: "a config's own changelog path",
      file: 'docs/whatsnew.md',
      text: changelog,
      found: [['docs/whatsnew.md', '2.1.0', '### Added\n\n- the thing']]
    },
    {
      name: "the sdk's section in its own file",
      file: 'packages/client-python/CHANGES.rst',
      text: '1.4.1\n\n## 1.4.1\n\n- fixed\n',
      found: [['packages/client-python/CHANGES.rst', '1.4.1', '- fixed']]
    },
    { name: 'no section of a proposed version', file: 'CHANGELOG.md', text: '## 2.0.0\n\n- before\n', found: [] },
    { name: 'a pyproject, whatever it says', file: 'cli/pyproject.toml', text: changelog, found: [] }
  ])('$name', ({ file, text, found }) => {
    expect(changelogSections([{ file, text }], [platform, sdk]).map((c) => [c.file, c.version, c.section])).toEqual(found)
  })
})
