/**
 * A release step's state for unit tests (goreleaser's `internal/testctx` is the model):
 * `testState({ git: { remoteRef: … } })` gives a ReleaseState whose adapters are fakes made
 * of the methods a test names. Calling any other adapter method fails the test with
 * "git.pushAnnotatedTag is not faked", so a test says exactly which of the outside world a
 * step touches, and a step that starts touching more is seen.
 */
import type { Git } from '../src/adapters/git.js'
import type { GitHub, Release } from '../src/adapters/github.js'
import type { Registry } from '../src/adapters/registry.js'
import type { Registries } from '../src/release/registries.js'
import type { PackageIndex } from '../src/adapters/pypi.js'
import type { Inputs } from '../src/inputs.js'
import type { Runner } from '../src/runner.js'
import { DEFAULT_HTTP_SETTINGS } from '../src/runner.js'
import type { TargetPlan } from '../src/release/plan.js'
import type { ReleaseState, TargetState } from '../src/release/state.js'

export const SHA = 'a'.repeat(40)
export const OTHER_SHA = 'b'.repeat(40)

/** An object with the given members; reading any other member gives a function that throws. */
export function fake<T extends object>(name: string, members: Partial<T> = {}): T {
  return new Proxy(members as T, {
    get(target, prop) {
      if (prop in target) return (target as Record<string | symbol, unknown>)[prop]
      if (prop === 'then' || typeof prop === 'symbol') return undefined
      return () => {
        throw new Error(`${name}.${String(prop)} is not faked: give it to testState()`)
      }
    }
  })
}

export function testRunner(overrides: Partial<Runner> = {}): Runner {
  return {
    repository: 'acme/dakora',
    sha: SHA,
    refName: 'main',
    refType: 'branch',
    ref: 'refs/heads/main',
    actor: 'octocat',
    apiUrl: 'https://api.github.com',
    serverUrl: 'https://github.com',
    runId: '1000',
    runAttempt: '1',
    workflow: 'release',
    tempDir: '/tmp',
    oidc: null,
    debug: false,
    actions: true,
    env: {},
    parallelism: 2,
    http: DEFAULT_HTTP_SETTINGS,
    ...overrides
  }
}

/** A target of kind pypi with no packages (tests add what they need). */
export function testTarget(tag: string, overrides: Partial<TargetState> = {}): TargetState {
  const plan = {
    name: tag.replace(/-v.*$/, ''),
    tag,
    releaseName: tag,
    prerelease: false,
    group: 'g',
    version: /\d+\.\d+\.\d+$/.exec(tag)?.[0] ?? '2.0.0',
    kind: 'pypi',
    tagTemplate: tag.replace(/\d+\.\d+\.\d+$/, '{version}'),
    githubLatest: true
  } as unknown as TargetPlan
  return { plan, release: null, remoteTag: null, packages: [], images: [], ...overrides }
}

export interface TestStateOptions {
  git?: Partial<Git>
  github?: Partial<GitHub>
  registry?: Partial<Registry>
  index?: Partial<PackageIndex>
  inputs?: Partial<Inputs>
  runner?: Partial<Runner>
  targets?: TargetState[]
  releases?: Release[]
  sha?: string
}

export function testState(options: TestStateOptions = {}): ReleaseState {
  const runner = testRunner(options.runner)
  const registry = fake<Registry>('registry', options.registry)
  const dockerReady = new Set<string>()
  return {
    inputs: {
      dryRun: false,
      latest: 'auto',
      workingDirectory: '/work',
      repositoryRoot: '/work',
      pypiUrl: 'https://pypi.org',
      pypiUploadUrl: 'https://upload.pypi.org/legacy/',
      ...options.inputs
    } as Inputs,
    runner,
    repo: fake('repo'),
    git: fake<Git>('git', options.git),
    repository: 'acme/dakora',
    github: fake<GitHub>('github', options.github),
    registry,
    // every registry host answers through the one faked registry; docker logs in once per host with the inputs' login
    registries: fake<Registries>('registries', {
      client: () => registry,
      prepareDocker: async (docker, host, cwd) => {
        if (dockerReady.has(host)) return
        dockerReady.add(host)
        await docker.login(host, 'octocat', 'secret', cwd)
      }
    }),
    index: fake<PackageIndex>('index', options.index),
    login: { host: 'ghcr.io', username: 'octocat', password: 'secret' },
    plan: fake('plan'),
    sha: options.sha ?? SHA,
    tools: fake('tools'),
    targets: options.targets ?? [testTarget('cli-v2.0.0')],
    releases: options.releases ?? [],
    notices: [],
    docker: null,
    outRoot: '/tmp/out',
    commitTime: 1_790_000_000,
    locks: [],
    heartbeat: null
  }
}

/** A GitHub release as the API returns it. */
/** A release; a draft is pyship's own (record intent's body) unless `body` says otherwise. */
export function release(fields: Partial<Release> & { id: number; tag_name: string }): Release {
  return {
    target_commitish: SHA,
    name: fields.tag_name,
    body: fields.draft === false ? '' : `Release of ${fields.tag_name} in progress (pyship): workflow run 1, commit ${SHA.slice(0, 12)}.`,
    draft: true,
    prerelease: false,
    html_url: `https://github.com/acme/dakora/releases/tag/${fields.tag_name}`,
    ...fields
  }
}
