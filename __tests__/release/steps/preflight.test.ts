/**
 * preflight (SPEC §4 step 2): read-only, before anything is built, every problem together —
 * a dirty tree, a branch that is not allowed (a detached HEAD only when its commit is on an
 * allowed branch of origin), a tag of another commit, a version on the index that no release
 * of this commit records, a lock another run holds, missing credentials, an unwritable
 * RUNNER_TEMP. The example monorepo is read for real; origin, GitHub and the index are fakes.
 */
import { describe, expect, test } from '@jest/globals'
import os from 'node:os'
import path from 'node:path'
import type { Docker } from '../../../src/adapters/docker.js'
import type { Git } from '../../../src/adapters/git.js'
import type { GitHub, Release } from '../../../src/adapters/github.js'
import type { IndexFile, PackageIndex } from '../../../src/adapters/pypi.js'
import type { Registry } from '../../../src/adapters/registry.js'
import { PyshipError, toProblems } from '../../../src/errors.js'
import { loadMonorepo } from '../../../src/monorepo/load.js'
import { formatLock, lockRef } from '../../../src/release/lock.js'
import { planRelease } from '../../../src/release/plan.js'
import { combinePlans } from '../../../src/release/train.js'
import type { ReleaseTag } from '../../../src/config/release-tag.js'
import { preflight } from '../../../src/release/steps/preflight.js'
import { StepLog, runSteps } from '../../../src/release/pipeline.js'
import type { Runner } from '../../../src/runner.js'
import type { ReleaseState } from '../../../src/release/state.js'
import type { Inputs } from '../../../src/inputs.js'
import { ROOT } from '../../../__fixtures__/action.js'
import { OTHER_SHA, SHA, fake, release, testState } from '../../../__fixtures__/test-state.js'
import { copyTree, editFile, removeTempDirs, writeTree } from '../../../__fixtures__/tree.js'

const EXAMPLE = path.join(ROOT, 'examples', 'dakora')
const TAG = 'python-sdk-v1.4.0'

interface World {
  dirty?: string[]
  branch?: string | null
  /** For a detached HEAD: the allowed branch of origin that holds the commit, or null. */
  containing?: string | null
  originTags?: Record<string, string>
  releases?: Release[]
  onIndex?: IndexFile[] | null
  lockMessage?: string
  runner?: Partial<Runner>
  pypiToken?: string
  /** What origin names as its default branch (null: origin did not answer), and whether GitHub answers. */
  defaultBranch?: string | null
  githubDown?: boolean
  /** The monorepo read (default: the example). */
  root?: string
  /** Released under a release-level tag (`v2026.12.03`) with the other changed groups. */
  train?: boolean
  /** The group released (default: sdk, which has no image). */
  component?: string
  /** The version input (default: the files'). */
  version?: string
  /** The registry every image goes to; with one, the release is from dist-dir (docker is not asked). */
  registry?: Partial<Registry>
  /** dist-dir (default: a directory when `registry` is given, else none). */
  distDir?: string
  /** The Docker CLI; a method not given fails the test when preflight calls it. */
  docker?: Partial<Docker>
  /** More groups released with `component` (a release of every changed group; under one tag with `train`). */
  with?: string[]
  /** The index answers this instead of the next free version. */
  nextFreeFails?: boolean
  inputs?: Partial<Inputs>
}

async function run(w: World = {}): Promise<{
  problems: string[]
  hints: string[]
  detail: string
  onIndex: unknown
  notices: string[]
  images: { name: string; pushed: string | null }[]
}> {
  const state = setup(w)
  const images = (): { name: string; pushed: string | null }[] =>
    state.targets.flatMap((t) => t.images.map((i) => ({ name: i.plan.name, pushed: i.pushed })))
  try {
    const outcome = await preflight.run(state)
    return {
      problems: [],
      hints: [],
      detail: outcome.detail,
      onIndex: state.targets[0]?.packages[0]?.onIndex ?? null,
      notices: state.notices,
      images: images()
    }
  } catch (error) {
    if (!(error instanceof PyshipError)) throw error
    const all = toProblems(error)
    return {
      problems: all.map((p) => `${p.code} ${p.message}`),
      hints: all.map((p) => p.hint),
      detail: '',
      onIndex: null,
      notices: state.notices,
      images: images()
    }
  }
}

