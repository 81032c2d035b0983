/**
 * The parts of a PEP 508 requirement that pin checks need: the distribution name
 * (PEP 503-normalized), the extras, and the version specifier with its offset in
 * the string (so a pin can be rewritten in place). URL requirements have no specifier.
 */

export interface ParsedRequirement {
  /** PEP 503 normal form of the name. */
  name: string
  extras: string[]
  /** The specifier without parentheses or surrounding space; '' when there is none. */
  specifier: string
  /** Offset of `specifier` in the requirement string (-1 when empty). */
  specifierOffset: number
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*/

/** PEP 503: lower case, runs of `-`, `_`, `.` become one `-`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

export function parseRequirement(text: string): ParsedRequirement | null {
  const head = NAME.exec(text)
  if (!head) return null
  let pos = head[0].length
  let extras: string[] = []
  if (text[pos] === '[') {
    const close = text.indexOf(']', pos)
    if (close < 0) return null
    extras = text
      .slice(pos + 1, close)
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)
    pos = close + 1
  }
  const end = text.indexOf(';', pos)
  let rest = text.slice(pos, end < 0 ? text.length : end)
  let offset = pos
  if (/^\s*@/.test(rest)) return { name: normalizeName(head[1]), extras, specifier: '', specifierOffset: -1 }
  // `name (>=1.0)` is the older parenthesised form
  const open = rest.indexOf('(')
  if (open >= 0 && rest.slice(0, open).trim() === '') {
    const close = rest.lastIndexOf(')')
    if (close < open) return null
    offset += open + 1
    rest = rest.slice(open + 1, close)
  }
  const lead = rest.length - rest.trimStart().length
  const specifier = rest.trim()
  return {
    name: normalizeName(head[1]),
    extras,
    specifier,
    specifierOffset: specifier ? offset + lead : -1
  }
}
