/**
 * Version arithmetic for `bump`: the next version for a keyword, and rewriting an
 * internal pin so that it admits a new version while keeping its operator and
 * precision (`~=1.4.0` → `~=1.5.0`, `==1.4.*` → `==1.5.*`).
 */
import { admits, parseVersion, type ParsedVersion } from './pep440.js'

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

const CLAUSE = /(~=|===|==|!=|<=|>=|<|>)(\s*)([^\s,;]+)/y

export interface Clause {
  op: string
  version: string
  /** Offset of the version characters in the specifier. */
  start: number
}

/** The clauses of a specifier with the offsets of their versions, or null when it is not one. */
export function clausesOf(specifier: string): Clause[] | null {
  const found: Clause[] = []
  let at = 0
  for (const part of specifier.split(',')) {
    const lead = part.length - part.trimStart().length
    CLAUSE.lastIndex = lead
    const m = CLAUSE.exec(part)
    if (!m || part.slice(CLAUSE.lastIndex).trim() !== '') return null
    found.push({ op: m[1], version: m[3], start: at + lead + m[1].length + m[2].length })
    at += part.length + 1
  }
  return found
}

const epochOf = (v: ParsedVersion): string => (v.epoch ? `${v.epoch}!` : '')

/** `version`'s release at `precision` numbers (`3.0.0` at 2 → `3.0`). */
export function atPrecision(version: ParsedVersion, precision: number): string {
  const release = version.release.slice(0, precision)
  while (release.length < precision) release.push(0)
  return `${epochOf(version)}${release.join('.')}`
}

/**
 * The cap after `version` at the cap's own precision and boundary: `<3.0.0` moves by
 * majors (`3.0.0` → `<4.0.0`), `<0.5` by minors (`0.5.0` → `<0.6`).
 */
function nextCap(cap: string, version: ParsedVersion): string | null {
  const c = parseVersion(cap)
  if (!c || c.pre || c.post !== null || c.dev !== null) return null
  let level = c.release.length - 1
  while (level > 0 && c.release[level] === 0) level--
  const release = version.release.slice(0, level + 1)
  while (release.length <= level) release.push(0)
  release[level] += 1
  while (release.length < c.release.length) release.push(0)
  return `${epochOf(version)}${release.join('.')}`
}

/** What the normal form of `version` writes after its release numbers (`rc1`, `.dev0`, `.post1`, `rc1.dev2`). */
export function suffixOf(version: ParsedVersion): string {
  return version.normalized.replace(/^\d+!/, '').replace(/^\d+(?:\.\d+)*/, '')
}

/**
 * A lower bound (or single pin) rewritten to `version` at its precision; null when impossible
 * (`===` never is: it compares strings). A pre-, dev- or post-release keeps the precision too:
 * `~=1.4.0` for `2.0rc1` is `~=2.0.0rc1` (not `~=2.0rc1`, which would widen it to `2.*`).
 */
function rewriteClause(op: string, old: string, version: string, target: ParsedVersion): string | null {
  if (op === '<' || op === '<=' || op === '!=' || op === '>' || op === '===') return null
  const wildcard = old.endsWith('.*')
  const precision = parseVersion(wildcard ? old.slice(0, -2) : old)?.release.length ?? target.release.length
  if (wildcard) return `${atPrecision(target, precision)}.*`
  const same = atPrecision(target, precision)
  const suffix = suffixOf(target)
  // same precision first, then with the pre-/dev-/post-release, then the full version
  for (const candidate of [same, ...(suffix ? [same + suffix] : [])]) if (admits(`${op}${candidate}`, version)) return candidate
  return version
}

/**
 * The specifier rewritten to admit `version`, keeping its operators, spacing and
 * precision (`~=1.4.0` → `~=1.5.0`, `== 1.45.0` → `== 1.46.0`, `==1.4.*` → `==1.5.*`),
 * and moving both bounds of a capped range when the version crosses the cap
 * (`>=2.2.0,<3.0.0` → `>=3.0.0,<4.0.0`, `>=0.4.9,<0.5` → `>=0.5.0,<0.6`). Null when there
 * is no well-defined rewrite (`!=`, `<=`, `===`, a lone `<` or `>`, several caps or lower bounds).
 */
export function rewritePin(specifier: string, version: string): string | null {
  const clauses = clausesOf(specifier)
  const target = parseVersion(version)
  if (!clauses || !target || clauses.some((c) => c.op === '===')) return null
  const replace = new Map<Clause, string>()
  if (clauses.length === 1) {
    const [c] = clauses
    const next = rewriteClause(c.op, c.version, version, target)
    if (next === null) return null
    replace.set(c, next)
  } else {
    const lower = clauses.filter((c) => ['>=', '~=', '>'].includes(c.op))
    const caps = clauses.filter((c) => c.op === '<')
    if (clauses.length !== 2 || lower.length !== 1 || caps.length !== 1) return null
    const [lo, cap] = [lower[0], caps[0]]
    const crossed = !admits(`<${cap.version}`, version)
    // crossing the cap moves both bounds; a lower bound that excludes the version moves alone
    if (crossed || !admits(`${lo.op}${lo.version}`, version)) {
      const next = rewriteClause(lo.op, lo.version, version, target)
      if (next === null) return null
      replace.set(lo, next)
    }
    if (crossed) {
      const next = nextCap(cap.version, target)
      if (next === null) return null
      replace.set(cap, next)
    }
  }
  let text = specifier
  for (const c of [...replace.keys()].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, c.start) + (replace.get(c) as string) + text.slice(c.start + c.version.length)
  }
  return admits(text, version) ? text : null
}

/**
 * What a pin with no mechanical rewrite could become, for the error message: a lower
 * bound at `version`, and the next cap when the pin has one (`<=1.4.9` → `>=1.5.0`, `>=1,<2,<3` → `>=3.0.0,<4`).
 */
export function suggestPin(specifier: string, version: string): string {
  const target = parseVersion(version)
  const caps = (clausesOf(specifier) ?? []).filter((c) => c.op === '<')
  const cap = target && caps.length > 0 ? nextCap(caps[0].version, target) : null
  return cap ? `>=${version},<${cap}` : `>=${version}`
}
