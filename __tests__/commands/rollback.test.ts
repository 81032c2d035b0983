/**
 * rollback (SPEC §4 "rollback"): for an explicit version, the GitHub Release and the tag are
 * deleted, each image is marked `{version}-broken` and `{major}.{minor}` and `latest` move
 * off it to the highest good stable version left (deleted when none is left, reported when
 * the registry cannot delete a tag alone); PyPI gets the yank page and the next safe
 * version. A re-run reports already done, a dry run changes nothing, and a version with no
 * trace anywhere is E_INPUT naming the released versions.
 */
import { describe, expect, test } from '@jest/globals'
import type { Git } from '../../src/adapters/git.js'
import type { GitHub, Release } from '../../src/adapters/github.js'
import type { IndexFile, PackageIndex } from '../../src/adapters/pypi.js'
import type { Registry } from '../../src/adapters/registry.js'
import type { Registries } from '../../src/release/registries.js'
import { performRollback, rollback, yankAdvice } from '../../src/commands/rollback.js'
import type { Inputs } from '../../src/inputs.js'
import type { Monorepo } from '../../src/monorepo/load.js'
import type { ImagePlan, PackagePlan, ReleasePlan, TargetPlan } from '../../src/release/plan.js'
import type { CommandResult } from '../../src/report/result.js'
import { fake, release, testRunner } from '../../__fixtures__/test-state.js'

const d = (c: string): string => `sha256:${c.repeat(64)}`
const REPO = 'acme/dakora/server'

interface World {
  version?: string
  /** tags of the image repository → digest */
  images?: Record<string, string>
  releases?: Release[]
  /** tags on origin */
  tags?: string[]
  /** versions the index has files of */
  onIndex?: string[]
  /** the index's next free version (null: the look-up fails) */
  next?: string | null
  canDelete?: boolean
  dryRun?: boolean
  pypiUrl?: string
  brokenSuffix?: string
  /** which targets the plan has */
  targets?: ('cli' | 'docker')[]
  /** a release-level tag's release instead: ONE target `v2026.12.04` with the cli package at 1.4.0 and the image at `version` */
  train?: boolean
  /** the release-level tag's names origin already keeps under refs/pyship/retired/ */
  retired?: string[]
}

function target(name: 'cli' | 'docker', version: string): TargetPlan {
  return {
    name,
    tag: `${name}-v${version}`,
    tagTemplate: `${name}-v{version}`,
    images:
      name === 'docker'
        ? [
            {
              name: 'server',
              registry: 'ghcr.io',
              repository: REPO,
              ref: `ghcr.io/${REPO}`,
              tagTemplates: ['{version}', '{major}.{minor}', 'latest'],
              siblings: [],
              version
            } as unknown as ImagePlan
          ]
        : [],
    packages: name === 'cli' ? [{ name: 'Dakora_CLI', version } as PackagePlan] : []
  } as unknown as TargetPlan
}

