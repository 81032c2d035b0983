/**
 * `plan` (SPEC §9): the first job of a fanned-out release. Resolves the release and runs
 * its preflight once (read-only), then writes the `matrix` output — one entry per
 * package to build and one per image and platform — with the version and the commit.
 */
import { cancelledBy } from '../cancel.js'
import type { Inputs } from '../inputs.js'
import type { Runner } from '../runner.js'
import type { CommandResult } from '../report/result.js'
import { matrixFor } from '../release/matrix.js'
import { releaseResult } from '../release/report.js'
import { nothingChangedResult, releaseSetOf, skippedNotices, unchangedResult, unchangedSinceRelease } from '../release/history.js'
import { runReleaseSteps } from '../release/steps/run.js'
import { preflight } from '../release/steps/preflight.js'

export async function plan(inputs: Inputs, runner: Runner): Promise<CommandResult> {
  // SPEC §11: plan only what must be released; a group unchanged since its last release is skipped, and said so
  const set = inputs.all ? await releaseSetOf(inputs) : undefined
  if (set?.changed.length === 0) return nothingChangedResult('plan', set, inputs.dryRun)
  const unchanged = set ? null : await unchangedSinceRelease(inputs).catch(() => null)
  if (unchanged) return unchangedResult('plan', unchanged, inputs.dryRun)
  const { state, steps, problems } = await runReleaseSteps(inputs, runner, [preflight], { dryRun: false, set })
  const result = releaseResult(inputs, state, steps, problems, cancelledBy())
  const matrix = state && problems.length === 0 ? matrixFor(state.plan) : { include: [] }
  const tags = state?.targets.map((t) => t.plan.tag).join(', ') ?? ''
  return {
    ...result,
    command: 'plan',
    headline:
      problems.length > 0
        ? `plan failed: ${problems[0].code} ${problems[0].message}`
        : `plan: ${tags} from ${state?.sha.slice(0, 12)}: ${matrix.include.length} build jobs${set ? ` (${set.changed.map((c) => c.group).join(', ')} changed)` : ''}`,
    outputs: {
      version: result.outputs.version,
      commit: state?.sha ?? '',
      tags: result.outputs.tags,
      matrix: JSON.stringify(matrix),
      plan: result.outputs.plan
    },
    notices: [...result.notices, ...(set ? skippedNotices(set) : [])],
    table: {
      header: ['Step', 'Status', 'Detail', 'Duration'],
      rows: [
        ...(result.table?.rows ?? []).filter((r) => !r[0].startsWith('image ')),
        // a release of every changed group: which groups it releases and which it skips, with why
        ...(set?.changed ?? []).map((c) => [`group ${c.group}`, 'changed', c.reason, '']),
        ...(set?.skipped ?? []).map((c) => [`group ${c.group}`, 'skipped', c.reason, '']),
        ...matrix.include.map((e) => [e.name, 'build job', `runs-on ${e.runner}`, ''])
      ]
    }
  }
}
