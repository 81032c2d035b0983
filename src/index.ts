#!/usr/bin/env node
/**
 * One bundle, two front ends: the action when a runner starts it (GITHUB_ACTIONS,
 * no arguments), otherwise the local CLI. Ctrl-C or a cancelled job stops the tools
 * pyship started and exits 130 (SIGINT) or 143 (SIGTERM); a re-run resumes.
 */
import { run } from './main.js'
import { runCli } from './cli.js'
import { stopChildren } from './adapters/exec.js'

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    stopChildren(signal)
    process.stderr.write(`\npyship: interrupted (${signal}); nothing more is done, and a re-run resumes where this one stopped.\n`)
    process.exit(code)
  })
}

if (process.argv.length === 2 && process.env.GITHUB_ACTIONS === 'true') {
  void run()
} else {
  const io = {
    out: (t: string) => console.log(t),
    err: (t: string) => console.error(t),
    env: process.env,
    cwd: process.cwd(),
    tty: process.stderr.isTTY === true
  }
  void runCli(process.argv.slice(2), io).then((code) => (process.exitCode = code))
}
