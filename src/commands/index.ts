/** Dispatch an Inputs object to its command; shared by the action and the CLI. */
import { PyshipError } from '../errors.js'
import type { Inputs } from '../inputs.js'
import type { CommandResult } from './result.js'
import { check } from './check.js'
import { bump } from './bump.js'
import { release } from './release.js'
import { verify } from './verify.js'
import { rollback } from './rollback.js'
import { hotfix } from './hotfix.js'

const AVAILABLE = { check, bump, release, verify, rollback, hotfix } as const

export async function runCommand(inputs: Inputs): Promise<CommandResult> {
  const command = AVAILABLE[inputs.command as keyof typeof AVAILABLE]
  if (!command) {
    throw new PyshipError('E_INPUT', `command ${JSON.stringify(inputs.command)} is not available in this version of pyship (available: ${Object.keys(AVAILABLE).join(', ')})`, {
      hint: 'Set `command` to one of the available commands.'
    })
  }
  return command(inputs)
}
