/**
 * The local CLI's output (SPEC §3): `path:line: CODE message` per problem with its hint and
 * Troubleshooting link, the table in aligned columns, notices, the headline, the next steps.
 */
import { expect, test } from '@jest/globals'
import { docsLink, type Problem } from '../../src/errors.js'
import { formatResult, formatTable, problemLine } from '../../src/report/terminal.js'

const hint = 'Run `pyship bump platform 2.1.0`.'
test.each<[string, Partial<Problem>, string]>([
  ['file and line', { file: 'cli/pyproject.toml', line: 3 }, 'cli/pyproject.toml:3: E_VERSION_MISMATCH m'],
  ['a file without a line', { file: 'cli/pyproject.toml' }, 'cli/pyproject.toml: E_VERSION_MISMATCH m'],
  ['no file (a line alone places nothing)', { line: 3 }, 'E_VERSION_MISMATCH m']
])('problemLine with %s', (_what, where, first) => {
  expect(problemLine({ code: 'E_VERSION_MISMATCH', message: 'm', hint, ...where })).toBe(
    `${first}\n  hint: ${hint} (${docsLink('E_VERSION_MISMATCH')})`
  )
})

test('formatTable: columns as wide as their widest cell, two spaces apart, no trailing spaces', () => {
  expect(
    formatTable({
      header: ['Package', 'Version', 'Note'],
      rows: [
        ['dakora-cli', '2.0.0', ''],
        ['s', '10.0.0rc1', 'x']
      ]
    })
  ).toBe(['Package     Version    Note', '----------  ---------  ----', 'dakora-cli  2.0.0', 's           10.0.0rc1  x'].join('\n'))
})

test('formatResult: the table, notices, each problem, the headline naming each problem by its code, the next steps', () => {
  const problem: Problem = { code: 'E_LOCK_DRIFT', message: 'uv.lock records a 1.0.0', hint: 'Run `uv lock`.', file: 'uv.lock', line: 9 }
  expect(
    formatResult({
      command: 'check',
      headline: 'check: E_LOCK_DRIFT uv.lock records a 1.0.0',
      problems: [problem],
      outputs: {},
      notices: ['one notice'],
      table: { header: ['A'], rows: [['b']] },
      nextSteps: ['uv lock', 'git commit -am lock']
    })
  ).toBe(
    [
      'A',
      '-',
      'b',
      '',
      'notice: one notice',
      `uv.lock:9: E_LOCK_DRIFT uv.lock records a 1.0.0\n  hint: Run \`uv lock\`. (${docsLink('E_LOCK_DRIFT')})`,
      'check: E_LOCK_DRIFT',
      '',
      'Next steps:',
      '  uv lock',
      '  git commit -am lock'
    ].join('\n')
  )
})

test('formatResult without rows, problems or next steps: the headline alone', () => {
  expect(
    formatResult({ command: 'check', headline: 'check: ok', problems: [], outputs: {}, notices: [], table: { header: ['A'], rows: [] } })
  ).toBe('check: ok')
})
