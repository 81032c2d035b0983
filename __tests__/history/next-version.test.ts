import { describe, expect, test } from '@jest/globals'
import { conventionalCommits, parseCommit, type RawCommit } from '../../src/history/commits.js'
import { applyLevel, nextFromCommits } from '../../src/history/next-version.js'

let n = 0
const raw = (message: string, parents = 1): RawCommit => {
  n++
  const sha = n.toString(16).padStart(40, 'a')
  return { sha, parents: Array.from({ length: parents }, (_, i) => `p${i}`), message }
}
const next = (current: string, ...messages: string[]): string | null =>
  nextFromCommits(current, conventionalCommits(messages.map((m) => raw(m)))).version

describe('the next version from Conventional Commits', () => {
  test.each([
    ['1.2.3', ['fix: a'], '1.2.4'],
    ['1.2.3', ['perf: a'], '1.2.4'],
    ['1.2.3', ['feat: a', 'fix: b'], '1.3.0'],
    ['1.2.3', ['feat(api)!: a'], '2.0.0'],
    ['1.2.3', ['fix: a\n\nBREAKING CHANGE: gone'], '2.0.0'],
    ['1.2.3', ['fix: a\n\nBREAKING-CHANGE: gone'], '2.0.0'],
    ['0.4.1', ['feat!: a'], '0.5.0'],
    ['0.4.1', ['feat: a'], '0.5.0'],
    ['0.4.1', ['fix: a'], '0.4.2'],
    ['1.2.3', ['chore: a', 'docs: b', 'Update readme'], null],
    ['1.2.3', [], null],
    ['1.2.3', ['fix: a\n\nRelease-As: 3.0.0'], '3.0.0'],
    ['1.2.3', ['chore: release\n\nRelease-As: v2.0.0rc1'], '2.0.0rc1'],
    ['2.1.0rc1', ['fix: a'], '2.1.0rc2'],
    ['2.1.0rc1', ['feat: a'], '2.1.0rc2'],
    ['2.1.0rc1', ['feat!: a'], '3.0.0rc1'],
    ['2.0.1b2', ['feat: a'], '2.1.0b1'],
    ['3.0.0a1', ['feat!: a'], '3.0.0a2'],
    ['2.1.0.dev3', ['fix: a'], '2.1.0.dev4'],
    ['1!1.0.0', ['fix: a'], '1!1.0.1']
  ])('%s + %j → %s', (current, messages, expected) => {
    expect(next(current, ...messages)).toBe(expected)
  })

  test.each([
    [{ bumpMinorPreMajor: true, bumpPatchForMinorPreMajor: true }, '0.4.1', 'feat: a', '0.4.2'],
    [{ bumpMinorPreMajor: true, bumpPatchForMinorPreMajor: true }, '0.4.1', 'feat!: a', '0.5.0'],
    [{ bumpMinorPreMajor: false, bumpPatchForMinorPreMajor: false }, '0.4.1', 'feat!: a', '1.0.0'],
    [{ bumpMinorPreMajor: false, bumpPatchForMinorPreMajor: true }, '0.4.1', 'feat: a', '0.4.2'],
    [{ bumpMinorPreMajor: false, bumpPatchForMinorPreMajor: true }, '1.4.1', 'feat: a', '1.5.0'],
    [{ bumpMinorPreMajor: true, bumpPatchForMinorPreMajor: true }, '1.4.1', 'feat!: a', '2.0.0'],
    [{ bumpMinorPreMajor: true, bumpPatchForMinorPreMajor: true }, '0.4.1', 'fix: a', '0.4.2']
  ])("below 1.0.0 as release-please's keys say: %j, %s + %s → %s", (preMajor, current, message, expected) => {
    expect(nextFromCommits(current, conventionalCommits([raw(message)]), preMajor).version).toBe(expected)
  })

  test.each([
    // release-please's changelog-sections: a listed, visible type releases (a patch), the list replaces the default
    [[{ type: 'docs', section: 'Documentation', hidden: false }], ['docs: a'], '1.2.4'],
    [[{ type: 'docs', section: 'Documentation', hidden: true }], ['docs: a'], null],
    [[{ type: 'docs', section: 'Documentation', hidden: false }], ['fix: a'], null],
    [[{ type: 'docs', section: 'Documentation', hidden: false }], ['docs!: a'], '2.0.0'],
    [
      [
        { type: 'feat', section: 'Features', hidden: false },
        { type: 'chore', section: 'Miscellaneous Chores', hidden: false }
      ],
      ['chore: a', 'feat: b'],
      '1.3.0'
    ]
  ])('changelog-sections %j: 1.2.3 + %j → %s', (sections, messages, expected) => {
    expect(nextFromCommits('1.2.3', conventionalCommits(messages.map((m) => raw(m))), undefined, sections).version).toBe(expected)
  })

  test('a feat reverted in the same range counts for neither side; a revert of a revert restores it', () => {
    const feat = raw('feat: streaming')
    const revert = raw(`Revert "feat: streaming"\n\nThis reverts commit ${feat.sha}.`)
    const fix = raw('fix: timeouts')
    expect(nextFromCommits('1.4.0', conventionalCommits([revert, fix, feat])).version).toBe('1.4.1')
    const again = raw(`Revert "Revert "feat: streaming""\n\nThis reverts commit ${revert.sha}.`)
    expect(nextFromCommits('1.4.0', conventionalCommits([again, revert, feat])).version).toBe('1.5.0')
  })

  test('a merge commit is not counted again (its branch commits are)', () => {
    const branch = raw('feat(server)!: drop the v1 API')
    const merge = raw('feat(server)!: drop the v1 API (#20)', 2)
    expect(conventionalCommits([merge, branch]).map((c) => c.sha)).toEqual([branch.sha])
  })

  test('the parser reads type, scope, !, notes, Release-As and the pull request', () => {
    const c = parseCommit(raw('feat(api/v2)!: new client (#123)\n\nbody\n\nRelease-As: 4.0.0'))
    expect(c).toMatchObject({
      type: 'feat',
      scope: 'api/v2',
      subject: 'new client (#123)',
      breaking: true,
      releaseAs: '4.0.0',
      pullRequests: ['123']
    })
    expect(parseCommit(raw('Merge branch x')).type).toBeNull()
  })

  test.each([
    ['1.2.3', 'patch', '1.2.4'],
    ['1.2.3', 'minor', '1.3.0'],
    ['1.2.3', 'major', '2.0.0'],
    ['0.9.0', 'major', '0.10.0']
  ] as const)('applyLevel(%s, %s) = %s', (current, level, expected) => {
    expect(applyLevel(current, level)).toBe(expected)
  })
})
