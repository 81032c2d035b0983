/** Dispatch an Inputs object to its command; shared by the action and the CLI. */
import type { Command, Inputs } from '../inputs.js'
import type { CommandResult } from '../report/result.js'
import { check } from './check.js'
import { bump } from './bump.js'
import { release } from './release.js'
import { verify } from './verify.js'
import { rollback } from './rollback.js'
import { hotfix } from './hotfix.js'

const COMMANDS: Record<Command, (inputs: Inputs) => Promise<CommandResult>> = { check, bump, release, verify, rollback, hotfix }

export function runCommand(inputs: Inputs): Promise<CommandResult> {
  return COMMANDS[inputs.command](inputs)
}
