/**
 * Turn a command's result into what GitHub shows: one annotation per problem on its
 * file and line, the outputs, and the job summary.
 */
import * as core from '@actions/core'
import { docsLink, type Problem } from '../errors.js'
import type { CommandResult } from './result.js'

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

export async function writeSummary(result: CommandResult): Promise<void> {
  const summary = core.summary.addHeading(`pyship ${result.command}`, 2).addRaw(escapeHtml(result.headline), true)
  if (result.table) {
    summary.addTable([
      result.table.header.map((data) => ({ data, header: true })),
      ...result.table.rows.map((row) => row.map(escapeHtml))
    ])
  }
  if (result.problems.length > 0) {
    summary.addHeading('Problems', 3)
    summary.addTable([
      ['Code', 'Where', 'Problem', 'What to do'].map((data) => ({ data, header: true })),
      ...result.problems.map((p) => [
        `<a href="${docsLink(p.code)}">${p.code}</a>`,
        p.file ? `${p.file}${p.line ? `:${p.line}` : ''}` : '',
        escapeHtml(p.message),
        escapeHtml(p.hint)
      ])
    ])
  }
  for (const notice of result.notices) summary.addRaw(`> ${escapeHtml(notice)}`, true)
  if (result.nextSteps?.length) {
    summary.addHeading('Next steps', 3).addCodeBlock(escapeHtml(result.nextSteps.join('\n')), 'bash')
  }
  await summary.write()
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** `summary`: whether the runner gave a job summary file (GITHUB_STEP_SUMMARY). */
export async function reportToActions(result: CommandResult, options: { summary: boolean }): Promise<void> {
  for (const notice of result.notices) core.notice(notice)
  annotate(result.problems)
  setOutputs({ ...result.outputs, problems: problemsOutput(result.problems) })
  core.info(result.headline)
  if (result.nextSteps?.length) core.info(['Next steps:', ...result.nextSteps.map((s) => `  ${s}`)].join('\n'))
  if (!options.summary) return
  try {
    await writeSummary(result)
  } catch (error) {
    // an unwritable summary must not hide the result reported above
    core.warning(`the job summary could not be written: ${(error as Error).message}`)
  }
}
