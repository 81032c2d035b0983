/**
 * Globs exactly as uv reads `[tool.uv.workspace] members` and `exclude`: a port of the Rust
 * `glob` crate (0.3, rust-lang/glob `src/lib.rs`) with its default `MatchOptions`
 * (case-sensitive, `*`/`?`/`[…]` may match `/` when a whole path is matched, names starting
 * with `.` matched like any other), and uv's `normalize_path`.
 *
 * - `?` one character, `*` any sequence, `**` (a whole path component) the directory and every
 *   directory below it; `***`, `**x`, `x**` are errors.
 * - `[abc]`, `[a-z]` a class; `[!…]` its negation (`[^…]` is a class holding `^`); a `]` right
 *   after `[` or `[!` is part of the class; an unclosed `[`, `[]` and `[!]` are errors; a
 *   reversed range (`[c-a]`) is valid and matches nothing.
 * - Directory walks follow symbolic links to directories and enter hidden ones.
 *
 * Pure except for `globPaths`, which reads directories.
 */
import { readdirSync, statSync, lstatSync, type Stats } from 'node:fs'
import path from 'node:path'

type Spec = { single: number } | { from: number; to: number }
type Token =
  | { kind: 'char'; c: number }
  | { kind: 'any' }
  | { kind: 'seq' }
  | { kind: 'recursive' }
  | { kind: 'within'; specs: Spec[] }
  | { kind: 'except'; specs: Spec[] }

export interface Pattern {
  original: string
  tokens: Token[]
  isRecursive: boolean
  hasMetachars: boolean
}

/** The crate's `PatternError`: a position in characters and its message. */
export class GlobPatternError extends Error {
  constructor(
    readonly pos: number,
    readonly msg: string
  ) {
    super(`Pattern syntax error near position ${pos}: ${msg}`)
  }
}

const ERROR_WILDCARDS = 'wildcards are either regular `*` or recursive `**`'
const ERROR_RECURSIVE_WILDCARDS = 'recursive wildcards must form a single path component'
const ERROR_INVALID_RANGE = 'invalid range pattern'
const SLASH = 0x2f
const cp = (s: string): number => s.codePointAt(0) as number

function parseSpecs(chars: number[]): Spec[] {
  const specs: Spec[] = []
  let i = 0
  while (i < chars.length) {
    if (i + 3 <= chars.length && chars[i + 1] === cp('-')) {
      specs.push({ from: chars[i], to: chars[i + 2] })
      i += 3
    } else {
      specs.push({ single: chars[i] })
      i += 1
    }
  }
  return specs
}

/** `Pattern::new`: the compiled pattern, or a GlobPatternError (never anything else). */
export function compilePattern(pattern: string): Pattern | GlobPatternError {
  const chars = Array.from(pattern, cp)
  const tokens: Token[] = []
  let isRecursive = false
  let hasMetachars = false
  let i = 0
  const indexOfClose = (from: number): number => {
    for (let k = from; k < chars.length; k++) if (chars[k] === cp(']')) return k - from
    return -1
  }
  while (i < chars.length) {
    const c = chars[i]
    if (c === cp('?')) {
      hasMetachars = true
      tokens.push({ kind: 'any' })
      i += 1
    } else if (c === cp('*')) {
      hasMetachars = true
      const old = i
      while (i < chars.length && chars[i] === cp('*')) i += 1
      const count = i - old
      if (count > 2) return new GlobPatternError(old + 2, ERROR_WILDCARDS)
      if (count === 2) {
        if (i === 2 || chars[i - count - 1] === SLASH) {
          if (i < chars.length && chars[i] === SLASH) i += 1
          else if (i !== chars.length) return new GlobPatternError(i, ERROR_RECURSIVE_WILDCARDS)
        } else return new GlobPatternError(old - 1, ERROR_RECURSIVE_WILDCARDS)
        const last = tokens[tokens.length - 1]
        if (!(tokens.length > 1 && last.kind === 'recursive')) {
          isRecursive = true
          tokens.push({ kind: 'recursive' })
        }
      } else tokens.push({ kind: 'seq' })
    } else if (c === cp('[')) {
      hasMetachars = true
      if (i + 4 <= chars.length && chars[i + 1] === cp('!')) {
        const j = indexOfClose(i + 3)
        if (j >= 0) {
          tokens.push({ kind: 'except', specs: parseSpecs(chars.slice(i + 2, i + 3 + j)) })
          i += j + 4
          continue
        }
      } else if (i + 3 <= chars.length && chars[i + 1] !== cp('!')) {
        const j = indexOfClose(i + 2)
        if (j >= 0) {
          tokens.push({ kind: 'within', specs: parseSpecs(chars.slice(i + 1, i + 2 + j)) })
          i += j + 3
          continue
        }
      }
      return new GlobPatternError(i, ERROR_INVALID_RANGE)
    } else {
      tokens.push({ kind: 'char', c })
      i += 1
    }
  }
  return { original: pattern, tokens, isRecursive, hasMetachars }
}

