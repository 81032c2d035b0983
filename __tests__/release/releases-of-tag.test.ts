import { describe, expect, test } from '@jest/globals'
import type { Release } from '../../src/adapters/github.js'
import { releasesOfTag } from '../../src/release/github-release.js'

const SHA = 'a'.repeat(40)
const OTHER = 'b'.repeat(40)

/** A release; a draft is pyship's own (record intent's body) unless `body` is given. */
const rel = (id: number, target: string, draft: boolean, tag = 'cli-v2.0.0', body?: string | null): Release => ({
  id,
  tag_name: tag,
  target_commitish: target,
  name: `r${id}`,
  body: body !== undefined ? body : draft ? `Release of ${tag} in progress (pyship): workflow run 7, commit ${target.slice(0, 12)}.` : null,
  draft,
  prerelease: false,
  html_url: `https://github.com/acme/dakora/releases/${id}`
})

describe('releasesOfTag: which release of a tag is this commit’s', () => {
  test.each([
    // [what, releases, where origin's tag points, ours, foreign ids, strays ids, the user's prepared draft]
    ['no release', [], null, null, [], [], null],
    ["pyship's draft for this commit", [rel(1, SHA, true)], null, 1, [], [], null],
    ['published before the oldest draft', [rel(1, SHA, true), rel(2, SHA, false)], SHA, 2, [], [1], null],
    ['the oldest of two drafts; the other is a stray', [rel(3, SHA, true), rel(2, SHA, true)], null, 2, [], [3], null],
    ["another commit's draft is foreign and a stray", [rel(1, OTHER, true)], null, null, [1], [1], null],
    [
      'a release the user published (target "main") while the tag is at this commit is adopted',
      [rel(1, 'main', false)],
      SHA,
      1,
      [],
      [],
      null
    ],
    [
      '…and a leftover draft of this commit beside it is a stray, not published as a second release',
      [rel(1, SHA, true), rel(2, 'main', false)],
      SHA,
      2,
      [],
      [1],
      null
    ],
    ['a published release of a tag on another commit is not adopted', [rel(1, 'main', false)], OTHER, null, [1], [], null],
    ['without the tag on origin a release targeting a branch is not this commit’s', [rel(1, 'main', false)], null, null, [1], [], null],
    [
      'a draft the user prepared on a branch is not this commit’s release yet: record intent adopts it, never removes it',
      [rel(1, 'main', true, 'cli-v2.0.0', 'Notes by hand.')],
      SHA,
      null,
      [1],
      [],
      1
    ],
    ['…nor does an empty one count as a leftover of pyship’s', [rel(1, 'main', true, 'cli-v2.0.0', null)], null, null, [1], [], 1],
    [
      'the oldest of two prepared drafts; a leftover of pyship’s beside them is a stray',
      [rel(5, 'main', true, 'cli-v2.0.0', 'b'), rel(4, 'main', true, 'cli-v2.0.0', 'a'), rel(3, OTHER, true)],
      null,
      null,
      [5, 4, 3],
      [3],
      4
    ],
    [
      'no draft is prepared when this commit has its own release',
      [rel(1, 'main', true, 'cli-v2.0.0', 'x'), rel(2, SHA, true)],
      null,
      2,
      [1],
      [],
      null
    ],
    ['another tag’s release is ignored', [rel(1, SHA, false, 'docker-v2.0.0')], SHA, null, [], [], null]
  ] as [string, Release[], string | null, number | null, number[], number[], number | null][])(
    '%s',
    (_what, releases, tagCommit, ours, foreign, strays, prepared) => {
      const got = releasesOfTag(releases, 'cli-v2.0.0', SHA, tagCommit)
      expect({
        ours: got.ours?.id ?? null,
        foreign: got.foreign.map((r) => r.id),
        strays: got.strays.map((r) => r.id),
        prepared: got.prepared?.id ?? null
      }).toEqual({ ours, foreign, strays, prepared })
    }
  )
})
