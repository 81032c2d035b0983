/**
 * tag and release (SPEC §4 step 7): the annotated tag is pushed unless origin already has it at
 * the release commit; the draft gets its notes and is published, GitHub's "latest" only for the
 * highest stable version of the target (`latest: auto`), the pre-release flag for pre-releases;
 * a release the user published keeps their notes and gets only the images.
 */
import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
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
    generateNotes: async (tag, sha, previous) => {
      calls.push(`generate notes ${tag} at ${sha.slice(0, 4)} since ${previous ?? 'the start'}`)
      return `generated notes of ${tag}`
    },
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

async function run(version: string, t: TargetState | TargetState[], releases: Release[] = []) {
  const w = world()
  const state = testState({ git: w.git, github: w.github, targets: Array.isArray(t) ? t : [t], releases })
  state.plan = { version } as typeof state.plan
  state.repo = { paths: { repoRoot: ROOT, workDir: ROOT } } as typeof state.repo
  const outcome = await tagAndRelease.run(state)
  return { calls: w.calls, outcome, state }
}

const ROOT = mkdtempSync(path.join(os.tmpdir(), 'pyship-tag-and-release-'))
/** A CHANGELOG.md under the repository root with `text`; its absolute path. */
function changelog(name: string, text: string): string {
  const file = path.join(ROOT, name)
  writeFileSync(file, text)
  return file
}
const updates = (calls: string[]): ReleaseFields[] =>
  calls.filter((c) => c.startsWith('update')).map((c) => JSON.parse(c.replace(/^update \d+ /, '')) as ReleaseFields)
const IMAGE = {
  plan: { ref: 'ghcr.io/acme/dakora/server' },
  digest: `sha256:${'1'.repeat(64)}`,
  tags: ['2.0.0', 'latest']
} as unknown as TargetState['images'][number]
const IMAGES_SECTION = [
  '## Images',
  '',
  `- \`ghcr.io/acme/dakora/server@sha256:${'1'.repeat(64)}\` (tags: 2.0.0, latest)`,
  '',
  '```bash',
  'docker pull ghcr.io/acme/dakora/server:2.0.0',
  '```'
].join('\n')