/** A release's state over the example monorepo (or `w.root`), with origin, GitHub, the index and docker faked as `w` says. */
function setup(w: World): ReleaseState {
  const root = w.root ?? EXAMPLE
  const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
  const plans = [w.component ?? 'sdk', ...(w.with ?? [])].map((component) =>
    planRelease(repo, { component, version: w.version ?? '', pypiUrl: 'https://pypi.org', repository: 'acme/dakora', registry: 'ghcr.io' })
  )
  const plan = w.train
    ? combinePlans(plans, { config: DATE_TAG, tag: 'v2026.12.03', version: '2026.12.03' })
    : plans.length > 1
      ? combinePlans(plans)
      : plans[0]
  const git: Partial<Git> = {
    dirtyFiles: async () => w.dirty ?? [],
    currentBranch: async () => (w.branch === undefined ? 'main' : w.branch),
    defaultBranch: async () => (w.defaultBranch === undefined ? 'main' : w.defaultBranch),
    remoteTags: async () => new Map(Object.entries(w.originTags ?? {})),
    remoteRef: async (ref) => (w.lockMessage && ref === lockRef(TAG) ? 'e'.repeat(40) : null),
    remoteCommitMessage: async () => (w.lockMessage ? { time: Math.floor(Date.now() / 1000), message: w.lockMessage } : null),
    branchContaining: async (_sha, _allowed, first) => {
      searched = first ?? []
      return w.containing ?? null
    }
  }
  const github: Partial<GitHub> = {
    repo: async () => {
      if (w.githubDown) throw new PyshipError('E_NETWORK', 'GitHub did not answer')
      return { default_branch: 'main', html_url: '' }
    },
    releases: async () => w.releases ?? [],
    // the job may store attestations (provenance: auto probes it under trusted publishing)
    attestationsWritable: async () => null
  }
  // the index has dakora-client 1.4.0 (w.onIndex) and no other version
  const index: Partial<PackageIndex> = {
    files: async (_name, version) => (version === '1.4.0' ? (w.onIndex ?? null) : null),
    nextFreeVersion: async () => {
      if (w.nextFreeFails) throw new PyshipError('E_NETWORK', 'the index did not answer')
      return '1.4.1'
    }
  }
  const state = testState({
    git,
    github,
    index,
    registry: w.registry,
    inputs: {
      pypiToken: w.pypiToken ?? 'pypi-token',
      distDir: w.distDir ?? (w.registry ? os.tmpdir() : ''),
      workingDirectory: root,
      ...w.inputs
    },
    runner: { tempDir: os.tmpdir(), ...w.runner }
  })
  state.repo = repo
  state.docker = fake<Docker>('docker', w.docker)
  state.plan = plan
  state.targets = plan.targets.map((p) => ({
    plan: p,
    release: null,
    remoteTag: null,
    packages: p.packages.map((x) => ({ plan: x, onIndex: null, built: [], toUpload: [] })),
    images: p.images.map((x) => ({ plan: x, tags: [], pushed: null, parts: [], joined: null, digest: null }))
  }))
  return state
}

/** The branches a detached HEAD's search looked at first, in order (the last run's). */
let searched: string[] = []

const DATE_TAG: ReleaseTag = { tag: 'v{date}', kind: 'date', template: 'v{version}', githubLatest: true }
const FILE: IndexFile = { filename: 'dakora_client-1.4.0.tar.gz', sha256: 'f'.repeat(64) } as IndexFile

