/**
 * The local CLI over the same commands: `pyship check [component] [--version V]`,
 * `pyship bump platform 2.0.0`, `pyship release cli --dry-run`. Every action input is
 * also a `--flag`. Exit status: 0 ok, 1 problems, 2 usage error.
 */
import { parseArgs } from 'node:util'
import { problemsOf } from './errors.js'
import { COMMANDS, DEFAULTS, parseInputs, type Command } from './inputs.js'
import { runCommand } from './commands/index.js'
import { formatResult, problemLine } from './report/terminal.js'
import { problemsOutput } from './report/actions.js'
import { setDebugLogger, setLogger } from './log.js'
import { readRunner } from './runner.js'
import { configureExec } from './adapters/exec.js'
import { cancelExitCode, cancelledBy } from './cancel.js'
import { failedResult, type CommandResult } from './report/result.js'

/** Every action input, as a CLI flag. */
const INPUT_FLAGS = [
  'component', 'version', 'dry-run', 'config', 'working-directory', 'github-token', 'pypi-token',
  'pypi-upload-url', 'pypi-url', 'registry', 'registry-username', 'registry-password', 'run-tests',
  'python-version', 'build-isolation', 'install-check', 'latest', 'allow-downgrade', 'matrix-entry', 'dist-dir'
] as const
const BOOLEAN_FLAGS = new Set(['dry-run', 'run-tests', 'build-isolation', 'install-check', 'allow-downgrade'])

export const USAGE = `Usage: pyship <command> [component] [version] [options]

Commands:
  check  [component] [--version V]                  the CI version gate (read-only)
  bump   <component> <version|major|minor|patch>    set a group's version in every file,
         [--dry-run] [--allow-downgrade]            with internal pins and uv.lock
  release <component> [version] [--dry-run]         preflight, test, build, publish to PyPI and
                                                    the registry, tag, GitHub Release, verify
  plan   <component> [version]                      preflight once, then the matrix of build jobs (JSON)
  build  --matrix-entry JSON --dist-dir DIR         build one entry of plan's matrix into DIR
  verify <component> [version] [--install-check]    the "After Release" checklist (read-only)
  rollback <component> <version> [--dry-run]        delete release and tag, mark images broken,
                                                    move latest back, print the PyPI yank page
  hotfix <target> --from <tag>                      branch hotfix/<tag> from a release tag,
                                                    bump the patch version, commit, push

Options (every action input is a flag of the same name):
  --component C        target or group (cli, docker, sdk, platform)
  --version V          PEP 440 version
  --cwd DIR            working directory (the workspace root); alias of --working-directory
  --config FILE        config file relative to the working directory
  --dry-run            show what would change, write nothing
  --allow-downgrade    bump: allow a version lower than the current one
  --dist-dir DIR       build: where built files go; release: publish these prebuilt files
  --json               print the result as JSON
  -h, --help           this help

Exit status: 0 no problems, 1 problems found, 2 usage error.`

export interface CliIO {
  out: (text: string) => void
  err: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let parsed
  try {
    const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
      cwd: { type: 'string' },
      from: { type: 'string' },
      json: { type: 'boolean' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
    for (const flag of INPUT_FLAGS) options[flag] = { type: BOOLEAN_FLAGS.has(flag) ? 'boolean' : 'string' }
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.out(USAGE)
    return 0
  }
  const [command, component, version, ...extra] = positionals
  if (!command || !(COMMANDS as readonly string[]).includes(command) || extra.length > 0) {
    io.err(`${command ? `unknown command or arguments: ${positionals.join(' ')}` : 'no command given'}\n\n${USAGE}`)
    return 2
  }
  const raw: Record<string, string> = { command }
  for (const flag of INPUT_FLAGS) {
    const v = values[flag]
    if (v !== undefined) raw[flag] = String(v)
  }
  if (values.cwd !== undefined) raw['working-directory'] = String(values.cwd)
  // hotfix --from <tag>: the released version to fix, given as its tag
  if (values.from !== undefined) raw.version = String(values.from)
  if (component !== undefined) raw.component = component
  if (version !== undefined) raw.version = version
  // outside Actions, tokens come from the usual environment variables
  raw['github-token'] ??= io.env.GITHUB_TOKEN ?? ''
  raw['pypi-token'] ??= io.env.PYPI_API_TOKEN ?? ''

  const runner = readRunner(io.env, { debug: values.debug === true })
  if (runner.debug) process.setSourceMapsEnabled(true)
  setLogger((line) => io.err(line))
  setDebugLogger(runner.debug ? (line) => io.err(line) : () => undefined)
  configureExec(runner.env)
  let result: CommandResult
  try {
    const inputs = parseInputs((name) => (raw[name] ?? DEFAULTS[name] ?? '').trim(), { cwd: io.cwd })
    result = await runCommand(inputs, runner)
  } catch (error) {
    result = failedResult(command as Command, problemsOf(error))
  }
  if (values.json) {
    io.out(JSON.stringify({ command: result.command, ok: result.problems.length === 0, outputs: result.outputs, problems: JSON.parse(problemsOutput(result.problems)), notices: result.notices }, null, 2))
  } else if (!result.table && result.problems.length > 0) {
    // stopped before it could say more: the problems alone, on stderr
    io.err(result.problems.map(problemLine).join('\n'))
  } else {
    io.out(formatResult(result))
  }
  const signal = cancelledBy()
  if (signal) return cancelExitCode(signal)
  if (result.problems.length === 0) return 0
  // a usage error (bad input) exits 2, like a bad flag
  return result.problems.some((p) => p.code === 'E_INPUT') ? 2 : 1
}