/** The message of the crate's error for an invalid pattern, or null when it is valid. */
export function patternError(pattern: string): string | null {
  const p = compilePattern(pattern)
  return p instanceof GlobPatternError ? p.message : null
}

const inSpecs = (specs: Spec[], c: number): boolean => specs.some((s) => ('single' in s ? s.single === c : c >= s.from && c <= s.to))

type Result = 'match' | 'sub' | 'entire'

function matchesFrom(p: Pattern, followsSeparator: boolean, file: number[], at: number, ti0: number): Result {
  let follows = followsSeparator
  let pos = at
  for (let ti = ti0; ti < p.tokens.length; ti++) {
    const token = p.tokens[ti]
    if (token.kind === 'seq' || token.kind === 'recursive') {
      const empty = matchesFrom(p, follows, file, pos, ti + 1)
      if (empty !== 'sub') return empty
      while (pos < file.length) {
        const c = file[pos++]
        follows = c === SLASH
        if (token.kind === 'recursive' && !follows) continue
        const m = matchesFrom(p, follows, file, pos, ti + 1)
        if (m !== 'sub') return m
      }
    } else {
      if (pos >= file.length) return 'entire'
      const c = file[pos++]
      const ok =
        token.kind === 'any'
          ? true
          : token.kind === 'within'
            ? inSpecs(token.specs, c)
            : token.kind === 'except'
              ? !inSpecs(token.specs, c)
              : token.c === c
      if (!ok) return 'sub'
      follows = c === SLASH
    }
  }
  return pos >= file.length ? 'match' : 'sub'
}

/** `Pattern::matches` / `matches_path` with the default options. */
export function matches(p: Pattern, text: string): boolean {
  return matchesFrom(p, true, Array.from(text, cp), 0, 0) === 'match'
}

/**
 * uv's `normalize_path` on POSIX paths: `.` components, repeated and trailing `/` removed,
 * an inner `..` cancels the component before it (a leading one stays); `.` becomes ''.
 */
export function normalizePath(p: string): string {
  const absolute = p.startsWith('/')
  const out: string[] = []
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop()
    else out.push(part)
  }
  return (absolute ? '/' : '') + out.join('/')
}

/** Whether uv's `normalize_path` leaves the path as written (Rust's `Cow::Borrowed`). */
export function isNormalized(p: string): boolean {
  if (p === '' || p === '/') return true
  const parts = p.split('/')
  const body = p.startsWith('/') ? parts.slice(1) : parts
  return body.every((s) => s !== '' && s !== '.' && s !== '..')
}

/** One path a glob walk yields. */
export interface GlobHit {
  /** As the walk built it: the start directory joined with the matched names. */
  abs: string
  isDirectory: boolean
}

