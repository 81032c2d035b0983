/** The local CLI's output: `path:line: CODE message` per problem, a table, a headline. */
import { docsLink, type Problem } from '../errors.js'
import { headlineOf, type CommandResult, type Table } from './result.js'

export function problemLine(p: Problem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : ''
  return `${where}${p.code} ${p.message}\n  hint: ${p.hint} (${docsLink(p.code)})`
}

export function formatTable(table: Table): string {
  const widths = table.header.map((h, i) => Math.max(h.length, ...table.rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  return [line(table.header), line(widths.map((w) => '-'.repeat(w))), ...table.rows.map(line)].join('\n')
}

export function formatResult(result: CommandResult): string {
  const parts: string[] = []
  if (result.table && result.table.rows.length > 0) parts.push(formatTable(result.table), '')
  for (const notice of result.notices) parts.push(`notice: ${notice}`)
  for (const p of result.problems) parts.push(problemLine(p))
  parts.push(headlineOf(result))
  if (result.nextSteps?.length) parts.push('', 'Next steps:', ...result.nextSteps.map((s) => `  ${s}`))
  return parts.join('\n')
}
