/**
 * Dispatch Inputs to its command; shared by the action and the CLI. A command always
 * returns a result: a coded failure or an unforeseen error (E_INTERNAL) becomes its
 * problems, reported once by the front end like any other.
 */
import { CancelledError } from '../cancel.js'
import { problemsOf } from '../errors.js'
import type { Command, Inputs } from '../inputs.js'
import type { Runner } from '../runner.js'
import { failedResult, type CommandResult } from '../report/result.js'
import { check } from './check.js'
import { bump } from './bump.js'

type Run = (inputs: Inputs, runner: Runner) => Promise<CommandResult>

/**
 * check and bump are offline and load with the front end; the others (registries,
 * GitHub, Docker: the HTTP stack) are imported only when run, so start-up stays near
 * node's own.
 */
const COMMANDS: Record<Command, () => Promise<Run>> = {
  check: () => Promise.resolve(check),
  bump: () => Promise.resolve(bump),
  plan: async () => (await import('./plan.js')).plan,
  build: async () => (await import('./build.js')).build,
  release: async () => (await import('./release.js')).release,
  verify: async () => (await import('./verify.js')).verify,
  rollback: async () => (await import('./rollback.js')).rollback,
  hotfix: async () => (await import('./hotfix.js')).hotfix,
  propose: async () => (await import('./propose.js')).propose
}

export async function runCommand(inputs: Inputs, runner: Runner): Promise<CommandResult> {
  try {
    const command = await COMMANDS[inputs.command]()
    return await command(inputs, runner)
  } catch (error) {
    // a cancellation is no problem of the release: the front end reports it (exit 130/143)
    if (error instanceof CancelledError) {
      return {
        ...failedResult(inputs.command, []),
        headline: `${inputs.command} ${error.signal === 'SIGINT' ? 'interrupted' : 'cancelled'} (${error.signal}); nothing more was started; a re-run resumes where it stopped`
      }
    }
    return failedResult(inputs.command, problemsOf(error))
  }
}
