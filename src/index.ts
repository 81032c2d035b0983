#!/usr/bin/env node
/**
 * One bundle, two front ends: the action when a runner starts it (GITHUB_ACTIONS,
 * no arguments), otherwise the local CLI. Ctrl-C or a cancelled job stops the tools
 * pyship started, removes the credentials it wrote, reports the steps done and exits
 * 130 (SIGINT) or 143 (SIGTERM); a re-run resumes.
 */
import { handleSignals } from './cancel.js'
import { runCli } from './cli.js'
import { isTerminal, lineWriter } from './stdio.js'

// both front ends, from the first moment: said once the run is cancelled, so it is true when read
handleSignals((signal) =>
  lineWriter(2)(
    `\npyship: ${signal === 'SIGINT' ? 'interrupted' : 'cancelled'} (${signal}); stopping what runs, nothing more is started, and a re-run resumes where this one stopped.`
  )
)

// the CLI (with check and bump) is part of the entry, so a local run loads one file; the
// action's front end is loaded only on a runner: the CLI never loads @actions/core's HTTP client
if (process.argv.length === 2 && process.env.GITHUB_ACTIONS === 'true') {
  void import('./main.js').then(({ run }) => run())
} else {
  const io = {
    out: lineWriter(1),
    err: lineWriter(2),
    env: process.env,
    cwd: process.cwd(),
    tty: isTerminal(2)
  }
  void runCli(process.argv.slice(2), io).then((code) => (process.exitCode = code))
}
