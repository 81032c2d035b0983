/**
 * `.dockerignore` exactly as Docker reads it (moby/patternmatcher and its `ignorefile`):
 * lines trimmed, `#` comments, a leading `/` dropped, each pattern cleaned like Go's
 * `filepath.Clean`; `*` and `?` stay within a path component, `**` crosses them, `\` escapes,
 * `[…]` / `[^…]` classes; a later pattern wins and `!` re-includes; a path is excluded when a
 * pattern matches it or one of its parent directories. What Docker sends is decided walking the
 * context from the top (`dockerignoreExcludes`): each entry matched with its parent's results
 * (`MatchesUsingParentResults`), and an excluded directory is not entered at all unless an
 * exception pattern starts with its path (moby/go-archive and BuildKit's fsutil walk it so).
 * Not the uv workspace globs (./glob.ts): their rules differ. Pure.
 */

/** A `.dockerignore` Docker refuses (`docker build` fails on it the same way). */
export class DockerignoreError extends Error {}

interface Rule {
  cleaned: string
  exclusion: boolean
  /** Compiled on first use, as Docker does: a bad regular expression fails the match. */
  test?: (path: string) => boolean
}

export interface Dockerignore {
  rules: Rule[]
}

/** Go's `path.Clean` on a slash-separated path. */
export function cleanGo(p: string): string {
  if (p === '') return '.'
  const rooted = p.startsWith('/')
  const out: string[] = []
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop()
      else if (!rooted) out.push('..')
    } else out.push(part)
  }
  const body = out.join('/')
  return rooted ? `/${body}` : body || '.'
}

/** `ignorefile.ReadAll`: the patterns of a `.dockerignore` file, in order. */
export function readDockerignore(text: string): string[] {
  const patterns: string[] = []
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n|\r/)
  // a final newline does not make one more line
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  for (const line of lines) {
    if (line.startsWith('#')) continue
    let pattern = line.trim()
    if (pattern === '') continue
    const invert = pattern.startsWith('!')
    if (invert) pattern = pattern.slice(1).trim()
    if (pattern.length > 0) {
      pattern = cleanGo(pattern)
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1)
    }
    patterns.push(invert ? `!${pattern}` : pattern)
  }
  return patterns
}

const bad = (pattern: string): DockerignoreError => new DockerignoreError(`syntax error in pattern: ${pattern}`)

/** Go's `getEsc`: one character of a class (escapes allowed), or a malformed class. */
function getEsc(chunk: string[], pattern: string): [number, string[]] {
  if (chunk.length === 0 || chunk[0] === '-' || chunk[0] === ']') throw bad(pattern)
  let rest = chunk
  if (rest[0] === '\\') {
    rest = rest.slice(1)
    if (rest.length === 0) throw bad(pattern)
  }
  const r = rest[0].codePointAt(0) as number
  rest = rest.slice(1)
  if (rest.length === 0) throw bad(pattern)
  return [r, rest]
}

/** Go's `matchChunk`: after a mismatch it reads on through the chunk, so a malformed chunk is an error. */
function matchChunk(chunkText: string[], name: string[], pattern: string): string[] | null {
  let chunk = chunkText
  let s = name
  let failed = false
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true
    const c = chunk[0]
    if (c === '[') {
      let r = -1
      if (!failed) {
        r = s[0].codePointAt(0) as number
        s = s.slice(1)
      }
      chunk = chunk.slice(1)
      let negated = false
      if (chunk.length > 0 && chunk[0] === '^') {
        negated = true
        chunk = chunk.slice(1)
      }
      let match = false
      let ranges = 0
      for (;;) {
        if (chunk.length > 0 && chunk[0] === ']' && ranges > 0) {
          chunk = chunk.slice(1)
          break
        }
        let lo: number
        let hi: number
        ;[lo, chunk] = getEsc(chunk, pattern)
        hi = lo
        if (chunk[0] === '-') [hi, chunk] = getEsc(chunk.slice(1), pattern)
        if (lo <= r && r <= hi) match = true
        ranges++
      }
      if (match === negated) failed = true
    } else if (c === '?') {
      if (!failed) {
        if (s[0] === '/') failed = true
        s = s.slice(1)
      }
      chunk = chunk.slice(1)
    } else {
      if (c === '\\') {
        chunk = chunk.slice(1)
        if (chunk.length === 0) throw bad(pattern)
      }
      if (!failed) {
        if (chunk[0] !== s[0]) failed = true
        s = s.slice(1)
      }
      chunk = chunk.slice(1)
    }
  }
  return failed ? null : s
}

