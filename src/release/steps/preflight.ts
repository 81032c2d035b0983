/**
 * 2. preflight — read-only, before anything is built, every problem together: clean
 * work tree, allowed branch (a detached HEAD: its commit on an allowed branch of origin),
 * versions in the files, tags, the index, the registry (login and the right to push),
 * credentials. It also learns what a previous run of this commit already did — and a tag
 * or release the user made for this commit — so later steps resume or adopt instead of
 * repeating it.
 */
import { accessSync, constants, statSync } from 'node:fs'
import { PyshipError, fromProblems, problem, toProblems, type Problem } from '../../errors.js'
import { Docker } from '../../adapters/docker.js'
import { missingContextFiles } from '../../adapters/dockerfile.js'
import { relativeFile } from '../../pyproject/package.js'
import { checkVersions } from '../../monorepo/consistency.js'
import { waivedNotice } from '../../monorepo/waivers.js'
import type { Step } from '../pipeline.js'
import { describeHolder, lockedTags } from '../lock.js'
import { releasesOfTag } from '../github-release.js'
import { inspectLock, me } from './lock.js'
import { imageTags } from '../images.js'
import { decideProvenance } from '../provenance.js'
import type { ReleaseState, TargetState } from '../state.js'
import type { ReleasePlan } from '../plan.js'
import { ALL } from '../train.js'

/** What the files must agree on: the component's version, or each released group's (a release of every changed group). */
function versionScopes(plan: ReleasePlan): { component: string; version: string }[] {
  if (plan.component !== ALL) return [{ component: plan.component, version: plan.version }]
  const items = plan.targets.flatMap((t) => [...t.packages, ...t.tested, ...t.images])
  return [...new Map(items.map((x) => [x.group, { component: x.group, version: x.version }])).values()]
}

function branchAllowed(branch: string | null, defaultBranch: string | null): boolean {
  return branch !== null && (branch === defaultBranch || branch.startsWith('hotfix/'))
}

