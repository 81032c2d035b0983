/**
 * The resume decision for built files (SPEC §4 "Re-runs resume"): a file the index
 * already has with the same SHA-256 is skipped, a file it lacks is uploaded, and a
 * file it has with other bytes is a conflict — never overwritten, never shipped.
 */
import type { IndexFile } from '../adapters/pypi.js'

export interface BuiltFile {
  path: string
  name: string
  sha256: string
}

export interface UploadDecision {
  upload: BuiltFile[]
  skip: BuiltFile[]
  /** Same name on the index, other content. */
  conflicts: { file: BuiltFile; onIndex: IndexFile }[]
}

export function decideUploads(built: BuiltFile[], onIndex: IndexFile[] | null): UploadDecision {
  const decision: UploadDecision = { upload: [], skip: [], conflicts: [] }
  for (const file of built) {
    const there = onIndex?.find((f) => f.filename === file.name)
    if (!there) decision.upload.push(file)
    else if (there.sha256.toLowerCase() === file.sha256.toLowerCase()) decision.skip.push(file)
    else decision.conflicts.push({ file, onIndex: there })
  }
  return decision
}
