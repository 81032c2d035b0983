/**
 * PEP 440 through @renovatebot/pep440 (the library astral-sh/setup-uv uses). The
 * normal form is assembled here from explain() because the library's clean() joins
 * local segments with commas (`1.0+a.b` → `1.0+a,b`).
 */
import * as pep440 from '@renovatebot/pep440'

export interface ParsedVersion {
  /** PEP 440 normal form (`v2.0.0-RC.1` → `2.0.0rc1`). */
  normalized: string
  epoch: number
  release: number[]
  /** `['rc', 1]` or null. */
  pre: [string, number] | null
  post: number | null
  dev: number | null
  local: string | null
  /** A pre- or dev-release (not a stable version). */
  isPrerelease: boolean
}

/**
 * Results by input: a monorepo checks the same few versions against the same few
 * specifiers thousands of times, and each evaluation costs tens of µs. Cleared when
 * large, so a long-lived process stays bounded.
 */
const CACHE_LIMIT = 50_000
function cached<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const hit = cache.get(key)
  if (hit !== undefined || cache.has(key)) return hit as T
  if (cache.size >= CACHE_LIMIT) cache.clear()
  const value = compute()
  cache.set(key, value)
  return value
}
const versions = new Map<string, Readonly<ParsedVersion> | null>()
const specifiers = new Map<string, boolean>()
const admitted = new Map<string, boolean>()

/** The parts of a PEP 440 version, or null; results are cached (treat them as read-only). */
export function parseVersion(text: string): ParsedVersion | null {
  return cached(versions, text, () => parseUncached(text)) as ParsedVersion | null
}

function parseUncached(text: string): ParsedVersion | null {
  const trimmed = text.trim()
  if (trimmed === '' || pep440.valid(trimmed) === null) return null
  const info = pep440.explain(trimmed)
  if (!info) return null
  const local = info.local
  const pre = info.pre ? ([String(info.pre[0]), Number(info.pre[1])] as [string, number]) : null
  const post = info.post === null ? null : Number(info.post)
  const dev = info.dev === null ? null : Number(info.dev)
  let normalized = info.epoch ? `${info.epoch}!` : ''
  normalized += info.release.join('.')
  if (pre) normalized += `${pre[0]}${pre[1]}`
  if (post !== null) normalized += `.post${post}`
  if (dev !== null) normalized += `.dev${dev}`
  if (local) normalized += `+${local}`
  return Object.freeze({
    normalized,
    epoch: info.epoch,
    release: info.release,
    pre,
    post,
    dev,
    local,
    isPrerelease: pre !== null || dev !== null
  })
}

/** The PEP 440 normal form, or null when the text is not a version. */
export function normalizeVersion(text: string): string | null {
  return parseVersion(text)?.normalized ?? null
}

/** A version as users type it (an optional leading `v`) in PEP 440 normal form, or null. */
export function normalizeInputVersion(text: string): string | null {
  return normalizeVersion(text.replace(/^[vV]/, ''))
}

/** <0, 0, >0 like a sort comparator; both must be valid. */
export function compareVersions(a: string, b: string): number {
  return pep440.compare(a, b)
}

export function isValidSpecifier(specifier: string): boolean {
  return cached(specifiers, specifier, () => specifier.trim() === '' || pep440.validRange(specifier))
}

/** One clause of a specifier: `>=`, `1.0` (without a trailing `.*`), wildcard. */
interface Clause {
  op: string
  version: string
  wildcard: boolean
}

const CLAUSE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*(\S+?)\s*$/

function clauses(specifier: string): Clause[] {
  return specifier.split(',').map((part) => {
    const m = CLAUSE.exec(part) as RegExpExecArray
    const wildcard = m[2].endsWith('.*')
    return { op: m[1], version: wildcard ? m[2].slice(0, -2) : m[2], wildcard }
  })
}

const parsed = (v: string): ParsedVersion => parseVersion(v) as ParsedVersion

/** The version without its local segment. */
const publicOf = (v: ParsedVersion): string => v.normalized.replace(/\+.*$/, '')
/** Epoch and release only (packaging's `base_version`). */
const baseOf = (v: ParsedVersion): string => `${v.epoch ? `${v.epoch}!` : ''}${v.release.join('.')}`

