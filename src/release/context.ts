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

export async function openRelease(inputs: Inputs, runner: Runner): Promise<ReleaseContext> {
  const repo = loadMonorepo({ workDir: inputs.workingDirectory, repoRoot: inputs.repositoryRoot }, inputs.config)
  if (repo.problems.length > 0) throw fromProblems(repo.problems)
  const git = new Git(inputs.repositoryRoot)
  const repository = await repositoryName(git, runner)
  const plan = planRelease(repo, {
    component: inputs.component,
    version: inputs.version,
    pypiUrl: inputs.pypiUrl,
    repository,
    registry: inputs.registry
  })
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
    github: new GitHub(runner.apiUrl, repository, inputs.githubToken),
    registry: registries.client(login.host),
    registries,
    index: new PackageIndex(inputs.pypiUrl, inputs.pypiUploadUrl)
  }
}
