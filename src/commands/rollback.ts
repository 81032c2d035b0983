/**
 * `rollback` — the release checklist's "Rollback" for an explicit version: delete the GitHub
 * Release and the tag, mark each image `{version}-broken` and move `{major}.{minor}`
 * and `latest` off it, and say how to yank on PyPI (which has no yank API). Every
 * step reports done / already done, so a rollback can be re-run; dry-run changes nothing.
 */
import { PyshipError } from '../errors.js'
import { openRelease, type ReleaseContext } from '../release/context.js'
import { RETIRED_TAGS } from '../release/train.js'
import { renderTag, rollbackMoves, versionTemplate } from '../release/images.js'
import type { PackageIndex } from '../adapters/pypi.js'
import { compareVersions, parseVersion } from '../version/pep440.js'
import { normalizeName } from '../pyproject/requirement.js'
import type { Registries } from '../release/registries.js'
import type { Inputs } from '../inputs.js'
import type { CommandResult } from '../report/result.js'
import type { Runner } from '../runner.js'
import { StepLog } from '../release/pipeline.js'
import { versionFromTag, type ImagePlan, type ReleasePlan } from '../release/plan.js'

/** One rollback step: done (or "would run" in a dry run) when needed, else already done. */
type Act = (what: string, needed: boolean, run: () => Promise<string | void>, already?: string) => Promise<void>

/** Where to yank a release by hand (PyPI has no yank API). */
export function yankAdvice(pypiUrl: string, name: string, version: string): string {
  const host = new URL(pypiUrl).host
  if (host === 'pypi.org' || host === 'test.pypi.org') {
    return `yank ${name} ${version} at https://${host}/manage/project/${normalizeName(name)}/release/${version}/ (Options → Yank)`
  }
  return `yank or delete ${name} ${version} with the tools of the index at ${pypiUrl} (PyPI-compatible indexes have no common yank API)`
}

export async function rollback(inputs: Inputs, runner: Runner): Promise<CommandResult> {
  if (!inputs.version) {
    throw new PyshipError('E_INPUT', 'rollback needs an explicit version: the released version to roll back', {
      hint: inputs.all
        ? "with `all`, the release-level tag's version, e.g. `pyship rollback --all 2026.12.04`; rollback never guesses which release is bad."
        : 'e.g. `pyship rollback platform 2.0.0`; rollback never guesses which release is bad.'
    })
  }
  return performRollback(await openRelease(inputs, runner, inputs.all ? { version: inputs.version, command: 'rollback' } : undefined))
}

/** What a rollback reads and changes: the context of a release (its unit tests give fakes). */
export type RollbackContext = Pick<ReleaseContext, 'inputs' | 'repo' | 'git' | 'github' | 'registries' | 'index' | 'plan'>

/** The rollback of `plan.version` once the release's context is open. */
export async function performRollback(context: RollbackContext): Promise<CommandResult> {
  const { inputs, repo, git, github, registries, index, plan } = context
  const steps = new StepLog()
  const notices: string[] = []
  const act: Act = async (what, needed, run, already = 'nothing to do') => {
    if (!needed) return steps.add(what, 'already done', already)
    if (inputs.dryRun) return steps.add(what, 'would run')
    await steps.run(what, async () => ({ status: 'done', detail: (await run()) ?? '' }))
  }

  const releases = await github.releases()
  const tags = await git.remoteTags()
  await refuseNeverReleased(plan, releases, tags, registries, index, repo.config.brokenSuffix)
  for (const target of plan.targets) {
    const rel = releases.find((r) => r.tag_name === target.tag)
    const dropRelease = async (): Promise<void> => {
      await act(
        `delete GitHub release ${target.tag}`,
        !!rel,
        async () => {
          await github.deleteRelease((rel as { id: number }).id)
        },
        'no such release'
      )
      if (target.dated) await retireName(target.tag)
      await act(
        `delete tag ${target.tag} on origin`,
        tags.has(target.tag),
        async () => {
          await git.deleteRemoteTag(target.tag)
        },
        'no such tag'
      )
      if (rel || tags.has(target.tag)) {
        notices.push(`repositories with immutable releases never let ${target.tag} be used again: release the fix as a new version`)
      }
    }
    // a calendar tag's name was chosen by pyship: kept on origin before the tag goes, so a
    // rollback cut short between the two still knows the commit, and no release takes it again
    const retireName = async (tag: string): Promise<void> => {
      const ref = `${RETIRED_TAGS}${tag}`
      const at = tags.get(tag)
      const kept = (await git.remoteRef(ref)) !== null
      await act(
        `keep the name ${tag} from being used again (${ref} on origin)`,
        at !== undefined && !kept,
        async () => {
          // false: another rollback kept it first, which is as good
          await git.casRemoteRef(ref, null, at as string)
        },
        kept ? 'already kept' : 'no such tag'
      )
      if (at !== undefined || kept)
        notices.push(
          `the next release-level release that day takes the next free tag, never ${tag} again (${ref} on origin keeps the name; delete that ref to free it)`
        )
    }
    const dropArtifacts = async (): Promise<void> => {
      for (const image of target.images) await rollbackImage(registries, inputs, image, repo.config.brokenSuffix, act, steps, notices)
      for (const pkg of target.packages) {
        const next = await index.nextFreeVersion(pkg.name, pkg.version).catch(() => null)
        steps.add(`yank ${pkg.name} ${pkg.version} on the index`, 'not possible', 'PyPI has no yank API')
        notices.push(`${yankAdvice(inputs.pypiUrl, pkg.name, pkg.version)}; the next safe version is ${next ?? 'the next patch version'}`)
      }
    }
    // a release-level tag's message is the only record of what each group released: it goes last,
    // so a rollback cut short finds it again on its re-run
    if (target.members) {
      await dropArtifacts()
      await dropRelease()
    } else {
      await dropRelease()
      await dropArtifacts()
    }
  }
  return {
    command: 'rollback',
    headline: `rollback of ${plan.targets.map((t) => t.tag).join(', ')}${inputs.dryRun ? ' (dry run: nothing changed)' : ''}: ${steps.records.filter((s) => s.status === 'done').length} done, ${steps.records.filter((s) => s.status === 'already done').length} already done`,
    problems: [],
    outputs: { version: plan.version, tags: JSON.stringify(plan.targets.map((t) => t.tag)) },
    table: { header: ['Step', 'Status', 'Detail'], rows: steps.records.map((s) => [s.step, s.status, s.detail]) },
    notices
  }
}

