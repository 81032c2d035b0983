/**
 * Version arithmetic for `bump`: the next version for a keyword, and rewriting an
 * internal pin so that it admits a new version while keeping its operator and
 * precision (`~=1.4.0` → `~=1.5.0`, `==1.4.*` → `==1.5.*`).
 */
import { admits, parseVersion } from './pep440.js'

export const BUMP_KEYWORDS = ['major', 'minor', 'patch'] as const
export type BumpKeyword = (typeof BUMP_KEYWORDS)[number]

export function isBumpKeyword(value: string): value is BumpKeyword {
  return (BUMP_KEYWORDS as readonly string[]).includes(value)
}

/**
 * The next version after `current` (normalized, valid):
 * - `patch` of a stable version increments the third number (`2.0` → `2.0.1`); of a
 *   pre-/dev-release it finalizes it (`2.1.0rc1` → `2.1.0`);
 * - `minor`/`major` increment their number and zero the ones after it, or finalize a
 *   pre-release that is already at that boundary (`2.1.0rc1` minor → `2.1.0`);
 * - post-release and local segments are dropped; an epoch is kept.
 */
export function nextVersion(current: string, keyword: BumpKeyword): string {
  const v = parseVersion(current)
  if (!v) throw new Error(`not a version: ${current}`)
  const index = { major: 0, minor: 1, patch: 2 }[keyword]
  const release = [...v.release]
  while (release.length <= index) release.push(0)
  const atBoundary = release.slice(index + 1).every((n) => n === 0)
  if (!(v.isPrerelease && atBoundary)) {
    release[index] += 1
    for (let i = index + 1; i < release.length; i++) release[i] = 0
  }
  return `${v.epoch ? `${v.epoch}!` : ''}${release.join('.')}`
}

const CLAUSE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*([^\s,;]+)\s*$/

/**
 * The specifier rewritten to admit `version`, or null when that cannot be done
 * mechanically (several clauses, or `<`, `<=`, `!=`).
 */
export function rewritePin(specifier: string, version: string): string | null {
  if (specifier.includes(',')) return null
  const m = CLAUSE.exec(specifier)
  if (!m) return null
  const [, op, old] = m
  if (op === '<' || op === '<=' || op === '!=') return null
  const target = parseVersion(version)
  if (!target) return null
  const wildcard = old.endsWith('.*')
  const precision = parseVersion(wildcard ? old.slice(0, -2) : old)?.release.length ?? target.release.length
  const release = [...target.release.slice(0, precision)]
  while (release.length < precision) release.push(0)
  const epoch = target.epoch ? `${target.epoch}!` : ''
  const candidates =
    op === '==='
      ? [`===${version}`]
      : wildcard
        ? [`${op}${epoch}${release.join('.')}.*`]
        : // same precision first; the full version when that would not admit it (a pre-release)
          [`${op}${epoch}${release.join('.')}`, `${op}${version}`]
  return candidates.find((c) => admits(c, version)) ?? null
}
