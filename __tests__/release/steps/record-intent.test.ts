/**
 * record intent (SPEC §4 step 5): a draft release per target at the release commit — the
 * ledger. This commit's own release is adopted, never duplicated; leftover drafts (another
 * commit's, or a second one of this commit) are removed so a tag ends with one release; a
 * published release of another commit is never touched; the lock is checked first.
 */
import { describe, expect, test } from '@jest/globals'
import type { GitHub, Release, ReleaseFields } from '../../../src/adapters/github.js'
import { recordIntent } from '../../../src/release/steps/record-intent.js'
import { OTHER_SHA, SHA, release, testState, testTarget } from '../../../__fixtures__/test-state.js'

function github(initial: Release[]) {
  const releases = [...initial]
  const calls: string[] = []
  let nextId = 900
  const api: Partial<GitHub> = {
    releases: async () => [...releases],
    deleteRelease: async (id) => {
      calls.push(`delete ${id}`)
      releases.splice(
        releases.findIndex((r) => r.id === id),
        1
      )
    },
    updateRelease: async (id, fields: ReleaseFields) => {
      calls.push(`update ${id} ${JSON.stringify(fields)}`)
      const r = releases.find((x) => x.id === id) as Release
      Object.assign(r, fields)
      return { ...r }
    },
    createRelease: async (fields: ReleaseFields) => {
      const made = release({
        id: nextId++,
        tag_name: fields.tag_name as string,
        target_commitish: fields.target_commitish,
        draft: fields.draft,
        prerelease: fields.prerelease,
        body: fields.body
      })
      calls.push(`create ${made.tag_name} at ${made.target_commitish.slice(0, 4)} draft=${made.draft} prerelease=${made.prerelease}`)
      releases.push(made)
      return made
    }
  }
  return { api, releases, calls }
}

