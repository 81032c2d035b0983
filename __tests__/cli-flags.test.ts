/**
 * One table of flags drives the CLI's parsing and --help; it stays in step with
 * action.yml (names, descriptions, defaults) and with DEFAULTS in src/inputs.ts.
 */
import { describe, expect, test } from '@jest/globals'
import { readAction } from '../__fixtures__/readme.js'
import { CLI_FLAGS, COMMAND_HELP, commandFlags, INPUT_FLAGS, negatable } from '../src/cli-flags.js'
import { commandUsage, parseArgv } from '../src/cli.js'
import { COMMANDS, DEFAULTS, INPUT_NAMES } from '../src/inputs.js'

const action = readAction()
const inputs = Object.entries(action.inputs).filter(([name]) => name !== 'command')

describe('the flag table', () => {
  test('one flag per action.yml input (command is the first argument)', () => {
    expect(INPUT_FLAGS.map((f) => f.name).sort()).toEqual(inputs.map(([name]) => name).sort())
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  test.each(inputs)("--%s has action.yml's description", (name, input) => {
    expect(INPUT_FLAGS.find((f) => f.name === name)?.description).toBe(input.description)
  })

  test.each(Object.entries(action.inputs))('%s: DEFAULTS agrees with action.yml', (name, input) => {
    const fromAction = input.default ?? ''
    // expressions (${{ github.token }}) are the runner's; the CLI reads the environment instead
    if (fromAction.startsWith('${{')) expect(DEFAULTS[name]).toBeUndefined()
    else expect(DEFAULTS[name] ?? '').toBe(fromAction)
  })

  test('booleans are the inputs that default to true or false; those defaulting to true get --no-', () => {
    for (const flag of INPUT_FLAGS) {
      const d = action.inputs[flag.name].default
      expect({ flag: flag.name, boolean: flag.type === 'boolean' }).toEqual({ flag: flag.name, boolean: d === 'true' || d === 'false' })
    }
    expect(
      INPUT_FLAGS.filter(negatable)
        .map((f) => f.name)
        .sort()
    ).toEqual(['attestations', 'build-isolation', 'run-tests'])
  })

  test('CLI-only flags do not shadow an input', () => {
    for (const flag of CLI_FLAGS) expect(Object.keys(action.inputs)).not.toContain(flag.name)
  })
})

/** The flags each command's help lists, written out: the inputs it reads, then the CLI's own. */
const HELP_FLAGS: Record<string, string> = {
  check: 'component version changed-since config working-directory cwd json debug help',
  bump: 'component version dry-run allow-downgrade all config working-directory cwd json debug help',
  hotfix: 'component version dry-run config working-directory cwd from json debug help',
  plan: 'component version dry-run all github-token pypi-token pypi-upload-url pypi-url registry registry-username registry-password run-tests python-version build-isolation install-check attestations fulcio-url rekor-url provenance latest config working-directory dist-dir cwd json debug help',
  build:
    'component version dry-run github-token pypi-token pypi-upload-url pypi-url registry registry-username registry-password run-tests python-version build-isolation install-check attestations fulcio-url rekor-url provenance latest config working-directory matrix-entry dist-dir cwd json debug help',
  release:
    'component version dry-run all github-token pypi-token pypi-upload-url pypi-url registry registry-username registry-password run-tests python-version build-isolation install-check attestations fulcio-url rekor-url provenance latest config working-directory dist-dir cwd json debug help',
  verify:
    'component version all github-token pypi-url registry registry-username registry-password python-version install-check provenance trusted-root config working-directory cwd json debug help',
  rollback:
    'component version dry-run all github-token pypi-url registry registry-username registry-password config working-directory cwd json debug help',
  propose: 'component version dry-run allow-downgrade all github-token config working-directory cwd json debug help'
}

describe('per-command help', () => {
  test.each(COMMANDS.map((c) => [c]))('%s: its help lists the flags of the inputs it reads, and no other', (command) => {
    expect(commandFlags(command).map((f) => f.name)).toEqual(HELP_FLAGS[command].split(' '))
    const text = commandUsage(command)
    for (const flag of INPUT_FLAGS.filter((f) => f.name !== 'version')) {
      expect({ flag: flag.name, listed: new RegExp(`^  (-\\w, )?--(\\[no-\\])?${flag.name}\\b`, 'm').test(text) }).toEqual({
        flag: flag.name,
        listed: HELP_FLAGS[command].split(' ').includes(flag.name)
      })
    }
  })

  test.each(COMMANDS.map((c) => [c, COMMAND_HELP[c].example] as const))(
    '%s: the example (%s) parses as that command, with flags the command takes',
    (command, example) => {
      const argv = example
        .split(' ')
        .slice(1)
        .map((a) => a.replace(/^"(.*)"$/, '$1'))
      const parsed = parseArgv(argv)
      expect(parsed.positionals[0]).toBe(command)
      const allowed = commandFlags(command).map((f) => f.name)
      for (const name of Object.keys(parsed.values)) expect(allowed).toContain(name)
      expect(commandUsage(command)).toContain(`Example:\n  ${example}`)
      expect(commandUsage(command)).toContain(`Usage: pyship ${command} ${COMMAND_HELP[command].args} [options]`)
    }
  )
})
