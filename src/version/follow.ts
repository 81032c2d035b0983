/**
 * `pins = "follow"` (SPEC §1 "Pins that always follow"): an internal pin moved to the new
 * version at every bump, even when it still admits it — the floors maintainers raise on each
 * release (`livekit-agents>=1.2.3` → `>=1.3.0`). Each lower bound (`>=`, `~=`, `==`) takes the
 * new version at its own precision, keeping its operator and spacing (`~= 1.45.0.dev` →
 * `~= 1.46.0.dev`, `>=1.6` → `>=1.7`, `==1.4.*` → `==1.5.*`); caps, exclusions and `>` stay. A
 * pin that would exclude the new version is rewritten as `admit` rewrites it (src/version/bump.ts).
 * Pure.
 */
import { admits, parseVersion, type ParsedVersion } from './pep440.js'
import { atPrecision, clausesOf, rewritePin, suffixOf } from './bump.js'

/** What the pin's version writes after its release numbers, as written (`.dev`, `rc1`, `-dev.0`). */
const writtenSuffix = (text: string): string => text.replace(/^[vV]?(?:\d+!)?\d+(?:\.\d+)*/, '')

/**
 * The version a lower bound `op old` takes for `version`: the new release at the old precision,
 * with the new version's pre-/dev-release part; a dev floor (`1.45.0.dev`) keeps its `.dev` as
 * written when the number is the same, and for a final version (so it keeps admitting the next
 * series' dev releases). The first candidate the clause admits `version` with; null: none.
 */
function followClause(op: string, old: string, version: string, target: ParsedVersion): string | null {
  if (old.endsWith('.*')) {
    const precision = parseVersion(old.slice(0, -2))?.release.length ?? target.release.length
    return `${atPrecision(target, precision)}.*`
  }
  const was = parseVersion(old)
  if (!was) return null
  const base = atPrecision(target, was.release.length)
  const suffix = suffixOf(target)
  const candidates: string[] = []
  if (was.dev !== null && was.pre === null && was.post === null && target.pre === null && target.post === null) {
    // a dev floor: `.dev` as written when the dev number is the same, or when the new version is final
    if (target.dev === null || target.dev === was.dev) candidates.push(base + writtenSuffix(old))
  }
  candidates.push(base, base + suffix, version)
  return candidates.find((c) => admits(`${op}${c}`, version)) ?? null
}

/**
 * The specifier with every lower bound moved to `version`, keeping operators, spacing and
 * precision; the specifier itself when it has no lower bound to move (`<2`, `!=1.3`, `>1.0`);
 * null when it is not a specifier, or (for a pin that excludes `version`) when `rewritePin` has
 * no rewrite.
 */
export function followPin(specifier: string, version: string): string | null {
  const target = parseVersion(version)
  if (target && specifier.trim() === '') return specifier
  const clauses = clausesOf(specifier)
  if (!target || !clauses) return null
  let text = specifier
  for (const c of [...clauses].sort((a, b) => b.start - a.start)) {
    if (c.op !== '>=' && c.op !== '~=' && c.op !== '==') continue
    const next = followClause(c.op, c.version, version, target)
    if (next === null) return admits(specifier, version) ? specifier : rewritePin(specifier, version)
    text = text.slice(0, c.start) + next + text.slice(c.start + c.version.length)
  }
  if (admits(text, version)) return text
  return rewritePin(specifier, version)
}
