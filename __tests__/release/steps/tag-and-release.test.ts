/**
 * tag and release (SPEC §4 step 7): the annotated tag is pushed unless origin already has it at
 * the release commit; the draft gets its notes and is published, GitHub's "latest" only for the
 * highest stable version of the target (`latest: auto`), the pre-release flag for pre-releases;
 * a release the user published keeps their notes and gets only the images.
 */
import { describe, expect, test } from '@jest/globals'
import type { GitHub, Release, ReleaseFields } from '../../../src/adapters/github.js'
import type { Git } from '../../../src/adapters/git.js'
import { tagAndRelease } from '../../../src/release/steps/tag-and-release.js'
import type { TargetState } from '../../../src/release/state.js'
import { SHA, release, testState, testTarget } from '../../../__fixtures__/test-state.js'

function world(extra: Release[] = []) {
  const calls: string[] = []
  const git: Partial<Git> = {
    pushAnnotatedTag: async (tag, sha) => {
      calls.push(`push tag ${tag} at ${sha.slice(0, 4)}`)
    }
  }
  const github: Partial<GitHub> = {
    generateNotes: async (tag) => `generated notes of ${tag}`,
    updateRelease: async (id, fields: ReleaseFields) => {
      calls.push(`update ${id} ${JSON.stringify(fields)}`)
      return release({ id, tag_name: fields.tag_name ?? 'x', draft: fields.draft ?? false, body: fields.body ?? '' })
    }
  }
  return { calls, git, github, releases: extra }
}

function target(tag: string, fields: Partial<TargetState> = {}, plan: Record<string, unknown> = {}): TargetState {
  const t = testTarget(tag, { release: release({ id: 1, tag_name: tag }), ...fields })
  Object.assign(t.plan, { changelog: null, tagTemplate: 'cli-v{version}', githubLatest: true, ...plan })
  return t
}

async function run(version: string, t: TargetState, releases: Release[] = []) {
  const w = world()
  const state = testState({ git: w.git, github: w.github, targets: [t], releases })
  state.plan = { version } as typeof state.plan
  const outcome = await tagAndRelease.run(state)
  return { calls: w.calls, outcome }
}

describe('tag and release', () => {
  test('the tag is pushed, then the draft is published with its notes and made latest', async () => {
    const r = await run('2.0.0', target('cli-v2.0.0'), [release({ id: 5, tag_name: 'cli-v1.9.0', draft: false })])
    expect(r.calls).toEqual([
      'push tag cli-v2.0.0 at aaaa',
      'update 1 {"name":"cli-v2.0.0","body":"generated notes of cli-v2.0.0","draft":false,"prerelease":false,"make_latest":"true"}'
    ])
    expect(r.outcome.status).toBe('done')
  })

  test.each([
    [
      'a hotfix of an older line: not latest',
      '1.4.3',
      [release({ id: 5, tag_name: 'cli-v2.0.0', draft: false })],
      { prerelease: false },
      'false'
    ],
    ['a pre-release: never latest, flagged', '2.1.0rc1', [], { prerelease: true }, 'false'],
    ['a target that may not hold latest (the SDK)', '2.0.0', [], { githubLatest: false }, 'false'],
    [
      'a pre-release of another line does not keep latest from a stable one',
      '2.0.0',
      [release({ id: 5, tag_name: 'cli-v3.0.0rc1', draft: false, prerelease: true })],
      {},
      'true'
    ],
    [
      'a higher version someone flagged as a pre-release on GitHub does not count',
      '2.0.0',
      [release({ id: 5, tag_name: 'cli-v3.0.0', draft: false, prerelease: true })],
      {},
      'true'
    ],
    ["another target's higher tags do not count", '2.0.0', [release({ id: 5, tag_name: 'python-sdk-v9.0.0', draft: false })], {}, 'true']
  ])('%s', async (_name, version, releases, plan, latest) => {
    const r = await run(version, target(`cli-v${version}`, {}, plan), releases)
    const update = JSON.parse(r.calls.find((c) => c.startsWith('update'))?.replace(/^update \d+ /, '') ?? '{}') as ReleaseFields
    expect(update.make_latest).toBe(latest)
    expect(update.prerelease).toBe(Boolean((plan as { prerelease?: boolean }).prerelease))
  })

  test('a tag already on origin at the release commit (the user pushed it) is kept, not pushed again', async () => {
    const r = await run('2.0.0', target('cli-v2.0.0', { remoteTag: SHA }))
    expect(r.calls.filter((c) => c.startsWith('push'))).toEqual([])
  })

  test('a published release with the same notes, name and flags: already done', async () => {
    const published = release({ id: 1, tag_name: 'cli-v2.0.0', draft: false, body: 'generated notes of cli-v2.0.0' })
    const r = await run('2.0.0', target('cli-v2.0.0', { remoteTag: SHA, release: published }))
    expect(r.calls).toEqual([])
    expect(r.outcome.status).toBe('already done')
  })

  test("the user's published release keeps their notes; only the images are added", async () => {
    const theirs = release({ id: 7, tag_name: 'docker-v2.0.0', draft: false, target_commitish: 'main', body: 'Hand-written notes.' })
    const t = target(
      'docker-v2.0.0',
      {
        remoteTag: SHA,
        release: theirs,
        images: [
          {
            plan: { ref: 'ghcr.io/acme/dakora/server' },
            digest: `sha256:${'1'.repeat(64)}`,
            tags: ['2.0.0']
          } as unknown as TargetState['images'][number]
        ]
      },
      { tagTemplate: 'docker-v{version}' }
    )
    const r = await run('2.0.0', t)
    expect(r.calls).toHaveLength(1)
    const body = (JSON.parse(r.calls[0].replace(/^update 7 /, '')) as ReleaseFields).body ?? ''
    expect(body.startsWith('Hand-written notes.')).toBe(true)
    expect(body).toContain(`ghcr.io/acme/dakora/server@sha256:${'1'.repeat(64)}`)
    expect(r.calls[0]).not.toContain('make_latest')
  })

  test.each([
    [
      'a draft the user prepared (release-drafter): its notes and name are kept and it is published',
      'Notes by hand.',
      'v2.0.0 — Faster',
      'Notes by hand.',
      'v2.0.0 — Faster'
    ],
    ["pyship's own draft gets the notes and the release name", undefined, 'cli-v2.0.0', 'generated notes of cli-v2.0.0', 'cli-v2.0.0'],
    ['a prepared draft with no notes gets the notes', '', 'Draft', 'generated notes of cli-v2.0.0', 'Draft']
  ])('%s', async (_name, body, name, notes, published) => {
    const draft = release({ id: 1, tag_name: 'cli-v2.0.0', name, ...(body === undefined ? {} : { body }) })
    const r = await run('2.0.0', target('cli-v2.0.0', { release: draft }))
    expect(r.calls.slice(1)).toEqual([
      `update 1 {"name":"${published}","body":"${notes}","draft":false,"prerelease":false,"make_latest":"true"}`
    ])
  })
})
