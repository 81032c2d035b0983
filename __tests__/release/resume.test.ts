/**
 * The resume decision for built files (SPEC §4 "Re-runs resume"): a file the index already
 * has with the same SHA-256 is skipped, a file it lacks is uploaded, a file it has with other
 * bytes is a conflict — never overwritten.
 */
import { describe, expect, test } from '@jest/globals'
import { decideUploads, type BuiltFile } from '../../src/release/resume.js'

const file = (name: string, sha256: string): BuiltFile => ({ path: `/dist/${name}`, name, sha256 })
const WHL = file('dakora-2.0.0-py3-none-any.whl', 'ab'.repeat(32))

describe('decideUploads: what a re-run sends to the index', () => {
  test.each<[string, 'upload' | 'skip' | 'conflict', { filename: string; sha256: string }[] | null]>([
    ['nothing on the index', 'upload', null],
    ['another file of the version on the index', 'upload', [{ filename: 'dakora-2.0.0.tar.gz', sha256: 'cd'.repeat(32) }]],
    ['the same file with the same SHA-256', 'skip', [{ filename: WHL.name, sha256: 'ab'.repeat(32) }]],
    ['the same file, its SHA-256 spelled in capitals by the index', 'skip', [{ filename: WHL.name, sha256: 'AB'.repeat(32) }]],
    ['the same name with other bytes', 'conflict', [{ filename: WHL.name, sha256: 'cd'.repeat(32) }]]
  ])('%s: %s', (_name, expected, onIndex) => {
    const d = decideUploads([WHL], onIndex)
    expect({ upload: d.upload.length, skip: d.skip.length, conflict: d.conflicts.length }).toEqual({
      upload: Number(expected === 'upload'),
      skip: Number(expected === 'skip'),
      conflict: Number(expected === 'conflict')
    })
  })
})
