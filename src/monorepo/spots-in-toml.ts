/**
 * `bump`'s version-files spots that point into a TOML file the bump already edits (a member's
 * pyproject.toml: `[tool.bumpversion] current_version`, an extra pinning a sibling; a uv.lock)
 * become edits of that document (src/pyproject/toml-spot.ts), so both land in one verified
 * write. Spots in one string compose; a spot on a string a rule also changes must agree with
 * it. What cannot be written this way is E_CONFIG on the spot's line — `check` reports the
 * same (check rule version-files), so a green gate never meets a refusing bump. Pure.
 */
import { PyshipError } from '../errors.js'
import { pathKey } from '../pyproject/toml.js'
import { spotInToml } from '../pyproject/toml-spot.js'
import type { FileEdit, SpotEdit } from './bump-plan.js'

/** The spots left to write as text; the others added to their file's edits. */
export function mergeSpots(files: FileEdit[], spots: SpotEdit[]): SpotEdit[] {
  const byAbs = new Map(files.map((f) => [f.abs, f]))
  const composed = new Map<FileEdit, Map<string, { path: (string | number)[]; value: string; line: number; file: string }>>()
  // later spots first, so that the offsets of earlier ones in the same string still hold
  for (const e of [...spots].sort((a, b) => b.spot.start - a.spot.start)) {
    const file = byAbs.get(e.spot.abs)
    if (!file) continue
    const found = spotInToml(file.doc, e.spot.start, e.spot.end, e.version)
    if (found.kind === 'refused') {
      throw new PyshipError('E_CONFIG', `${e.spot.file}:${e.spot.line}: bump cannot write this version-files spot: ${found.reason}`, {
        location: { file: e.spot.file, line: e.spot.line },
        hint: 'Point the version-files pattern at a plain quoted string (or a comment), or remove the entry.'
      })
    }
    if (found.kind === 'text') {
      ;(file.raw ??= []).push(found.edit)
      continue
    }
    const strings = composed.get(file) ?? new Map()
    composed.set(file, strings)
    const now = strings.get(found.key)?.value ?? found.old
    const value = now.slice(0, found.offset) + e.version + now.slice(found.offset + found.length)
    strings.set(found.key, { path: found.path, value, line: e.spot.line, file: e.spot.file })
  }
  for (const [file, strings] of composed) {
    for (const [key, s] of strings) {
      const same = file.changes.find((c) => pathKey(c.path) === key)
      if (!same) file.changes.push({ path: s.path, value: s.value })
      else if (same.value !== s.value) {
        throw new PyshipError(
          'E_CONFIG',
          `${s.file}:${s.line}: a version-files entry and the bump would write this string differently (${JSON.stringify(s.value)} and ${JSON.stringify(same.value)})`,
          { location: { file: s.file, line: s.line }, hint: 'Remove the version-files entry: pyship already bumps this string.' }
        )
      }
    }
  }
  return spots.filter((e) => !byAbs.has(e.spot.abs))
}
