/**
 * PEP 440 as Python's packaging reads it: its version pattern, normal form and ordering
 * (`_cmpkey`), and its specifier grammar. `__tests__/version/pep440.test.ts` holds the
 * cases, and `__fixtures__/pep440-specifiers.json` how packaging itself evaluates
 * specifiers on pre-, post-, dev- and local versions.
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
const parsed = (v: string): ParsedVersion => parseVersion(v) as ParsedVersion
const specifiers = new Map<string, boolean>()
const admitted = new Map<string, boolean>()

/** The parts of a PEP 440 version, or null; results are cached (treat them as read-only). */
export function parseVersion(text: string): ParsedVersion | null {
  return cached(versions, text, () => parseUncached(text)) as ParsedVersion | null
}

/** packaging's VERSION_PATTERN (case-insensitive, surrounding spaces allowed). */
const VERSION =
  /^\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?(?:[-_.]?(dev)[-_.]?([0-9]+)?)?)(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i

const PRE_LETTER: Record<string, string> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', c: 'rc', pre: 'rc', preview: 'rc', rc: 'rc' }

function parseUncached(text: string): ParsedVersion | null {
  const m = VERSION.exec(text)
  if (!m) return null
  const [, epochText, releaseText, preLetter, preNumber, postDash, postLetter, postNumber, devLetter, devNumber, localText] = m
  const epoch = Number(epochText ?? 0)
  const release = releaseText.split('.').map(Number)
  const pre = preLetter ? ([PRE_LETTER[preLetter.toLowerCase()], Number(preNumber ?? 0)] as [string, number]) : null
  const post = postDash !== undefined ? Number(postDash) : postLetter ? Number(postNumber ?? 0) : null
  const dev = devLetter ? Number(devNumber ?? 0) : null
  const local = localText ? localText.toLowerCase().replace(/[-_]/g, '.') : null
  let normalized = epoch ? `${epoch}!` : ''
  normalized += release.join('.')
  if (pre) normalized += `${pre[0]}${pre[1]}`
  if (post !== null) normalized += `.post${post}`
  if (dev !== null) normalized += `.dev${dev}`
  if (local) normalized += `+${local}`
  return Object.freeze({ normalized, epoch, release, pre, post, dev, local, isPrerelease: pre !== null || dev !== null })
}

/** The PEP 440 normal form, or null when the text is not a version. */
export function normalizeVersion(text: string): string | null {
  return parseVersion(text)?.normalized ?? null
}

/** A version as users type it (an optional leading `v`) in PEP 440 normal form, or null. */
export function normalizeInputVersion(text: string): string | null {
  return normalizeVersion(text.replace(/^[vV]/, ''))
}

/** packaging's `_cmpkey`, part by part: <0, 0 or >0. */
function compareParsed(a: ParsedVersion, b: ParsedVersion): number {
  if (a.epoch !== b.epoch) return a.epoch - b.epoch
  // the release without trailing zeros: 1.0 == 1.0.0
  for (let i = 0; i < Math.max(a.release.length, b.release.length); i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0)
    if (d !== 0) return d
  }
  // a dev release of the version itself sorts before its pre-releases; no pre-release sorts after them
  const preRank = (v: ParsedVersion): number => (v.pre ? 0 : v.post === null && v.dev !== null ? -1 : 1)
  if (preRank(a) !== preRank(b)) return preRank(a) - preRank(b)
  if (a.pre && b.pre) {
    if (a.pre[0] !== b.pre[0]) return a.pre[0] < b.pre[0] ? -1 : 1
    if (a.pre[1] !== b.pre[1]) return a.pre[1] - b.pre[1]
  }
  // no post release sorts first, no dev release last
  const post = (a.post ?? -1) - (b.post ?? -1)
  if (post !== 0) return post
  if (a.dev !== b.dev) return a.dev === null ? 1 : b.dev === null ? -1 : a.dev - b.dev
  return compareLocal(a.local, b.local)
}

/** Local labels: none sorts first; by segment, numbers above words, numbers as numbers. */
function compareLocal(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  const as = a.split('.')
  const bs = b.split('.')
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const [x, y] = [as[i], bs[i]]
    const [xn, yn] = [/^[0-9]+$/.test(x), /^[0-9]+$/.test(y)]
    if (xn !== yn) return xn ? 1 : -1
    const d = xn ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0
    if (d !== 0) return d
  }
  return as.length - bs.length
}

/** <0, 0, >0 like a sort comparator; both must be valid. */
export function compareVersions(a: string, b: string): number {
  return compareParsed(parsed(a), parsed(b))
}

/** packaging's Specifier grammar, one clause. */
const RELEASE = String.raw`v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*`
const SUFFIXES = String.raw`(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?(?:[-_.]?dev[-_.]?[0-9]*)?`
const SPECIFIER_CLAUSE = new RegExp(
  [
    String.raw`===\s*[^\s;)]+`,
    String.raw`(?:==|!=)\s*${RELEASE}(?:\.\*|${SUFFIXES}(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?)`,
    String.raw`~=\s*v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)+${SUFFIXES}`,
    String.raw`(?:<=|>=|<|>)\s*${RELEASE}${SUFFIXES}`
  ]
    .map((branch) => `^\\s*${branch}\\s*$`)
    .join('|'),
  'i'
)

/** A specifier set: clauses separated by commas, none of them empty. The empty specifier is valid. */
export function isValidSpecifier(specifier: string): boolean {
  return cached(specifiers, specifier, () => specifier.trim() === '' || specifier.split(',').every((clause) => SPECIFIER_CLAUSE.test(clause)))
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
