/**
 * A check rule's context over a small monorepo written to a temp directory and read for
 * real (positions, version sources, uv.lock), and what a rule found as table rows.
 */
import { CODES, type Problem } from '../src/errors.js'
import { loadMonorepo } from '../src/monorepo/load.js'
import { checkContext, type CheckContext, type CheckOptions, type CheckRule } from '../src/monorepo/check-rules/context.js'
import { tempDir, writeTree, type Tree } from './tree.js'

export const pyproject = (name: string, version: string, extra = ''): string =>
  `[project]\nname = "${name}"\nversion = "${version}"\n${extra}`

/** A root pyproject.toml with `[tool.pyship.groups.<name>] packages = [...]` per group (and `extra` after). */
export const rootWith = (groups: Record<string, string[]>, extra = ''): string =>
  Object.entries(groups)
    .map(([name, dirs]) => `[tool.pyship.groups.${name}]\npackages = ${JSON.stringify(dirs)}\n`)
    .join('\n') + extra

/** A uv.lock recording each member (name → version) with an editable source, one entry of 4 lines after a 3-line header. */
export const uvLock = (members: Record<string, string>): string =>
  'version = 1\nrequires-python = ">=3.11"\n' +
  Object.entries(members)
    .map(([name, version]) => `\n[[package]]\nname = "${name}"\nversion = "${version}"\nsource = { editable = "${name}" }\n`)
    .join('')

export function contextOf(files: Tree, options: Partial<CheckOptions> = {}): CheckContext {
  const root = writeTree(tempDir(), files)
  const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
  return checkContext(repo, { component: '', version: '', ...options })
}

/** code, file, line, message, and the hint when it is not the code's default. */
export type Row = [code: string, file: string | undefined, line: number | undefined, message: string, hint?: string]

export const rowsOf = (problems: Problem[]): Row[] =>
  problems.map((p): Row => {
    const row: Row = [p.code, p.file, p.line, p.message]
    if (p.hint !== CODES[p.code].hint) row.push(p.hint)
    return row
  })

/** What a rule found over the files: problems as rows, and notices. */
export function findings(rule: CheckRule, files: Tree, options: Partial<CheckOptions> = {}): { problems: Row[]; notices: string[] } {
  const ctx = contextOf(files, options)
  return { problems: rowsOf(rule.problems(ctx)), notices: rule.notices?.(ctx) ?? [] }
}