describe('record intent', () => {
  test.each([
    [
      'nothing yet: one draft per target at the release commit',
      [],
      ['create cli-v2.0.0 at aaaa draft=true prerelease=false', 'create docker-v2.0.0 at aaaa draft=true prerelease=false'],
      'done'
    ],
    [
      "this commit's drafts from a crashed run: adopted",
      [release({ id: 1, tag_name: 'cli-v2.0.0' }), release({ id: 2, tag_name: 'docker-v2.0.0' })],
      [],
      'already done'
    ],
    [
      "another commit's leftover draft: removed, ours created",
      [release({ id: 3, tag_name: 'cli-v2.0.0', target_commitish: OTHER_SHA })],
      ['delete 3', 'create cli-v2.0.0 at aaaa draft=true prerelease=false', 'create docker-v2.0.0 at aaaa draft=true prerelease=false'],
      'done'
    ],
    [
      'two drafts of this commit (two runs raced before the lock): the older kept, the other removed',
      [
        release({ id: 4, tag_name: 'cli-v2.0.0' }),
        release({ id: 5, tag_name: 'cli-v2.0.0' }),
        release({ id: 6, tag_name: 'docker-v2.0.0' })
      ],
      ['delete 5'],
      'done'
    ],
    [
      'a published release of this commit and an older stray draft: the published one is ours, the draft goes',
      [
        release({ id: 8, tag_name: 'cli-v2.0.0' }),
        release({ id: 7, tag_name: 'cli-v2.0.0', draft: false }),
        release({ id: 9, tag_name: 'docker-v2.0.0' })
      ],
      ['delete 8'],
      'done'
    ],
    [
      'the same with the published release made after the draft',
      [
        release({ id: 10, tag_name: 'cli-v2.0.0' }),
        release({ id: 11, tag_name: 'cli-v2.0.0', draft: false }),
        release({ id: 12, tag_name: 'docker-v2.0.0' })
      ],
      ['delete 10'],
      'done'
    ],
    [
      'a draft the user prepared on a branch (release-drafter): moved to this commit and kept, never removed',
      [release({ id: 20, tag_name: 'cli-v2.0.0', target_commitish: 'main', body: '## What changed\n- faster check' })],
      [`update 20 {"target_commitish":"${SHA}"}`, 'create docker-v2.0.0 at aaaa draft=true prerelease=false'],
      'done'
    ],
    [
      "the user's draft beside a leftover of pyship's: the leftover goes, the user's draft is the ledger",
      [
        release({ id: 21, tag_name: 'cli-v2.0.0', target_commitish: OTHER_SHA }),
        release({ id: 22, tag_name: 'cli-v2.0.0', target_commitish: 'main', body: 'Notes by hand.' }),
        release({ id: 23, tag_name: 'docker-v2.0.0' })
      ],
      ['delete 21', `update 22 {"target_commitish":"${SHA}"}`],
      'done'
    ]
  ])('%s', async (_name, initial, calls, status) => {
    const details: Record<string, string> = {
      done: calls.some((c) => c.startsWith('create'))
        ? 'draft releases'
        : calls.some((c) => c.startsWith('update'))
          ? 'adopted the prepared drafts'
          : 'the releases exist; removed leftover drafts',
      'already done': 'the releases exist'
    }
    const gh = github(initial)
    const state = testState({ github: gh.api, targets: [testTarget('cli-v2.0.0'), testTarget('docker-v2.0.0')] })
    const outcome = await recordIntent.run(state)
    expect(gh.calls).toEqual(calls)
    expect(outcome.status).toBe(status)
    expect(outcome.detail.startsWith(details[status])).toBe(true)
    for (const c of calls.filter((x) => x.startsWith('delete'))) {
      const removed = initial.find((r) => r.id === Number(c.slice(7)))
      expect(outcome.detail).toContain(`(draft ${removed?.id} of ${removed?.target_commitish.slice(0, 12)})`)
    }
    // each target holds exactly one release of this commit afterwards, and knows it
    for (const t of state.targets) {
      const mine = gh.releases.filter((r) => r.tag_name === t.plan.tag)
      expect(mine).toHaveLength(1)
      expect(mine[0].target_commitish).toBe(SHA)
      expect(t.release?.id).toBe(mine[0].id)
    }
  })

  test('the draft says who is releasing, until tag and release write the notes', async () => {
    const gh = github([])
    await recordIntent.run(testState({ github: gh.api }))
    expect(gh.releases[0].body).toMatch(
      /^Release of cli-v2\.0\.0 in progress \(pyship\): workflow run https:\/\/github\.com\/acme\/dakora\/actions\/runs\/1000, commit aaaaaaaaaaaa, since /
    )
  })

  test('a pre-release version gets a pre-release draft', async () => {
    const gh = github([])
    const target = testTarget('cli-v2.1.0rc1')
    target.plan.prerelease = true
    await recordIntent.run(testState({ github: gh.api, targets: [target] }))
    expect(gh.calls).toEqual(['create cli-v2.1.0rc1 at aaaa draft=true prerelease=true'])
  })

  test('a lock taken over by another run stops it before any release is made', async () => {
    const gh = github([])
    const state = testState({ github: gh.api, git: { remoteRef: async () => 'c'.repeat(40), remoteCommitMessage: async () => null } })
    state.locks.push({ tag: 'cli-v2.0.0', ref: 'refs/pyship/locks/cli-v2.0.0', oid: 'd'.repeat(40), message: '' })
    await expect(recordIntent.run(state)).rejects.toMatchObject({ code: 'E_RELEASE_IN_PROGRESS' })
    expect(gh.calls).toEqual([])
  })

  test('a finished release of this commit needs no ledger', () => {
    const t = testTarget('cli-v2.0.0', { remoteTag: SHA, release: release({ id: 1, tag_name: 'cli-v2.0.0', draft: false }) })
    expect(recordIntent.alreadyDone?.(testState({ targets: [t] }))).toMatch(/released from aaaaaaaaaaaa already/)
  })
})
