/**
 * The action: inputs → command → report. The only place that fails the step; deeper
 * code throws PyshipError and it is reported here, once.
 */
import * as core from '@actions/core'
import { PyshipError, toProblems } from './errors.js'
import { COMMANDS, SECRET_INPUTS, parseInputs, type Command } from './inputs.js'
import { runCommand } from './commands/index.js'
import { setLogger } from './log.js'
import { reportProblems, reportToActions, writeSummary } from './report/actions.js'
import { progressRenderer } from './report/progress.js'
import { readRunner } from './runner.js'

export async function run(): Promise<void> {
  const runner = readRunner(process.env)
  const links = { serverUrl: runner.serverUrl, repository: runner.repository, sha: runner.sha }
  // each release step's tool output folds into a group of the log
  setLogger(progressRenderer({ write: (line) => core.info(line), colour: false, group: { start: core.startGroup, end: core.endGroup } }), (value) => core.setSecret(value))
  // mask first: nothing may print a token before it is registered as a secret
  for (const name of SECRET_INPUTS) {
    const value = core.getInput(name)
    if (value) core.setSecret(value)
  }
  try {
    const inputs = parseInputs((name) => core.getInput(name), { workspace: process.env.GITHUB_WORKSPACE, cwd: process.cwd() })
    const result = await runCommand(inputs)
    await reportToActions(result, links)
    if (result.problems.length > 0) process.exitCode = core.ExitCode.Failure
  } catch (error) {
    if (error instanceof PyshipError) {
      const problems = toProblems(error)
      reportProblems(problems)
      // a job summary on every run, a failure before any step included
      const named = core.getInput('command') || 'release'
      const command = ((COMMANDS as readonly string[]).includes(named) ? named : 'release') as Command
      await writeSummary({ command, headline: `pyship ${named} failed: ${error.code} (see the problems below)`, problems, outputs: {}, notices: [] }, links)
      process.exitCode = core.ExitCode.Failure
    } else {
      core.setFailed(`pyship failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    }
  }
}
