/**
 * Poetry's version constraints (`[tool.poetry.dependencies]`): `^1.2`, `~1.2`, `1.2.*`, `*`,
 * a bare `1.2.3`, `=1.2.3`, and PEP 440 clauses joined by commas (`>=1.2,<2`). Read as a
 * PEP 440 specifier (to check whether a pin admits a version, as poetry-core expands them),
 * and rewritten to admit a new version keeping the operator and the precision (`^1.2` →
 * `^2.0`). Pure.
 */
import { admits, parseVersion } from './pep440.js'
import { rewritePin } from './bump.js'

interface Clause {
  op: string
  version: string
}

const CLAUSE = /^\s*(\^|~=|~|===|==|!=|>=|<=|>|<|=)?\s*(\*|[0-9][0-9A-Za-z.*+!-]*)\s*$/

/** The clauses of a constraint (AND, comma-separated), or null when it is not one pyship reads (`||`, markers). */
function clausesOf(constraint: string): Clause[] | null {
  if (constraint.includes('||') || constraint.trim() === '') return null
  const clauses: Clause[] = []
  for (const part of constraint.split(',')) {
    const m = CLAUSE.exec(part)
    if (!m) return null
    clauses.push({ op: m[1] ?? '', version: m[2] })
  }
  return clauses
}

/** The release numbers as written (`1.2` → [1, 2]), without pre-/post-/dev-release. */
function releaseOf(version: string): number[] | null {
  const parsed = parseVersion(version)
  if (!parsed || parsed.epoch !== 0) return null
  const written = /^v?(\d+(?:\.\d+)*)/i.exec(version.trim())
  return written ? written[1].split('.').map(Number) : null
}

/** The exclusive upper bound of `^` (the first non-zero number moves) or `~` (the minor moves). */
function upperOf(op: '^' | '~', release: number[]): string {
  let at: number
  if (op === '~') at = release.length >= 2 ? 1 : 0
  else {
    at = release.findIndex((n) => n !== 0)
    if (at < 0) at = release.length - 1
  }
  return [...release.slice(0, at), release[at] + 1].join('.')
}

/** The PEP 440 specifier a Poetry constraint means ('' admits any version), or null when pyship cannot read it. */
export function poetryToPep440(constraint: string): string | null {
  const clauses = clausesOf(constraint)
  if (!clauses) return null
  const out: string[] = []
  for (const { op, version } of clauses) {
    if (version === '*') {
      if (op && op !== '==' && op !== '=') return null
      continue
    }
    if (op === '^' || op === '~') {
      const release = releaseOf(version)
      if (!release) return null
      out.push(`>=${version}`, `<${upperOf(op, release)}`)
    } else if (op === '' || op === '=') out.push(`==${version}`)
    else out.push(`${op}${version}`)
  }
  return out.join(',')
}

/** `version` (normal form) at the precision of `written` (`1.2` and 2.0.0 → `2.0`). */
function atPrecision(version: string, written: string): string | null {
  const release = releaseOf(written)
  const target = parseVersion(version)
  if (!release || !target) return null
  const numbers = [...target.release, ...Array<number>(release.length).fill(0)].slice(0, release.length)
  return numbers.join('.')
}

/**
 * The constraint rewritten to admit `version` (normal form): one `^`, `~`, `=`/`==` or bare
 * version keeps its operator and precision (the whole version when that precision would not
 * admit it, as for a pre-release); PEP 440 clauses follow the pin rules of `bump`
 * (src/version/bump.ts). Null when there is no well-defined rewrite.
 */
export function rewritePoetryConstraint(constraint: string, version: string): string | null {
  const clauses = clausesOf(constraint)
  if (!clauses) return null
  const admitted = (text: string): boolean => {
    const spec = poetryToPep440(text)
    return spec !== null && admits(spec, version)
  }
  if (clauses.length === 1 && clauses[0].version.endsWith('.*') && ['', '=', '=='].includes(clauses[0].op)) {
    const old = clauses[0].version
    const next = rewritePin(`==${old}`, version)
    return next === null ? null : constraint.replace(old, next.slice(2))
  }
  if (clauses.length === 1 && ['^', '~', '=', '', '=='].includes(clauses[0].op) && clauses[0].version !== '*') {
    const { op, version: old } = clauses[0]
    const at = constraint.indexOf(old, constraint.indexOf(op) + op.length)
    const write = (v: string): string => constraint.slice(0, at) + v + constraint.slice(at + old.length)
    if (op === '^' || op === '~') {
      const same = atPrecision(version, old)
      if (same !== null && admitted(write(same))) return write(same)
    }
    return admitted(write(version)) ? write(version) : null
  }
  if (clauses.some((c) => c.op === '^' || c.op === '~' || c.op === '' || c.op === '=')) return null
  const rewritten = rewritePin(constraint, version)
  return rewritten !== null && admitted(rewritten) ? rewritten : null
}

/**
 * The PEP 440 specifiers of a constraint's alternatives (`^1.2 || ^2.0` → two), or null when
 * one of them is not a constraint pyship reads.
 */
export function poetryAlternatives(constraint: string): string[] | null {
  const alternatives = constraint.split('||').map(poetryToPep440)
  return alternatives.every((a): a is string => a !== null) ? alternatives : null
}

/** Whether a Poetry constraint admits `version` (any of its alternatives does); false when it cannot be read. */
export function poetryAdmits(constraint: string, version: string): boolean {
  return (poetryAlternatives(constraint) ?? []).some((spec) => admits(spec, version))
}

/** What a constraint with no mechanical rewrite could become, for the error message. */
export function suggestPoetryConstraint(version: string): string {
  const target = parseVersion(version)
  return target && !target.isPrerelease ? `^${version}` : `>=${version}`
}
