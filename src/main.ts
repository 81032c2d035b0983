/**
 * The action: inputs → command → report. The one place that reports to the runner;
 * deeper code throws, and every outcome — success, coded problems, an unforeseen error
 * (E_INTERNAL), a cancellation — is reported here, once, with annotations, outputs and
 * a job summary (a failure before any step included).
 */
import * as core from '@actions/core'
import { problemsOf } from './errors.js'
import { COMMANDS, parseInputs, SECRET_INPUTS, type Command } from './inputs.js'
import { runCommand } from './commands/index.js'
import { configureExec } from './adapters/exec.js'
import { configureHttp } from './adapters/http.js'
import { setDebugLogger, setLogger } from './log.js'
import { readRunner } from './runner.js'
import { cancelExitCode, cancelledBy, handleSignals } from './cancel.js'
import { failedResult, type CommandResult } from './report/result.js'
import { reportToActions } from './report/actions.js'
import { progressRenderer } from './report/progress.js'

/** The exit status of a run with problems (what core.ExitCode.Failure is). */
const FAILURE = 1

/** Register a secret with the runner: whole, and each of its lines (the runner masks line by line). */
export function maskSecret(value: string): void {
  if (!value) return
  core.setSecret(value)
  if (!/[\r\n]/.test(value)) return
  for (const line of value.split(/\r?\n/)) if (line.trim()) core.setSecret(line.trim())
}

export async function run(): Promise<void> {
  const runner = readRunner(process.env)
  if (runner.debug) process.setSourceMapsEnabled(true)
  // each release step's tool output folds into a group of the log
  setLogger(
    progressRenderer({ write: (line) => core.info(line), colour: false, group: { start: core.startGroup, end: core.endGroup } }),
    maskSecret
  )
  setDebugLogger((line) => core.debug(line))
  configureExec(runner.env)
  configureHttp(runner.http)
  handleSignals() // index.ts installed them already; @github/local-action runs this function alone
  // mask first: nothing may print a token before it is registered as a secret
  for (const name of SECRET_INPUTS) maskSecret(core.getInput(name))
  let result: CommandResult
  try {
    // trimmed as @actions/core does (@github/local-action's stand-in does not trim)
    const inputs = parseInputs((name) => core.getInput(name).trim(), { workspace: process.env.GITHUB_WORKSPACE, cwd: process.cwd() })
    result = await runCommand(inputs, runner)
  } catch (error) {
    // a failure before the command was known names no command: it must not read as a failed release
    const named = core.getInput('command').trim()
    result = failedResult((COMMANDS as readonly string[]).includes(named) ? (named as Command) : null, problemsOf(error))
  }
  await reportToActions(result, {
    summary: Boolean(process.env.GITHUB_STEP_SUMMARY),
    links: { serverUrl: runner.serverUrl, repository: runner.repository, sha: runner.sha }
  })
  const signal = cancelledBy()
  // a number, not core.ExitCode: @github/local-action's stand-in for @actions/core has no ExitCode
  process.exitCode = signal ? cancelExitCode(signal) : result.problems.length > 0 ? FAILURE : 0
}
