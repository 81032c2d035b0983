/**
 * A bump rule's context over a small monorepo written to a temp directory and read for
 * real, and a rule's edits as table rows.
 */
import { loadMonorepo } from '../src/monorepo/load.js'
import type { BumpContext, BumpOptions, BumpRule, Edit } from '../src/monorepo/bump-rules/context.js'
import { bumpContext } from '../src/monorepo/bump-rules/target-version.js'
import { tempDir, writeTree, type Tree } from './tree.js'

export function bumpContextOf(files: Tree, options: Partial<BumpOptions> = {}): BumpContext {
  const root = writeTree(tempDir(), files)
  const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
  return bumpContext(repo, { component: 'g', version: 'minor', allowDowngrade: false, uvLocks: false, ...options })
}

/**
 * An edit as a row: file, line, what, from → to, and where it goes (the TOML path and the
 * absolute file relative to the working directory, or `spot` with the characters' offset).
 */
export type EditRow = [file: string, line: number, what: string, from: string, to: string, where: string]

export function editRows(ctx: BumpContext, edits: Edit[]): EditRow[] {
  const rel = (abs: string): string => abs.slice(ctx.repo.paths.workDir.length + 1)
  return edits.map((e): EditRow => {
    if (e.kind === 'spot')
      return [e.spot.file, e.spot.line, e.what, e.spot.version, e.write ?? ctx.version, `spot ${rel(e.spot.abs)}@${e.spot.start}`]
    const to = e.change.value
    if (to !== e.row.to) throw new Error(`the row says ${e.row.to} but the change writes ${to}`)
    return [e.doc.file, e.row.line, e.row.what, e.row.from, e.row.to, `${rel(e.abs)} ${e.change.path.join('.')}`]
  })
}

/** What a rule plans over the files: its edits as rows, its problems (code, file, line, message, hint) and notices. */
export function planned(rule: BumpRule, files: Tree, options: Partial<BumpOptions> = {}) {
  const ctx = bumpContextOf(files, options)
  return {
    edits: editRows(ctx, rule.edits(ctx)),
    problems: (rule.problems?.(ctx) ?? []).map((p) => [p.code, p.file, p.line, p.message, p.hint]),
    notices: rule.notices?.(ctx) ?? []
  }
}
