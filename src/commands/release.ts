/**
 * `release` (SPEC §4): the release as an ordered list of named steps over one state.
 * Each step (src/release/steps/) first looks at the real state, then acts or reports
 * "already done", so a re-run after a crash finishes the release and a re-run after
 * success changes nothing. Whatever happens — a coded failure, an unforeseen error
 * (E_INTERNAL), a cancellation — the result carries the table of the steps so far.
 */
import { cancelledBy } from '../cancel.js'
import type { Inputs } from '../inputs.js'
import type { Runner } from '../runner.js'
import type { CommandResult } from '../report/result.js'
import type { Step } from '../release/pipeline.js'
import { releaseResult } from '../release/report.js'
import { nothingChangedResult, releaseSetOf, skippedNotices, unchangedResult, unchangedSinceRelease } from '../release/history.js'
import type { ReleaseState } from '../release/state.js'
import { runReleaseSteps } from '../release/steps/run.js'
import { preflight } from '../release/steps/preflight.js'
import { lock } from '../release/steps/lock.js'
import { test } from '../release/steps/test.js'
import { build } from '../release/steps/build.js'
import { recordIntent } from '../release/steps/record-intent.js'
import { attachAssets } from '../release/steps/attach-assets.js'
import { publish } from '../release/steps/publish.js'
import { tagAndRelease } from '../release/steps/tag-and-release.js'
import { verify } from '../release/steps/verify.js'
import { imageProvenance, storeProvenance } from '../release/steps/provenance.js'

/** After `plan` (which builds the state), in this order; a dry run stops after preflight. */
export const RELEASE_STEPS: readonly Step<ReleaseState>[] = [
  preflight,
  lock,
  test,
  build,
  recordIntent,
  storeProvenance,
  attachAssets,
  publish,
  imageProvenance,
  tagAndRelease,
  verify
]

export async function release(inputs: Inputs, runner: Runner): Promise<CommandResult> {
  if (inputs.all) {
    // SPEC §11: every group changed since its last release, in one run (under one tag with [tool.pyship.release])
    const set = await releaseSetOf(inputs)
    if (set.changed.length === 0) return nothingChangedResult('release', set, inputs.dryRun)
    const { state, steps, problems } = await runReleaseSteps(inputs, runner, RELEASE_STEPS, { dryRun: inputs.dryRun, set })
    const result = releaseResult(inputs, state, steps, problems, cancelledBy())
    return { ...result, notices: [...result.notices, ...skippedNotices(set)] }
  }
  // SPEC §11: a group that did not change since its last release publishes nothing
  const unchanged = await unchangedSinceRelease(inputs).catch(() => null)
  if (unchanged) return unchangedResult('release', unchanged, inputs.dryRun)
  const { state, steps, problems } = await runReleaseSteps(inputs, runner, RELEASE_STEPS, { dryRun: inputs.dryRun })
  return releaseResult(inputs, state, steps, problems, cancelledBy())
}
