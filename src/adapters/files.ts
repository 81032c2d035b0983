/**
 * All-or-nothing file writes: every new content goes to a temporary file beside its
 * target (same mode) first; only when all are written are they renamed over the
 * targets. A failure before the renames leaves every file untouched; a failure during
 * them restores the files already replaced.
 */
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface FileWrite {
  abs: string
  content: string
  /** The content it replaces (for restoring). */
  previous: string
}

export function writeAllOrNothing(files: FileWrite[]): void {
  const temps: string[] = []
  try {
    for (const f of files) {
      const temp = path.join(
        path.dirname(f.abs),
        `.${path.basename(f.abs)}.pyship-${process.getBuiltinModule('node:crypto').randomBytes(4).toString('hex')}`
      )
      writeFileSync(temp, f.content, { mode: statSync(f.abs).mode & 0o7777, flag: 'wx' })
      temps.push(temp)
    }
  } catch (error) {
    for (const t of temps) rmSync(t, { force: true })
    throw error
  }
  const done: FileWrite[] = []
  try {
    files.forEach((f, i) => {
      renameSync(temps[i], f.abs)
      done.push(f)
    })
  } catch (error) {
    restore(done)
    for (const t of temps) rmSync(t, { force: true })
    throw error
  }
}

/** Put back the previous contents (after a later step failed). */
export function restore(files: FileWrite[]): void {
  for (const f of files) writeFileSync(f.abs, f.previous)
}
