/**
 * Dispatch Inputs to its command; shared by the action and the CLI. A command always
 * returns a result: a coded failure or an unforeseen error (E_INTERNAL) becomes its
 * problems, reported once by the front end like any other.
 */
import { problemsOf } from '../errors.js'
import type { Command, Inputs } from '../inputs.js'
import type { Runner } from '../runner.js'
import { failedResult, type CommandResult } from '../report/result.js'
import { check } from './check.js'
import { bump } from './bump.js'
import { plan } from './plan.js'
import { build } from './build.js'
import { release } from './release.js'
import { verify } from './verify.js'
import { rollback } from './rollback.js'
import { hotfix } from './hotfix.js'

const COMMANDS: Record<Command, (inputs: Inputs, runner: Runner) => Promise<CommandResult>> = { check, bump, plan, build, release, verify, rollback, hotfix }

export async function runCommand(inputs: Inputs, runner: Runner): Promise<CommandResult> {
  try {
    return await COMMANDS[inputs.command](inputs, runner)
  } catch (error) {
    return failedResult(inputs.command, problemsOf(error))
  }
}
