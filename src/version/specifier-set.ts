/**
 * Specifier sets compared as PEP 440 compares them, not by spelling: clause order, spacing,
 * repeated clauses and the spelling of each version (`1.45.0.dev` = `1.45.0.dev0`,
 * `V1.0` = `1.0`) do not count, nor do trailing zeros where the operator pads the release
 * with zeros (`>=1.0` = `>=1.0.0`, `==2` = `==2.0.0`). They count for `~=` (`~=1.0` admits
 * 1.5, `~=1.0.0` does not) and for a `.*` prefix (`==1.0.*` ≠ `==1.0.0.*`); `===` compares
 * text, case-insensitively. Pure.
 */
import { compareVersions, parseVersion } from './pep440.js'

/** Whether two texts are the same PEP 440 version (`1.0` = `1.0.0` = `v1.0`); texts that are not versions never are. */
export const sameVersion = (a: string, b: string): boolean =>
  parseVersion(a) !== null && parseVersion(b) !== null && compareVersions(a, b) === 0

const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/

/** One clause in a canonical spelling, or null when it is not a clause. */
function canonicalClause(clause: string): string | null {
  const m = CLAUSE.exec(clause)
  if (!m) return null
  const [, op, text] = m
  if (op === '===') return `===${text.toLowerCase()}`
  const wildcard = text.endsWith('.*')
  const v = parseVersion(wildcard ? text.slice(0, -2) : text)
  if (!v) return null
  if (wildcard || op === '~=') return `${op}${v.normalized}${wildcard ? '.*' : ''}`
  const release = [...v.release]
  while (release.length > 1 && release[release.length - 1] === 0) release.pop()
  const epoch = v.epoch ? `${v.epoch}!` : ''
  const suffix = v.normalized.replace(/^\d+!/, '').replace(/^\d+(?:\.\d+)*/, '')
  return `${op}${epoch}${release.join('.')}${suffix}`
}

/** The set's clauses in a canonical spelling, sorted, without repeats; null when one is not a clause. */
export function canonicalSpecifier(specifier: string): string[] | null {
  const clauses: string[] = []
  for (const part of specifier.split(',')) {
    if (part.trim() === '') continue
    const c = canonicalClause(part.trim())
    if (c === null) return null
    clauses.push(c)
  }
  return [...new Set(clauses)].sort()
}

/** Whether two specifier sets are the same set (an invalid one equals only its own text, spacing aside). */
export function sameSpecifierSet(a: string, b: string): boolean {
  const [x, y] = [canonicalSpecifier(a), canonicalSpecifier(b)]
  if (x === null || y === null) return a.replace(/\s+/g, '') === b.replace(/\s+/g, '')
  return x.length === y.length && x.every((c, i) => c === y[i])
}
