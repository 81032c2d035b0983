/**
 * PEP 440 exactly as Python's `packaging` (26.3) reads it: its version pattern, normal form
 * and ordering (`_cmpkey`), and its specifier grammar and ranges (`_ranges.py`), so that a
 * version or pin pyship's gate passes is one pip and uv read the same way.
 *
 * - Numbers of any size: every number is kept as its digits (leading zeros dropped) and
 *   compared exactly; the normal form never shows an exponent. The `number` fields of
 *   `ParsedVersion` are for arithmetic on ordinary versions only.
 * - Whitespace is Python's (`str.strip()`, `\s` of `re` on `str`): `\x1c`–`\x1f` and `\x85`
 *   are spaces, U+FEFF is not (JavaScript's `\s` says the opposite).
 * - Nothing here throws: a text that is not a version is `null` (or sorts before every
 *   version in `compareVersions`), an invalid specifier admits nothing.
 * - `===` is a case-insensitive comparison of the text as given (`===foo` admits `foo`), with
 *   Python's `str.lower()` (Python 3.11: Unicode 14.0 case mappings).
 * - `~=v1.0` is `~=1.0`: PEP 440 has a leading `v` ignored for all purposes, and packaging
 *   agrees, so no difference is kept there.
 *
 * Deliberate differences, where Python itself fails rather than answers:
 * - a number of more than 4300 digits: Python's `int()` raises `ValueError` (its
 *   `sys.int_info.default_max_str_digits`), so pip stops with a traceback; here such a
 *   text is not a version (admitted, like any text, only by the empty specifier or by
 *   `===` with that very text) and a specifier holding one is invalid;
 * - `~=1.0poſt1` (`ſ`, `ı` or `İ` standing for `s` or `i` after `~=`): packaging's specifier
 *   pattern matches them case-insensitively but its version pattern does not, and
 *   evaluating the specifier fails an assertion; here the specifier is invalid.
 * `__tests__/version/pep440-corpus.test.ts` compares all of this with packaging on a generated
 * corpus (`scripts/pep440-corpus.py`), `__tests__/version/specifiers.test.ts` on a table.
 */
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

/** A version with its numbers as exact digit strings (no leading zeros), packaging's fields. */
interface Exact {
  parsed: Readonly<ParsedVersion>
  epoch: string
  release: string[]
  pre: [string, string] | null
  post: string | null
  dev: string | null
  /** Local segments: digits (leading zeros dropped) or lower-case words. */
  local: string[] | null
}

/**
 * Results by input: a monorepo checks the same few versions against the same few
 * specifiers thousands of times, and each evaluation costs µs. Cleared when large, so a
 * long-lived process stays bounded.
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
const versions = new Map<string, Exact | null>()
const specifiers = new Map<string, Clause[] | null>()
const admitted = new Map<string, boolean>()

/** Python's whitespace (`str.isspace()`, `\s` of `re` on `str`). */
const WS = String.raw`[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]`
const EDGE_SPACE = new RegExp(`^${WS}+|${WS}+$`, 'g')
/** Python's `str.strip()`. */
const strip = (text: string): string => text.replace(EDGE_SPACE, '')

/** Python's `int()` refuses more digits than this (`sys.int_info.default_max_str_digits`). */
const MAX_DIGITS = 4300

/** packaging's VERSION_PATTERN (case-insensitive, Python's spaces around it). */
const VERSION = new RegExp(
  String.raw`^${WS}*v?(?:(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?(?:[-_.]?(dev)[-_.]?([0-9]+)?)?)(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?${WS}*$`,
  'i'
)

const PRE_LETTER: Record<string, string> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', c: 'rc', pre: 'rc', preview: 'rc', rc: 'rc' }

/** The digits of a number as Python's `int()` reads them, or null beyond its limit. */
function digits(text: string): string | null {
  if (text.length > MAX_DIGITS) return null
  const trimmed = text.replace(/^0+/, '')
  return trimmed === '' ? '0' : trimmed
}

