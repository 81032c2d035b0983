/**
 * The "After Release" checklist (SPEC §4 verify, and the release's last step): each package
 * version is on the index with its files, each image tag resolves (to the pushed digest when
 * the run knows it), each tag is on origin (at the release commit when known), each GitHub
 * Release is published — every check one row, every failed row one E_VERIFY problem. The
 * index is the PyPI stand-in over real HTTP; git, GitHub and the registry are fakes.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { Git } from '../../src/adapters/git.js'
import type { GitHub, Release } from '../../src/adapters/github.js'
import type { Registry } from '../../src/adapters/registry.js'
import type { PythonTools } from '../../src/adapters/python.js'
import type { Inputs } from '../../src/inputs.js'
import { checklistProblems, releaseChecklist, type Shipped } from '../../src/release/checklist.js'
import type { ReleaseContext } from '../../src/release/context.js'
import type { ImagePlan, PackagePlan, ReleasePlan, TargetPlan } from '../../src/release/plan.js'
import type { Registries } from '../../src/release/registries.js'
import { startPypi, type PypiStandIn } from '../../__fixtures__/pypi-server.js'
import { fake, OTHER_SHA, release, SHA, testRunner } from '../../__fixtures__/test-state.js'

const WHEEL = 'acme_cli-2.0.0-py3-none-any.whl'
const SDIST = 'acme_cli-2.0.0.tar.gz'
const REPO = 'acme/dakora/server'
const d = (c: string): string => `sha256:${c.repeat(64)}`

interface World {
  /** the package's version in the plan (2.0.0 is on the index with both files) */
  version?: string
  /** tags on origin → commit */
  tags?: Record<string, string>
  releases?: Release[]
  /** image tags → digest */
  images?: Record<string, string>
  shipped?: Shipped | null
}

let pypi: PypiStandIn
beforeAll(async () => {
  pypi = await startPypi()
  pypi.addFile('acme-cli', '2.0.0', WHEEL, 'wheel bytes')
  pypi.addFile('acme-cli', '2.0.0', SDIST, 'sdist bytes')
})
afterAll(() => pypi.close())

async function checklist(w: World = {}): Promise<{ rows: string[]; problems: string[] }> {
  const version = w.version ?? '2.0.0'
  const cli = {
    name: 'cli',
    tag: `cli-v${version}`,
    packages: [{ name: 'acme-cli', version, pypiUrl: pypi.url } as PackagePlan],
    images: []
  } as unknown as TargetPlan
  const docker = {
    name: 'docker',
    tag: `docker-v${version}`,
    packages: [],
    images: [
      {
        name: 'server',
        registry: 'ghcr.io',
        repository: REPO,
        ref: `ghcr.io/${REPO}`,
        tagTemplates: ['{version}', 'latest'],
        version
      } as unknown as ImagePlan
    ]
  } as unknown as TargetPlan
  const images = w.images ?? { [version]: d('1'), latest: d('1') }
  const registry: Partial<Registry> = {
    digest: async (repo, tag) => (repo === REPO ? (images[tag] ?? null) : null),
    // a single image manifest: its labels say what an index's annotations would
    annotations: async () => null
  }
  const git: Partial<Git> = { remoteTags: async () => new Map(Object.entries(w.tags ?? { [cli.tag]: SHA, [docker.tag]: SHA })) }
  const github: Partial<GitHub> = { assets: async () => [] }
  const ctx = {
    inputs: { pypiUrl: pypi.url, provenance: 'false', installCheck: false } as Inputs,
    plan: { component: 'platform', version, targets: [cli, docker], notices: [] } as ReleasePlan,
    registries: fake<Registries>('registries', { client: () => fake<Registry>('registry', registry) }),
    git: fake<Git>('git', git),
    github: fake<GitHub>('github', github),
    runner: testRunner(),
    repository: 'acme/dakora'
  } as unknown as ReleaseContext
  const releases = w.releases ?? [
    release({ id: 1, tag_name: cli.tag, draft: false }),
    release({ id: 2, tag_name: docker.tag, draft: false })
  ]
  const rows = await releaseChecklist(ctx, fake<PythonTools>('tools'), releases, w.shipped ?? null)
  return {
    rows: rows.map((r) => `${r.ok ? 'ok' : 'MISSING'} | ${r.what} | ${r.detail}`),
    problems: checklistProblems(rows).map((p) => `${p.code} ${p.message}`)
  }
}

