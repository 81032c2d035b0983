/** The inputs every command reads to know what to do and to what: command, component, version. */
import { problem } from '../errors.js'
import { COMMANDS, COMPONENT_PATTERN, type Command } from '../inputs.js'
import type { InputRule } from './context.js'

/** Characters a PEP 440 version (or a bump keyword) can contain; checked before any parsing. */
const VERSION_CHARS = /^[A-Za-z0-9.!+_-]+$/
/** hotfix's version may be the release tag itself, and tags may hold a `/` (`integrations/foo-v1.2.0`). */
const HOTFIX_FROM = /^(?!\/)(?!.*\/\/)[A-Za-z0-9.!+_/-]+$/

/** Required, one of COMMANDS. */
export const command: InputRule = (ctx) => {
  const value = ctx.given('command')
  if (value === '') {
    ctx.report(
      problem(
        'E_INPUT',
        `input command is required: one of ${COMMANDS.join(', ')}`,
        undefined,
        "Set `command:` in the step's `with:` block (e.g. `command: check`); a step without it never starts a release. CLI: `pyship <command>`; `pyship --help` lists them."
      )
    )
  } else if (!ctx.known && !ctx.unevaluated('command')) ctx.bad('command', value, `one of ${COMMANDS.join(', ')}`)
  return { command: ctx.known ?? ('' as Command) }
}

/** A target or group name: no path, no option, no shell syntax. */
export const component: InputRule = (ctx) => {
  const value = ctx.raw('component')
  if (value !== '' && (value.length > 100 || !COMPONENT_PATTERN.test(value))) {
    ctx.bad('component', value, 'a target or group name matching [A-Za-z0-9][A-Za-z0-9._-]* (at most 100 characters)')
  }
  return { component: value }
}

/** A PEP 440 version or a bump keyword, as given (its characters only are checked here). */
export const version: InputRule = (ctx) => {
  const value = ctx.raw('version')
  if (ctx.known === 'hotfix' && value !== '' && (value.length > 200 || !HOTFIX_FROM.test(value))) {
    ctx.bad('version', value, 'a released version such as 2.0.0, or its tag such as cli-v2.0.0 or integrations/foo-v1.2.0')
  } else if (ctx.known !== 'hotfix' && value !== '' && (value.length > 64 || !VERSION_CHARS.test(value))) {
    ctx.bad(
      'version',
      value,
      'a PEP 440 version such as 2.0.0 or v2.1.0rc1 (letters, digits, ".", "!", "+", "-", "_"; at most 64 characters)'
    )
  }
  return { version: value }
}
