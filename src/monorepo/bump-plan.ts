/**
 * `bump` (SPEC §4), the plan: every edit a new version of a group needs — member versions,
 * version files, internal pins that would exclude it, uv.lock entries, one rule each in
 * src/monorepo/bump-rules/ — computed and validated without writing anything, then
 * rendered to whole new file contents that differ from the old only in the planned strings. Pure: src/adapters/bump-writer.ts writes it.
 */
import { PyshipError, fromProblems } from '../errors.js'
import type { Monorepo } from '../monorepo/load.js'
import type { TomlDocument } from '../pyproject/toml.js'
import { applyChanges, EditError, type StringChange, type TextEdit } from '../pyproject/edit.js'
import { mergeSpots } from './spots-in-toml.js'
import { replaceVersion, VersionFileError, type VersionSpot } from '../pyproject/version-file.js'
import { spelledFor } from './spelling.js'
import type { BumpOptions, Row } from './bump-rules/context.js'
import { bumpContext } from './bump-rules/target-version.js'
import { BUMP_RULES } from './bump-rules/rules.js'

export type { BumpOptions, Row } from './bump-rules/context.js'

/** A file's new content, and the content it replaces (to restore it). */
export interface PlannedWrite {
  abs: string
  content: string
  previous: string
}

export interface FileEdit {
  abs: string
  doc: TomlDocument
  changes: StringChange[]
  /** Raw characters outside any value (a version-files spot in a comment). */
  raw?: TextEdit[]
}

/** A version written in a file that is not TOML pyship edits structurally (a version file, a mirror). */
export interface SpotEdit {
  spot: VersionSpot
  version: string
}

export interface BumpPlan {
  group: string
  /** Normal form of the new version. */
  version: string
  /** The members' current versions as written. */
  current: string[]
  rows: Row[]
  files: FileEdit[]
  spots: SpotEdit[]
  /** What the plan says besides its edits (members versioned by git tags). */
  notices: string[]
  /** Every member takes its version from git tags (no file carries it). */
  fromTags: boolean
}

/**
 * Every rule of src/monorepo/bump-rules/ in its order: the first rule with problems stops
 * the bump (nothing is written); the edits are collected per file (a version's characters
 * in another file once, however many rules name it).
 */
export function planBump(repo: Monorepo, options: BumpOptions): BumpPlan {
  const ctx = bumpContext(repo, options)
  const { version } = ctx
  const notices: string[] = []
  const rows: Row[] = []
  const spots: SpotEdit[] = []
  const spotted = new Set<string>()
  const edits = new Map<TomlDocument, FileEdit>()
  for (const rule of BUMP_RULES) {
    const problems = rule.problems?.(ctx) ?? []
    if (problems.length > 0) throw fromProblems(problems)
    notices.push(...(rule.notices?.(ctx) ?? []))
    for (const edit of rule.edits(ctx)) {
      if (edit.kind === 'spot') {
        const { spot } = edit
        const key = `${spot.abs}\u0000${spot.start}`
        if (spotted.has(key)) continue
        spotted.add(key)
        const write = edit.write ?? spelledFor(spot, version)
        spots.push({ spot, version: write })
        rows.push({ file: spot.file, line: spot.line, what: edit.what, from: spot.version, to: write })
      } else {
        const file = edits.get(edit.doc) ?? { abs: edit.abs, doc: edit.doc, changes: [] }
        edits.set(edit.doc, file)
        file.changes.push(edit.change)
        rows.push({ file: edit.doc.file, ...edit.row })
      }
    }
  }

  // a version-files spot inside a TOML file edited structurally lands in the same write
  const textSpots = mergeSpots([...edits.values()], spots)
  const { written, fromTags } = ctx
  const shownCurrent = written.length ? written.map((p) => p.version as string) : fromTags.filter((v): v is string => v !== null)
  return {
    group: ctx.group,
    version,
    current: shownCurrent,
    rows,
    files: [...edits.values()],
    spots: textSpots,
    notices,
    fromTags: written.length === 0
  }
}

/** The new contents of every changed file (verified: only the planned strings differ). */
export function renderBump(plan: BumpPlan): PlannedWrite[] {
  const toml = plan.files.map((f) => {
    try {
      return { abs: f.abs, content: applyChanges(f.doc, f.changes, f.raw), previous: (f.doc.bom ? '\ufeff' : '') + f.doc.text }
    } catch (error) {
      if (!(error instanceof EditError)) throw error
      throw new PyshipError('E_CONFIG', error.message, {
        location: { file: f.doc.file },
        hint: 'Write the value as a plain quoted string without escapes, then bump again.'
      })
    }
  })
  // version files: the version characters only, later spots first so earlier offsets hold
  const byFile = new Map<string, SpotEdit[]>()
  for (const e of plan.spots) {
    const list = byFile.get(e.spot.abs)
    if (list) list.push(e)
    else byFile.set(e.spot.abs, [e])
  }
  const text = [...byFile.values()].map((list) => {
    const first = list[0].spot
    let content = first.text
    try {
      for (const e of [...list].sort((a, b) => b.spot.start - a.spot.start))
        content = replaceVersion({ ...e.spot, text: content, bom: false }, e.version)
    } catch (error) {
      if (!(error instanceof VersionFileError)) throw error
      throw new PyshipError('E_VERSION_SOURCE', error.message, { location: { file: first.file, line: first.line } })
    }
    return { abs: first.abs, content: (first.bom ? '\ufeff' : '') + content, previous: (first.bom ? '\ufeff' : '') + first.text }
  })
  return [...toml, ...text]
}