describe('tag and release', () => {
  test('the tag is pushed, then the draft is published with its notes and made latest', async () => {
    const r = await run('2.0.0', target('cli-v2.0.0'), [release({ id: 5, tag_name: 'cli-v1.9.0', draft: false })])
    expect(r.calls).toEqual([
      'push tag cli-v2.0.0 at aaaa',
      'generate notes cli-v2.0.0 at aaaa since cli-v1.9.0',
      'update 1 {"name":"cli-v2.0.0","body":"generated notes of cli-v2.0.0","draft":false,"prerelease":false,"make_latest":"true"}'
    ])
    expect(r.outcome).toEqual({
      status: 'done',
      detail: 'tag cli-v2.0.0, release cli-v2.0.0 (latest) — https://github.com/acme/dakora/releases/tag/x'
    })
  })

  test("the notes are the changelog's section for the version; without one, GitHub's notes since the highest earlier release", async () => {
    const file = changelog('CHANGELOG.md', '# Changelog\n\n## [2.0.0] - 2026-12-01\n\n- New flag.\n\n## [1.9.0]\n\n- Old.\n')
    const withSection = await run('2.0.0', target('cli-v2.0.0', { remoteTag: SHA }, { changelog: file }))
    expect(updates(withSection.calls).map((u) => u.body)).toEqual(['- New flag.'])
    expect(withSection.calls.filter((c) => c.startsWith('generate'))).toEqual([])
    const releases = [
      release({ id: 5, tag_name: 'cli-v1.9.0', draft: false }),
      release({ id: 6, tag_name: 'cli-v1.10.0', draft: false }),
      release({ id: 7, tag_name: 'cli-v1.11.0', draft: true }),
      release({ id: 8, tag_name: 'cli-v2.1.0', draft: false })
    ]
    const old = changelog('OLD.md', '## 1.9.0\n\n- Old.\n')
    const noSection = await run('2.0.0', target('cli-v2.0.0', { remoteTag: SHA }, { changelog: old }), releases)
    expect(noSection.calls.filter((c) => c.startsWith('generate'))).toEqual(['generate notes cli-v2.0.0 at aaaa since cli-v1.10.0'])
    expect(updates(noSection.calls).map((u) => u.body)).toEqual(['generated notes of cli-v2.0.0'])
  })

  test('notes longer than a GitHub Release allows are cut with a link to the changelog at the release commit', async () => {
    const file = changelog('docs-CHANGELOG.md', `## 2.0.0\n\n${'- a change that matters\n'.repeat(7000)}`)
    const r = await run('2.0.0', target('cli-v2.0.0', { remoteTag: SHA }, { changelog: file }))
    const body = updates(r.calls)[0].body ?? ''
    expect(body.length).toBeLessThanOrEqual(125_000)
    expect(body).toContain(`— the full notes: https://github.com/acme/dakora/blob/${SHA}/docs-CHANGELOG.md`)
  })

  test('the images with their digests follow the notes; a re-run with the same body changes nothing', async () => {
    const r = await run('2.0.0', target('docker-v2.0.0', { remoteTag: SHA, images: [IMAGE] }, { tagTemplate: 'docker-v{version}' }))
    expect(updates(r.calls).map((u) => u.body)).toEqual([`generated notes of docker-v2.0.0\n\n${IMAGES_SECTION}`])
    const published = release({
      id: 1,
      tag_name: 'docker-v2.0.0',
      draft: false,
      body: `generated notes of docker-v2.0.0\n\n${IMAGES_SECTION}`
    })
    const again = await run(
      '2.0.0',
      target('docker-v2.0.0', { remoteTag: SHA, images: [IMAGE], release: published }, { tagTemplate: 'docker-v{version}' })
    )
    expect(updates(again.calls)).toEqual([])
    expect(again.outcome).toEqual({
      status: 'already done',
      detail: 'tags and releases are published — https://github.com/acme/dakora/releases/tag/docker-v2.0.0'
    })
  })

  test.each<[string, Partial<Release>, Record<string, unknown>]>([
    ['another name', { name: 'CLI 2.0.0 (old name)' }, {}],
    ['another pre-release flag', { prerelease: true }, {}],
    ['other notes', { body: 'stale notes' }, {}]
  ])('a published release of this commit with %s is updated to the plan', async (_name, fields, plan) => {
    const published = release({ id: 1, tag_name: 'cli-v2.0.0', draft: false, body: 'generated notes of cli-v2.0.0', ...fields })
    const r = await run('2.0.0', target('cli-v2.0.0', { remoteTag: SHA, release: published }, plan))
    expect(updates(r.calls)).toEqual([
      { name: 'cli-v2.0.0', body: 'generated notes of cli-v2.0.0', draft: false, prerelease: false, make_latest: 'true' }
    ])
  })

  test('a tag on origin at another commit is pushed at the release commit (preflight refused a foreign one before)', async () => {
    const r = await run('2.0.0', target('cli-v2.0.0', { remoteTag: 'f'.repeat(40) }))
    expect(r.calls[0]).toBe('push tag cli-v2.0.0 at aaaa')
    expect(r.state.targets[0].remoteTag).toBe(SHA)
  })

  test('two targets: each tag and each release, in order; the report names both', async () => {
    const r = await run('2.0.0', [
      target('cli-v2.0.0'),
      target(
        'docker-v2.0.0',
        { release: release({ id: 2, tag_name: 'docker-v2.0.0' }) },
        { tagTemplate: 'docker-v{version}', githubLatest: false }
      )
    ])
    expect(r.calls.filter((c) => !c.startsWith('generate'))).toEqual([
      'push tag cli-v2.0.0 at aaaa',
      'update 1 {"name":"cli-v2.0.0","body":"generated notes of cli-v2.0.0","draft":false,"prerelease":false,"make_latest":"true"}',
      'push tag docker-v2.0.0 at aaaa',
      'update 2 {"name":"docker-v2.0.0","body":"generated notes of docker-v2.0.0","draft":false,"prerelease":false,"make_latest":"false"}'
    ])
    expect(r.outcome.detail).toBe(
      'tag cli-v2.0.0, release cli-v2.0.0 (latest), tag docker-v2.0.0, release docker-v2.0.0 — https://github.com/acme/dakora/releases/tag/x https://github.com/acme/dakora/releases/tag/x'
    )
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
    expect(r.calls.filter((c) => !c.startsWith('generate'))).toEqual([])
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
    expect(r.outcome.detail).toBe('release docker-v2.0.0 (images added to its notes) — https://github.com/acme/dakora/releases/tag/x')
  })

  test.each<[string, string, string[], string | null, string]>([
    ['their notes already list the images (a re-run): nothing changes', `Hand-written.\n\n${IMAGES_SECTION}`, [], null, 'already done'],
    ['no images to add: their notes stay as they are', 'Hand-written.', [], null, 'already done'],
    ['empty notes: notes are added, with the images', '  ', ['generate'], `generated notes of docker-v2.0.0\n\n${IMAGES_SECTION}`, 'done']
  ])("the user's published release, %s", async (name, body, generated, newBody, status) => {
    const theirs = release({ id: 7, tag_name: 'docker-v2.0.0', draft: false, target_commitish: 'main', body })
    const images = name.includes('no images') ? [] : [IMAGE]
    const r = await run('2.0.0', target('docker-v2.0.0', { remoteTag: SHA, release: theirs, images }, { tagTemplate: 'docker-v{version}' }))
    expect(r.calls.filter((c) => c.startsWith('generate')).map((c) => c.split(' ')[0])).toEqual(generated)
    expect(updates(r.calls).map((u) => u.body)).toEqual(newBody === null ? [] : [newBody])
    expect(r.outcome.status).toBe(status)
    if (newBody) expect(r.outcome.detail).toContain('release docker-v2.0.0 (notes added)')
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
    expect(r.calls.filter((c) => c.startsWith('update'))).toEqual([
      `update 1 {"name":"${published}","body":"${notes}","draft":false,"prerelease":false,"make_latest":"true"}`
    ])
  })
})
