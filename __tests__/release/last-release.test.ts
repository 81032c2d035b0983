/**
 * A group's last release with a release-level tag (SPEC §11): the later of its own last tag and
 * the last release-level tag is what "changed since" counts from; the version it last shipped
 * is read from the latest release-level tag whose message lists it, unless its own tag is later.
 */
import { expect, test } from '@jest/globals'
import type { ReleaseTag as ReleaseTagConfig } from '../../src/config/release-tag.js'
import type { Monorepo } from '../../src/monorepo/load.js'
import type { GroupScope } from '../../src/history/scope.js'
import { lastRelease, type History } from '../../src/release/history.js'
import { fake } from '../../__fixtures__/test-state.js'
import type { Git } from '../../src/adapters/git.js'

const DATE: ReleaseTagConfig = { tag: 'v{date}', kind: 'date', template: 'v{version}', githubLatest: true }
const scope = { group: 'p', dirs: ['p'], excluded: [], pinned: [], templates: ['p-v{version}'] } as GroupScope

/** `tags` in history order (oldest first); `messages`: release-level tags' messages. */
function history(tags: string[], messages: Record<string, string> = {}): History {
  const git = fake<Git>('git', {
    // the tags in a tag's history: itself and those before it
    mergedTags: async (ref?: string) => tags.slice(0, tags.indexOf(ref ?? '') + 1),
    tagMessages: async () => new Map(Object.entries(messages))
  })
  return { git, tags }
}
/** Group p: one package whose files hold 9.0.0 (above every tag here). */
const repo = (release?: ReleaseTagConfig): Monorepo =>
  ({
    config: { release, groups: { p: { name: 'p', packages: ['p'] } } },
    packages: new Map([['p', { dir: 'p', version: '9.0.0', source: { kind: 'static' } }]])
  }) as unknown as Monorepo

test.each([
  ['no release-level tag: its own last tag', undefined, ['p-v1.0.0', 'p-v1.1.0'], {}, { tag: 'p-v1.1.0', train: false, released: '1.1.0' }],
  ['never released', DATE, [], {}, null],
  [
    'its own tag after the last release-level tag',
    DATE,
    ['v2026.12.01', 'p-v1.1.0'],
    {},
    { tag: 'p-v1.1.0', train: false, released: '1.1.0' }
  ],
  [
    'a release-level tag after its own: counted from, the version from the tag listing it',
    DATE,
    ['p-v1.1.0', 'v2026.12.01', 'v2026.12.02'],
    { 'v2026.12.01': 'v2026.12.01\n\np 1.2.0\nq 3.0.0', 'v2026.12.02': 'v2026.12.02\n\nq 3.0.1' },
    { tag: 'v2026.12.02', train: true, released: '1.2.0' }
  ],
  [
    'no release-level tag lists it: its own tag says what it shipped',
    DATE,
    ['p-v1.1.0', 'v2026.12.01'],
    { 'v2026.12.01': 'v2026.12.01\n\nq 3.0.0' },
    { tag: 'v2026.12.01', train: true, released: '1.1.0' }
  ],
  [
    'listed only before its own later tag: its own tag is what it last shipped',
    DATE,
    ['v2026.12.01', 'p-v1.3.0', 'v2026.12.02'],
    { 'v2026.12.01': 'v2026.12.01\n\np 1.2.0', 'v2026.12.02': 'v2026.12.02\n\nq 3.0.1' },
    { tag: 'v2026.12.02', train: true, released: '1.3.0' }
  ],
  [
    'only release-level tags, none listing it: never shipped',
    DATE,
    ['v2026.12.01'],
    { 'v2026.12.01': 'v2026.12.01\n\nq 1.0.0' },
    { tag: 'v2026.12.01', train: true, released: null }
  ]
])('%s', async (_, release, tags, messages, expected) => {
  const found = await lastRelease(repo(release), scope, history(tags, messages))
  if (expected === null) expect(found).toBeNull()
  else expect(found).toMatchObject(expected)
})
