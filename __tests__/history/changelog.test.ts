import { describe, expect, test } from '@jest/globals'
import { insertSection, moveUnreleasedLink, renderSection, webUrlOf } from '../../src/history/changelog.js'
import type { ConventionalCommit } from '../../src/history/commits.js'

const TITLE =
  '# Changelog\n\nAll notable changes to this project are documented in this file.\nThe format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).\n'

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

  test.each<[string, Partial<ConventionalCommit>, string | null, string]>([
    ['a pull request without a web address', { subject: 'x (#7)', pullRequests: ['7'] }, null, '- x (#7) (1234567)'],
    [
      'two pull requests, each (#N) taken out of the subject',
      { subject: 'x (#7) (#8)', pullRequests: ['7', '8'] },
      'https://g/o/r',
      '- x ([#7](https://g/o/r/pull/7), [#8](https://g/o/r/pull/8)) ([1234567](https://g/o/r/commit/1234567890abcdef1234567890abcdef12345678))'
    ],
    ['a (#N) that is no pull request of the commit stays', { subject: 'x (#9)', pullRequests: ['7'] }, null, '- x (#9) (#7) (1234567)'],
    [
      'a breaking change: the first line of its text',
      { breaking: true, breakingText: 'API gone\nmore', subject: 's' },
      null,
      '- API gone (1234567)'
    ],
    [
      'a breaking change without text: its subject',
      { breaking: true, breakingText: null, subject: 'drop v1' },
      null,
      '- drop v1 (1234567)'
    ],
    ['a scope in bold', { scope: 'cli', subject: 'x' }, null, '- **cli:** x (1234567)'],
    ['spaces around the subject left out', { subject: ' fix it (#7) ', pullRequests: ['7'] }, null, '- fix it (#7) (1234567)'],
    [
      'spaces after the first line of a breaking change left out',
      { breaking: true, breakingText: 'API gone \nmore' },
      null,
      '- API gone (1234567)'
    ]
  ])('an entry: %s', (_what, commit, repoUrl, line) => {
    const text = renderSection({ version: '1.0.0', date: 'd', repoUrl, previousTag: null, tag: 'v1.0.0', commits: [c(commit)] })
    expect(text.split('\n').filter((l) => l.startsWith('- '))).toEqual([line])
  })

  test.each<[string, string | null, string | null, string]>([
    [
      'a web address and a previous tag: linked to the comparison',
      'https://g/o/r',
      'v1.0.0',
      '## [1.1.0](https://g/o/r/compare/v1.0.0...v1.1.0) - d'
    ],
    ['no previous tag (a first release): not linked', 'https://g/o/r', null, '## [1.1.0] - d'],
    ['no web address: not linked', null, 'v1.0.0', '## [1.1.0] - d']
  ])('the heading: %s', (_what, repoUrl, previousTag, heading) => {
    const text = renderSection({ version: '1.1.0', date: 'd', repoUrl, previousTag, tag: 'v1.1.0', commits: [] })
    expect(text).toBe(`${heading}\n`)
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
    ['a heading in a code fence is not a release', '# C\n\n```\n## not\n```\n', '# C\n\n```\n## not\n```\n\n## [2.0.0] - d\n'],
    [
      'a ~~~ fence too; the release after it is found',
      '# C\n\n~~~\n## no\n~~~\n\n## 1.0\n',
      '# C\n\n~~~\n## no\n~~~\n\n## [2.0.0] - d\n\n## 1.0\n'
    ],
    ['a file of blanks is a new file', ' \n', `${TITLE}\n## [2.0.0] - d\n`],
    ['no newline at the end: a blank line before the section', '# C', '# C\n\n## [2.0.0] - d\n'],
    ['a blank line at the end already: none added', '# C\n\n', '# C\n\n## [2.0.0] - d\n'],
    ['CRLF and no release yet', '# C\r\n', '# C\r\n\r\n## [2.0.0] - d\r\n'],
    ['CRLF with a blank line at the end', '# C\r\n\r\n', '# C\r\n\r\n## [2.0.0] - d\r\n'],
    ['a release heading with a tab', '# C\n\n##\t1.0\n', '# C\n\n## [2.0.0] - d\n\n##\t1.0\n'],
    ['### and ##1.0 are no release headings', '# C\n\n### sub\n##1.0\n', '# C\n\n### sub\n##1.0\n\n## [2.0.0] - d\n'],
    ['Unreleased without brackets, any case', '# C\n\n## UNRELEASED\n\n## 1.0\n', '# C\n\n## UNRELEASED\n\n## [2.0.0] - d\n\n## 1.0\n'],
    ['a heading only starting with "Unreleased" is a release', '# C\n\n## [Unreleasedx]\n', '# C\n\n## [2.0.0] - d\n\n## [Unreleasedx]\n'],
    ['Unreleased after two spaces', '# C\n\n##  Unreleased\n\n## 1.0\n', '# C\n\n##  Unreleased\n\n## [2.0.0] - d\n\n## 1.0\n'],
    ['``` inside a line opens no fence', '# C\n\nuse ```x``` inline\n\n## 1.0\n', '# C\n\nuse ```x``` inline\n\n## [2.0.0] - d\n\n## 1.0\n']
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
    ['a reference that is no comparison: as it is', '[unreleased]: https://x/tree/main\n', '[unreleased]: https://x/tree/main\n'],
    ['no space after the colon', '[Unreleased]:https://x/compare/v1...HEAD\n', '[Unreleased]:https://x/compare/cli-v2.0.0...HEAD\n'],
    [
      'a title after the address is kept',
      '[Unreleased]: https://x/compare/v1...HEAD "Changes not yet released"\n',
      '[Unreleased]: https://x/compare/cli-v2.0.0...HEAD "Changes not yet released"\n'
    ],
    [
      'a title in single quotes or parentheses',
      '[unreleased]: https://x/compare/v1...HEAD (next)\n',
      '[unreleased]: https://x/compare/cli-v2.0.0...HEAD (next)\n'
    ],
    [
      'up to three spaces before it',
      '   [unreleased]: https://x/compare/v1...HEAD\n',
      '   [unreleased]: https://x/compare/cli-v2.0.0...HEAD\n'
    ],
    [
      'four spaces make it code: as it is',
      '    [unreleased]: https://x/compare/v1...HEAD\n',
      '    [unreleased]: https://x/compare/v1...HEAD\n'
    ],
    ['an address in <…>', '[Unreleased]: <https://x/compare/v1...HEAD>\r\n', '[Unreleased]: <https://x/compare/cli-v2.0.0...HEAD>\r\n'],
    [
      '[unreleased] inside a line is no reference',
      'see [unreleased]: https://x/compare/v1...HEAD\n',
      'see [unreleased]: https://x/compare/v1...HEAD\n'
    ]
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
    [null, null],
    ['', null],
    ['http://git.example:8080/o/r.git', 'http://git.example:8080/o/r'],
    ['https://git.example:8443/o/r', 'https://git.example:8443/o/r'],
    ['ssh://git@git.example:2222/o/r.git', 'https://git.example/o/r'],
    ['git://git.example/o/r', 'https://git.example/o/r'],
    ['ftp://git.example/o/r', null],
    ['file:///o/r', null],
    ['https://github.com/acme', null],
    ['https://github.com/a/b/c', null],
    ['https://github.com/acme/dakora/', 'https://github.com/acme/dakora'],
    ['https://github.com/acme/dakora.git/', 'https://github.com/acme/dakora'],
    ['git@github.com:acme/dakora', 'https://github.com/acme/dakora'],
    ['git@github.com:acme/dakora.git/', 'https://github.com/acme/dakora'],
    ['github.com:acme/dakora.git', 'https://github.com/acme/dakora'],
    ['git@host:/abs/path.git', null],
    ['https://github.com/acme/acme.github.io', 'https://github.com/acme/acme.github.io'],
    ['https://github.com/acme/dakora//', 'https://github.com/acme/dakora'],
    ['http://git.example:8080/o.git', null],
    ['C:repos/origin.git', null]
  ])('web address of %s', (origin, url) => {
    expect(webUrlOf(origin)).toBe(url)
  })
})
