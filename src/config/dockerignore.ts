/**
 * `.dockerignore` exactly as Docker reads it (moby/patternmatcher and its `ignorefile`):
 * lines trimmed, `#` comments, a leading `/` dropped, each pattern cleaned like Go's
 * `filepath.Clean`; `*` and `?` stay within a path component, `**` crosses them, `\` escapes,
 * `[…]` / `[^…]` classes; a later pattern wins and `!` re-includes; a path is excluded when a
 * pattern matches it or one of its parent directories. Not the uv workspace globs
 * (./glob.ts): their rules differ. Pure.
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

/** Go's `filepath.Match(pattern, ".")` syntax check: throws when Go calls the pattern malformed. */
function checkGoSyntax(pattern: string): void {
  const chars = Array.from(pattern)
  const bad = (): never => {
    throw new DockerignoreError(`syntax error in pattern: ${pattern}`)
  }
  let i = 0
  const esc = (): void => {
    if (i >= chars.length || chars[i] === '-' || chars[i] === ']') bad()
    if (chars[i] === '\\') {
      i++
      if (i >= chars.length) bad()
    }
    i++
    if (i >= chars.length) bad()
  }
  while (i < chars.length) {
    const c = chars[i]
    if (c === '\\') {
      i += 2
      if (i > chars.length) bad()
    } else if (c === '[') {
      i++
      if (chars[i] === '^') i++
      let ranges = 0
      for (;;) {
        if (i < chars.length && chars[i] === ']' && ranges > 0) {
          i++
          break
        }
        esc()
        if (chars[i] === '-') {
          i++
          esc()
        }
        ranges++
      }
    } else i++
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
        else if (/[A-Za-z0-9]/.test(next)) return () => {
          throw new DockerignoreError(`syntax error in pattern: ${p}`)
        }
        else source += JS_SYNTAX.test(next) ? `\\${next}` : next
        kind = 'regexp'
      } else source += '\\\\'
    } else if (ch === '[' || ch === ']') {
      // passed to the regular expression as they are (a `]` outside a class is literal there)
      source += ch === ']' && !inClass ? '\\]' : ch
      inClass = ch === '['
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
