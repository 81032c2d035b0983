/** The input context: what a command's rules see, and the checks across inputs. */
import { describe, expect, test } from '@jest/globals'
import { CODES } from '../../src/errors.js'
import { inputContext } from '../../src/input-rules/context.js'

const context = (values: Record<string, string>) => inputContext((name) => values[name] ?? '', { cwd: '/' })
const rows = (values: Record<string, string>) =>
  context(values).problems.map((p) => (p.hint === CODES[p.code].hint ? [p.code, p.message] : [p.code, p.message, p.hint]))

describe('input context', () => {
  test.each<[string, Record<string, string>, string[][]]>([
    ['nothing wrong', { command: 'release', 'github-token': 'ghs_x', registry: 'r.example' }, []],
    [
      'an unevaluated expression in an input the command reads',
      { command: 'release', registry: '${{ vars.REGISTRY }}' },
      [
        [
          'E_INPUT',
          'input registry is the expression "${{ vars.REGISTRY }}", which was not evaluated: pyship needs its value',
          'Expressions are evaluated by the runner only. Give the value itself: under @github/local-action set INPUT_REGISTRY in its .env file (for this input, the literal value); in a workflow, check the `with:` block.'
        ]
      ]
    ],
    [
      'an unevaluated secret is not shown',
      { command: 'release', 'github-token': '${{ github.token }}' },
      [
        [
          'E_INPUT',
          'input github-token is a GitHub expression, which was not evaluated: pyship needs its value',
          'Expressions are evaluated by the runner only. Give the value itself: under @github/local-action set INPUT_GITHUB-TOKEN in its .env file (for a token, use a personal access token); in a workflow, check the `with:` block.'
        ]
      ]
    ],
    [
      'an unevaluated expression in an input the command does not read',
      { command: 'check', 'github-token': '${{ github.token }}', registry: '${{ x }}' },
      []
    ],
    [
      'a control character in an input the command does not read',
      { command: 'check', registry: 'ghcr.io\n::warning::x' },
      [['E_INPUT', 'input registry = "ghcr.io\\n::warning::x" is not allowed: it contains a newline or another control character']]
    ],
    ['a secret the command does not read may span lines', { command: 'check', 'pypi-token': 'a\nb' }, []],
    ['matrix-entry the command does not read may be pretty-printed JSON', { command: 'check', 'matrix-entry': '{\n  "a": 1\n}' }, []],
    [
      'but not carry other control characters',
      { command: 'check', 'matrix-entry': '{"a": "\u001b[31m"}' },
      [
        [
          'E_INPUT',
          'input matrix-entry = "{\\"a\\": \\"\\u001b[31m\\"}" is not allowed: it contains a newline or another control character'
        ]
      ]
    ],
    ['without a known command, nothing else is read', { command: 'publish', registry: '${{ x }}', version: '$(id)' }, []]
  ])('%s', (_title, values, expected) => {
    expect(rows(values)).toEqual(expected)
  })

  test('what a rule sees: the value as given, unset when not read or unevaluated, the default when unset', () => {
    const ctx = context({ command: 'check', component: 'cli', registry: 'r.example', version: '${{ inputs.v }}' })
    expect([
      ctx.known,
      ctx.get('component'),
      ctx.get('registry'),
      ctx.given('registry'),
      ctx.get('version'),
      ctx.unevaluated('version')
    ]).toEqual(['check', 'cli', '', 'r.example', '', true])
    expect([ctx.raw('registry'), ctx.raw('working-directory'), ctx.raw('config')]).toEqual(['ghcr.io', '.', ''])
    expect(context({ command: 'nope' }).known).toBeNull()
  })

  test('raw refuses a control character and gives ""', () => {
    const ctx = context({ command: 'release', registry: 'a\u007fb' })
    expect(ctx.raw('registry')).toBe('')
    expect(ctx.problems.map((p) => p.message)).toEqual([
      'input registry = "a\\u007fb" is not allowed: it contains a newline or another control character'
    ])
  })
})
