/**
 * Turn a command's result into what GitHub shows: one annotation per problem on its
 * file and line, the outputs, and the job summary.
 */
import * as core from '@actions/core'
import { docsLink, type Problem } from '../errors.js'
import { headlineOf, type CommandResult } from './result.js'

/** The annotation body: the message, then the hint and its Troubleshooting link. */
export function annotationMessage(p: Problem): string {
  return `${p.message}\n${p.hint} See ${docsLink(p.code)}`
}

export function annotate(problems: Problem[]): void {
  for (const p of problems) {
    core.error(annotationMessage(p), { title: p.code, file: p.file, startLine: p.file ? p.line : undefined })
  }
}

export function setOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

/** The `problems` output: `[{code, file, line, message}]`. */
export function problemsOutput(problems: Problem[]): string {
  return JSON.stringify(problems.map((p) => ({ code: p.code, file: p.file ?? null, line: p.line ?? null, message: p.message })))
}

/** Report problems that stopped a command (a thrown PyshipError). */
export function reportProblems(problems: Problem[]): void {
  annotate(problems)
  core.setOutput('problems', problemsOutput(problems))
}

/** Where the summary's "Where" links point: the file at the commit the run is on. */
export interface SourceLinks {
  serverUrl: string
  repository: string
  sha: string
}

/** `path:line`, linked to the file on GitHub when the repository and commit are known. */
export function whereCell(p: Pick<Problem, 'file' | 'line'>, links?: SourceLinks): string {
  if (!p.file) return ''
  const text = escapeHtml(`${p.file}${p.line ? `:${p.line}` : ''}`)
  if (!links?.repository || !links.sha) return text
  const file = p.file.split('/').map(encodeURIComponent).join('/')
  return `<a href="${escapeHtml(`${links.serverUrl}/${links.repository}/blob/${links.sha}/${file}${p.line ? `#L${p.line}` : ''}`).replace(/"/g, '&quot;')}">${text}</a>`
}

/** Text for an HTML cell: escaped, with Markdown code spans shown as code. */
export function cellHtml(text: string): string {
  return escapeHtml(text).replace(/`([^`\n]+)`/g, '<code>$1</code>')
}

export async function writeSummary(result: CommandResult, links?: SourceLinks): Promise<void> {
  const summary = core.summary
    .addHeading(result.command ? `pyship ${result.command}` : 'pyship', 2)
    .addRaw(`<p>${cellHtml(headlineOf(result))}</p>`, true)
  if (result.table) {
    summary.addTable([result.table.header.map((data) => ({ data, header: true })), ...result.table.rows.map((row) => row.map(cellHtml))])
  }
  if (result.problems.length > 0) {
    summary.addHeading('Problems', 3)
    summary.addTable([
      ['Code', 'Where', 'Problem', 'What to do'].map((data) => ({ data, header: true })),
      ...result.problems.map((p) => [
        `<a href="${docsLink(p.code)}">${p.code}</a>`,
        whereCell(p, links),
        cellHtml(p.message),
        cellHtml(p.hint)
      ])
    ])
  }
  for (const notice of result.notices) summary.addRaw(`<blockquote>${cellHtml(notice)}</blockquote>`, true)
  if (result.nextSteps?.length) {
    summary.addHeading('Next steps', 3).addCodeBlock(escapeHtml(result.nextSteps.join('\n')), 'bash')
  }
  await summary.write()
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** `summary`: whether the runner gave a job summary file (GITHUB_STEP_SUMMARY); `links`: where "Where" cells point. */
export async function reportToActions(result: CommandResult, options: { summary: boolean; links?: SourceLinks }): Promise<void> {
  for (const notice of result.notices) core.notice(notice)
  annotate(result.problems)
  setOutputs({ ...result.outputs, problems: problemsOutput(result.problems) })
  core.info(headlineOf(result))
  if (result.nextSteps?.length) core.info(['Next steps:', ...result.nextSteps.map((s) => `  ${s}`)].join('\n'))
  if (!options.summary) return
  try {
    await writeSummary(result, options.links)
  } catch (error) {
    // an unwritable summary must not hide the result reported above
    core.warning(`the job summary could not be written: ${(error as Error).message}`)
  }
}