/** Exact comparison of two digit strings without leading zeros. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/** `n + 1` on digits. */
function increment(n: string): string {
  let i = n.length - 1
  while (i >= 0 && n[i] === '9') i--
  if (i < 0) return `1${'0'.repeat(n.length)}`
  return `${n.slice(0, i)}${String.fromCharCode(n.charCodeAt(i) + 1)}${'0'.repeat(n.length - i - 1)}`
}

function exactOf(text: string): Exact | null {
  return cached(versions, text, () => parseExact(text))
}

function parseExact(text: string): Exact | null {
  const m = VERSION.exec(text)
  if (!m) return null
  const [, epochText, releaseText, preLetter, preNumber, postDash, postLetter, postNumber, devLetter, devNumber, localText] = m
  const local = localText ? localText.toLowerCase().split(/[-_.]/) : null
  // (no spread into a call: a version of 200,000 segments must not overflow the stack)
  const numbers = [
    epochText ?? '0',
    releaseText.split('.'),
    preNumber ?? '0',
    postDash ?? postNumber ?? '0',
    devNumber ?? '0',
    local ?? []
  ].flat()
  if (numbers.some((n) => n.length > MAX_DIGITS && /^[0-9]+$/.test(n))) return null
  const epoch = digits(epochText ?? '0') as string
  const release = releaseText.split('.').map((n) => digits(n) as string)
  const pre: [string, string] | null = preLetter ? [PRE_LETTER[preLetter.toLowerCase()], digits(preNumber ?? '0') as string] : null
  const post = postDash !== undefined ? (digits(postDash) as string) : postLetter ? (digits(postNumber ?? '0') as string) : null
  const dev = devLetter ? (digits(devNumber ?? '0') as string) : null
  const localSegments = local ? local.map((s) => (/^[0-9]+$/.test(s) ? (digits(s) as string) : s)) : null
  return build(epoch, release, pre, post, dev, localSegments)
}

function build(
  epoch: string,
  release: string[],
  pre: [string, string] | null,
  post: string | null,
  dev: string | null,
  local: string[] | null
): Exact {
  let normalized = epoch !== '0' ? `${epoch}!` : ''
  normalized += release.join('.')
  if (pre) normalized += `${pre[0]}${pre[1]}`
  if (post !== null) normalized += `.post${post}`
  if (dev !== null) normalized += `.dev${dev}`
  if (local) normalized += `+${local.join('.')}`
  const parsed: ParsedVersion = {
    normalized,
    epoch: Number(epoch),
    release: release.map(Number),
    pre: pre ? [pre[0], Number(pre[1])] : null,
    post: post === null ? null : Number(post),
    dev: dev === null ? null : Number(dev),
    local: local ? local.join('.') : null,
    isPrerelease: pre !== null || dev !== null
  }
  return { parsed: Object.freeze(parsed), epoch, release, pre, post, dev, local }
}

/** The parts of a PEP 440 version, or null; results are cached (treat them as read-only). */
export function parseVersion(text: string): ParsedVersion | null {
  return (exactOf(text)?.parsed as ParsedVersion | undefined) ?? null
}

/** The PEP 440 normal form, or null when the text is not a version. */
export function normalizeVersion(text: string): string | null {
  return exactOf(text)?.parsed.normalized ?? null
}

/** A version as users type it (an optional leading `v`) in PEP 440 normal form, or null. */
export function normalizeInputVersion(text: string): string | null {
  return normalizeVersion(text.replace(/^[vV]/, ''))
}

/** The release without trailing zeros (`1.0.0` → `1`, `0.0` → ``): `_cmpkey`'s release. */
function trimmedLength(release: string[]): number {
  let n = release.length
  while (n > 0 && release[n - 1] === '0') n--
  return n
}

function compareRelease(a: string[], b: string[]): number {
  const [la, lb] = [trimmedLength(a), trimmedLength(b)]
  for (let i = 0; i < Math.min(la, lb); i++) {
    const d = compareDigits(a[i], b[i])
    if (d !== 0) return d
  }
  return la - lb
}

const PRE_RANK: Record<string, number> = { a: 0, b: 1, rc: 2 }
/** dev-only −1 (before every pre-release), a 0, b 1, rc 2, none 3. */
const preRank = (v: Exact): number => (v.pre ? PRE_RANK[v.pre[0]] : v.post === null && v.dev !== null ? -1 : 3)

