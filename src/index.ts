#!/usr/bin/env node
/**
 * One bundle, two front ends: the action when a runner starts it (GITHUB_ACTIONS,
 * no arguments), otherwise the local CLI.
 */
import { run } from './main.js'
import { runCli } from './cli.js'
import { handleSignals } from './cancel.js'

if (process.argv.length === 2 && process.env.GITHUB_ACTIONS === 'true') {
  void run()
} else {
  handleSignals()
  const io = { out: (t: string) => console.log(t), err: (t: string) => console.error(t), env: process.env, cwd: process.cwd() }
  void runCli(process.argv.slice(2), io).then((code) => (process.exitCode = code))
}
