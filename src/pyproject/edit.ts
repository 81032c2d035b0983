/**
 * Byte-exact edits of TOML string values: only the characters of the string that
 * change are replaced — quotes, comments, spacing, key order, CRLF, a BOM and a
 * missing final newline all stay as they were. Every edit is verified by parsing
 * the result and comparing it with the expected document.
 */
import { parseToml, pathKey, valueNode, type TomlDocument, type TomlPath } from './toml.js'

export interface TextEdit {
  /** Offsets in the document text (without BOM). */
  start: number
  end: number
  text: string
}

export interface StringChange {
  path: TomlPath
  value: string
}

export class EditError extends Error {}

/** The edit that turns the string at `path` into `value`, touching only differing characters. */
export function stringEdit(doc: TomlDocument, path: TomlPath, value: string): TextEdit {
  const node = valueNode(doc, path)
  if (!node || node.type !== 'value' || node.kind !== 'string' || node.value === undefined) {
    throw new EditError(`${doc.file}: ${path.join('.')} is not a string`)
  }
  const delimiter = node.multiline ? 3 : 1
  const start = node.range[0] + delimiter
  const end = node.range[1] - delimiter
  const raw = doc.text.slice(start, end)
  const old = node.value
  // a multi-line string may start with a newline that is not part of its value
  const at = raw.endsWith(old) ? raw.length - old.length : -1
  if (at < 0 || (node.style === 'basic' && raw.slice(at).includes('\\'))) {
    throw new EditError(`${doc.file}:${node.loc.start.line}: the string uses escapes; edit it by hand`)
  }
  let prefix = 0
  // (past the end of `value`, value[prefix] is undefined: never equal to a character of `old`)
  while (prefix < old.length && old[prefix] === value[prefix]) prefix++
  let suffix = 0
  while (
    suffix < old.length - prefix &&
    suffix < value.length - prefix &&
    old[old.length - 1 - suffix] === value[value.length - 1 - suffix]
  ) {
    suffix++
  }
  const from = start + at + prefix
  return { start: from, end: start + at + old.length - suffix, text: value.slice(prefix, value.length - suffix) }
}

/** Structural equality of parsed TOML values (the parser's tables have no prototype). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b)
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

function setPath(target: Record<string, unknown>, path: TomlPath, value: string): void {
  let node: unknown = target
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key]
  ;(node as Record<string | number, unknown>)[path[path.length - 1]] = value
}

/** Apply edits sorted by start (non-overlapping) in one pass: each piece is copied once, then joined. */
export function spliceAll(text: string, edits: readonly TextEdit[]): string {
  const parts: string[] = []
  let at = 0
  for (const e of edits) {
    if (e.start < at) throw new EditError('overlapping edits')
    parts.push(text.slice(at, e.start), e.text)
    at = e.end
  }
  parts.push(text.slice(at))
  return parts.join('')
}

/**
 * Apply string changes to a document and return the new file content (with its BOM).
 * Throws EditError when the result would differ from the original in anything but
 * the changed values. All edits of the file are applied in one pass and the result
 * is parsed once. `raw` edits (a version in a comment) must leave every value as it was.
 */
export function applyChanges(doc: TomlDocument, changes: StringChange[], raw: readonly TextEdit[] = []): string {
  const seen = new Set<string>()
  const edits = changes
    .filter((c) => {
      const k = pathKey(c.path)
      if (seen.has(k)) throw new EditError(`${doc.file}: ${c.path.join('.')} changed twice`)
      seen.add(k)
      return true
    })
    .map((c) => stringEdit(doc, c.path, c.value))
    .concat(raw)
    .sort((a, b) => a.start - b.start)
  const text = spliceAll(doc.text, edits)
  const expected = structuredClone(doc.value)
  for (const c of changes) setPath(expected, c.path, c.value)
  const reparsed = parseToml(text, doc.file).value
  if (!sameValue(reparsed, expected)) {
    throw new EditError(`${doc.file}: the edited document does not parse back to the expected values`)
  }
  return (doc.bom ? '\ufeff' : '') + text
}
