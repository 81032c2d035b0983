/**
 * What release, verify and rollback share: the monorepo, the git repository, the
 * GitHub repository, the registry and the plan for a component and version. Every
 * default that depends on the runner (registry credentials, API URL) is resolved here,
 * once.
 */
import { PyshipError, fromProblems } from '../errors.js'
import { loadMonorepo, type Monorepo } from '../monorepo/load.js'
import { Git } from '../adapters/git.js'
import { GitHub } from '../adapters/github.js'
import type { Registry } from '../adapters/registry.js'
import { readDockerAuths } from '../adapters/docker-config.js'
import { Registries } from './registries.js'
import { PackageIndex } from '../adapters/pypi.js'
import type { Inputs } from '../inputs.js'
import type { Runner } from '../runner.js'
import { planRelease, type ReleasePlan } from './plan.js'
import { combinePlans, dateTag, releasedIn, releaseTagVersion, RETIRED_TAGS, trainTags } from './train.js'
import type { ReleaseSet } from './history.js'
import { tagFor } from '../version/tag-template.js'
import { normalizeVersion } from '../version/pep440.js'
import type { ReleaseTag as ReleaseTagConfig } from '../config/release-tag.js'

export interface RegistryLogin {
  host: string
  /** registry-username, else the runner's actor. */
  username: string
  /** registry-password, else github-token. */
  password: string
}

export interface ReleaseContext {
  inputs: Inputs
  runner: Runner
  repo: Monorepo
  git: Git
  /** owner/repo on GitHub. */
  repository: string
  github: GitHub
  /** The `registry` input's registry client. */
  registry: Registry
  /** Every registry an image goes to, each with its own credentials (registries.ts). */
  registries: Registries
  /** The package index (pypi-url, pypi-upload-url). */
  index: PackageIndex
  login: RegistryLogin
  plan: ReleasePlan
}

/** owner/repo from GITHUB_REPOSITORY, else from origin's github.com URL. */
export async function repositoryName(git: Git, runner: Runner): Promise<string> {
  if (runner.repository) return runner.repository
  const url = await git.originUrl()
  const m = /github\.com[:/]([^/]+\/[^/]+?)(?:\.git)?$/.exec(url ?? '')
  if (!m) {
    // the URL is never printed: it may carry credentials
    const origin = url === null ? 'the repository has no remote origin' : 'origin is not a github.com URL'
    throw new PyshipError('E_INPUT', `cannot tell the GitHub repository: GITHUB_REPOSITORY is not set and ${origin}`, {
      hint: 'Set GITHUB_REPOSITORY=owner/repo when running the CLI (and add the remote `origin` the release pushes its tags to).'
    })
  }
  return m[1]
}

export function registryLogin(inputs: Inputs, runner: Runner): RegistryLogin {
  return {
    host: inputs.registry,
    username: inputs.registryUsername || runner.actor,
    password: inputs.registryPassword || inputs.githubToken
  }
}

type PlanOptions = Parameters<typeof planRelease>[1]

/**
 * The plan of a release of every changed group (`set`, input `all`): each group's own plan side
 * by side, or under the release-level tag — a named group's version, or the release commit's
 * date with `.2`, `.3`… when another commit's tag or release has the day's tag already.
 */
async function planChanged(repo: Monorepo, git: Git, github: GitHub, set: ReleaseSet, options: PlanOptions): Promise<ReleasePlan> {
  const plans = set.changed.map((c) => planRelease(repo, { ...options, component: c.group, version: '' }))
  const config = repo.config.release
  if (!config) return combinePlans(plans)
  if (config.kind === 'version') {
    const group = config.group as string
    const versions = [
      ...new Set(repo.config.groups[group].packages.map((d) => normalizeVersion(repo.packages.get(d)?.version ?? '') ?? ''))
    ]
    if (versions.length !== 1 || versions[0] === '') {
      throw new PyshipError(
        'E_VERSION_MISMATCH',
        `group ${group} names the release (release.tag = ${JSON.stringify(config.tag)}), and its packages do not agree on one version`,
        {
          hint: `Make them equal with \`pyship bump ${group} <version>\`, commit and push.`
        }
      )
    }
    return combinePlans(plans, { config, tag: tagFor(config.template, versions[0]), version: versions[0] })
  }
  const sha = await git.headCommit()
  const [time, origin, retired, releases] = await Promise.all([
    git.commitTime(sha),
    git.remoteTags().catch(() => new Map<string, string>()),
    git.remoteRefsUnder(RETIRED_TAGS).catch(() => new Map<string, string>()),
    github.releases().catch(() => [])
  ])
  const taken = (tag: string): boolean => {
    if (retired.has(tag)) return true
    const at = origin.get(tag)
    if (at !== undefined) return at !== sha
    return releases.some((r) => r.tag_name === tag && r.target_commitish !== sha)
  }
  return combinePlans(plans, { config, ...dateTag(config, time, taken) })
}

