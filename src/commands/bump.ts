/**
 * `bump` (SPEC §4, §11) — a typical monorepo's scripts/bump_version.py, without re-serializing TOML:
 * read the monorepo, plan every edit (src/monorepo/bump-plan.ts), write them all or nothing
 * (src/adapters/bump-writer.ts), write each target's changelog section from the Conventional
 * Commits since the last release (src/release/history.ts), say what changed and what to do next.
 * `auto` computes the version from those commits; `all` bumps every group that changed.
 */
import { PyshipError } from '../errors.js'
import type { Inputs } from '../inputs.js'
import type { Runner } from '../runner.js'
import type { CommandResult } from '../report/result.js'
// static: bump runs from dist/index.js alone (no chunk loaded), as check does
import { bumpGroups, type GroupBump } from '../release/history.js'

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

function headlineOf(b: GroupBump, dryRun: boolean): string {
  if (b.version === null) return `bump: ${b.skipped ?? `group ${b.group}: nothing to change`}`
  if (b.rows.length === 0)
    return b.fromTags
      ? `bump: group ${b.group} takes its version from git tags: nothing to write for ${b.version} (the release tag gives it)`
      : `bump: group ${b.group} is already at ${b.version}; nothing to change`
  const changelogs = b.changelogs.length ? `, changelog ${b.changelogs.join(', ')}` : ''
  return `bump: group ${b.group} ${b.from ?? '—'} → ${b.version}: ${plural(b.rows.length, 'change')} in ${plural(b.files.length - b.changelogs.length, 'file')}${changelogs}${dryRun ? ' (dry run: nothing written)' : ''}`
}

export async function bump(inputs: Inputs, runner: Runner): Promise<CommandResult> {
  if (inputs.all && inputs.component) {
    throw new PyshipError(
      'E_INPUT',
      `input all bumps every changed group: it takes no component (got ${JSON.stringify(inputs.component)})`,
      {
        hint: 'Either `pyship bump --all auto` (every group changed since its last release) or `pyship bump <group> auto` (one group).'
      }
    )
  }
  if (inputs.all && !inputs.version) {
    throw new PyshipError('E_INPUT', 'input all needs version: major, minor, patch or auto', {
      hint: 'e.g. `pyship bump --all auto` or `all: true` with `version: auto`.'
    })
  }
  const bumps = await bumpGroups(inputs, {
    component: inputs.component,
    version: inputs.version,
    all: inputs.all,
    dryRun: inputs.dryRun,
    allowDowngrade: inputs.allowDowngrade,
    envPath: runner.env.PATH ?? '',
    date: new Date().toISOString().slice(0, 10),
    repoUrl: runner.repository ? `${runner.serverUrl}/${runner.repository}` : null
  })
  const bumped = bumps.filter((b) => b.version !== null && b.rows.length > 0)
  const files = [...new Set(bumped.flatMap((b) => b.files))]
  const headline = inputs.all
    ? `bump --all ${inputs.version}: ${bumped.length ? bumped.map((b) => `${b.group} ${b.from ?? '—'} → ${b.version}`).join(', ') : 'no group to bump'}; ${plural(bumps.length - bumped.length, 'group')} left alone${inputs.dryRun ? ' (dry run: nothing written)' : ''}`
    : headlineOf(bumps[0], inputs.dryRun)
  const versions = bumped.map((b) => `${b.group} ${b.version}`).join(', ')
  const single = bumps.length === 1 ? bumps[0] : null
  const nextSteps =
    bumped.length === 0 || inputs.dryRun
      ? []
      : [
          `git add ${files.join(' ')}   # from the repository root`,
          bumped.length === 1
            ? `git commit -m "chore: bump ${bumped[0].group} version to ${bumped[0].version}"`
            : `git commit -m "chore: release ${versions}"`,
          'git push origin HEAD',
          single && !inputs.all
            ? !single.hasTarget
              ? `to release ${single.group}, first add a target for it to the config ([tool.pyship.targets.<name>] with group = "${single.group}"; README "Configuration")`
              : `wait for CI to pass, then release: pyship release ${inputs.component} ${single.version} (or run the release workflow with version ${single.version})`
            : `wait for CI to pass, then release each: ${bumped.map((b) => `pyship release ${b.group}`).join('; ')}`
        ]
  const notices = bumps.flatMap((b) => [
    ...(b.because && b.version ? [`${b.group}: ${b.version} (${b.because}${b.since ? `, since ${b.since}` : ''})`] : []),
    ...(inputs.all && b.version === null && b.skipped ? [`${b.group}: ${b.skipped}`] : []),
    ...b.notices
  ])
  return {
    command: 'bump',
    headline,
    problems: [],
    outputs: {
      version: single && !inputs.all ? (single.version ?? '') : '',
      ...(inputs.all ? { changed: JSON.stringify(bumps.filter((b) => b.toRelease).map((b) => b.group)) } : {})
    },
    table: {
      header: ['File', 'Line', 'What', 'Change'],
      rows: [
        ...bumps.flatMap((b) => b.rows.map((r) => [r.file, String(r.line), r.what, `${r.from} → ${r.to}`])),
        ...bumps.flatMap((b) => b.changelogs.map((f) => [f, '1', `${b.group} changelog`, `new section ${b.version}`]))
      ]
    },
    notices,
    nextSteps,
    data: { edits: bumps.flatMap((b) => b.rows), groups: bumps }
  }
}