/**
 * A version with no trace anywhere (no GitHub release, no tag on origin, no image, not on the
 * index) was never released: rolling it back would report "already done" for a typo. That is
 * the `version` input naming nothing (E_INPUT, with the versions that were released), not a
 * release that went missing (E_VERIFY is for what `verify` expects after a release).
 */
async function refuseNeverReleased(
  plan: ReleasePlan,
  releases: { tag_name: string }[],
  tags: Map<string, string>,
  registries: Registries,
  index: PackageIndex,
  brokenSuffix: string
): Promise<void> {
  for (const target of plan.targets) {
    if (releases.some((r) => r.tag_name === target.tag) || tags.has(target.tag)) return
    for (const image of target.images) {
      const registry = registries.client(image.registry)
      const versionTag = renderTag(versionTemplate(image.tagTemplates), image.version)
      // the {version}-broken tag alone: a rollback that already ran
      if (
        (await registry.digest(image.repository, versionTag)) ||
        (await registry.digest(image.repository, `${versionTag}${brokenSuffix}`))
      )
        return
    }
    for (const pkg of target.packages) if ((await index.files(pkg.name, pkg.version)) !== null) return
  }
  const released = new Set<string>()
  for (const target of plan.targets) {
    for (const tag of tags.keys()) {
      const v = versionFromTag(target.tagTemplate, tag)
      if (v && parseVersion(v)) released.add(v)
    }
  }
  const newest = [...released].sort(compareVersions).slice(-5)
  const where = [
    'no GitHub release',
    `no tag ${plan.targets.map((t) => t.tag).join(', ')} on origin`,
    ...(plan.targets.some((t) => t.images.length > 0) ? [`no image ${renderTag('{version}', plan.version)}`] : []),
    ...(plan.targets.some((t) => t.packages.length > 0) ? ['not on the index'] : [])
  ]
  throw new PyshipError(
    'E_INPUT',
    `rollback: ${plan.component} ${plan.version} was never released (${where.join(', ')}): nothing to roll back`,
    {
      hint:
        newest.length > 0
          ? `Check the version input: the released versions of ${plan.component} are ${newest.join(', ')} (newest last).`
          : `Check the version and component inputs: ${plan.component} has no release tag on origin yet.`
    }
  )
}

async function rollbackImage(
  registries: Registries,
  inputs: Inputs,
  image: ImagePlan,
  brokenSuffix: string,
  act: Act,
  steps: StepLog,
  notices: string[]
): Promise<void> {
  const { repository, ref: name, version } = image
  const registry = registries.client(image.registry)
  const own = versionTemplate(image.tagTemplates)
  const versionTag = renderTag(own, version)
  const bad = await registry.digest(repository, versionTag)
  if (!bad) return act(`mark ${name}:${versionTag} broken`, false, async () => undefined, 'no such image')
  const brokenTag = `${versionTag}${brokenSuffix}`
  await act(
    `mark ${name}:${versionTag} as ${brokenTag}`,
    (await registry.digest(repository, brokenTag)) !== bad,
    () => registry.tag(repository, bad, brokenTag),
    'already marked'
  )
  // this variant's moving tags, each to its highest good version left without this one (broken now, or after a dry run)
  const existing = await registry.tags(repository)
  const moves = rollbackMoves(version, [...existing, brokenTag], { templates: image.tagTemplates, siblings: image.siblings }, brokenSuffix)
  for (const { tag, to } of moves) {
    if ((await registry.digest(repository, tag)) !== bad) {
      await act(`move ${name}:${tag} off ${versionTag}`, false, async () => undefined, `${tag} does not point at ${versionTag}`)
      continue
    }
    if (to) {
      await act(`move ${name}:${tag} to ${to}`, true, async () => {
        await registry.tag(repository, (await registry.digest(repository, to)) as string, tag)
        return `${tag} → ${to}`
      })
    } else if (inputs.dryRun) {
      await act(`delete ${name}:${tag} (no good version left)`, true, async () => undefined)
    } else if (await registry.deleteTag(repository, tag)) {
      steps.add(`delete ${name}:${tag} (no good version left)`, 'done', 'deleted')
    } else {
      steps.add(`delete ${name}:${tag} (no good version left)`, 'not possible', 'the registry cannot delete a tag alone')
      notices.push(
        `${image.registry} cannot delete the tag ${repository}:${tag} alone: it still points at the broken ${versionTag}; delete it in the registry (for ghcr.io: the package's settings)`
      )
    }
  }
}
