import { describe, expect, test } from '@jest/globals'
import type { Release } from '../../src/adapters/github.js'
import { releasesOfTag } from '../../src/release/github-release.js'

const SHA = 'a'.repeat(40)
const OTHER = 'b'.repeat(40)

const rel = (id: number, target: string, draft: boolean, tag = 'cli-v2.0.0'): Release => ({
  id,
  tag_name: tag,
  target_commitish: target,
  name: `r${id}`,
  body: null,
  draft,
  prerelease: false,
  html_url: `https://github.com/acme/dakora/releases/${id}`
})

describe('releasesOfTag: which release of a tag is this commit’s', () => {
  test.each([
    // [what, releases, where origin's tag points, ours, foreign ids, strays ids]
    ['no release', [], null, null, [], []],
    ["pyship's draft for this commit", [rel(1, SHA, true)], null, 1, [], []],
    ['published before the oldest draft', [rel(1, SHA, true), rel(2, SHA, false)], SHA, 2, [], [1]],
    ['the oldest of two drafts; the other is a stray', [rel(3, SHA, true), rel(2, SHA, true)], null, 2, [], [3]],
    ["another commit's draft is foreign and a stray", [rel(1, OTHER, true)], null, null, [1], [1]],
    ['a release the user published (target "main") while the tag is at this commit is adopted', [rel(1, 'main', false)], SHA, 1, [], []],
    [
      '…and a leftover draft of this commit beside it is a stray, not published as a second release',
      [rel(1, SHA, true), rel(2, 'main', false)],
      SHA,
      2,
      [],
      [1]
    ],
    ['a published release of a tag on another commit is not adopted', [rel(1, 'main', false)], OTHER, null, [1], []],
    ['without the tag on origin a release targeting a branch is not this commit’s', [rel(1, 'main', false)], null, null, [1], []],
    ['a user’s draft (no tag yet) is never adopted', [rel(1, 'main', true)], SHA, null, [1], [1]],
    ['another tag’s release is ignored', [rel(1, SHA, false, 'docker-v2.0.0')], SHA, null, [], []]
  ] as [string, Release[], string | null, number | null, number[], number[]][])(
    '%s',
    (_what, releases, tagCommit, ours, foreign, strays) => {
      const got = releasesOfTag(releases, 'cli-v2.0.0', SHA, tagCommit)
      expect({ ours: got.ours?.id ?? null, foreign: got.foreign.map((r) => r.id), strays: got.strays.map((r) => r.id) }).toEqual({
        ours,
        foreign,
        strays
      })
    }
  )
})
