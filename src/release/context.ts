/**
 * What release, verify and rollback share: the monorepo, the git repository, the
 * GitHub repository, the registry and the plan for a component and version.
 */
import { PyshipError, fromProblems } from '../errors.js'
import { loadMonorepo, type Monorepo } from '../monorepo/load.js'
import { Git } from '../adapters/git.js'
import { GitHub } from '../adapters/github.js'
import { Registry } from '../adapters/registry.js'
import type { Inputs } from '../inputs.js'
import { planRelease, type ReleasePlan } from './plan.js'

export interface ReleaseContext {
  repo: Monorepo
  git: Git
  /** owner/repo on GitHub. */
  repository: string
  github: GitHub
  registry: Registry
  plan: ReleasePlan
}

/** owner/repo from GITHUB_REPOSITORY, else from origin's github.com URL. */
export async function repositoryName(git: Git, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.GITHUB_REPOSITORY) return env.GITHUB_REPOSITORY
  const url = await git.originUrl()
  const m = /github\.com[:/]([^/]+\/[^/]+?)(?:\.git)?$/.exec(url ?? '')
  if (!m) {
    throw new PyshipError('E_INPUT', 'cannot tell the GitHub repository: GITHUB_REPOSITORY is not set and origin is not a github.com URL', {
      hint: 'Set GITHUB_REPOSITORY=owner/repo when running the CLI.'
    })
  }
  return m[1]
}

export async function openRelease(inputs: Inputs, env: NodeJS.ProcessEnv = process.env): Promise<ReleaseContext> {
  const repo = loadMonorepo({ workDir: inputs.workingDirectory, repoRoot: inputs.repositoryRoot }, inputs.config)
  if (repo.problems.length > 0) throw fromProblems(repo.problems)
  const git = new Git(inputs.repositoryRoot)
  const repository = await repositoryName(git, env)
  const plan = planRelease(repo, { component: inputs.component, version: inputs.version, pypiUrl: inputs.pypiUrl, repository })
  return {
    repo,
    git,
    repository,
    plan,
    github: new GitHub(env.GITHUB_API_URL || 'https://api.github.com', repository, inputs.githubToken),
    registry: new Registry(inputs.registry, inputs.registryUsername || env.GITHUB_ACTOR || '', inputs.registryPassword || inputs.githubToken)
  }
}
