/**
 * The action: inputs → command → report. The only place that fails the step; deeper
 * code throws PyshipError and it is reported here, once.
 */
import * as core from '@actions/core'
import { PyshipError, toProblems } from './errors.js'
import { parseInputs } from './inputs.js'
import { runCommand } from './commands/index.js'
import { setLogger } from './log.js'
import { reportProblems, reportToActions } from './report/actions.js'

const SECRET_INPUTS = ['github-token', 'pypi-token', 'registry-password']

export async function run(): Promise<void> {
  setLogger((line) => core.info(line), (value) => core.setSecret(value))
  // mask first: nothing may print a token before it is registered as a secret
  for (const name of SECRET_INPUTS) {
    const value = core.getInput(name)
    if (value) core.setSecret(value)
  }
  try {
    const inputs = parseInputs((name) => core.getInput(name), { workspace: process.env.GITHUB_WORKSPACE, cwd: process.cwd() })
    const result = await runCommand(inputs)
    await reportToActions(result)
    if (result.problems.length > 0) process.exitCode = core.ExitCode.Failure
  } catch (error) {
    if (error instanceof PyshipError) {
      reportProblems(toProblems(error))
      process.exitCode = core.ExitCode.Failure
    } else {
      core.setFailed(`pyship failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    }
  }
}