/** packaging's canonicalize_version: the normal form, trailing `.0`s of the release dropped unless told. */
function canonical(v: ParsedVersion, stripTrailingZero: boolean): string {
  let release = v.release.join('.')
  if (stripTrailingZero) release = release.replace(/(\.0)+$/, '')
  return `${v.epoch ? `${v.epoch}!` : ''}${release}${v.pre ? `${v.pre[0]}${v.pre[1]}` : ''}${v.post !== null ? `.post${v.post}` : ''}${v.dev !== null ? `.dev${v.dev}` : ''}${v.local ? `+${v.local}` : ''}`
}

/** packaging's _version_split: `1.0rc1.post2` → ['1', '0', 'rc1', 'post2']. */
function split(version: string): string[] {
  return version.split('.').flatMap((item) => {
    const m = /^([0-9]+)((?:a|b|c|rc)[0-9]+)$/.exec(item)
    return m ? [m[1], m[2]] : [item]
  })
}

const isSuffix = (segment: string): boolean => ['dev', 'a', 'b', 'rc', 'post'].some((p) => segment.startsWith(p))

/** `==V.*`: the prospective's public version, padded with zeros, starts with V's segments. */
function prefixMatch(prospective: ParsedVersion, prefix: string): boolean {
  const spec = split(canonical(parsed(prefix), false))
  const mine = split(canonical(parsed(publicOf(prospective)), true))
  const digits = (xs: string[]): number => {
    let n = 0
    while (n < xs.length && /^[0-9]+$/.test(xs[n])) n++
    return n
  }
  const padded = [...mine.slice(0, digits(mine)), ...Array<string>(Math.max(0, digits(spec) - digits(mine))).fill('0'), ...mine.slice(digits(mine))]
  return padded.slice(0, spec.length).join('.') === spec.join('.')
}

/** One clause, exactly as packaging's Specifier (pre-releases allowed). */
function clauseAdmits(c: Clause, v: ParsedVersion): boolean {
  const cmp = (a: string, b: string): number => compareVersions(a, b)
  switch (c.op) {
    case '===':
      return v.normalized.toLowerCase() === c.version.toLowerCase()
    case '==':
      if (c.wildcard) return prefixMatch(v, c.version)
      return cmp(parsed(c.version).local ? v.normalized : publicOf(v), c.version) === 0
    case '!=':
      return !clauseAdmits({ ...c, op: '==' }, v)
    case '<=':
      return cmp(publicOf(v), c.version) <= 0
    case '>=':
      return cmp(publicOf(v), c.version) >= 0
    case '~=': {
      const prefix = split(c.version).filter((_, i, all) => all.slice(0, i + 1).every((s) => !isSuffix(s)))
      return cmp(publicOf(v), c.version) >= 0 && prefixMatch(v, prefix.slice(0, -1).join('.'))
    }
    case '<': {
      const spec = parsed(c.version)
      if (!(cmp(v.normalized, c.version) < 0)) return false
      // <3.1 does not admit 3.1.dev0 (unless the specifier is a pre-release itself)
      return !(!spec.isPrerelease && v.isPrerelease && cmp(baseOf(v), baseOf(spec)) === 0)
    }
    case '>': {
      const spec = parsed(c.version)
      if (!(cmp(v.normalized, c.version) > 0)) return false
      // >3.1 admits neither 3.1.post0 (unless the specifier is a post-release) nor 3.1+local
      if (spec.post === null && v.post !== null && cmp(baseOf(v), baseOf(spec)) === 0) return false
      return !(v.local !== null && cmp(baseOf(v), baseOf(spec)) === 0)
    }
  }
  return false
}

/**
 * Whether `version` lies inside `specifier`'s range, exactly as Python's packaging
 * answers `SpecifierSet(specifier).contains(version, prereleases=True)`: pre-releases
 * count as inside (`>=1.0` admits `2.0.0rc1`), so a pin "excludes" a version only when
 * the version is outside the range itself. An empty specifier admits everything; an
 * invalid specifier or version admits nothing.
 */
export function admits(specifier: string, version: string): boolean {
  return cached(admitted, `${specifier}\u0000${version}`, () => admitsUncached(specifier, version))
}

function admitsUncached(specifier: string, version: string): boolean {
  if (specifier.trim() === '') return true
  const v = parseVersion(version)
  if (!v || !isValidSpecifier(specifier)) return false
  return clauses(specifier).every((c) => clauseAdmits(c, v))
}
