/**
 * What every input rule reads and how it reports: the raw values as the command sees them
 * (an input the command does not read, or an unevaluated `${{ … }}`, reads as unset, so it
 * takes its default), the inputs parsed before it, and one list of problems, reported together.
 * Building the context applies the checks across inputs: unevaluated expressions in the inputs
 * the command reads, and control characters in those it does not.
 */
import { realpathSync } from 'node:fs'
import path from 'node:path'
import { problem, quote, type Problem } from '../errors.js'
import { COMMAND_INPUTS, COMMANDS, DEFAULTS, INPUT_NAMES, SECRET_INPUTS, type Command, type Environment, type Inputs } from '../inputs.js'

export const MAX = 256
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
/** matrix-entry is JSON, possibly pretty-printed by toJSON(matrix): whitespace is fine, other control characters are not. */
// eslint-disable-next-line no-control-regex
export const MATRIX_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** The path with symlinks resolved (as far as it exists: a missing tail is kept as written). */
export function real(p: string): string {
  try {
    return realpathSync(p)
  } catch {
    const parent = path.dirname(p)
    return parent === p ? p : path.join(real(parent), path.basename(p))
  }
}

export interface InputContext {
  env: Environment
  /** The directory paths start from: GITHUB_WORKSPACE (or the CLI's current directory), symlinks resolved. */
  base: string
  /** The command given, when it is one pyship knows. */
  known: Command | null
  /** The raw value as given, whether the command reads it or not. */
  given(name: string): string
  /** The value is an unevaluated `${{ … }}` (already reported). */
  unevaluated(name: string): boolean
  /** The value the command sees: '' when it does not read the input or the value was an unevaluated expression. */
  get(name: string): string
  /** get(), refusing control characters (then ''), with the action.yml default for ''. */
  raw(name: string): string
  /** E_INPUT: `input <name> = "<value>" is not allowed: <allowed>`. */
  bad(name: string, value: string, allowed: string): void
  report(p: Problem): void
  /** Inputs parsed by the rules before this one. */
  parsed: Partial<Inputs>
  problems: Problem[]
}

/** A rule: the fields one input gives (validated; a problem reported leaves a harmless value). */
export type InputRule = (ctx: InputContext) => Partial<Inputs>

export function inputContext(getRaw: (name: string) => string, env: Environment): InputContext {
  const problems: Problem[] = []
  const bad = (name: string, value: string, allowed: string): void => {
    problems.push(problem('E_INPUT', `input ${name} = ${quote(value)} is not allowed: ${allowed}`))
  }
  const commandValue = getRaw('command')
  const known = (COMMANDS as readonly string[]).includes(commandValue) ? (commandValue as Command) : null
  // a command reads only some inputs; without a known command, nothing but `command` is read
  const reads = new Set<string>(known ? COMMAND_INPUTS[known] : ['command'])
  // `${{ … }}` reaching pyship was never evaluated (e.g. action.yml defaults under @github/local-action)
  const unevaluated = new Set<string>()
  for (const name of INPUT_NAMES) {
    if (!reads.has(name)) continue
    const value = getRaw(name)
    if (/\$\{\{[^]*\}\}/.test(value)) {
      unevaluated.add(name)
      const shown = SECRET_INPUTS.includes(name) ? 'a GitHub expression' : `the expression ${quote(value)}`
      problems.push(
        problem(
          'E_INPUT',
          `input ${name} is ${shown}, which was not evaluated: pyship needs its value`,
          undefined,
          `Expressions are evaluated by the runner only. Give the value itself: under @github/local-action set INPUT_${name.toUpperCase()} in its .env file (for ${name === 'github-token' ? 'a token, use a personal access token' : 'this input, the literal value'}); in a workflow, check the \`with:\` block.`
        )
      )
    }
  }
  // an input the command does not read is not validated, but may still not smuggle a workflow command
  for (const name of INPUT_NAMES) {
    if (reads.has(name) || SECRET_INPUTS.includes(name)) continue
    const value = getRaw(name)
    if ((name === 'matrix-entry' ? MATRIX_CONTROL : CONTROL).test(value))
      bad(name, value.slice(0, 80), 'it contains a newline or another control character')
  }
  // an input reported as unevaluated is not validated again (one message per problem); one not read takes its default
  const get = (name: string): string => (!reads.has(name) || unevaluated.has(name) ? '' : getRaw(name))
  return {
    env,
    base: real(env.workspace ? path.resolve(env.cwd, env.workspace) : env.cwd),
    known,
    given: getRaw,
    unevaluated: (name) => unevaluated.has(name),
    get,
    raw(name) {
      const value = get(name)
      // a newline would let a workflow command (::warning::, ::set-output::) into the log
      if (CONTROL.test(value)) {
        bad(name, value, 'it contains a newline or another control character')
        return ''
      }
      return value === '' ? (DEFAULTS[name] ?? '') : value
    },
    bad,
    report: (p) => problems.push(p),
    parsed: {},
    problems
  }
}

/** A boolean input: true/True/TRUE or false/False/FALSE (as the Actions toolkit's getBooleanInput). */
export function bool(ctx: InputContext, name: string): boolean {
  const value = ctx.raw(name)
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  ctx.bad(name, value, 'use true or false')
  return false
}

/** An http(s) URL without credentials, at most 2048 characters. */
export function url(ctx: InputContext, name: string): string {
  const value = ctx.raw(name)
  if (value.length > 2048) {
    ctx.bad(name, value, 'at most 2048 characters')
    return value
  }
  let u: URL | null = null
  try {
    u = new URL(value)
  } catch {
    /* reported below */
  }
  if (u && (u.username || u.password)) {
    // never echo it: the value holds a credential
    ctx.report(
      problem(
        'E_INPUT',
        `input ${name} carries credentials (user:password@host); they would end up in logs and process lists`,
        undefined,
        'Give the URL without credentials and pass the token as `pypi-token` (a secret).'
      )
    )
    return ''
  }
  if (u && (u.protocol === 'https:' || u.protocol === 'http:')) return value
  ctx.bad(name, value, 'an http(s) URL is expected')
  return value
}