/** A directory the walk could not read (the crate's `GlobError`). */
export class GlobWalkError extends Error {
  constructor(
    readonly abs: string,
    readonly cause: unknown
  ) {
    super(`attempting to read \`${abs}\` resulted in an error: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

/** Entries yielded before the walk gives up (a tree of symbolic-link cycles grows without end). */
export const WALK_LIMIT = 200_000

const statOrNull = (p: string, follow: boolean): Stats | null => {
  try {
    return follow ? statSync(p) : lstatSync(p)
  } catch {
    return null
  }
}
const isDir = (p: string): boolean => statOrNull(p, true)?.isDirectory() ?? false
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b))
/** Rust's `Path::file_name`: the last normal component, none when the path ends in `..`. */
function fileName(p: string): string | null {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.')
  const last = parts[parts.length - 1]
  return last === undefined || last === '..' ? null : last
}
const joinPath = (dir: string, name: string): string => (dir.endsWith('/') ? dir + name : `${dir}/${name}`)

/**
 * The crate's `glob()` iterator: every path matching `pattern` (absolute, or relative to
 * `cwd`), in the order the crate yields them. `pattern` must be valid (check it with
 * `compilePattern` first); an unreadable directory is a GlobWalkError, as the crate reports it.
 */
export function globPaths(pattern: string, cwd: string): GlobHit[] {
  const absolute = pattern.startsWith('/')
  const rest = pattern.replace(/^\/+/, '')
  const scope = absolute ? '/' : cwd
  const dirPatterns: Pattern[] = []
  // `split_terminator`: a final empty piece is dropped
  const pieces = rest.split('/')
  if (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop()
  for (const piece of pieces) {
    const compiled = compilePattern(piece)
    if (compiled instanceof GlobPatternError) throw compiled
    dirPatterns.push(compiled)
  }
  if (rest === '') dirPatterns.push({ original: '', tokens: [], isRecursive: false, hasMetachars: false })
  const requireDir = pattern.endsWith('/')
  const todo: [GlobHit, number][] = []
  const DONE = -1
  let visited = 0

  const fill = (idx: number, at: GlobHit): void => {
    const add = (next: GlobHit): void => {
      if (idx + 1 === dirPatterns.length) todo.push([next, DONE])
      else fill(idx + 1, next)
    }
    const pat = dirPatterns[idx]
    if (!pat.hasMetachars) {
      const s = pat.original
      const special = s === '.' || s === '..'
      const next = joinPath(at.abs, s)
      const hit = { abs: next, isDirectory: isDir(next) }
      if ((special && at.isDirectory) || (!special && (statOrNull(next, true) || statOrNull(next, false)))) add(hit)
      return
    }
    if (!at.isDirectory) return
    let children: GlobHit[]
    let names: string[]
    try {
      const entries = readdirSync(at.abs, { withFileTypes: true })
      names = entries.map((e) => e.name)
      children = entries.map((e) => {
        const abs = joinPath(at.abs, e.name)
        return { abs, isDirectory: e.isSymbolicLink() ? isDir(abs) : e.isDirectory() }
      })
    } catch (error) {
      throw new GlobWalkError(at.abs, error)
    }
    const order = children.map((c, k) => [c, names[k]] as const).sort((a, b) => byteOrder(b[1], a[1]))
    for (const [child] of order) todo.push([child, idx])
    visited += order.length
    if (visited > WALK_LIMIT) throw new GlobWalkError(at.abs, new Error(`more than ${WALK_LIMIT} entries (a cycle of symbolic links?)`))
    if (pat.tokens.length > 0 && pat.tokens[0].kind === 'char' && pat.tokens[0].c === cp('.')) {
      for (const special of ['.', '..']) {
        if (matches(pat, special)) {
          const next = joinPath(at.abs, special)
          add({ abs: next, isDirectory: isDir(next) })
        }
      }
    }
  }

  const found: GlobHit[] = []
  if (dirPatterns.length > 0) fill(0, { abs: scope, isDirectory: isDir(scope) })
  while (todo.length > 0) {
    const [hit, start] = todo.pop() as [GlobHit, number]
    let idx = start
    if (idx === DONE) {
      if (requireDir && !hit.isDirectory) continue
      found.push(hit)
      continue
    }
    if (dirPatterns[idx].isRecursive) {
      let next = idx
      while (next + 1 < dirPatterns.length && dirPatterns[next + 1].isRecursive) next++
      if (hit.isDirectory) {
        fill(next, hit)
        if (next === dirPatterns.length - 1) {
          found.push(hit)
          continue
        }
        idx = next + 1
      } else if (next === dirPatterns.length - 1) continue
      else idx = next + 1
    }
    const name = fileName(hit.abs)
    if (name === null) continue
    if (matches(dirPatterns[idx], name)) {
      if (idx === dirPatterns.length - 1) {
        if (!requireDir || hit.isDirectory) found.push(hit)
      } else fill(idx + 1, hit)
    }
  }
  return found
}

/** Escape metacharacters (`Pattern::escape`): `?`, `*`, `[`, `]` each in brackets. */
export function escapePattern(s: string): string {
  return s.replace(/[?*[\]]/g, (c) => `[${c}]`)
}

/** Whether a path component holds a glob metacharacter. */
export function hasGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern)
}

/** Normalize `./a//b/` to `a/b` (and `.` for the root). */
export function cleanRelative(p: string): string {
  const parts = p.split(/[\\/]+/).filter((s) => s !== '' && s !== '.')
  return parts.length === 0 ? '.' : parts.join('/')
}

/**
 * Existing directories below `root` matching `pattern` (relative to `root`), as uv finds
 * members: the pattern normalized, then walked with the crate's rules. Relative POSIX
 * paths, in the crate's order, without repeats. Throws GlobPatternError for an invalid
 * pattern and GlobWalkError for an unreadable directory.
 */
export function expandDirGlob(root: string, pattern: string): string[] {
  const own = compilePattern(pattern)
  if (own instanceof GlobPatternError) throw own
  const normalized = normalizePath(pattern)
  const full = path.isAbsolute(normalized) ? normalized : `${escapePattern(root.replace(/\/+$/, ''))}/${normalized}`
  const compiled = compilePattern(full)
  if (compiled instanceof GlobPatternError) throw compiled
  const seen = new Set<string>()
  const out: string[] = []
  for (const hit of globPaths(full, root)) {
    if (!hit.isDirectory) continue
    const rel = normalizePath(path.relative(root, hit.abs)) || '.'
    if (!seen.has(rel)) {
      seen.add(rel)
      out.push(rel)
    }
  }
  return out
}
