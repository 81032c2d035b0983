/**
 * The step runner shared by release, verify and rollback: each step is named, timed and
 * recorded (status, detail, duration) in a StepLog — the table the job summary shows,
 * also after a failure. A step first looks at the real state, then acts or reports
 * "already done"; in a dry run only read-only steps run, the others are "would run".
 */
import { PyshipError } from '../errors.js'
import { cancelledBy } from '../cancel.js'
import { stepFinished, stepStarted } from '../log.js'

export type StepStatus = 'done' | 'already done' | 'skipped' | 'would run' | 'failed' | 'not run' | 'not possible'

export interface StepRecord {
  step: string
  status: StepStatus
  detail: string
  ms: number
}

export interface StepOutcome {
  status: StepStatus
  detail: string
}

export interface Step<S> {
  name: string
  /** Changes nothing anywhere: runs in a dry run too. */
  readOnly?: boolean
  /** Looked at before `run` (in a dry run too): why there is nothing left to do, or null. */
  alreadyDone?(state: S): string | null
  run(state: S): Promise<StepOutcome>
}

export class StepLog {
  readonly records: StepRecord[] = []

  add(step: string, status: StepStatus, detail = '', ms = 0): void {
    this.records.push({ step, status, detail, ms })
  }

  /** Run one step, timed; a failure is recorded with its code and rethrown. */
  async run<T extends StepOutcome>(name: string, fn: () => Promise<T>): Promise<T> {
    const start = Date.now()
    stepStarted(name)
    try {
      const outcome = await fn()
      this.add(name, outcome.status, outcome.detail, Date.now() - start)
      stepFinished(name, outcome.status, outcome.detail, Date.now() - start)
      return outcome
    } catch (error) {
      // the message itself is in the problems: the row names the code
      const detail = cancelledBy() ? `cancelled (${cancelledBy()})` : error instanceof PyshipError ? error.code : 'E_INTERNAL'
      this.add(name, 'failed', detail, Date.now() - start)
      stepFinished(name, 'failed', detail, Date.now() - start)
      throw error
    }
  }

  /** Names of the steps that changed something or found it done. */
  finished(): string[] {
    return this.records.filter((r) => r.status === 'done' || r.status === 'already done').map((r) => r.step)
  }
}

/**
 * Run `steps` in order over `state`. The first failure is rethrown after the steps
 * that did not run are recorded as such; after a cancellation no further step starts.
 */
export async function runSteps<S>(steps: readonly Step<S>[], state: S, record: StepLog, options: { dryRun: boolean }): Promise<void> {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]
    const signal = cancelledBy()
    if (signal) {
      for (const rest of steps.slice(i)) record.add(rest.name, 'not run', `cancelled (${signal})`)
      return
    }
    const done = step.alreadyDone?.(state) ?? null
    if (done !== null) {
      await record.run(step.name, async () => ({ status: 'already done', detail: done }))
      continue
    }
    if (options.dryRun && !step.readOnly) {
      record.add(step.name, 'would run')
      continue
    }
    try {
      await record.run(step.name, () => step.run(state))
    } catch (error) {
      for (const rest of steps.slice(i + 1)) record.add(rest.name, 'not run')
      throw error
    }
  }
}
