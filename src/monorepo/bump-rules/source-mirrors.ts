/**
 * The places a member's own backend says carry its version too (a maturin crate's entry in
 * Cargo.lock): the version's characters in each, in that file's spelling.
 */
import type { BumpRule, Edit } from './context.js'
import { carries } from '../spelling.js'

export const sourceMirrors: BumpRule = {
  name: 'source-mirrors',
  edits: ({ written, version }) =>
    written.flatMap((p): Edit[] =>
      (p.source.mirrors ?? [])
        .filter((spot) => !carries(spot, version))
        .map((spot): Edit => ({ kind: 'spot', spot, what: `${spot.label ?? p.name} version mirror (${spot.file})` }))
    )
}