/** Go's `scanChunk`: leading stars, then up to the next star outside a class. */
function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; rest: string[] } {
  let p = pattern
  let star = false
  while (p.length > 0 && p[0] === '*') {
    p = p.slice(1)
    star = true
  }
  let inRange = false
  let i = 0
  for (; i < p.length; i++) {
    if (p[i] === '\\') {
      if (i + 1 < p.length) i++
    } else if (p[i] === '[') inRange = true
    else if (p[i] === ']') inRange = false
    else if (p[i] === '*' && !inRange) break
  }
  return { star, chunk: p.slice(0, i), rest: p.slice(i) }
}

/**
 * The syntax check of `patternmatcher.New`: Go's `filepath.Match(pattern, ".")`, as the Docker CLI
 * runs it — checked against `docker build`: a chunk is read to its end after a mismatch, but once
 * a chunk fails the later ones are not looked at (`t/[]a]` is refused, `t/a*\/[]a]` is not; what
 * the check misses fails later, when the pattern's regular expression is compiled, or never).
 */
function checkGoSyntax(patternText: string): void {
  let pattern = Array.from(patternText)
  let name = ['.']
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern)
    pattern = rest
    if (star && chunk.length === 0) return
    const t = matchChunk(chunk, name, patternText)
    if (t !== null && (t.length === 0 || pattern.length > 0)) {
      name = t
      continue
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== '/'; i++) {
        const u = matchChunk(chunk, name.slice(i + 1), patternText)
        if (u !== null) {
          if (pattern.length === 0 && u.length > 0) continue
          name = u
          continue outer
        }
      }
    }
    return
  }
}

/** `patternmatcher.New`: the rules, or DockerignoreError for a pattern Docker refuses. */
export function compileDockerignore(patterns: readonly string[]): Dockerignore {
  const rules: Rule[] = []
  for (const raw of patterns) {
    let p = raw.trim()
    if (p === '') continue
    p = cleanGo(p)
    let exclusion = false
    if (p.startsWith('!')) {
      if (p.length === 1) throw new DockerignoreError('illegal exclusion pattern: "!"')
      exclusion = true
      p = p.slice(1)
    }
    checkGoSyntax(p)
    rules.push({ cleaned: p, exclusion })
  }
  return { rules }
}

const GO_ESCAPE = new Set('.+()|{}$')
const JS_SYNTAX = /[\^$\\.*+?()[\]{}|/-]/

function compileRule(rule: Rule): (path: string) => boolean {
  const p = rule.cleaned
  const chars = Array.from(p)
  let source = '^'
  type Kind = 'exact' | 'prefix' | 'suffix' | 'regexp'
  let kind: Kind = 'exact'
  let inClass = false
  for (let i = 0, n = 0; i < chars.length; i++, n++) {
    const ch = chars[i]
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++
        if (chars[i + 1] === '/') i++
        if (i + 1 >= chars.length) {
          if (kind === 'exact') kind = 'prefix'
          else {
            source += '.*'
            kind = 'regexp'
          }
        } else {
          source += '(.*/)?'
          kind = 'regexp'
        }
        if (n === 0) kind = 'suffix'
      } else {
        source += '[^/]*'
        kind = 'regexp'
      }
    } else if (ch === '?') {
      source += '[^/]'
      kind = 'regexp'
    } else if (GO_ESCAPE.has(ch)) source += `\\${ch}`
    else if (ch === '\\') {
      if (i + 1 < chars.length) {
        const next = chars[++i]
        // RE2's escapes: punctuation is itself; a few letters are classes; other letters are errors
        if (/[dDwWsStnrfv]/.test(next)) source += `\\${next}`
        else if (/[A-Za-z0-9]/.test(next))
          return () => {
            throw new DockerignoreError(`syntax error in pattern: ${p}`)
          }
        else source += JS_SYNTAX.test(next) ? `\\${next}` : next
        kind = 'regexp'
      } else source += '\\' // Go appends `$` after it: `\$`, a literal dollar
    } else if (ch === '[' || ch === ']') {
      // passed to Go's regular expression as they are: a `]` outside a class, or first in one, is literal there
      const first = inClass && (source.endsWith('[') || source.endsWith('[^')) && !source.endsWith('\\[')
      source += ch === ']' && (!inClass || first) ? '\\]' : ch
      if (ch === '[' && !inClass) inClass = true
      else if (ch === ']' && inClass && !first) inClass = false
      kind = 'regexp'
    } else source += ch
  }
  if (kind === 'exact') return (path) => path === p
  if (kind === 'prefix') return (path) => path.startsWith(p.slice(0, -2))
  if (kind === 'suffix') {
    const suffix = p.slice(2)
    return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1))
  }
  let regex: RegExp
  try {
    regex = new RegExp(`${source}$`, 'su')
  } catch {
    return () => {
      throw new DockerignoreError(`syntax error in pattern: ${p}`)
    }
  }
  return (path) => regex.test(path)
}