/** packaging's `_cmpkey` without the local segment. */
function comparePublic(a: Exact, b: Exact): number {
  const e = compareDigits(a.epoch, b.epoch)
  if (e !== 0) return e
  const r = compareRelease(a.release, b.release)
  if (r !== 0) return r
  const pr = preRank(a) - preRank(b)
  if (pr !== 0) return pr
  if (a.pre && b.pre) {
    const d = compareDigits(a.pre[1], b.pre[1])
    if (d !== 0) return d
  }
  // no post release sorts first, no dev release last
  if ((a.post === null) !== (b.post === null)) return a.post === null ? -1 : 1
  if (a.post !== null && b.post !== null) {
    const d = compareDigits(a.post, b.post)
    if (d !== 0) return d
  }
  if ((a.dev === null) !== (b.dev === null)) return a.dev === null ? 1 : -1
  return a.dev !== null && b.dev !== null ? compareDigits(a.dev, b.dev) : 0
}

/** Local labels: none sorts first; by segment, numbers above words, numbers as numbers. */
function compareLocal(a: string[] | null, b: string[] | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]]
    const [xn, yn] = [/^[0-9]+$/.test(x), /^[0-9]+$/.test(y)]
    if (xn !== yn) return xn ? 1 : -1
    const d = xn ? compareDigits(x, y) : x < y ? -1 : x > y ? 1 : 0
    if (d !== 0) return d
  }
  return a.length - b.length
}

/** packaging's version order, exactly. */
function compareExact(a: Exact, b: Exact): number {
  return comparePublic(a, b) || compareLocal(a.local, b.local)
}

/**
 * <0, 0, >0 like a sort comparator, exactly as packaging orders versions. Never throws:
 * a text that is not a version sorts before every version (and by its characters among
 * such texts).
 */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [exactOf(a), exactOf(b)]
  if (x && y) return Math.sign(compareExact(x, y))
  if (x || y) return x ? 1 : -1
  return a < b ? -1 : a > b ? 1 : 0
}

/** packaging's Specifier grammar, one clause (after Python's `strip()`). */
const SUFFIXES = String.raw`(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?(?:[-_.]?dev[-_.]?[0-9]*)?`
const RELEASE = String.raw`v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*`
const SPECIFIER_CLAUSE = new RegExp(
  [
    String.raw`===${WS}*((?:(?!${WS})[^;)])*)`,
    String.raw`(==|!=)${WS}*(${RELEASE}(?:\.\*|${SUFFIXES}(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?))`,
    String.raw`(~=)${WS}*(v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)+${SUFFIXES})`,
    String.raw`(<=|>=|<|>)${WS}*(${RELEASE}${SUFFIXES})`
  ]
    .map((branch) => `^(?:${branch})$`)
    .join('|'),
  'i'
)

/** One clause of a specifier, with its version parsed (`.*` removed); `===` keeps its text. */
interface Clause {
  op: string
  text: string
  version: Exact | null
  wildcard: boolean
  hasLocal: boolean
}

/** The clauses of a specifier set (empty ones dropped, as packaging does), or null when invalid. */
function clausesOf(specifier: string): Clause[] | null {
  return cached(specifiers, specifier, () => parseClauses(specifier))
}

function parseClauses(specifier: string): Clause[] | null {
  const found: Clause[] = []
  for (const part of specifier.split(',')) {
    const clause = strip(part)
    if (clause === '') continue
    const m = SPECIFIER_CLAUSE.exec(clause)
    if (!m) return null
    if (m[1] !== undefined) {
      found.push({ op: '===', text: m[1], version: null, wildcard: false, hasLocal: false })
      continue
    }
    const i = [2, 4, 6].find((k) => m[k] !== undefined) as number
    const [op, text] = [m[i], m[i + 1]]
    const wildcard = text.endsWith('.*')
    // packaging evaluates the version it parses; one it cannot (a number beyond Python's
    // digit limit) fails there, so the specifier is refused here
    const version = exactOf(wildcard ? text.slice(0, -2) : text)
    if (!version) return null
    found.push({ op, text, version, wildcard, hasLocal: text.includes('+') })
  }
  return found
}

