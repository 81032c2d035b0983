/**
 * One run of release steps, as every release-side command does it (release, plan, build):
 * the plan step opens the state, the steps run in order, an error is contained as problems
 * (none when cancelled: the report says so), and whatever happened the registry
 * credentials are removed and the release locks freed.
 */
import { asCleanup, cancelledBy } from '../../cancel.js'
import { problemsOf, type Problem } from '../../errors.js'
import type { Inputs } from '../../inputs.js'
import type { Runner } from '../../runner.js'
import { runSteps, StepLog, type Step } from '../pipeline.js'
import type { ReleaseState } from '../state.js'
import type { ReleaseSet } from '../history.js'
import { releaseLocks } from './lock.js'
import { describePlan, openState } from './plan.js'

export interface StepsRun {
  /** Null when the plan could not be made. */
  state: ReleaseState | null
  steps: StepLog
  problems: Problem[]
}

/** `onOpen`: checks of the fresh state that belong to the plan step (a throw fails it). */
export async function runReleaseSteps(
  inputs: Inputs,
  runner: Runner,
  list: readonly Step<ReleaseState>[],
  options: { dryRun: boolean; onOpen?: (state: ReleaseState) => void; set?: ReleaseSet }
): Promise<StepsRun> {
  const steps = new StepLog()
  const opened: { state?: ReleaseState } = {}
  let problems: Problem[] = []
  try {
    await steps.run('plan', async () => {
      const state = (opened.state = await openState(inputs, runner, options.set))
      options.onOpen?.(state)
      return describePlan(state)
    })
    await runSteps(list, opened.state as ReleaseState, steps, { dryRun: options.dryRun })
  } catch (error) {
    if (!cancelledBy()) problems = problemsOf(error, steps.finished())
    if (!opened.state) for (const step of list) steps.add(step.name, 'not run')
  } finally {
    // no registry credentials stay on the runner, and the release lock is free again (freeing
    // it is cleanup: it runs after a cancellation too, briefly, so a re-run need not wait)
    opened.state?.docker?.dispose()
    const state = opened.state
    if (state) await asCleanup(() => releaseLocks(state))
  }
  return { state: opened.state ?? null, steps, problems }
}
