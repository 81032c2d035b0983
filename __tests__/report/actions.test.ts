/**
 * What GitHub shows of a command's result (SPEC §3): one error annotation per problem, titled by
 * its code, on its file and line, with the hint and the Troubleshooting link; the outputs
 * (`problems` as `[{code, file, line, message}]`); notices; the job summary as HTML with every
 * text escaped and each "Where" linked to the file at the run's commit.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { docsLink, type Problem } from '../../src/errors.js'
import { annotationMessage, cellHtml, problemsOutput, reportToActions, whereCell } from '../../src/report/actions.js'
import type { CommandResult } from '../../src/report/result.js'

const drift: Problem = {
  code: 'E_VERSION_MISMATCH',
  message: 'cli/pyproject.toml has 2.0.0 but the group platform has 2.1.0',
  hint: 'Run `pyship bump platform 2.1.0`.',
  file: 'cli/pyproject.toml',
  line: 3
}
// a line without a file places nothing
const unplaced: Problem = { code: 'E_NO_PYPI_TOKEN', message: 'no token', hint: 'Give pypi-token.', line: 4 }

describe('annotations, outputs and summary on a runner', () => {
  let dir: string
  let stdout: string
  const write = process.stdout.write.bind(process.stdout)
  const saved = { GITHUB_OUTPUT: process.env.GITHUB_OUTPUT, GITHUB_STEP_SUMMARY: process.env.GITHUB_STEP_SUMMARY }
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-actions-'))
    process.env.GITHUB_OUTPUT = path.join(dir, 'output')
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary')
    writeFileSync(process.env.GITHUB_OUTPUT, '')
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '')
    stdout = ''
    process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write
  })
  afterEach(() => {
    process.stdout.write = write
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    rmSync(dir, { recursive: true, force: true })
  })

  const result: CommandResult = {
    command: 'check',
    headline: 'check: E_VERSION_MISMATCH cli/pyproject.toml has 2.0.0 but the group platform has 2.1.0',
    problems: [drift, unplaced],
    outputs: { version: '2.1.0' },
    notices: ['a <notice> & more'],
    table: { header: ['Package', 'Version'], rows: [['dakora-cli', '`2.0.0` <b>']] },
    nextSteps: ['pyship bump platform 2.1.0']
  }

  test('each problem is one error annotation on its file and line, titled by its code, with the hint and its link', async () => {
    await reportToActions(result, { summary: false })
    const lines = stdout.split(os.EOL)
    expect(lines).toContain(
      `::error title=E_VERSION_MISMATCH,file=cli/pyproject.toml,line=3::cli/pyproject.toml has 2.0.0 but the group platform has 2.1.0%0ARun \`pyship bump platform 2.1.0\`. See ${docsLink('E_VERSION_MISMATCH')}`
    )
    // without a file: no file and no line
    expect(lines).toContain(`::error title=E_NO_PYPI_TOKEN::no token%0AGive pypi-token. See ${docsLink('E_NO_PYPI_TOKEN')}`)
    expect(lines).toContain('::notice::a <notice> & more')
    // the headline names each problem by its code once (the annotations say the rest)
    expect(lines).toContain('check: E_VERSION_MISMATCH')
    expect(lines).toContain('Next steps:')
    expect(lines).toContain('  pyship bump platform 2.1.0')
  })

  test('the outputs, problems among them, are written to GITHUB_OUTPUT', async () => {
    await reportToActions(result, { summary: false })
    const output = readFileSync(path.join(dir, 'output'), 'utf8')
    expect(output).toMatch(/^version<<ghadelimiter_[\w-]+\n2\.1\.0\n/m)
    expect(output).toContain(`\n${problemsOutput(result.problems)}\n`)
    expect(JSON.parse(problemsOutput(result.problems))).toEqual([
      { code: 'E_VERSION_MISMATCH', file: 'cli/pyproject.toml', line: 3, message: drift.message },
      { code: 'E_NO_PYPI_TOKEN', file: null, line: 4, message: 'no token' }
    ])
  })

  test('the job summary: heading, headline, table, problems with links, notices and next steps, every text escaped', async () => {
    await reportToActions(result, { summary: true, links: { serverUrl: 'https://github.com', repository: 'acme/dakora', sha: 'abc' } })
    const html = readFileSync(path.join(dir, 'summary'), 'utf8')
    expect(html).toContain('<h2>pyship check</h2>')
    expect(html).toContain('<p>check: E_VERSION_MISMATCH</p>')
    expect(html).toContain('<td><code>2.0.0</code> &lt;b&gt;</td>')
    expect(html).toContain(`<td><a href="${docsLink('E_VERSION_MISMATCH')}">E_VERSION_MISMATCH</a></td>`)
    expect(html).toContain('<td><a href="https://github.com/acme/dakora/blob/abc/cli/pyproject.toml#L3">cli/pyproject.toml:3</a></td>')
    expect(html).toContain('<td>Run <code>pyship bump platform 2.1.0</code>.</td>')
    expect(html).toContain('<blockquote>a &lt;notice&gt; &amp; more</blockquote>')
    expect(html).toMatch(/<pre lang="bash"><code>pyship bump platform 2.1.0<\/code><\/pre>/)
    expect(stdout).not.toContain('::warning::')
  })

  test('an unwritable summary is a warning, after everything else was reported', async () => {
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'missing', 'summary')
    await reportToActions(result, { summary: true })
    expect(stdout).toContain('::error title=E_VERSION_MISMATCH')
    expect(stdout).toMatch(/::warning::the job summary could not be written: /)
  })
})

describe('summary cells', () => {
  test.each<[string, Pick<Problem, 'file' | 'line'>, Parameters<typeof whereCell>[1], string]>([
    ['no file: empty', {}, undefined, ''],
    ['a file without a line, no links: its path', { file: 'a/pyproject.toml' }, undefined, 'a/pyproject.toml'],
    [
      'a file and line, no commit: plain text',
      { file: 'a/p.toml', line: 2 },
      { serverUrl: 'https://github.com', repository: 'o/r', sha: '' },
      'a/p.toml:2'
    ],
    [
      'each path part encoded, the line as an anchor',
      { file: 'my pkg/py#project.toml', line: 7 },
      { serverUrl: 'https://ghe.example', repository: 'o/r', sha: 's' },
      '<a href="https://ghe.example/o/r/blob/s/my%20pkg/py%23project.toml#L7">my pkg/py#project.toml:7</a>'
    ],
    ['HTML in a path is escaped', { file: 'a<b>.toml' }, undefined, 'a&lt;b&gt;.toml']
  ])('whereCell: %s', (_what, p, links, cell) => {
    expect(whereCell(p, links)).toBe(cell)
  })

  test.each([
    ['`code` & <tags>', '<code>code</code> &amp; &lt;tags&gt;'],
    ['no code across\nlines: `a\nb`', 'no code across\nlines: `a\nb`'],
    ['``', '``']
  ])('cellHtml(%j)', (text, html) => {
    expect(cellHtml(text)).toBe(html)
  })

  test('the annotation body: message, then hint and link', () => {
    expect(annotationMessage(unplaced)).toBe(`no token\nGive pypi-token. See ${docsLink('E_NO_PYPI_TOKEN')}`)
  })
})
