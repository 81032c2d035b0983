/**
 * `verify` — the release checklist's "After Release" part, read-only (release/checklist.ts, the same
 * checks as the release's last step): the index has every package version with its
 * files (with install-check, a fresh venv installs it), each image manifest resolves,
 * the tags are on origin, the releases are published.
 */
import { findPythonTools } from '../adapters/python.js'
import { openRelease } from '../release/context.js'
import { checklistProblems, releaseChecklist } from '../release/checklist.js'
import type { Inputs } from '../inputs.js'
import type { Runner } from '../runner.js'
import type { CommandResult } from '../report/result.js'

export async function verify(inputs: Inputs, runner: Runner): Promise<CommandResult> {
  // all: the last release-level tag's release (every group its message lists)
  const ctx = await openRelease(inputs, runner, inputs.all ? { last: true, command: 'verify' } : undefined)
  const { plan } = ctx
  const rows = await releaseChecklist(ctx, findPythonTools(inputs.pythonVersion, runner.env.PATH ?? ''), await ctx.github.releases(), null)
  const problems = checklistProblems(rows)
  const tags = plan.targets.map((t) => t.tag).join(', ')
  return {
    command: 'verify',
    headline: problems.length
      ? `verify: ${problems.length} of ${rows.length} checks failed for ${tags}`
      : `verify: ${tags} — all ${rows.length} checks passed`,
    problems,
    outputs: { version: plan.version, tags: JSON.stringify(plan.targets.map((t) => t.tag)) },
    table: { header: ['Check', 'Status', 'Detail'], rows: rows.map((r) => [r.what, r.ok ? 'ok' : 'missing', r.detail]) },
    notices: []
  }
}
