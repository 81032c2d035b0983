/** The monorepo as the working tree and git show it: what check and bump read first. */
import { loadMonorepo, type Monorepo } from '../monorepo/load.js'
import type { Inputs } from '../inputs.js'
import { Git } from './git.js'

/**
 * The monorepo and what git knows (no network): the tracked files, where packages are
 * discovered (every package with no groups and no uv workspace; else the ones the gate does
 * not check, which it names), and the local tags only when a package takes its version from them.
 */
export async function readMonorepo(inputs: Inputs): Promise<{ repo: Monorepo; tags: string[] | null }> {
  const paths = { workDir: inputs.workingDirectory, repoRoot: inputs.repositoryRoot }
  const git = new Git(inputs.workingDirectory)
  const repo = loadMonorepo(paths, inputs.config, { trackedFiles: await git.trackedFiles() })
  const tags = [...repo.packages.values()].some((p) => p.source.kind === 'vcs') ? await git.localTags() : null
  return { repo, tags }
}