/**
 * The release-level tag of `version` and its message (the local tag's, else origin's: a checkout
 * without tags). Neither: E_INPUT, with the last release-level tags there are.
 */
async function releaseLevelTag(
  git: Git,
  config: ReleaseTagConfig,
  version: string
): Promise<{ tag: string; version: string; message: string }> {
  const tag = tagFor(config.template, version)
  const message =
    releaseTagVersion(config, tag) === null ? null : ((await git.tagMessages([tag])).get(tag) ?? (await git.remoteTagMessage(tag)))
  if (message !== null) return { tag, version, message }
  const local = (await git.localTags()) ?? []
  const origin = [...(await git.remoteTags().catch(() => new Map<string, string>())).keys()]
  const known = trainTags(config, [...new Set([...local, ...origin])]).slice(0, 5)
  throw new PyshipError(
    'E_INPUT',
    `rollback: no release-level tag ${tag} here or on origin: it was never released, or a rollback of it already finished (its tag goes last)`,
    {
      hint:
        known.length > 0
          ? `Check the version input: the last release-level tags are ${known.map((t) => t.version).join(', ')} (newest first).`
          : `Check the version input: there is no release-level tag (${config.tag}) yet.`
    }
  )
}

/** Which release-level tag's release verify or rollback with `all` reads: the last in HEAD's history, or the one of a version. */
export type TrainPick = { last: true; command: 'verify' } | { version: string; command: 'rollback' }

/**
 * The plan of a release-level tag's release (`verify` or `rollback` with `all`): every group its
 * message says it released, at that version, under that tag. The message is the local tag's,
 * else origin's (a checkout without tags).
 */
async function planTrain(repo: Monorepo, git: Git, options: PlanOptions, pick: TrainPick): Promise<ReleasePlan> {
  const config = repo.config.release
  if (!config) {
    throw new PyshipError(
      'E_INPUT',
      `${pick.command} with \`all\` ${pick.command === 'verify' ? 'verifies' : 'rolls back'} a release-level tag, and the config has no [tool.pyship.release] tag`,
      {
        hint: `${pick.command === 'verify' ? 'Verify one component (`pyship verify <component> <version>`)' : 'Roll back one component (`pyship rollback <component> <version>`)'}, or declare the release-level tag (README "One tag for many packages").`
      }
    )
  }
  const chosen: { tag: string; version: string; message?: string } | undefined =
    'last' in pick ? trainTags(config, (await git.mergedTags()) ?? [])[0] : await releaseLevelTag(git, config, pick.version)
  if (!chosen) {
    throw new PyshipError('E_VERIFY', `no release-level tag (${config.tag}) in HEAD's history: nothing was released under one`, {
      hint: 'Release with `all: true` first, or check out the commit that was released.'
    })
  }
  const message = chosen.message ?? (await git.tagMessages([chosen.tag])).get(chosen.tag) ?? ''
  const members = Object.keys(repo.config.groups).flatMap((group) => {
    const version = releasedIn(message, group)
    return version === null ? [] : [{ group, version }]
  })
  if (members.length === 0) {
    throw new PyshipError('E_VERIFY', `${chosen.tag}'s message lists no group of this config, so what it released cannot be told`, {
      hint: 'A release-level tag pyship made lists `<group> <version>` lines in its message; check that the tag is one of them.'
    })
  }
  const plans = members.map((m) => planRelease(repo, { ...options, component: m.group, version: m.version }))
  return combinePlans(plans, { config, tag: chosen.tag, version: chosen.version })
}

/** `set`: a release of every changed group (input `all`); a `TrainPick`: a release-level tag's release (verify, rollback with `all`). */
export async function openRelease(inputs: Inputs, runner: Runner, set?: ReleaseSet | TrainPick): Promise<ReleaseContext> {
  const repo = loadMonorepo({ workDir: inputs.workingDirectory, repoRoot: inputs.repositoryRoot }, inputs.config)
  if (repo.problems.length > 0) throw fromProblems(repo.problems)
  const git = new Git(inputs.repositoryRoot)
  const repository = await repositoryName(git, runner)
  const github = new GitHub(runner.apiUrl, repository, inputs.githubToken)
  const options: PlanOptions = {
    component: inputs.component,
    version: inputs.version,
    pypiUrl: inputs.pypiUrl,
    repository,
    registry: inputs.registry
  }
  const plan =
    set && 'command' in set
      ? await planTrain(repo, git, options, set)
      : set
        ? await planChanged(repo, git, github, set, options)
        : planRelease(repo, options)
  const login = registryLogin(inputs, runner)
  const registries = new Registries(login, readDockerAuths(runner.dockerConfig))
  return {
    inputs,
    runner,
    repo,
    git,
    repository,
    plan,
    login,
    github,
    registry: registries.client(login.host),
    registries,
    index: new PackageIndex(inputs.pypiUrl, inputs.pypiUploadUrl)
  }
}