async function roll(w: World = {}): Promise<{ result?: CommandResult; error?: unknown; calls: string[]; images: Map<string, string> }> {
  const version = w.version ?? '2.0.0'
  const calls: string[] = []
  const images = new Map(Object.entries(w.images ?? {}))
  const releases = w.releases ?? []
  const registry: Partial<Registry> = {
    digest: async (repo, tag) => (repo === REPO ? (images.get(tag) ?? null) : null),
    tags: async () => [...images.keys()],
    tag: async (_repo, digest, tag) => {
      calls.push(`tag ${tag} → ${digest.slice(7, 9)}`)
      images.set(tag, digest)
    },
    deleteTag: async (_repo, tag) => {
      if (w.canDelete === false) return false
      calls.push(`delete image tag ${tag}`)
      images.delete(tag)
      return true
    }
  }
  const github: Partial<GitHub> = {
    releases: async () => releases,
    deleteRelease: async (id) => void calls.push(`delete release ${id}`)
  }
  const retired = new Set((w.retired ?? []).map((t) => `refs/pyship/retired/${t}`))
  const git: Partial<Git> = {
    remoteTags: async () => new Map((w.tags ?? []).map((t) => [t, 'a'.repeat(40)])),
    deleteRemoteTag: async (tag) => void calls.push(`delete tag ${tag}`),
    // only a calendar tag's rollback asks for these (any other's: "is not faked")
    remoteRef: async (ref) => (retired.has(ref) ? 'a'.repeat(40) : null),
    casRemoteRef: async (ref, expected, next) => {
      calls.push(`keep ${ref} at ${next?.slice(0, 2)} (expected ${expected})`)
      retired.add(ref)
      return true
    }
  }
  const index: Partial<PackageIndex> = {
    files: async (_name, v) => ((w.onIndex ?? []).includes(v) ? ([{ filename: 'x.whl' }] as IndexFile[]) : null),
    nextFreeVersion: async () => {
      if (w.next === null) throw new Error('index down')
      return w.next ?? '2.0.1'
    }
  }
  const plan: ReleasePlan = w.train
    ? {
        component: 'all',
        version: '2026.12.04',
        targets: [
          {
            ...target('docker', version),
            tag: 'v2026.12.04',
            tagTemplate: 'v{date}',
            dated: true,
            packages: target('cli', '1.4.0').packages,
            members: [
              { group: 'cli', version: '1.4.0', names: ['Dakora_CLI'], changelog: null },
              { group: 'platform', version, names: [`ghcr.io/${REPO}`], changelog: null }
            ]
          }
        ],
        notices: []
      }
    : {
        component: 'platform',
        version,
        targets: (w.targets ?? ['cli', 'docker']).map((t) => target(t, version)),
        notices: []
      }
  try {
    const result = await performRollback({
      inputs: {
        version,
        dryRun: w.dryRun ?? false,
        pypiUrl: w.pypiUrl ?? 'https://pypi.org',
        registry: 'ghcr.io'
      } as Inputs,
      repo: { config: { brokenSuffix: w.brokenSuffix ?? '-broken' } } as Monorepo,
      git: fake<Git>('git', git),
      github: fake<GitHub>('github', github),
      registries: fake<Registries>('registries', { client: () => fake<Registry>('registry', registry) }),
      index: fake<PackageIndex>('index', index),
      plan
    })
    return { result, calls, images }
  } catch (error) {
    return { error, calls, images }
  }
}

const rows = (r: CommandResult | undefined): string[] => (r?.table?.rows ?? []).map((row) => row.join(' | '))
const released = [release({ id: 11, tag_name: 'cli-v2.0.0', draft: false }), release({ id: 12, tag_name: 'docker-v2.0.0', draft: false })]

