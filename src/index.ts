#!/usr/bin/env node
/** One bundle, two front ends: the action (no arguments) and the local CLI. */
import { run } from './main.js'
import { runCli } from './cli.js'

if (process.argv.length > 2) {
  const io = { out: (t: string) => console.log(t), err: (t: string) => console.error(t), env: process.env, cwd: process.cwd() }
  runCli(process.argv.slice(2), io).then((code) => (process.exitCode = code))
} else {
  void run()
}
