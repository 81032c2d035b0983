import { describe, expect, test } from '@jest/globals'
import { insertSection, moveUnreleasedLink, renderSection, webUrlOf } from '../../src/history/changelog.js'
import type { ConventionalCommit } from '../../src/history/commits.js'

const c = (over: Partial<ConventionalCommit>): ConventionalCommit => ({
  sha: '1234567890abcdef1234567890abcdef12345678',
  type: 'fix',
  scope: null,
  subject: 's',
  breaking: false,
  breakingText: null,
  releaseAs: null,
  pullRequests: [],
  ...over
})

describe('changelog sections', () => {
  test('grouped by type, linked to commits, pull requests and the comparison', () => {
    const text = renderSection({
      version: '2.1.0',
      date: '2026-12-03',
      repoUrl: 'https://github.com/acme/dakora',
      previousTag: 'cli-v2.0.0',
      tag: 'cli-v2.1.0',
      commits: [
        c({ type: 'fix', subject: 'quote paths (#12)', pullRequests: ['12'], scope: 'cli' }),
        c({ type: 'feat', subject: 'json output' }),
        c({ type: 'feat', subject: 'drop v1', breaking: true, breakingText: 'the v1 API is gone' }),
        c({ type: 'chore', subject: 'not listed' })
      ]
    })
    expect(text).toBe(
      [
        '## [2.1.0](https://github.com/acme/dakora/compare/cli-v2.0.0...cli-v2.1.0) - 2026-12-03',
        '',
        '### Breaking changes',
        '',
        '- the v1 API is gone ([1234567](https://github.com/acme/dakora/commit/1234567890abcdef1234567890abcdef12345678))',
        '',
        '### Added',
        '',
        '- json output ([1234567](https://github.com/acme/dakora/commit/1234567890abcdef1234567890abcdef12345678))',
        '',
        '### Fixed',
        '',
        '- **cli:** quote paths ([#12](https://github.com/acme/dakora/pull/12)) ([1234567](https://github.com/acme/dakora/commit/1234567890abcdef1234567890abcdef12345678))',
        ''
      ].join('\n')
    )
    expect(renderSection({ version: '1.0.0', date: '2026-12-03', repoUrl: null, previousTag: null, tag: 'v1.0.0', commits: [c({})] })).toBe(
      '## [1.0.0] - 2026-12-03\n\n### Fixed\n\n- s (1234567)\n'
    )
  })

  test("the config's changelog-sections: its headings in its order, two types under one heading, a hidden type not listed", () => {
    const text = renderSection({
      version: '1.3.0',
      date: '2026-12-03',
      repoUrl: null,
      previousTag: null,
      tag: 'v1.3.0',
      sections: [
        { type: 'docs', section: 'Documentation', hidden: false },
        { type: 'feat', section: 'Features', hidden: false },
        { type: 'chore', section: 'Documentation', hidden: false },
        { type: 'test', section: 'Tests', hidden: true }
      ],
      commits: [
        c({ type: 'feat', subject: 'f' }),
        c({ type: 'chore', subject: 'c' }),
        c({ type: 'docs', subject: 'd' }),
        c({ type: 'test', subject: 't' })
      ]
    })
    expect(text).toBe('## [1.3.0] - 2026-12-03\n\n### Documentation\n\n- c (1234567)\n- d (1234567)\n\n### Features\n\n- f (1234567)\n')
  })

  test.each([
    [
      'a new file',
      null,
      '# Changelog\n\nAll notable changes to this project are documented in this file.\nThe format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).\n\n## [2.0.0] - d\n'
    ],
    [
      'above the newest release, below Unreleased',
      '# C\n\n## [Unreleased]\n\n- x\n\n## [1.0.0] - d\n\nold\n',
      '# C\n\n## [Unreleased]\n\n- x\n\n## [2.0.0] - d\n\n## [1.0.0] - d\n\nold\n'
    ],
    ['after the title when no release yet', '# C\n\nintro\n', '# C\n\nintro\n\n## [2.0.0] - d\n'],
    ['CRLF kept', '# C\r\n\r\n## 1.0.0\r\n', '# C\r\n\r\n## [2.0.0] - d\r\n\r\n## 1.0.0\r\n'],
    ['a heading in a code fence is not a release', '# C\n\n```\n## not\n```\n', '# C\n\n```\n## not\n```\n\n## [2.0.0] - d\n']
  ])('%s', (_name, before, after) => {
    expect(insertSection(before, '## [2.0.0] - d\n')).toBe(after)
  })

  test.each([
    [
      "Keep a Changelog's reference: the comparison starts at the new tag",
      '## [1.0.0]\n\n[unreleased]: https://github.com/acme/dakora/compare/cli-v1.0.0...HEAD\n[1.0.0]: https://github.com/acme/dakora/releases/tag/cli-v1.0.0\n',
      '## [1.0.0]\n\n[unreleased]: https://github.com/acme/dakora/compare/cli-v2.0.0...HEAD\n[1.0.0]: https://github.com/acme/dakora/releases/tag/cli-v1.0.0\n'
    ],
    [
      'any case, CRLF and trailing spaces kept',
      '[Unreleased]: https://git.example/o/r/compare/v1.9...main  \r\n',
      '[Unreleased]: https://git.example/o/r/compare/cli-v2.0.0...main  \r\n'
    ],
    [
      'no reference: as it is',
      '## [Unreleased]\n\n[1.0.0]: https://x/compare/a...b\n',
      '## [Unreleased]\n\n[1.0.0]: https://x/compare/a...b\n'
    ],
    ['a reference that is no comparison: as it is', '[unreleased]: https://x/tree/main\n', '[unreleased]: https://x/tree/main\n']
  ])('moveUnreleasedLink: %s', (_name, before, after) => {
    expect(moveUnreleasedLink(before, 'cli-v2.0.0')).toBe(after)
  })

  test.each([
    ['git@github.com:acme/dakora.git', 'https://github.com/acme/dakora'],
    ['https://x-access-token:t@github.com/acme/dakora.git', 'https://github.com/acme/dakora'],
    ['https://github.com/acme/dakora', 'https://github.com/acme/dakora'],
    ['ssh://git@github.example.com/acme/dakora.git', 'https://github.example.com/acme/dakora'],
    ['/tmp/origin.git', null],
    ['C:/repos/origin.git', null],
    [null, null]
  ])('web address of %s', (origin, url) => {
    expect(webUrlOf(origin)).toBe(url)
  })
})
