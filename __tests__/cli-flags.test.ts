/**
 * One table of flags drives the CLI's parsing and --help; it stays in step with
 * action.yml (names, descriptions, defaults) and with DEFAULTS in src/inputs.ts.
 */
import { describe, expect, test } from '@jest/globals'
import { readAction } from '../__fixtures__/readme.js'
import { CLI_FLAGS, INPUT_FLAGS, negatable } from '../src/cli-flags.js'
import { DEFAULTS, INPUT_NAMES } from '../src/inputs.js'

const action = readAction()
const inputs = Object.entries(action.inputs).filter(([name]) => name !== 'command')

describe('the flag table', () => {
  test('one flag per action.yml input (command is the first argument)', () => {
    expect(INPUT_FLAGS.map((f) => f.name).sort()).toEqual(inputs.map(([name]) => name).sort())
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  test.each(inputs)('--%s has action.yml\'s description', (name, input) => {
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
    expect(INPUT_FLAGS.filter(negatable).map((f) => f.name).sort()).toEqual(['build-isolation', 'run-tests'])
  })

  test('CLI-only flags do not shadow an input', () => {
    for (const flag of CLI_FLAGS) expect(Object.keys(action.inputs)).not.toContain(flag.name)
  })
})