export const preflight: Step<ReleaseState> = {
  name: 'preflight',
  readOnly: true,
  async run(state) {
    const { inputs, runner, git, github, registries, repo, plan, sha } = state
    const problems: Problem[] = []
    const collect = async (fn: () => Promise<void>): Promise<void> => {
      try {
        await fn()
      } catch (error) {
        if (!(error instanceof PyshipError)) throw error
        problems.push(...toProblems(error))
      }
    }
    const dirty = await git.dirtyFiles()
    if (dirty.length > 0) {
      const shown = dirty.slice(0, 20).join(', ') + (dirty.length > 20 ? `, … (${dirty.length} in all)` : '')
      problems.push(problem('E_DIRTY_TREE', `the work tree has uncommitted changes: ${shown}`))
    }
    const checkedOut = await git.currentBranch()
    let defaultBranch = await git.defaultBranch()
    await collect(async () => {
      const info = await github.repo()
      defaultBranch = info.default_branch ?? defaultBranch
      state.releases = await github.releases()
    })
    let where = ''
    if (checkedOut !== null) {
      // on a branch: the workflow's branch (GITHUB_REF_NAME), else the one checked out
      const branch = runner.refType === 'branch' && runner.refName ? runner.refName : checkedOut
      where = `on ${branch}`
      if (!branchAllowed(branch, defaultBranch)) {
        problems.push(
          defaultBranch === null
            ? problem(
                'E_BRANCH',
                `releasing from branch ${branch} cannot be allowed: the default branch is unknown (origin did not name it and GitHub did not answer)`,
                undefined,
                'pyship reads the default branch from origin (`git ls-remote --symref origin HEAD`) or from GitHub: make origin reachable, or release from a hotfix/* branch.'
              )
            : problem('E_BRANCH', `releasing from branch ${branch} is not allowed: release from ${defaultBranch} or a hotfix/* branch`)
        )
      }
    } else {
      await collect(async () => {
        where = await detachedOnAllowedBranch(state, defaultBranch)
      })
    }
    for (const scope of versionScopes(plan)) {
      const versions = checkVersions(repo, scope)
      problems.push(...versions.problems)
      // a waived problem does not stop the release, and is said (never silent)
      state.notices.push(...versions.waived.map(waivedNotice))
    }
    await collect(async () => checkTempDir(runner.tempDir))

    const hasImages = state.targets.some((t) => t.images.length > 0)
    // every registry an image goes to, logins first: when one is refused, looking up its images would only repeat that
    const refused = new Set<string>()
    const checked = new Set<string>()
    for (const image of state.targets.flatMap((t) => t.images)) {
      const { registry, repository } = image.plan
      if (checked.has(`${registry}/${repository}`) || refused.has(registry)) continue
      checked.add(`${registry}/${repository}`)
      await collect(async () => {
        try {
          await registries.client(registry).checkLogin(repository)
        } catch (error) {
          refused.add(registry)
          throw error
        }
      })
    }
    let originTags = new Map<string, string>()
    await collect(async () => {
      originTags = await git.remoteTags()
    })
    const needCredentials: string[] = []
    const self = me(state)
    for (const tag of lockedTags(state.targets.map((t) => t.plan))) {
      await collect(async () => {
        const held = await inspectLock(git, tag, self)
        if (held && !held.take) {
          problems.push(
            problem(
              'E_RELEASE_IN_PROGRESS',
              `another run is releasing ${tag}: ${held.holder ? describeHolder(held.holder) : 'a run pyship cannot identify'} (${held.why})`
            )
          )
        }
      })
    }
    for (const target of state.targets) {
      const owned = learnTarget(state, target, originTags, problems)
      for (const pkg of target.packages) {
        await collect(async () => {
          pkg.onIndex = await state.index.files(pkg.plan.name, pkg.plan.version)
        })
        if (pkg.onIndex !== null && !owned) {
          const next = await state.index.nextFreeVersion(pkg.plan.name, pkg.plan.version).catch(() => 'the next patch version')
          problems.push(
            problem(
              'E_PYPI_EXISTS',
              `${pkg.plan.name} ${pkg.plan.version} is already on the index (${pkg.plan.pypiUrl}) and no release of ${target.plan.tag} by this commit records it`,
              undefined,
              `Version already exists on PyPI: PyPI versions are immutable. Bump to the next version: \`pyship bump ${target.plan.group} ${next}\`, commit, push, release ${next}.`
            )
          )
        }
        if (pkg.onIndex === null) needCredentials.push(pkg.plan.name)
      }
      for (const image of target.images) {
        // a Docker tag cannot spell a PEP 440 epoch (`1!2.0.0`): refused here, not by the build
        if (/^\d+!/.test(image.plan.version)) {
          problems.push(
            problem(
              'E_INVALID_VERSION',
              `version ${image.plan.version} of image ${image.plan.name} has an epoch (${image.plan.version.split('!')[0]}!), which a Docker tag cannot hold (no "!"), and without it the tags would take those of the version's epoch-0 line`,
              undefined,
              'Release images of a version without an epoch, or give the image its own version line (a target of its own group).'
            )
          )
          continue
        }
        const missing = missingContextFiles(image.plan.context, image.plan.dockerfile)
        if (missing.length > 0) {
          problems.push(
            problem(
              'E_DOCKER_BUILD',
              `image ${image.plan.name} cannot build: ${missing.join('; ')}`,
              { file: relativeFile(repo.paths, image.plan.dockerfile) },
              `Docker build fails in CI: every file the Dockerfile COPYs/ADDs must exist in the context ${relativeFile(repo.paths, image.plan.context)}/ and not be excluded by .dockerignore; also check the Dockerfile syntax and stale build cache.`
            )
          )
        }
        if (refused.has(image.plan.registry)) continue
        await collect(async () => {
          const registry = registries.client(image.plan.registry)
          image.tags = imageTags(image.plan.version, await registry.tags(image.plan.repository), inputs.latest, repo.config.brokenSuffix, {
            templates: image.plan.tagTemplates,
            siblings: image.plan.siblings
          })
          const versionTag = image.tags[0]
          const existing = await registry.digest(image.plan.repository, versionTag)
          if (existing === null) return
          const labels = await registry.labels(image.plan.repository, existing)
          if (labels['org.opencontainers.image.revision'] === sha) image.pushed = existing
          else {
            problems.push(
              problem(
                'E_IMAGE_EXISTS',
                `${image.plan.ref}:${versionTag} already exists with other content (revision ${labels['org.opencontainers.image.revision']?.slice(0, 12) ?? 'unknown'}, not ${sha.slice(0, 12)})`
              )
            )
          }
        })
      }
    }
    // a release from dist-dir builds no image: the registry API joins what the build jobs pushed
    if (hasImages && !inputs.distDir) {
      const docker = (state.docker ??= new Docker(runner.tempDir))
      await collect(async () => {
        await docker.serverVersion(inputs.workingDirectory)
      })
    }
    if (needCredentials.length > 0 && !inputs.pypiToken && !runner.oidc) {
      problems.push(
        problem(
          'E_NO_PYPI_TOKEN',
          `no PyPI credentials to upload ${needCredentials.join(', ')}: \`pypi-token\` is empty and trusted publishing is not available (no OIDC token)`
        )
      )
    }
    // build provenance: the permissions it needs, named before anything is built (by the release
    // job itself: plan's job signs nothing, and its permissions need not be the release job's)
    if (inputs.command !== 'plan') await collect(() => decideProvenance(state, problems))
    if (problems.length > 0) throw fromProblems(problems)
    // a tag already at this commit (pushed by the user: `on: push: tags`, `release: published`) is adopted, not made again
    const adopted = state.targets.filter((t) => t.remoteTag === sha && t.release?.target_commitish !== sha).map((t) => t.plan.tag)
    const resuming = state.targets.some((s) => s.release?.target_commitish === sha || s.packages.some((x) => x.onIndex))
    const notes = [
      ...(adopted.length ? [`adopting ${adopted.join(', ')} already at this commit`] : []),
      ...(resuming ? ["resuming this commit's release"] : [])
    ]
    return { status: 'done', detail: `${sha.slice(0, 12)} ${where}${notes.map((n) => `; ${n}`).join('')}` }
  }
}