describe('rollback', () => {
  test('a full rollback: releases and tags deleted, the image marked broken, 2.0 and latest moved to the best good version left', async () => {
    const r = await roll({
      releases: released,
      tags: ['cli-v2.0.0', 'docker-v2.0.0', 'cli-v1.9.0'],
      images: {
        '2.0.0': d('2'),
        '2.0': d('2'),
        latest: d('2'),
        '1.9.0': d('1'),
        '1.9.1': d('3'),
        '1.9.1-broken': d('3'),
        '2.0.0rc1': d('4'),
        '1.10.0': d('5')
      }
    })
    expect(r.calls).toEqual([
      'delete release 11',
      'delete tag cli-v2.0.0',
      'delete release 12',
      'delete tag docker-v2.0.0',
      'tag 2.0.0-broken → 22',
      // no good stable 2.0.x left: 2.0 goes; latest goes to the highest good stable (1.10.0 > 1.9.0, 1.9.1 is broken, rc not stable)
      'delete image tag 2.0',
      'tag latest → 55'
    ])
    expect(rows(r.result)).toEqual([
      'delete GitHub release cli-v2.0.0 | done | ',
      'delete tag cli-v2.0.0 on origin | done | ',
      'yank Dakora_CLI 2.0.0 on the index | not possible | PyPI has no yank API',
      'delete GitHub release docker-v2.0.0 | done | ',
      'delete tag docker-v2.0.0 on origin | done | ',
      'mark ghcr.io/acme/dakora/server:2.0.0 as 2.0.0-broken | done | ',
      'delete ghcr.io/acme/dakora/server:2.0 (no good version left) | done | deleted',
      'move ghcr.io/acme/dakora/server:latest to 1.10.0 | done | latest → 1.10.0'
    ])
    expect(r.result?.headline).toBe('rollback of cli-v2.0.0, docker-v2.0.0: 7 done, 0 already done')
    expect(r.result?.table?.header).toEqual(['Step', 'Status', 'Detail'])
    expect(r.result?.outputs).toEqual({ version: '2.0.0', tags: '["cli-v2.0.0","docker-v2.0.0"]' })
    expect(r.result?.problems).toEqual([])
    expect(r.result?.notices).toEqual([
      'repositories with immutable releases never let cli-v2.0.0 be used again: release the fix as a new version',
      'yank Dakora_CLI 2.0.0 at https://pypi.org/manage/project/dakora-cli/release/2.0.0/ (Options → Yank); the next safe version is 2.0.1',
      'repositories with immutable releases never let docker-v2.0.0 be used again: release the fix as a new version'
    ])
  })

  test.each<[string, string, Record<string, string>, string[]]>([
    [
      'the minor line: same major and minor only, highest by version order (2.1.10 above 2.1.2)',
      '2.1.11',
      { '2.1.11': d('9'), '2.1': d('9'), '2.1.10': d('2'), '2.1.2': d('1'), '2.0.12': d('3'), '3.1.12': d('4'), '2.2.0': d('5') },
      ['tag 2.1.11-broken → 99', 'tag 2.1 → 22']
    ],
    [
      'latest already elsewhere and 2.0 already elsewhere: only the marker',
      '2.0.1',
      { '2.0.1': d('9'), '2.0': d('1'), '2.0.0': d('1'), latest: d('3'), '3.0.0': d('3') },
      ['tag 2.0.1-broken → 99']
    ],
    [
      'a version 2 (no minor) moves the 2.0 line',
      '2',
      { '2': d('9'), '2.0': d('9'), '2.0.0': d('1') },
      ['tag 2-broken → 99', 'tag 2.0 → 11']
    ],
    [
      'a local version: the Docker tag has - for +',
      '2.0.0+cuda',
      { '2.0.0-cuda': d('9'), latest: d('9'), '1.0.0': d('1') },
      ['tag 2.0.0-cuda-broken → 99', 'tag latest → 11']
    ]
  ])('image: %s', async (_name, version, images, calls) => {
    const r = await roll({ version, images, targets: ['docker'], tags: [`docker-v${version}`] })
    expect(r.error).toBeUndefined()
    expect(r.calls.filter((c) => !c.includes('docker-v'))).toEqual(calls)
  })

  test('a tag that does not point at the bad image is left, and said so', async () => {
    const r = await roll({
      targets: ['docker'],
      tags: ['docker-v2.0.0'],
      images: { '2.0.0': d('9'), '2.0': d('1'), latest: d('1'), '1.0.0': d('1') }
    })
    expect(rows(r.result).filter((x) => x.startsWith('move'))).toEqual([
      'move ghcr.io/acme/dakora/server:2.0 off 2.0.0 | already done | 2.0 does not point at 2.0.0',
      'move ghcr.io/acme/dakora/server:latest off 2.0.0 | already done | latest does not point at 2.0.0'
    ])
  })

  test('an image with no version tag: no such image, nothing marked or moved', async () => {
    const r = await roll({ targets: ['docker'], tags: ['docker-v2.0.0'], images: { latest: d('1'), '1.0.0': d('1') } })
    expect(r.calls).toEqual(['delete tag docker-v2.0.0'])
    expect(rows(r.result)).toContain('mark ghcr.io/acme/dakora/server:2.0.0 broken | already done | no such image')
  })

  test('a registry that cannot delete a tag alone: not possible, and the notice says where to delete it', async () => {
    const r = await roll({ targets: ['docker'], tags: ['docker-v2.0.0'], canDelete: false, images: { '2.0.0': d('9'), latest: d('9') } })
    expect(r.images.get('latest')).toBe(d('9'))
    expect(rows(r.result)).toContain(
      'delete ghcr.io/acme/dakora/server:latest (no good version left) | not possible | the registry cannot delete a tag alone'
    )
    expect(r.result?.notices).toContain(
      "ghcr.io cannot delete the tag acme/dakora/server:latest alone: it still points at the broken 2.0.0; delete it in the registry (for ghcr.io: the package's settings)"
    )
  })

  test("a release-level tag's release: each group's images and packages at their own versions first, its release and tag (the record of what it released) last", async () => {
    const r = await roll({
      train: true,
      releases: [release({ id: 31, tag_name: 'v2026.12.04', draft: false })],
      tags: ['v2026.12.04'],
      images: { '2.0.0': d('2'), '2.0': d('2'), latest: d('2'), '1.9.0': d('1') }
    })
    expect(r.calls).toEqual([
      'tag 2.0.0-broken → 22',
      'delete image tag 2.0',
      'tag latest → 11',
      'delete release 31',
      'keep refs/pyship/retired/v2026.12.04 at aa (expected null)',
      'delete tag v2026.12.04'
    ])
    expect(rows(r.result)).toEqual([
      'mark ghcr.io/acme/dakora/server:2.0.0 as 2.0.0-broken | done | ',
      'delete ghcr.io/acme/dakora/server:2.0 (no good version left) | done | deleted',
      'move ghcr.io/acme/dakora/server:latest to 1.9.0 | done | latest → 1.9.0',
      'yank Dakora_CLI 1.4.0 on the index | not possible | PyPI has no yank API',
      'delete GitHub release v2026.12.04 | done | ',
      'keep the name v2026.12.04 from being used again (refs/pyship/retired/v2026.12.04 on origin) | done | ',
      'delete tag v2026.12.04 on origin | done | '
    ])
    expect(r.result?.notices).toEqual([
      'yank Dakora_CLI 1.4.0 at https://pypi.org/manage/project/dakora-cli/release/1.4.0/ (Options → Yank); the next safe version is 2.0.1',
      'the next release-level release that day takes the next free tag, never v2026.12.04 again (refs/pyship/retired/v2026.12.04 on origin keeps the name; delete that ref to free it)',
      'repositories with immutable releases never let v2026.12.04 be used again: release the fix as a new version'
    ])
    expect(r.result?.outputs).toEqual({ version: '2026.12.04', tags: '["v2026.12.04"]' })
  })

  test.each<[string, Partial<World>, string[], string[]]>([
    [
      'a re-run after the tag went: the name is already kept, nothing changes',
      { retired: ['v2026.12.04'], onIndex: ['1.4.0'] },
      [],
      [
        'keep the name v2026.12.04 from being used again (refs/pyship/retired/v2026.12.04 on origin) | already done | already kept',
        'delete tag v2026.12.04 on origin | already done | no such tag'
      ]
    ],
    [
      'a re-run cut short between keeping the name and deleting the tag: only the tag goes',
      { retired: ['v2026.12.04'], tags: ['v2026.12.04'] },
      ['delete tag v2026.12.04'],
      [
        'keep the name v2026.12.04 from being used again (refs/pyship/retired/v2026.12.04 on origin) | already done | already kept',
        'delete tag v2026.12.04 on origin | done | '
      ]
    ],
    [
      'a dry run keeps nothing',
      { tags: ['v2026.12.04'], dryRun: true },
      [],
      [
        'keep the name v2026.12.04 from being used again (refs/pyship/retired/v2026.12.04 on origin) | would run | ',
        'delete tag v2026.12.04 on origin | would run | '
      ]
    ]
  ])("a calendar tag's name: %s", async (_what, world, calls, tail) => {
    const r = await roll({ train: true, ...world })
    expect(r.error).toBeUndefined()
    expect(r.calls.filter((c) => !c.startsWith('tag ') && !c.startsWith('delete image'))).toEqual(calls)
    expect(rows(r.result).slice(-2)).toEqual(tail)
  })

  test("a release-level tag's release with only a package of it left on the index is still rolled back (found at the package's own version)", async () => {
    const r = await roll({ train: true, onIndex: ['1.4.0'] })
    expect(r.error).toBeUndefined()
    expect(rows(r.result)).toContain('yank Dakora_CLI 1.4.0 on the index | not possible | PyPI has no yank API')
    const never = await roll({ train: true, onIndex: ['2026.12.04'] })
    expect(String(never.error)).toMatch(/was never released/)
  })

  test('a dry run changes nothing and says what would run', async () => {
    const r = await roll({
      dryRun: true,
      releases: released,
      tags: ['cli-v2.0.0', 'docker-v2.0.0'],
      images: { '2.0.0': d('2'), '2.0': d('2'), latest: d('2'), '1.9.0': d('1') }
    })
    expect(r.calls).toEqual([])
    expect(rows(r.result).filter((x) => !x.startsWith('yank'))).toEqual([
      'delete GitHub release cli-v2.0.0 | would run | ',
      'delete tag cli-v2.0.0 on origin | would run | ',
      'delete GitHub release docker-v2.0.0 | would run | ',
      'delete tag docker-v2.0.0 on origin | would run | ',
      'mark ghcr.io/acme/dakora/server:2.0.0 as 2.0.0-broken | would run | ',
      'delete ghcr.io/acme/dakora/server:2.0 (no good version left) | would run | ',
      'move ghcr.io/acme/dakora/server:latest to 1.9.0 | would run | '
    ])
    expect(r.result?.headline).toBe('rollback of cli-v2.0.0, docker-v2.0.0 (dry run: nothing changed): 0 done, 0 already done')
  })

  test('run twice: the second finds everything done (the image left behind marked broken counts as released)', async () => {
    const images = { '2.0.0': d('2'), '2.0': d('2'), latest: d('2'), '1.9.0': d('1') }
    const first = await roll({ releases: released, tags: ['cli-v2.0.0', 'docker-v2.0.0'], images })
    const second = await roll({ images: Object.fromEntries(first.images) })
    expect(second.error).toBeUndefined()
    expect(second.calls).toEqual([])
    expect(rows(second.result).filter((x) => !x.startsWith('yank'))).toEqual([
      'delete GitHub release cli-v2.0.0 | already done | no such release',
      'delete tag cli-v2.0.0 on origin | already done | no such tag',
      'delete GitHub release docker-v2.0.0 | already done | no such release',
      'delete tag docker-v2.0.0 on origin | already done | no such tag',
      'mark ghcr.io/acme/dakora/server:2.0.0 as 2.0.0-broken | already done | already marked',
      'move ghcr.io/acme/dakora/server:2.0 off 2.0.0 | already done | 2.0 does not point at 2.0.0',
      'move ghcr.io/acme/dakora/server:latest off 2.0.0 | already done | latest does not point at 2.0.0'
    ])
    expect(second.result?.headline).toBe('rollback of cli-v2.0.0, docker-v2.0.0: 0 done, 7 already done')
    expect(second.result?.notices.filter((n) => n.includes('immutable'))).toEqual([])
  })

  test('the marker already there: already marked, and the moving tags still move', async () => {
    const r = await roll({
      targets: ['docker'],
      tags: ['docker-v2.0.0'],
      images: { '2.0.0': d('2'), '2.0.0-broken': d('2'), latest: d('2'), '1.0.0': d('1') }
    })
    expect(rows(r.result)).toContain('mark ghcr.io/acme/dakora/server:2.0.0 as 2.0.0-broken | already done | already marked')
    expect(r.calls.filter((c) => !c.includes('docker-v'))).toEqual(['tag latest → 11'])
  })

  test('a custom broken-suffix marks and skips with that suffix', async () => {
    const r = await roll({
      targets: ['docker'],
      tags: ['docker-v2.0.0'],
      brokenSuffix: '-bad',
      images: { '2.0.0': d('2'), latest: d('2'), '1.9.0': d('1'), '1.9.0-bad': d('1'), '1.8.0': d('3') }
    })
    expect(r.calls.filter((c) => !c.includes('docker-v'))).toEqual(['tag 2.0.0-bad → 22', 'tag latest → 33'])
  })

  test.each<[string, Partial<World>, boolean]>([
    ['only a GitHub release of the tag', { releases: [release({ id: 3, tag_name: 'docker-v2.0.0' })] }, true],
    ['only the tag on origin', { tags: ['docker-v2.0.0'] }, true],
    ['only the image', { images: { '2.0.0': d('2') } }, true],
    ['only the broken marker (a rollback that already ran)', { images: { '2.0.0-broken': d('2') } }, true],
    ['only files on the index', { onIndex: ['2.0.0'] }, true],
    [
      'other versions only',
      { releases: [release({ id: 4, tag_name: 'cli-v1.0.0' })], tags: ['cli-v1.0.0'], images: { '1.0.0': d('1') }, onIndex: ['1.0.0'] },
      false
    ]
  ])('a trace of the version anywhere counts as released: %s', async (_name, w, ok) => {
    const r = await roll(w)
    expect((r.error as { code?: string } | undefined)?.code).toBe(ok ? undefined : 'E_INPUT')
  })

  test('a version never released is E_INPUT naming the five newest released versions, and nothing changes', async () => {
    const tags = [
      'cli-v1.0.0',
      'cli-v1.10.0',
      'cli-v1.2.0',
      'cli-v1.9.0',
      'cli-v1.3.0',
      'cli-v1.4.0',
      'docker-v0.1.0',
      'cli-vx',
      'other-v9.0.0'
    ]
    const r = await roll({ version: '2.9.0', tags, images: { '1.0.0': d('1') } })
    expect(r.calls).toEqual([])
    expect(r.error).toMatchObject({
      code: 'E_INPUT',
      message:
        'rollback: platform 2.9.0 was never released (no GitHub release, no tag cli-v2.9.0, docker-v2.9.0 on origin, no image 2.9.0, not on the index): nothing to roll back',
      hint: 'Check the version input: the released versions of platform are 1.2.0, 1.3.0, 1.4.0, 1.9.0, 1.10.0 (newest last).'
    })
  })

  test('a component with no release tag at all: the hint says so; a pypi-only plan names no image', async () => {
    const r = await roll({ targets: ['cli'] })
    expect(r.error).toMatchObject({
      code: 'E_INPUT',
      message:
        'rollback: platform 2.0.0 was never released (no GitHub release, no tag cli-v2.0.0 on origin, not on the index): nothing to roll back',
      hint: 'Check the version and component inputs: platform has no release tag on origin yet.'
    })
    const docker = await roll({ targets: ['docker'] })
    expect((docker.error as Error).message).toContain('(no GitHub release, no tag docker-v2.0.0 on origin, no image 2.0.0): nothing')
  })

  test('no version: E_INPUT before anything is opened; a version passes on to the release context', async () => {
    await expect(rollback({ version: '' } as Inputs, testRunner())).rejects.toMatchObject({
      code: 'E_INPUT',
      message: 'rollback needs an explicit version: the released version to roll back',
      hint: 'e.g. `pyship rollback platform 2.0.0`; rollback never guesses which release is bad.'
    })
    const missing = '/nonexistent/pyship-rollback'
    const opened = rollback({ version: '2.0.0', workingDirectory: missing, repositoryRoot: missing, config: '' } as Inputs, testRunner())
    await expect(opened).rejects.not.toMatchObject({ message: 'rollback needs an explicit version: the released version to roll back' })
  })

  test('the tag alone on origin (its release already deleted): the tag goes, with the notice about immutable releases', async () => {
    const r = await roll({ targets: ['cli'], tags: ['cli-v2.0.0'] })
    expect(r.calls).toEqual(['delete tag cli-v2.0.0'])
    expect(r.result?.notices[0]).toBe(
      'repositories with immutable releases never let cli-v2.0.0 be used again: release the fix as a new version'
    )
  })

  test.each([
    ['the index look-up fails: the next patch version', null, 'the next patch version'],
    ['the index names the next free version', '2.0.3', '2.0.3']
  ])('the yank notice: %s', async (_name, next, said) => {
    const r = await roll({ targets: ['cli'], tags: ['cli-v2.0.0'], next })
    expect(r.result?.notices.at(-1)).toBe(
      `yank Dakora_CLI 2.0.0 at https://pypi.org/manage/project/dakora-cli/release/2.0.0/ (Options → Yank); the next safe version is ${said}`
    )
  })

  test.each([
    ['https://pypi.org', 'yank Dakora_CLI 2.0.0 at https://pypi.org/manage/project/dakora-cli/release/2.0.0/ (Options → Yank)'],
    ['https://test.pypi.org/', 'yank Dakora_CLI 2.0.0 at https://test.pypi.org/manage/project/dakora-cli/release/2.0.0/ (Options → Yank)'],
    [
      'https://pypi.example.com/simple',
      'yank or delete Dakora_CLI 2.0.0 with the tools of the index at https://pypi.example.com/simple (PyPI-compatible indexes have no common yank API)'
    ]
  ])('yank advice for %s', (url, advice) => {
    expect(yankAdvice(url, 'Dakora_CLI', '2.0.0')).toBe(advice)
  })
})
