/**
 * `hotfix` — the release checklist's "Hotfix Process": from a target's release tag, create
 * `hotfix/<tag>`, bump the patch version of the target's group (the `bump` code),
 * commit and push the branch. The release then runs from that branch.
 */
import { PyshipError, fromProblems } from '../errors.js'
import { findTarget } from '../config/load.js'
import { loadMonorepo } from '../monorepo/load.js'
import { tagFor, versionFromTag } from '../release/plan.js'
import { Git } from '../adapters/git.js'
import { normalizeInputVersion } from '../version/pep440.js'
import type { Inputs } from '../inputs.js'
import type { Runner } from '../runner.js'
import { performBump } from '../adapters/bump-writer.js'
import type { CommandResult } from '../report/result.js'

export async function hotfix(inputs: Inputs, runner: Runner): Promise<CommandResult> {
  const paths = { workDir: inputs.workingDirectory, repoRoot: inputs.repositoryRoot }
  const repo = loadMonorepo(paths, inputs.config)
  if (repo.problems.length > 0) throw fromProblems(repo.problems)
  const target = findTarget(repo.config, inputs.component)
  if (!target) {
    throw new PyshipError(
      'E_INPUT',
      `hotfix needs a target as component (${Object.keys(repo.config.targets).join(', ') || 'none configured'}), not ${JSON.stringify(inputs.component)}`,
      {
        hint: 'e.g. `pyship hotfix cli --from cli-v2.0.0`.'
      }
    )
  }
  // `version` is the released version to fix, given as a version (2.0.0) or as its tag (cli-v2.0.0)
  const released = inputs.version ? (versionFromTag(target.tag, inputs.version) ?? normalizeInputVersion(inputs.version)) : null
  if (!released) {
    throw new PyshipError(
      'E_INPUT',
      `hotfix needs the released version to fix (version, or --from <tag>), e.g. ${tagFor(target.tag, '2.0.0')}`,
      {
        hint: `e.g. \`pyship hotfix ${target.name} --from ${tagFor(target.tag, '2.0.0')}\`.`
      }
    )
  }
  const tag = tagFor(target.tag, released)
  const branch = `hotfix/${tag}`
  const git = new Git(inputs.repositoryRoot)
  const dirty = await git.dirtyFiles()
  if (dirty.length > 0) throw new PyshipError('E_DIRTY_TREE', `the work tree has uncommitted changes: ${dirty.slice(0, 20).join(', ')}`)
  if ((await git.remoteTagCommit(tag)) === null) {
    throw new PyshipError('E_INPUT', `origin has no tag ${tag}: a hotfix starts from a released version`, {
      hint: `Check the version; the target's tags look like ${tagFor(target.tag, released)}.`
    })
  }
  const base = { command: 'hotfix' as const, problems: [], notices: [] as string[] }
  if (await git.remoteBranchExists(branch)) {
    return {
      ...base,
      headline: `hotfix: ${branch} already exists on origin; nothing to do`,
      outputs: { version: '' },
      nextSteps: [`git fetch origin ${branch} && git checkout ${branch}`]
    }
  }
  if (inputs.dryRun) {
    return {
      ...base,
      headline: `hotfix (dry run): would create ${branch} from ${tag}, bump group ${target.group} to the next patch version, commit and push; nothing changed`,
      outputs: { version: '' }
    }
  }
  await git.branchFromTag(branch, tag)
  // the files as they were at the tag
  const atTag = loadMonorepo(paths, inputs.config)
  const { plan, files, notices } = await performBump(
    atTag,
    { component: target.group, version: 'patch', allowDowngrade: false },
    false,
    runner.env.PATH ?? ''
  )
  const sha = await git.commitAll(`chore: hotfix ${target.group} ${plan.version} (from ${tag})`, files)
  await git.pushBranch(branch)
  return {
    ...base,
    headline: `hotfix: ${branch} created from ${tag}; group ${target.group} bumped to ${plan.version} (${sha.slice(0, 12)}) and pushed`,
    outputs: { version: plan.version, tags: JSON.stringify([tagFor(target.tag, plan.version)]) },
    table: {
      header: ['File', 'Line', 'What', 'Change'],
      rows: plan.rows.map((r) => [r.file, String(r.line), r.what, `${r.from} → ${r.to}`])
    },
    notices,
    nextSteps: [
      `commit the fix on ${branch} and push it`,
      `release from the branch: pyship release ${target.name} (or the release workflow on ${branch}); latest: auto keeps "latest" on the newer line`,
      `merge ${branch} back into the default branch`
    ]
  }
}