describe('releaseChecklist', () => {
  test('a complete release: one row per check, all ok, no problem', async () => {
    const r = await checklist()
    expect(r.rows).toEqual([
      `ok | acme-cli 2.0.0 on the index | ${WHEEL}, ${SDIST}`,
      `ok | tag cli-v2.0.0 on origin | ${SHA.slice(0, 12)}`,
      'ok | GitHub release cli-v2.0.0 | https://github.com/acme/dakora/releases/tag/cli-v2.0.0',
      'ok | assets of cli-v2.0.0 | none: a release made without its files and SHA256SUMS (https://github.com/acme/dakora/releases/tag/cli-v2.0.0)',
      `ok | image ghcr.io/${REPO}:2.0.0 | ${d('1')}`,
      `ok | tag docker-v2.0.0 on origin | ${SHA.slice(0, 12)}`,
      'ok | GitHub release docker-v2.0.0 | https://github.com/acme/dakora/releases/tag/docker-v2.0.0'
    ])
    expect(r.problems).toEqual([])
  })

  test.each<[string, World, string[]]>([
    [
      'the version is not on the index',
      { version: '2.1.0', images: { '2.1.0': d('1') } },
      ['E_VERIFY acme-cli 2.1.0 on the index: not on PYPI']
    ],
    ['a tag missing on origin', { tags: { 'docker-v2.0.0': SHA } }, ['E_VERIFY tag cli-v2.0.0 on origin: not on origin']],
    [
      'a release still a draft, the other missing',
      { releases: [release({ id: 1, tag_name: 'cli-v2.0.0', draft: true })] },
      ['E_VERIFY GitHub release cli-v2.0.0: still a draft', 'E_VERIFY GitHub release docker-v2.0.0: no release']
    ],
    [
      'the image version tag missing in the registry',
      { images: { latest: d('1') } },
      [`E_VERIFY image ghcr.io/${REPO}:2.0.0: no such manifest in the registry`]
    ]
  ])('%s: each failed check is one E_VERIFY problem naming it', async (_what, world, problems) => {
    const r = await checklist(world)
    expect(r.problems.map((p) => p.replace(pypi.url, 'PYPI'))).toEqual(problems)
  })

  describe('what this run shipped (the release step)', () => {
    const shipped = (over: Partial<Shipped> = {}): Shipped => ({
      sha: SHA,
      files: new Map([['acme-cli', [WHEEL, SDIST]]]),
      images: new Map([[`ghcr.io/${REPO}`, { tags: ['2.0.0', 'latest'], digest: d('1') }]]),
      ...over
    })

    test('everything at the release commit and the pushed digest: only the assets it attached are missing here', async () => {
      const r = await checklist({ shipped: shipped() })
      expect(r.rows).toContain(`ok | image ghcr.io/${REPO}:latest | ${d('1')}`)
      expect(r.problems).toEqual([
        'E_VERIFY SHA256SUMS of cli-v2.0.0: not attached to the release (https://github.com/acme/dakora/releases/tag/cli-v2.0.0)'
      ])
    })

    test.each<[string, World, Partial<Shipped>, string]>([
      [
        'a tag at another commit',
        { tags: { 'cli-v2.0.0': OTHER_SHA, 'docker-v2.0.0': SHA } },
        {},
        `E_VERIFY tag cli-v2.0.0 on origin: at ${OTHER_SHA.slice(0, 12)}, not the release commit ${SHA.slice(0, 12)}`
      ],
      [
        'an image tag at another digest',
        { images: { '2.0.0': d('1'), latest: d('9') } },
        {},
        `E_VERIFY image ghcr.io/${REPO}:latest: points at ${d('9')}, not the pushed ${d('1')}`
      ]
    ])('%s is a problem', async (_what, world, over, problem) => {
      const r = await checklist({ ...world, shipped: shipped(over) })
      expect(r.problems.map((p) => p.replace(pypi.url, 'PYPI'))).toContain(problem)
    })
  })
})