/** A specifier set: comma-separated clauses; empty clauses (and the empty specifier) are allowed. */
export function isValidSpecifier(specifier: string): boolean {
  return clausesOf(specifier) !== null
}

/** `epoch!release.dev0`, optionally with the last number incremented (packaging's wildcard bounds). */
const dev0 = (v: Exact, release: string[]): Exact => build(v.epoch, release, null, null, '0', null)
const nextPrefix = (release: string[]): string[] => [...release.slice(0, -1), increment(release[release.length - 1])]
const sameRelease = (a: Exact, b: Exact): boolean => compareDigits(a.epoch, b.epoch) === 0 && compareRelease(a.release, b.release) === 0
const samePre = (a: Exact, b: Exact): boolean =>
  a.pre === null ? b.pre === null : b.pre !== null && a.pre[0] === b.pre[0] && a.pre[1] === b.pre[1]

/**
 * Letters whose lower case Unicode added after 14.0, the Unicode of Python 3.11's `str.lower()`
 * (JavaScript's `toLowerCase` follows a newer one): kept as they are, as Python keeps them.
 */
const NEWER_CASE = /([\u1c89\ua7cb\ua7cc\ua7ce\ua7d2\ua7d4\ua7da\ua7dc]|\ud803[\udd50-\udd65]|\ud81b[\udea0-\udeb8])/
/** Python's `str.lower()`. */
function lower(text: string): string {
  if (!NEWER_CASE.test(text)) return text.toLowerCase()
  return text
    .split(NEWER_CASE)
    .map((part, i) => (i % 2 === 1 ? part : part.toLowerCase()))
    .join('')
}

/** One clause, exactly as packaging's ranges (pre-releases allowed). */
function clauseAdmits(c: Clause, v: Exact, raw: string): boolean {
  if (c.op === '===') return lower(raw) === lower(c.text)
  const spec = c.version as Exact
  switch (c.op) {
    case '==':
    case '!=': {
      let equal: boolean
      if (c.wildcard) equal = compareExact(v, dev0(spec, spec.release)) >= 0 && compareExact(v, dev0(spec, nextPrefix(spec.release))) < 0
      else equal = (c.hasLocal ? compareExact(v, spec) : comparePublic(v, spec)) === 0
      return c.op === '==' ? equal : !equal
    }
    case '>=':
      return compareExact(v, spec) >= 0
    case '<=':
      return comparePublic(v, spec) <= 0
    case '~=':
      return compareExact(v, spec) >= 0 && compareExact(v, dev0(spec, nextPrefix(spec.release.slice(0, -1)))) < 0
    case '<': {
      // <V admits no pre-release of V unless V is one: its bound is V.dev0
      const bound = spec.parsed.isPrerelease ? spec : build(spec.epoch, spec.release, null, spec.post, '0', null)
      return compareExact(v, bound) < 0
    }
    case '>': {
      if (compareExact(v, spec) <= 0) return false
      // >V admits neither V+local nor, unless V is a post- or dev-release, V.postN
      if (spec.post !== null || spec.dev !== null) return comparePublic(v, spec) > 0
      return !(sameRelease(v, spec) && samePre(v, spec))
    }
  }
  return false
}

/**
 * Whether `version` lies inside `specifier`'s range, exactly as Python's packaging
 * answers `SpecifierSet(specifier).contains(version, prereleases=True)`: pre-releases
 * count as inside (`>=1.0` admits `2.0.0rc1`), so a pin "excludes" a version only when
 * the version is outside the range itself. An empty specifier admits everything; an
 * invalid specifier admits nothing, nor does an invalid version except to `===`.
 */
export function admits(specifier: string, version: string): boolean {
  return cached(admitted, `${specifier}\u0000${version}`, () => admitsUncached(specifier, version))
}

function admitsUncached(specifier: string, version: string): boolean {
  const clauses = clausesOf(specifier)
  if (!clauses) return false
  if (clauses.length === 0) return true
  const v = exactOf(version)
  return clauses.every((c) => (c.op === '===' ? clauseAdmits(c, v as Exact, version) : v !== null && clauseAdmits(c, v, version)))
}