const ruleMatches = (rule: Rule, path: string): boolean => (rule.test ??= compileRule(rule))(path)

/**
 * `MatchesOrParentMatches`: whether a context-relative, slash-separated path is excluded
 * (a rule matching the path or one of its parent directories; the last matching rule wins).
 * Throws DockerignoreError for a pattern that fails when used.
 */
export function dockerignoreMatches(ignore: Dockerignore, file: string): boolean {
  const clean = cleanGo(file)
  if (clean === '.') return false
  const slash = clean.lastIndexOf('/')
  const parent = slash < 0 ? '.' : clean.slice(0, slash) || '/'
  const parentDirs = parent.split('/')
  let matched = false
  for (const rule of ignore.rules) {
    if (rule.exclusion !== matched) continue
    let match = ruleMatches(rule, clean)
    if (!match && parent !== '.') {
      for (let i = 0; i < parentDirs.length; i++) {
        // (a pattern that fails on a parent directory is a non-match there, as in Docker)
        try {
          match = ruleMatches(rule, parentDirs.slice(0, i + 1).join('/'))
        } catch {
          match = false
        }
        if (match) break
      }
    }
    if (match) matched = !rule.exclusion
  }
  return matched
}

/** `MatchesUsingParentResults`: whether `file` is excluded, and per rule whether it matched (for its children). */
function usingParentResults(ignore: Dockerignore, file: string, parent: readonly boolean[] | null): { matched: boolean; info: boolean[] } {
  const info = ignore.rules.map(() => false)
  let matched = false
  ignore.rules.forEach((rule, i) => {
    let match = parent ? parent[i] : false
    if (!match) {
      if (rule.exclusion !== matched) return
      match = ruleMatches(rule, file)
      if (!match && !parent) {
        const slash = file.lastIndexOf('/')
        const dirs = slash < 0 ? [] : file.slice(0, slash).split('/')
        for (let k = 0; k < dirs.length && !match; k++) {
          try {
            match = ruleMatches(rule, dirs.slice(0, k + 1).join('/'))
          } catch {
            match = false
          }
        }
      }
    }
    info[i] = match
    if (match) matched = !rule.exclusion
  })
  return { matched, info }
}

/** Whether an excluded directory is still entered: some exception pattern starts with its path. */
function entered(ignore: Dockerignore, dir: string): boolean {
  return ignore.rules.some((r) => r.exclusion && `${r.cleaned}/`.startsWith(`${dir}/`))
}

/**
 * Whether Docker leaves a context-relative path out of the build context, walking to it from
 * the top as Docker does. A directory (`isDirectory`) that is excluded but still entered for an
 * exception inside it is not left out: part of it is sent. Throws DockerignoreError for a
 * pattern that fails when used.
 */
export function dockerignoreExcludes(ignore: Dockerignore, file: string, isDirectory = false): boolean {
  const clean = cleanGo(file)
  if (clean === '.' || ignore.rules.length === 0) return false
  const parts = clean.split('/')
  let parent: boolean[] | null = null
  for (let i = 0; i < parts.length; i++) {
    const at = parts.slice(0, i + 1).join('/')
    const { matched, info } = usingParentResults(ignore, at, parent)
    const last = i === parts.length - 1
    if (matched && (!(last ? isDirectory : true) || !entered(ignore, at))) return true
    if (last) return false
    parent = info
  }
  return false
}
