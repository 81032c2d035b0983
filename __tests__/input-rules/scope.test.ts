/** Input rules command, component and version. */
import { describe, expect, test } from '@jest/globals'
import { run, type Found } from '../../__fixtures__/input-rules.js'
import { command, component, version } from '../../src/input-rules/scope.js'

const COMMAND_REQUIRED: Found = [
  'E_INPUT',
  'input command is required: one of check, bump, plan, build, release, verify, rollback, hotfix, propose',
  "Set `command:` in the step's `with:` block (e.g. `command: check`); a step without it never starts a release. CLI: `pyship <command>`; `pyship --help` lists them."
]

describe('input rule command', () => {
  test.each<[string, string, Found[]]>([
    ['check', 'check', []],
    ['hotfix', 'hotfix', []],
    ['', '', [COMMAND_REQUIRED]],
    [
      'publish',
      '',
      [['E_INPUT', 'input command = "publish" is not allowed: one of check, bump, plan, build, release, verify, rollback, hotfix, propose']]
    ],
    [
      'Check',
      '',
      [['E_INPUT', 'input command = "Check" is not allowed: one of check, bump, plan, build, release, verify, rollback, hotfix, propose']]
    ],
    // the context reported the unevaluated expression: not again as "not allowed"
    ['${{ inputs.command }}', '', []]
  ])('command = %j', (value, expected, problems) => {
    expect(run(command, { command: value })).toEqual({ fields: { command: expected }, problems })
  })
})

const COMPONENT_RULE = 'a target or group name matching [A-Za-z0-9][A-Za-z0-9._-]* (at most 100 characters)'

describe('input rule component', () => {
  test.each<[string, Found[]]>([
    ['', []],
    ['cli', []],
    ['Py.Ship_2-x', []],
    ['9', []],
    ['a'.repeat(100), []],
    ['a'.repeat(101), [['E_INPUT', `input component = "${'a'.repeat(60)}…" is not allowed: ${COMPONENT_RULE}`]]],
    ['-rf', [['E_INPUT', `input component = "-rf" is not allowed: ${COMPONENT_RULE}`]]],
    ['.hidden', [['E_INPUT', `input component = ".hidden" is not allowed: ${COMPONENT_RULE}`]]],
    ['cli/../x', [['E_INPUT', `input component = "cli/../x" is not allowed: ${COMPONENT_RULE}`]]],
    ['cli;rm', [['E_INPUT', `input component = "cli;rm" is not allowed: ${COMPONENT_RULE}`]]],
    [
      'cli\n::warning::x',
      [['E_INPUT', 'input component = "cli\\n::warning::x" is not allowed: it contains a newline or another control character']]
    ]
  ])('component = %j', (value, problems) => {
    const { fields, problems: found } = run(component, { component: value })
    expect(found).toEqual(problems)
    expect(fields).toEqual({ component: value.includes('\n') ? '' : value })
  })

  test('a command that does not read it: the default, whatever it holds', () => {
    expect(run(component, { command: '', component: '-rf' })).toEqual({ fields: { component: '' }, problems: [] })
  })
})

const VERSION_RULE = 'a PEP 440 version such as 2.0.0 or v2.1.0rc1 (letters, digits, ".", "!", "+", "-", "_"; at most 64 characters)'

describe('input rule version', () => {
  test.each<[string, Found[]]>([
    ['', []],
    ['2.0.0', []],
    ['v2.1.0rc1', []],
    ['1!2.0.0+local_1-x', []],
    ['minor', []],
    ['1'.repeat(64), []],
    ['1'.repeat(65), [['E_INPUT', `input version = "${'1'.repeat(60)}…" is not allowed: ${VERSION_RULE}`]]],
    ['2.0.0 ', [['E_INPUT', `input version = "2.0.0 " is not allowed: ${VERSION_RULE}`]]],
    ['$(id)', [['E_INPUT', `input version = "$(id)" is not allowed: ${VERSION_RULE}`]]],
    ['>=2', [['E_INPUT', `input version = ">=2" is not allowed: ${VERSION_RULE}`]]]
  ])('version = %j', (value, problems) => {
    expect(run(version, { version: value })).toEqual({ fields: { version: value }, problems })
  })
})
