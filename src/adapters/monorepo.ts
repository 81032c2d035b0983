/** The monorepo as the working tree and git show it: what check and bump read first. */
import { hasOtherPyprojects, loadMonorepo, type Monorepo } from '../monorepo/load.js'
import type { Inputs } from '../inputs.js'
import { Git } from './git.js'

/**
 * The monorepo and, only where they matter, what git knows (no network): the tracked files
 * when packages are discovered (every package with no groups and no uv workspace; else those the
 * gate does not check, which it names — looked for only when the tree holds a pyproject.toml
 * nothing else names), the local tags when a package takes its version from them. Most runs
 * start no git process at all.
 */
export async function readMonorepo(inputs: Inputs): Promise<{ repo: Monorepo; tags: string[] | null }> {
  const paths = { workDir: inputs.workingDirectory, repoRoot: inputs.repositoryRoot }
  const git = new Git(inputs.workingDirectory)
  let repo = loadMonorepo(paths, inputs.config, { discover: false })
  if (repo.discovered || hasOtherPyprojects(repo)) repo = loadMonorepo(paths, inputs.config, { trackedFiles: await git.trackedFiles() })
  const tags = [...repo.packages.values()].some((p) => p.source.kind === 'vcs') ? await git.localTags() : null
  return { repo, tags }
}