/**
 * A detached HEAD — a job that checked out the plan's commit, a workflow started by a tag
 * or a published release — releases only a commit that an allowed branch of origin holds.
 * The workflow's branch (GITHUB_REF_NAME) is looked at first, then the default branch, then
 * every hotfix/* branch. Returns where the commit was found; throws E_BRANCH otherwise.
 */
async function detachedOnAllowedBranch(state: ReleaseState, defaultBranch: string | null): Promise<string> {
  const { runner, git, sha } = state
  const hinted = runner.refType === 'branch' && runner.refName ? [runner.refName] : []
  const first = [...hinted, ...(defaultBranch ? [defaultBranch] : [])]
  const found = await git.branchContaining(sha, (b) => branchAllowed(b, defaultBranch), first)
  if (found !== null) return `(a detached HEAD${runner.ref ? ` for ${runner.ref}` : ''}) on origin's ${found}`
  const allowed = `${defaultBranch ?? 'the default branch'} or a hotfix/* branch`
  throw new PyshipError(
    'E_BRANCH',
    `the release commit ${sha.slice(0, 12)} (a detached HEAD${runner.ref ? ` checked out for ${runner.ref}` : ''}) is on no allowed branch of origin: release a commit of ${allowed}`,
    {
      hint: `A job that checks out a commit, a tag or a release (a detached HEAD) releases only a commit that origin's ${allowed} already holds: push or merge it there first, then run again (a tag at this commit is kept and used).`
    }
  )
}

/**
 * What origin and GitHub hold for a target's tag. Returns whether that is this
 * commit's own (half-finished or finished) release; another commit's is a problem.
 */
function learnTarget(state: ReleaseState, target: TargetState, originTags: Map<string, string>, problems: Problem[]): boolean {
  const { sha } = state
  const remoteTag = originTags.get(target.plan.tag) ?? null
  const { ours, foreign } = releasesOfTag(state.releases, target.plan.tag, sha, remoteTag)
  target.release = ours
  target.remoteTag = remoteTag
  if (remoteTag && remoteTag !== sha) {
    problems.push(
      problem(
        'E_TAG_EXISTS',
        `tag ${target.plan.tag} already exists on origin at ${remoteTag.slice(0, 12)}, not the release commit ${sha.slice(0, 12)}`
      )
    )
    return false
  }
  // another commit's draft is a leftover (record intent removes it); its published release is not
  const published = foreign.find((r) => !r.draft)
  if (published && remoteTag !== sha) {
    problems.push(
      problem(
        'E_TAG_EXISTS',
        `a GitHub release for ${target.plan.tag} already exists for ${published.target_commitish}, not the release commit ${sha.slice(0, 12)}`
      )
    )
    return false
  }
  return ours !== null || remoteTag === sha
}

/** Builds go below the runner's temporary directory: it must be writable before anything is built. */
function checkTempDir(dir: string): void {
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' })
    accessSync(dir, constants.W_OK)
  } catch (error) {
    throw new PyshipError(
      'E_BUILD',
      `the temporary directory ${dir} is not writable (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      {
        hint: 'pyship builds outside the work tree, in RUNNER_TEMP (or the system temporary directory): make it writable, or point RUNNER_TEMP at a writable directory.'
      }
    )
  }
}