describe('preflight', () => {
  test('a clean tree on main with nothing released yet: done, on main', async () => {
    expect(await run()).toMatchObject({ problems: [], detail: `${SHA.slice(0, 12)} on main` })
  })

  test('a waived problem of the released package does not stop the release and is said; without the waiver it does', async () => {
    const root = copyTree(EXAMPLE)
    const config =
      '[groups.sdk]\npackages = ["packages/client-python"]\n[targets.sdk]\ngroup = "sdk"\nkind = "pypi"\ntag = "python-sdk-v{version}"\n'
    const waiver = '[[waivers]]\npackage = "packages/client-python"\ncode = "E_LOCK_DRIFT"\nreason = "uv.lock is regenerated nightly"\n'
    editFile(root, 'uv.lock', 'name = "dakora-client"\nversion = "1.4.0"', 'name = "dakora-client"\nversion = "1.3.0"')
    writeTree(root, { '.github/pyship.toml': config })
    expect((await run({ root })).problems).toEqual([
      'E_LOCK_DRIFT uv.lock records dakora-client 1.3.0 but packages/client-python/pyproject.toml has 1.4.0'
    ])
    writeTree(root, { '.github/pyship.toml': config + waiver })
    const waived = await run({ root })
    expect(waived.problems).toEqual([])
    expect(waived.notices).toEqual([
      'waived: uv.lock:25: E_LOCK_DRIFT uv.lock records dakora-client 1.3.0 but packages/client-python/pyproject.toml has 1.4.0 — reason: uv.lock is regenerated nightly (waiver at .github/pyship.toml:7)'
    ])
    removeTempDirs()
  })

  test.each([
    [
      'a dirty tree, every file named (the first 20)',
      { dirty: Array.from({ length: 25 }, (_, i) => `f${i}.py`) },
      /^E_DIRTY_TREE the work tree has uncommitted changes: f0\.py, f1\.py, .*f19\.py, … \(25 in all\)$/
    ],
    [
      'a feature branch',
      { branch: 'feature/x', runner: { refName: '' } },
      /^E_BRANCH releasing from branch feature\/x is not allowed: release from main or a hotfix\/\* branch$/
    ],
    [
      'a branch named like hotfix, not below hotfix/',
      { branch: 'hotfixes', runner: { refName: '' } },
      /^E_BRANCH releasing from branch hotfixes is not allowed: release from main or a hotfix\/\* branch$/
    ],
    [
      "the workflow's branch wins over the checkout's",
      { branch: 'main', runner: { refType: 'branch', refName: 'feature/y' } },
      /^E_BRANCH releasing from branch feature\/y/
    ],
    [
      'a detached HEAD whose commit is on no allowed branch of origin',
      { branch: null, containing: null, runner: { ref: 'refs/tags/python-sdk-v1.4.0' } },
      /^E_BRANCH the release commit aaaaaaaaaaaa \(a detached HEAD checked out for refs\/tags\/python-sdk-v1\.4\.0\) is on no allowed branch of origin/
    ],
    [
      'the tag on origin at another commit',
      { originTags: { [TAG]: OTHER_SHA } },
      /^E_TAG_EXISTS tag python-sdk-v1\.4\.0 already exists on origin at bbbbbbbbbbbb, not the release commit aaaaaaaaaaaa$/
    ],
    [
      'a published release of the tag for another commit',
      { releases: [release({ id: 3, tag_name: TAG, target_commitish: OTHER_SHA, draft: false })] },
      /^E_TAG_EXISTS a GitHub release for python-sdk-v1\.4\.0 already exists for b+, not the release commit/
    ],
    [
      'the version on the index and no release of this commit',
      { onIndex: [FILE] },
      /^E_PYPI_EXISTS dakora-client 1\.4\.0 is already on the index .* and no release of python-sdk-v1\.4\.0 by this commit records it$/
    ],
    [
      "released under one tag with other groups: each package's own version on the index, not the tag's",
      { onIndex: [FILE], train: true },
      /^E_PYPI_EXISTS dakora-client 1\.4\.0 is already on the index .* and no release of v2026\.12\.03 by this commit records it$/
    ],
    [
      'no token and no trusted publishing',
      { pypiToken: '', runner: { oidc: null } },
      /^E_NO_PYPI_TOKEN no PyPI credentials to upload dakora-client/
    ],
    [
      'another run of another commit holds the lock',
      {
        lockMessage: formatLock(TAG, {
          commit: OTHER_SHA,
          run: 'https://github.com/acme/dakora/actions/runs/9',
          attempt: '1',
          host: 'h',
          pid: 1,
          since: 'now'
        })
      },
      /^E_RELEASE_IN_PROGRESS another run is releasing python-sdk-v1\.4\.0: workflow run https:\/\/github\.com\/acme\/dakora\/actions\/runs\/9/
    ],
    [
      'a RUNNER_TEMP that is not a writable directory',
      { runner: { tempDir: path.join(EXAMPLE, 'pyproject.toml') } },
      /^E_BUILD the temporary directory .*pyproject\.toml is not writable \(ENOTDIR\)$/
    ]
  ])('%s', async (_name, world, message) => {
    const r = await run(world as World)
    expect(r.problems).toEqual([expect.stringMatching(message)])
  })

  test('two images on a registry that refuses the login: one E_REGISTRY_DENIED, the login tried once', async () => {
    const logins: string[] = []
    const registry: Partial<Registry> = {
      checkLogin: async (repository) => {
        logins.push(repository)
        throw new PyshipError('E_REGISTRY_DENIED', 'ghcr.io refused the login')
      }
    }
    const r = await run({ component: 'platform', registry })
    expect(r.problems.filter((p) => p.startsWith('E_REGISTRY_DENIED'))).toEqual(['E_REGISTRY_DENIED ghcr.io refused the login'])
    expect(logins).toHaveLength(1)
  })

  test('a version with an epoch for images: E_INVALID_VERSION for each image before anything is built (a Docker tag cannot hold "!")', async () => {
    const registry: Partial<Registry> = { checkLogin: async () => undefined, tags: async () => [], digest: async () => null }
    const r = await run({ component: 'docker', version: '1!2.0.0', registry })
    expect(r.problems.filter((p) => p.startsWith('E_INVALID_VERSION'))).toEqual([
      expect.stringMatching(/^E_INVALID_VERSION version 1!2\.0\.0 of image server has an epoch \(1!\), which a Docker tag cannot hold/),
      expect.stringMatching(/^E_INVALID_VERSION version 1!2\.0\.0 of image studio has an epoch/)
    ])
  })

  describe('images', () => {
    const SERVER = 'sha256:' + 'c'.repeat(64)
    /** The registry holds `existing` (repository → the version tag's digest and its revision label). */
    const registryWith = (existing: Record<string, { digest: string; revision?: string }>): Partial<Registry> => ({
      checkLogin: async () => undefined,
      tags: async () => [],
      digest: async (repository) => existing[repository]?.digest ?? null,
      labels: async (repository): Promise<Record<string, string>> => {
        const revision = existing[repository]?.revision
        return revision ? { 'org.opencontainers.image.revision': revision } : {}
      }
    })

    test('the version tag pushed by this commit is resumed (its digest kept), not refused', async () => {
      const r = await run({ component: 'docker', registry: registryWith({ 'acme/dakora/server': { digest: SERVER, revision: SHA } }) })
      expect(r.problems.filter((p) => p.startsWith('E_IMAGE_EXISTS'))).toEqual([])
      expect(r.images).toEqual([
        { name: 'server', pushed: SERVER },
        { name: 'studio', pushed: null }
      ])
    })

    test.each([
      ['another commit', OTHER_SHA, `revision ${OTHER_SHA.slice(0, 12)}, not ${SHA.slice(0, 12)}`],
      ['no revision label', undefined, `revision unknown, not ${SHA.slice(0, 12)}`]
    ])('the version tag with other content (%s): E_IMAGE_EXISTS naming both revisions', async (_name, revision, said) => {
      const r = await run({ component: 'docker', registry: registryWith({ 'acme/dakora/server': { digest: SERVER, revision } }) })
      expect(r.problems.filter((p) => p.startsWith('E_IMAGE_EXISTS'))).toEqual([
        `E_IMAGE_EXISTS ghcr.io/acme/dakora/server:2.0.0 already exists with other content (${said})`
      ])
      expect(r.images.find((i) => i.name === 'server')?.pushed).toBeNull()
    })

    test('two variants of an image in one repository and another image: one login check per repository, every image looked up', async () => {
      const root = copyTree(EXAMPLE)
      const nonroot = 'tags = ["{version}-nonroot", "{major}.{minor}-nonroot", "latest-nonroot"]'
      writeTree(root, {
        '.github/pyship.toml': `[groups.platform]\npackages = ["cli", "server"]\n[targets.docker]\ngroup = "platform"\nkind = "docker"\ntag = "docker-v{version}"\nimages = [\n  { name = "server", context = "server", repository = "ghcr.io/acme/server" },\n  { name = "server-nonroot", context = "server", repository = "ghcr.io/acme/server", ${nonroot} },\n  { name = "studio", context = "studio" },\n]\n`
      })
      const logins: string[] = []
      const looked: string[] = []
      const registry: Partial<Registry> = {
        checkLogin: async (repository) => {
          logins.push(repository)
        },
        tags: async (repository) => {
          looked.push(repository)
          return []
        },
        digest: async () => null
      }
      const r = await run({ root, component: 'docker', registry })
      expect(r.problems).toEqual([])
      expect(logins).toEqual(['acme/server', 'acme/dakora/studio'])
      expect(looked).toEqual(['acme/server', 'acme/server', 'acme/dakora/studio'])
      removeTempDirs()
    })

    test('a file the Dockerfile copies that the context lacks: E_DOCKER_BUILD naming it, before anything is built', async () => {
      const root = copyTree(EXAMPLE)
      editFile(root, 'server/Dockerfile', 'COPY src/ /app/src/', 'COPY src/ /app/src/\nCOPY no-such-file /app/')
      const r = await run({ root, component: 'docker', registry: registryWith({}) })
      expect(r.problems.filter((p) => p.startsWith('E_DOCKER_BUILD'))).toEqual([
        expect.stringMatching(/^E_DOCKER_BUILD image server cannot build: .*no-such-file/)
      ])
      removeTempDirs()
    })
  })

  test("released under one tag with other groups: each group checked at its own version (not the tag's)", async () => {
    const r = await run({ train: true, version: '1.5.0' })
    expect(r.problems.filter((p) => p.startsWith('E_VERSION'))).toEqual([
      expect.stringMatching(/^E_VERSION_NOT_UPDATED dakora-client is 1\.4\.0 .*not 1\.5\.0/)
    ])
  })

  test.each([
    ["the workflow's branch, then the default branch", { refType: 'branch', refName: 'release-train' }, ['release-train', 'main']],
    ['a tag ref: the default branch alone', { refType: 'tag', refName: TAG }, ['main']]
  ])('a detached HEAD looks first at %s', async (_name, runner, first) => {
    await run({ branch: null, containing: 'main', runner })
    expect(searched).toEqual(first)
  })

  test('a detached HEAD on no allowed branch: E_BRANCH naming the default branch and hotfix/*, with the hint', async () => {
    const r = await run({ branch: null, containing: null, runner: { ref: 'refs/tags/x' } })
    expect(r.problems).toEqual([
      `E_BRANCH the release commit ${SHA.slice(0, 12)} (a detached HEAD checked out for refs/tags/x) is on no allowed branch of origin: release a commit of main or a hotfix/* branch`
    ])
    expect(r.hints[0]).toContain("releases only a commit that origin's main or a hotfix/* branch already holds")
  })

  test('more than 20 dirty files: the first 20 named, then how many in all', async () => {
    const dirty = Array.from({ length: 21 }, (_, i) => `f${i}.py`)
    const r = await run({ dirty })
    expect(r.problems[0]).toBe(`E_DIRTY_TREE the work tree has uncommitted changes: ${dirty.slice(0, 20).join(', ')}, … (21 in all)`)
    const twenty = await run({ dirty: dirty.slice(0, 20) })
    expect(twenty.problems[0]).toBe(`E_DIRTY_TREE the work tree has uncommitted changes: ${dirty.slice(0, 20).join(', ')}`)
  })

  test('the version on the index names the next free version in its hint', async () => {
    const r = await run({ onIndex: [FILE] })
    expect(r.hints).toEqual([expect.stringContaining('Bump to the next version: `pyship bump sdk 1.4.1`')])
  })

  test.each([
    ['a hotfix branch', { branch: 'hotfix/python-sdk-v1.3.0', runner: { refName: '' } }, 'on hotfix/python-sdk-v1.3.0'],
    [
      'a detached HEAD on an allowed branch of origin',
      { branch: null, containing: 'main', runner: { ref: 'refs/tags/python-sdk-v1.4.0' } },
      "(a detached HEAD for refs/tags/python-sdk-v1.4.0) on origin's main"
    ],
    ['the tag the user pushed at this commit (adopted)', { originTags: { [TAG]: SHA } }, `on main; adopting ${TAG} already at this commit`],
    ['trusted publishing instead of a token', { pypiToken: '', runner: { oidc: { url: 'https://oidc', token: 't' } } }, 'on main'],
    [
      "the version on the index recorded by this commit's draft: resuming",
      { onIndex: [FILE], releases: [release({ id: 1, tag_name: TAG })] },
      "on main; resuming this commit's release"
    ]
  ])('allowed: %s', async (_name, world, detail) => {
    const r = await run(world as World)
    expect(r.problems).toEqual([])
    expect(r.detail).toContain(detail)
  })

  test('a resumed release learns what the index holds, so build compares and publish skips', async () => {
    expect((await run({ onIndex: [FILE], releases: [release({ id: 1, tag_name: TAG })] })).onIndex).toEqual([FILE])
  })

  test('every problem together, not just the first', async () => {
    const r = await run({
      dirty: ['x.py'],
      branch: 'feature/x',
      runner: { refName: '', oidc: null },
      pypiToken: '',
      originTags: { [TAG]: OTHER_SHA }
    })
    expect(r.problems.map((p) => p.split(' ')[0]).sort()).toEqual(['E_BRANCH', 'E_DIRTY_TREE', 'E_NO_PYPI_TOKEN', 'E_TAG_EXISTS'])
  })

  test.each([
    ['origin names no default branch: GitHub does', { defaultBranch: null }, []],
    ['GitHub is down: origin names it', { githubDown: true }, ['E_NETWORK GitHub did not answer']],
    [
      'neither: E_BRANCH says the default branch is unknown, not that main is refused',
      { defaultBranch: null, githubDown: true },
      [
        'E_BRANCH releasing from branch main cannot be allowed: the default branch is unknown (origin did not name it and GitHub did not answer)',
        'E_NETWORK GitHub did not answer'
      ]
    ],
    [
      'neither, on a hotfix branch: allowed',
      { defaultBranch: null, githubDown: true, branch: 'hotfix/cli-v1.0.0' },
      ['E_NETWORK GitHub did not answer']
    ]
  ] as [string, World, string[]][])('the default branch: %s', async (_what, w, problems) => {
    const r = await run({ runner: { refName: '' }, ...w })
    expect([...r.problems].sort()).toEqual(problems)
    if (problems[0]?.startsWith('E_BRANCH')) expect(r.hints[r.problems.indexOf(problems[0])]).toContain('make origin reachable')
  })
})

