/**
 * The local CLI over the same commands: `pyship check [component] [version]`,
 * `pyship bump platform 2.0.0`, `pyship release cli --dry-run`. Every action input is
 * also a `--flag` (src/cli-flags.ts). Exit status: 0 ok, 1 problems, 2 usage error
 * (an unknown command or flag, or an E_INPUT problem), 130 interrupted.
 */
import pkg from '../package.json' with { type: 'json' }
import { problemsOf, type Problem } from './errors.js'
import { COMMANDS, DEFAULTS, parseInputs, type Command } from './inputs.js'
import { runCommand } from './commands/index.js'
import { formatResult, problemLine } from './report/terminal.js'
import { setDebugLogger, setLogger } from './log.js'
import { configureExec } from './adapters/exec.js'
import { configureHttp } from './adapters/http.js'
import { cancelExitCode, cancelledBy } from './cancel.js'
import { closest } from './config/schema.js'
import { COMMAND_HELP, commandFlags, FLAGS, INPUT_FLAGS, negatable, type Flag } from './cli-flags.js'
import { progressRenderer, useColour } from './report/progress.js'
import { readRunner } from './runner.js'
import { failedResult, type CommandResult } from './report/result.js'

export const PYSHIP_VERSION: string = pkg.version

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines.join(`\n${indent}`)
}

function flagUsage(flag: Flag): string {
  if (flag.name === 'version') return '-V, --version [V]'
  const long = negatable(flag) ? `--[no-]${flag.name}` : `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`
  return flag.short ? `-${flag.short}, ${long}` : long
}

function flagHelp(flag: Flag): string {
  if (flag.name === 'version')
    return `Alone: print pyship's version. With a version (or major, minor, patch): the version input, like the [version] argument. ${flag.description}`
  const fallback = flag.name === flag.input && flag.type === 'string' && DEFAULTS[flag.input] ? ` (default: ${DEFAULTS[flag.input]})` : ''
  return `${flag.description}${fallback}`
}

/** Two columns: the name, then the text wrapped beside it (below it when the name is long). */
function row(name: string, text: string, col = 30): string[] {
  const indent = ' '.repeat(col + 2)
  const body = wrap(text, 80 - col - 2, indent)
  return name.length < col ? [`  ${name.padEnd(col)}${body}`] : [`  ${name}`, `${indent}${body}`]
}

/** The help text, generated from the command list and the flag table. */
export function usage(): string {
  return [
    `pyship ${PYSHIP_VERSION}: release a Python monorepo (version gate, bump, PyPI, Docker images, tags, GitHub Releases)`,
    '',
    'Usage: pyship <command> [component] [version] [options]',
    '',
    'Commands:',
    ...COMMANDS.flatMap((c) => row(`${c} ${COMMAND_HELP[c].args}`, COMMAND_HELP[c].summary)),
    '',
    'Run `pyship help <command>` (or `pyship <command> --help`) for the options of one command and an example.',
    '',
    'Options (every action input is a flag of the same name; booleans also take =true/=false):',
    ...FLAGS.flatMap((flag) => row(flagUsage(flag), flagHelp(flag))),
    '',
    'Tokens come from GITHUB_TOKEN and PYPI_API_TOKEN when not given as flags.',
    'Exit status: 0 no problems, 1 problems found, 2 usage error, 130 interrupted.'
  ].join('\n')
}

/** One command's help: what it does, its arguments, the flags it takes, an example. */
export function commandUsage(command: Command): string {
  const help = COMMAND_HELP[command]
  return [
    `pyship ${command}: ${help.summary}`,
    '',
    `Usage: pyship ${command} ${help.args} [options]`,
    '',
    'Options:',
    ...commandFlags(command).flatMap((flag) => row(flagUsage(flag), flagHelp(flag))),
    '',
    'Example:',
    `  ${help.example}`
  ].join('\n')
}

class UsageError extends Error {}

interface Parsed {
  values: Record<string, string | boolean>
  positionals: string[]
  printVersion: boolean
}

const byName = new Map(FLAGS.map((f) => [f.name, f]))
const byShort = new Map(FLAGS.filter((f) => f.short).map((f) => [f.short as string, f]))
/** Every spelling a user may type, for "did you mean". */
const SPELLINGS = [...FLAGS.map((f) => f.name), ...FLAGS.filter(negatable).map((f) => `no-${f.name}`)]
const looksLikeVersion = (s: string | undefined): s is string =>
  s !== undefined && (/^v?\d/.test(s) || ['major', 'minor', 'patch'].includes(s))

