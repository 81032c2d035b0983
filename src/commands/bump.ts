/**
 * `bump` (SPEC §4) — a typical monorepo's scripts/bump_version.py, without re-serializing TOML:
 * read the monorepo, plan every edit (src/monorepo/bump-plan.ts), write them all or nothing
 * (src/adapters/bump-writer.ts), say what changed and what to do next.
 */
import { readMonorepo } from '../adapters/monorepo.js'
import { performBump } from '../adapters/bump-writer.js'
import type { Inputs } from '../inputs.js'
import type { Runner } from '../runner.js'
import type { CommandResult } from '../report/result.js'

export async function bump(inputs: Inputs, runner: Runner): Promise<CommandResult> {
  const { repo, tags } = await readMonorepo(inputs)
  const { plan, files, notices } = await performBump(
    repo,
    { component: inputs.component, version: inputs.version, allowDowngrade: inputs.allowDowngrade, tags },
    inputs.dryRun,
    runner.env.PATH ?? ''
  )
  const from = [...new Set(plan.current)].join(', ')
  const headline =
    plan.rows.length === 0
      ? plan.fromTags
        ? `bump: group ${plan.group} takes its version from git tags: nothing to write for ${plan.version} (the release tag gives it)`
        : `bump: group ${plan.group} is already at ${plan.version}; nothing to change`
      : `bump: group ${plan.group} ${from} → ${plan.version}: ${plan.rows.length} change${plan.rows.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}${inputs.dryRun ? ' (dry run: nothing written)' : ''}`
  const nextSteps =
    plan.rows.length === 0 || inputs.dryRun
      ? []
      : [
          `git add ${files.join(' ')}   # from the repository root`,
          `git commit -m "chore: bump ${plan.group} version to ${plan.version}"`,
          'git push origin HEAD',
          // a release only where the config has a target for the group: otherwise it would fail at once
          Object.values(repo.config.targets).some((t) => t.group === plan.group)
            ? `wait for CI to pass, then release: pyship release ${inputs.component} ${plan.version} (or run the release workflow with version ${plan.version})`
            : `to release ${plan.group}, first add a target for it to the config ([tool.pyship.targets.<name>] with group = "${plan.group}"; README "Configuration")`
        ]
  return {
    command: 'bump',
    headline,
    problems: [],
    outputs: { version: plan.version },
    table: {
      header: ['File', 'Line', 'What', 'Change'],
      rows: plan.rows.map((r) => [r.file, String(r.line), r.what, `${r.from} → ${r.to}`])
    },
    notices,
    nextSteps,
    data: { edits: plan.rows }
  }
}