describe('preflight: what each refusal says, and its hint', () => {
  const short = SHA.slice(0, 12)
  const PYPI_EXISTS = `E_PYPI_EXISTS dakora-client 1.4.0 is already on the index (https://pypi.org/project/dakora-client/1.4.0/) and no release of ${TAG} by this commit records it`
  const bumpHint = (next: string): string =>
    `Version already exists on PyPI: PyPI versions are immutable. Bump to the next version: \`pyship bump sdk ${next}\`, commit, push, release ${next}.`

  const TAG_HINT = 'The tag already names another commit: bump to the next version, or delete the stale tag if that release never happened.'

  test.each([
    [
      "the tag on origin at another commit, and the version on the index: both said (another commit's tag is no release of this one)",
      { originTags: { [TAG]: OTHER_SHA }, onIndex: [FILE] },
      [
        [`E_TAG_EXISTS tag ${TAG} already exists on origin at ${OTHER_SHA.slice(0, 12)}, not the release commit ${short}`, TAG_HINT],
        [PYPI_EXISTS, bumpHint('1.4.1')]
      ]
    ],
    [
      "a published release for another commit, and the version on the index: both said (another commit's release records nothing of this one)",
      { releases: [release({ id: 3, tag_name: TAG, target_commitish: OTHER_SHA, draft: false })], onIndex: [FILE] },
      [
        [`E_TAG_EXISTS a GitHub release for ${TAG} already exists for ${OTHER_SHA}, not the release commit ${short}`, TAG_HINT],
        [PYPI_EXISTS, bumpHint('1.4.1')]
      ]
    ],
    [
      'a lock whose holder pyship cannot read',
      { lockMessage: 'not a lock pyship wrote' },
      [
        [
          `E_RELEASE_IN_PROGRESS another run is releasing ${TAG}: a run pyship cannot identify (the lock names no holder pyship can read)`,
          'The message names the run that holds the release and since when. Wait for it to finish (a re-run afterwards reports "already released"), or serialize release workflows with `concurrency:`.'
        ]
      ]
    ],
    [
      'a release of two groups, neither on the index, no token and no trusted publishing: every package named, the secret and trusted publishing in the hint',
      { with: ['cli'], pypiToken: '', runner: { oidc: null } },
      [
        [
          'E_NO_PYPI_TOKEN no PyPI credentials to upload dakora-client, dakora: `pypi-token` is empty and trusted publishing is not available (no OIDC token)',
          'Add the repository secret PYPI_API_TOKEN and pass it as `pypi-token`, or use trusted publishing: give the job `permissions: id-token: write` and register this workflow as a trusted publisher on PyPI.'
        ]
      ]
    ],
    [
      'provenance: true in a release job without an OIDC token: the permissions it needs, before anything is built',
      { inputs: { command: 'release', provenance: 'true' } },
      [
        [
          "E_GITHUB_DENIED provenance: true, but the job has no OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set): build provenance is signed with the job's identity and needs `permissions: id-token: write`",
          'Give the release job `permissions: id-token: write` and `attestations: write` (beside `contents: write`), or set `provenance: auto` (made when the permissions allow) or `false`.'
        ]
      ]
    ]
  ] as [string, World, [string, string][]][])('%s', async (_name, world, said) => {
    const r = await run(world)
    expect(r.problems.map((p, i) => [p, r.hints[i]])).toEqual(said)
  })

  test.each([
    ['the index names the next free version', {}, bumpHint('1.4.1')],
    ['the index does not answer: the next patch version, in words', { nextFreeFails: true }, bumpHint('the next patch version')]
  ] as [string, World, string][])('the version on the index (%s): the hint says which version to bump to', async (_name, world, hint) => {
    const r = await run({ onIndex: [FILE], ...world })
    expect(r.problems).toEqual([PYPI_EXISTS])
    expect(r.hints).toEqual([hint])
  })

  test('a RUNNER_TEMP that is not a writable directory: E_BUILD naming it and why, with where to point RUNNER_TEMP', async () => {
    const file = path.join(EXAMPLE, 'pyproject.toml')
    const r = await run({ runner: { tempDir: file } })
    expect(r.problems).toEqual([`E_BUILD the temporary directory ${file} is not writable (ENOTDIR)`])
    expect(r.hints).toEqual([
      'pyship builds outside the work tree, in RUNNER_TEMP (or the system temporary directory): make it writable, or point RUNNER_TEMP at a writable directory.'
    ])
  })

  test.each([
    ['known', {}, 'main'],
    ['unknown (origin and GitHub silent)', { defaultBranch: null, githubDown: true }, 'the default branch']
  ] as [string, World, string][])(
    'a detached HEAD with no ref on no allowed branch, the default branch %s: E_BRANCH and its hint name what is allowed',
    async (_name, world, allowed) => {
      const r = await run({ branch: null, containing: null, runner: { ref: '', refName: '' }, ...world })
      const i = r.problems.findIndex((p) => p.startsWith('E_BRANCH'))
      expect(r.problems[i]).toBe(
        `E_BRANCH the release commit ${short} (a detached HEAD) is on no allowed branch of origin: release a commit of ${allowed} or a hotfix/* branch`
      )
      expect(r.hints[i]).toBe(
        `A job that checks out a commit, a tag or a release (a detached HEAD) releases only a commit that origin's ${allowed} or a hotfix/* branch already holds: push or merge it there first, then run again (a tag at this commit is kept and used).`
      )
    }
  )

  test.each([
    ['a one-digit epoch', '1!2.0.0', '1!'],
    ['an epoch of two digits', '12!2.0.0', '12!']
  ])('images of a version with %s: E_INVALID_VERSION naming the epoch, with the hint', async (_name, version, epoch) => {
    const registry: Partial<Registry> = { checkLogin: async () => undefined, tags: async () => [], digest: async () => null }
    const r = await run({ component: 'docker', version, registry })
    const said = r.problems.map((p, i) => [p, r.hints[i]]).filter(([p]) => p.startsWith('E_INVALID_VERSION'))
    expect(said).toEqual(
      ['server', 'studio'].map((name) => [
        `E_INVALID_VERSION version ${version} of image ${name} has an epoch (${epoch}), which a Docker tag cannot hold (no "!"), and without it the tags would take those of the version's epoch-0 line`,
        'Release images of a version without an epoch, or give the image its own version line (a target of its own group).'
      ])
    )
  })

  test('files the Dockerfile copies that the context lacks: each named, with the hint naming the context', async () => {
    const root = copyTree(EXAMPLE)
    editFile(root, 'server/Dockerfile', 'COPY src/ /app/src/', 'COPY src/ /app/src/\nCOPY no-such-file /app/\nCOPY nor-this /app/')
    const registry: Partial<Registry> = { checkLogin: async () => undefined, tags: async () => [], digest: async () => null }
    const r = await run({ root, component: 'docker', registry })
    expect(r.problems).toEqual([
      expect.stringMatching(/^E_DOCKER_BUILD image server cannot build: [^;]*no-such-file[^;]*; [^;]*nor-this[^;]*$/)
    ])
    expect(r.hints).toEqual([
      'Docker build fails in CI: every file the Dockerfile COPYs/ADDs must exist in the context server/ and not be excluded by .dockerignore; also check the Dockerfile syntax and stale build cache.'
    ])
    removeTempDirs()
  })
})

