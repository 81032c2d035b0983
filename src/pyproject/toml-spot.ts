/**
 * A version located by a pattern (a `version-files` spot) inside a TOML file that `bump` also
 * edits structurally — a pyproject.toml's `[tool.bumpversion] current_version`, an extra
 * `rs = ["sqlfluffrs==1.2.3"]` — as an edit of that document, so that both land in one write
 * verified like every TOML edit: inside a plain string, the string's new value; outside any
 * value (a comment), raw characters (the values must parse back unchanged); inside a number,
 * a date, or a string written with escapes, refused with the reason. Pure.
 */
import type { TextEdit } from './edit.js'
import type { TomlDocument, TomlPath } from './toml.js'

export type SpotInToml =
  | { kind: 'string'; path: TomlPath; key: string; old: string; value: string; offset: number; length: number }
  | { kind: 'text'; edit: TextEdit }
  | { kind: 'refused'; reason: string }

/** Characters [start, end) of the document's text replaced by `text`, as an edit of the document. */
export function spotInToml(doc: TomlDocument, start: number, end: number, text: string): SpotInToml {
  let best: { key: string; range: [number, number] } | null = null
  for (const [key, info] of doc.nodes) {
    const node = info.node
    if (node.type !== 'value' || node.range[0] > start || end > node.range[1]) continue
    if (node.kind !== 'string') return { kind: 'refused', reason: `the version is inside a TOML ${node.kind ?? 'value'}, not a string` }
    if (!best || node.range[1] - node.range[0] < best.range[1] - best.range[0]) best = { key, range: node.range }
  }
  if (!best) return { kind: 'text', edit: { start, end, text } }
  const node = doc.nodes.get(best.key)?.node
  const value = node?.value ?? ''
  const delimiter = node?.multiline ? 3 : 1
  const rawStart = best.range[0] + delimiter
  const raw = doc.text.slice(rawStart, best.range[1] - delimiter)
  const at = raw.endsWith(value) ? raw.length - value.length : -1
  if (at < 0 || (node?.style === 'basic' && raw.slice(at).includes('\\'))) {
    return { kind: 'refused', reason: 'the string holding the version uses escapes' }
  }
  const offset = start - (rawStart + at)
  if (offset < 0 || end > best.range[1] - delimiter)
    return { kind: 'refused', reason: "the pattern's version group takes in the string's quotes" }
  return {
    kind: 'string',
    path: best.key.split('\u0000'),
    key: best.key,
    old: value,
    value: value.slice(0, offset) + text + value.slice(offset + (end - start)),
    offset,
    length: end - start
  }
}