export function parseArgv(argv: readonly string[]): Parsed {
  const values: Record<string, string | boolean> = {}
  const positionals: string[] = []
  let printVersion = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      let name = eq < 0 ? arg.slice(2) : arg.slice(2, eq)
      let inline: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1)
      let flag = byName.get(name)
      if (!flag && name.startsWith('no-') && byName.get(name.slice(3))?.type === 'boolean') {
        flag = byName.get(name.slice(3)) as Flag
        if (inline !== undefined)
          throw new UsageError(`option --${name} does not take a value (use --${flag.name}=${inline === 'false' ? 'true' : 'false'})`)
        name = flag.name
        inline = 'false'
      }
      if (!flag) {
        const guess = closest(name, SPELLINGS)
        throw new UsageError(`unknown option --${name}${guess ? `; did you mean --${guess}?` : ''}`)
      }
      if (flag.name === 'version') {
        // `--version` alone prints pyship's version; `--version 2.0.0` sets the version input
        if (inline !== undefined) values.version = inline
        else if (looksLikeVersion(argv[i + 1])) values.version = argv[++i]
        else printVersion = true
        continue
      }
      if (flag.type === 'boolean') {
        const v = inline ?? 'true'
        if (!/^(true|false)$/i.test(v)) throw new UsageError(`option --${name} takes true or false, not ${JSON.stringify(v)}`)
        values[flag.name] = v.toLowerCase() === 'true'
      } else {
        const v = inline ?? argv[i + 1]
        if (v === undefined || (inline === undefined && v.startsWith('--')))
          throw new UsageError(`option --${name} needs a value (--${name} ${flag.value ?? 'VALUE'})`)
        if (inline === undefined) i++
        values[flag.name] = v
      }
      continue
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (const letter of arg.slice(1)) {
        if (letter === 'V') printVersion = true
        else if (byShort.has(letter)) values[(byShort.get(letter) as Flag).name] = true
        else throw new UsageError(`unknown option -${letter}`)
      }
      continue
    }
    positionals.push(arg)
  }
  return { values, positionals, printVersion }
}

export interface CliIO {
  out: (text: string) => void
  err: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  /** Standard error is a terminal (colour and the live progress lines). */
  tty?: boolean
}

/** Usage errors (E_INPUT) exit 2, other problems 1. */
export function exitCode(problems: Problem[]): number {
  if (problems.length === 0) return 0
  return problems.some((p) => p.code === 'E_INPUT') ? 2 : 1
}

/** `--json`: everything the result carries, problems with their hints. */
export function resultJson(result: Partial<CommandResult> & { problems: Problem[] }): string {
  const problems = result.problems.map((p) => ({
    code: p.code,
    file: p.file ?? null,
    line: p.line ?? null,
    message: p.message,
    hint: p.hint
  }))
  // `data` (bump's planned edits, check's sources) is spread at the top level
  const { data, ...rest } = result
  return JSON.stringify({ ok: result.problems.length === 0, ...rest, ...data, problems }, null, 2)
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let parsed: Parsed
  try {
    parsed = parseArgv(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.err(`pyship: ${error.message}\nRun \`pyship --help\` for the commands and options.`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help || positionals[0] === 'help') {
    // `pyship help <command>`, `pyship <command> --help`: that command's help
    const named = positionals[0] === 'help' ? positionals[1] : positionals[0]
    if (named === undefined) io.out(usage())
    else if ((COMMANDS as readonly string[]).includes(named)) io.out(commandUsage(named as Command))
    else {
      const guess = closest(named, COMMANDS)
      io.err(
        `pyship: unknown command ${JSON.stringify(named)}${guess ? `; did you mean ${guess}?` : ''}\nThe commands are ${COMMANDS.join(', ')}; run \`pyship --help\` for more.`
      )
      return 2
    }
    return 0
  }
  if (parsed.printVersion) {
    io.out(`pyship ${PYSHIP_VERSION}`)
    return 0
  }
  const [command, ...rest] = positionals
  // `pyship bump --all auto`, `pyship propose --all minor`: with --all the one argument is the version
  const [component, version, ...extra] = values.all === true && rest.length === 1 ? ['', ...rest] : rest
  if (!command) {
    io.err(`pyship: no command given\n\n${usage()}`)
    return 2
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    const guess = closest(command, COMMANDS)
    io.err(
      `pyship: unknown command ${JSON.stringify(command)}${guess ? `; did you mean ${guess}?` : ''}\nThe commands are ${COMMANDS.join(', ')}; run \`pyship --help\` for more.`
    )
    return 2
  }
  if (extra.length > 0) {
    io.err(
      `pyship: too many arguments: ${extra.join(' ')} (pyship ${command} takes [component] [version])\nRun \`pyship --help\` for the commands and options.`
    )
    return 2
  }
  const raw: Record<string, string> = { command }
  for (const flag of INPUT_FLAGS) {
    const v = values[flag.name]
    if (v !== undefined) raw[flag.input] = String(v)
  }
  if (values.cwd !== undefined) raw['working-directory'] = String(values.cwd)
  // hotfix --from <tag>: the released version to fix, given as its tag
  if (values.from !== undefined) raw.version = String(values.from)
  if (component) raw.component = component
  if (version !== undefined) raw.version = version
  // outside Actions, tokens come from the usual environment variables
  raw['github-token'] ??= io.env.GITHUB_TOKEN ?? ''
  raw['pypi-token'] ??= io.env.PYPI_API_TOKEN ?? ''

  const runner = readRunner(io.env, { debug: values.debug === true })
  if (runner.debug) process.setSourceMapsEnabled(true)
  const render = progressRenderer({ write: io.err, colour: useColour(io.env, io.tty === true) })
  setLogger(render)
  // never a bare stack trace: an error pyship did not foresee is E_INTERNAL; its stack only with --debug
  setDebugLogger(runner.debug ? (line) => io.err(line) : () => undefined)
  configureExec(runner.env)
  configureHttp(runner.http)
  const json = values.json === true
  let result: CommandResult
  try {
    const inputs = parseInputs((name) => (raw[name] ?? DEFAULTS[name] ?? '').trim(), { cwd: io.cwd })
    result = await runCommand(inputs, runner)
  } catch (error) {
    result = failedResult(command as Command, problemsOf(error))
  }
  if (json) io.out(resultJson(result))
  else if (!result.table && result.problems.length > 0) io.err(result.problems.map(problemLine).join('\n'))
  else io.out(formatResult(result))
  const signal = cancelledBy()
  return signal ? cancelExitCode(signal) : exitCode(result.problems)
}