describe('preflight: what it reports when it lets the release go on', () => {
  const short = SHA.slice(0, 12)
  const registry: Partial<Registry> = { checkLogin: async () => undefined, tags: async () => [], digest: async () => null }

  test.each([
    [
      'a workflow started by a tag, on main: the branch checked out is what is allowed',
      { runner: { refType: 'tag', refName: TAG } },
      'on main'
    ],
    [
      "this commit's draft, nothing on the index yet: resuming",
      { releases: [release({ id: 1, tag_name: TAG })] },
      "on main; resuming this commit's release"
    ],
    [
      'the tag at this commit and the version on the index, no release yet: adopted, and resumed',
      { originTags: { [TAG]: SHA }, onIndex: [FILE] },
      `on main; adopting ${TAG} already at this commit; resuming this commit's release`
    ],
    [
      "the tag at this commit with this commit's draft: resumed, not adopted (pyship's own tag)",
      { originTags: { [TAG]: SHA }, releases: [release({ id: 1, tag_name: TAG })] },
      "on main; resuming this commit's release"
    ],
    [
      "two targets, one with this commit's draft: resuming",
      { component: 'platform', registry, releases: [release({ id: 1, tag_name: 'cli-v2.0.0' })] },
      "on main; resuming this commit's release"
    ],
    [
      'two targets whose tags the user pushed at this commit: both adopted',
      { component: 'platform', registry, originTags: { 'cli-v2.0.0': SHA, 'docker-v2.0.0': SHA } },
      'on main; adopting cli-v2.0.0, docker-v2.0.0 already at this commit'
    ],
    ['images only, no token: nothing to upload, nothing to resume', { component: 'docker', registry, pypiToken: '' }, 'on main'],
    [
      'the version on the index of a resumed release, no token and no trusted publishing: nothing left to upload',
      { onIndex: [FILE], releases: [release({ id: 1, tag_name: TAG })], pypiToken: '', runner: { oidc: null } },
      "on main; resuming this commit's release"
    ],
    [
      'a detached HEAD checked out for no ref, on an allowed branch of origin',
      { branch: null, containing: 'main', runner: { ref: '' } },
      "(a detached HEAD) on origin's main"
    ],
    [
      'provenance: true in a plan job without an OIDC token: the release job signs, not this one',
      { inputs: { command: 'plan', provenance: 'true' } },
      'on main'
    ]
  ] as [string, World, string][])('%s', async (_name, world, detail) => {
    const r = await run(world)
    expect(r.problems).toEqual([])
    expect(r.detail).toBe(`${short} ${detail}`)
  })

  test('a detached HEAD when the default branch is unknown and the workflow ran for a tag: no branch is looked at first', async () => {
    await run({
      branch: null,
      containing: 'hotfix/cli-v2.0.0',
      defaultBranch: null,
      githubDown: true,
      runner: { refType: 'tag', refName: TAG }
    })
    expect(searched).toEqual([])
  })

  test.each([
    ['a dirty tree: its refusal ends the dry run', { dirty: ['x.py'] }, 'failed', 'E_DIRTY_TREE'],
    ['nothing wrong', {}, 'done', `${short} on main`]
  ] as [string, World, string, string][])('a dry run runs preflight, which changes nothing (%s)', async (_name, world, status, detail) => {
    const log = new StepLog()
    await runSteps([preflight], setup(world), log, { dryRun: true }).catch(() => undefined)
    expect(log.records.map((r) => [r.step, r.status, r.detail])).toEqual([['preflight', status, detail]])
  })
})

