/**
 * Release notes from a CHANGELOG.md: the section for one version, with Keep a
 * Changelog headings (`## [1.4.0] - 2026-10-01`, `## 1.4.0`, `## v1.4.0 (date)`).
 */
import { normalizeVersion } from '../version/pep440.js'

export function changelogSection(text: string, version: string): string | null {
  const want = normalizeVersion(version)
  const lines = text.split(/\r?\n/)
  let start = -1
  let level = 0
  for (let i = 0; i < lines.length; i++) {
    const m = /^(#{1,3})\s+\[?v?([^\]\s]+)\]?/.exec(lines[i])
    if (!m) continue
    if (start >= 0 && m[1].length <= level) return trimSection(lines.slice(start + 1, i))
    if (start < 0 && normalizeVersion(m[2]) !== null && normalizeVersion(m[2]) === want) {
      start = i
      level = m[1].length
    }
  }
  return start >= 0 ? trimSection(lines.slice(start + 1)) : null
}

function trimSection(lines: string[]): string | null {
  // drop link reference definitions at the end ([1.4.0]: https://…)
  const body = lines
    .filter((l) => !/^\[[^\]]+\]:\s*\S+/.test(l))
    .join('\n')
    .trim()
  return body === '' ? null : body
}