describe('preflight: the Docker CLI, asked before anything is built', () => {
  const registry: Partial<Registry> = { checkLogin: async () => undefined, tags: async () => [], digest: async () => null }
  const DOWN =
    'docker is not usable here: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'

  test.each([
    ['a release without images: not asked', { component: 'sdk' }, false, []],
    ['images from dist-dir (the build jobs pushed them): not asked', { component: 'docker', registry }, false, []],
    ['images built here, the daemon answers', { component: 'docker', registry, distDir: '' }, true, []],
    [
      'images built here (one of two targets), the daemon does not answer: E_DOCKER_BUILD, with every other problem',
      { component: 'platform', registry, distDir: '', dirty: ['x.py'] },
      true,
      ['E_DIRTY_TREE the work tree has uncommitted changes: x.py', `E_DOCKER_BUILD ${DOWN}`]
    ]
  ] as [string, World, boolean, string[]][])('%s', async (_name, world, asked, problems) => {
    const calls: string[] = []
    const r = await run({
      ...world,
      docker: {
        serverVersion: async (cwd) => {
          calls.push(cwd)
          if (problems.length > 0) throw new PyshipError('E_DOCKER_BUILD', DOWN)
          return '27.3.1'
        }
      }
    })
    expect(r.problems).toEqual(problems)
    expect(calls).toEqual(asked ? [EXAMPLE] : [])
  })
})
