/**
 * Whether a directory holds only files git ignores — uv's `has_only_gitignored_files`,
 * which lets a workspace glob match a directory without `pyproject.toml` that only holds
 * `__pycache__` or build output. Reads `.gitignore` and `.ignore` files of the directory,
 * below it and above it, and `.git/info/exclude`; `.gitignore` counts only inside a git
 * repository, as in the `ignore` crate uv uses. Read-only.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

interface Rule {
  /** Directory the rule's file sits in (absolute). */
  base: string
  regex: RegExp
  negate: boolean
  dirOnly: boolean
}

function globSource(glob: string): string {
  let out = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]
    if (c === '\\' && i + 1 < glob.length) out += glob[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    else if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/'
      const atEnd = i + 2 === glob.length || glob[i + 2] === '/'
      if (atStart && atEnd) {
        if (glob[i + 2] === '/') {
          out += '(?:.*/)?'
          i += 2
        } else {
          out += '.*'
          i += 1
        }
      } else {
        out += '[^/]*'
        i += 1
      }
    } else if (c === '*') out += '[^/]*'
    else if (c === '?') out += '[^/]'
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2)
      if (close < 0) out += '\\['
      else {
        let body = glob.slice(i + 1, close)
        const negate = body.startsWith('!') || body.startsWith('^')
        if (negate) body = body.slice(1)
        out += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/\[/g, '\\[')}]`
        i = close
      }
    } else out += c.replace(/[.+^${}()|\\/]/g, '\\$&')
  }
  return out
}

/** The rules of one ignore file (gitignore syntax). */
export function parseIgnoreFile(text: string, base: string): Rule[] {
  const rules: Rule[] = []
  for (let line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue
    line = line.replace(/(?<!\\)\s+$/, '')
    if (line === '') continue
    const negate = line.startsWith('!')
    if (negate) line = line.slice(1)
    else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1)
    const dirOnly = line.endsWith('/')
    if (dirOnly) line = line.replace(/\/+$/, '')
    if (line === '') continue
    const anchored = line.includes('/')
    line = line.replace(/^\//, '')
    try {
      const regex = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${globSource(line)}$`, 's')
      rules.push({ base, regex, negate, dirOnly })
    } catch {
      // a line git cannot read either: it ignores nothing
    }
  }
  return rules
}

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

/** Rules of a directory's own ignore files, `.gitignore` first so `.ignore` wins. */
function rulesIn(dir: string, inGit: boolean): Rule[] {
  const rules: Rule[] = []
  const git = inGit ? read(path.join(dir, '.gitignore')) : null
  if (git !== null) rules.push(...parseIgnoreFile(git, dir))
  const own = read(path.join(dir, '.ignore'))
  if (own !== null) rules.push(...parseIgnoreFile(own, dir))
  return rules
}

function ignored(rules: readonly Rule[], abs: string, isDir: boolean): boolean {
  let result = false
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue
    const rel = path.relative(r.base, abs)
    if (rel === '' || rel.startsWith('..')) continue
    if (r.regex.test(rel.split(path.sep).join('/'))) result = !r.negate
  }
  return result
}

/** True when walking `dir` finds no file that is not ignored (symbolic links to directories are not entered). */
export function hasOnlyIgnoredFiles(dir: string): boolean {
  const abs = path.resolve(dir)
  // the parents, outermost first, and whether each is inside a git repository
  const chain: string[] = []
  for (let d = path.dirname(abs); ; d = path.dirname(d)) {
    chain.unshift(d)
    if (path.dirname(d) === d) break
  }
  const gitRoot = [...chain, abs].reverse().find((d) => existsSync(path.join(d, '.git')))
  const inGit = gitRoot !== undefined
  const base: Rule[] = []
  if (gitRoot) {
    const exclude = read(path.join(gitRoot, '.git', 'info', 'exclude'))
    if (exclude !== null) base.push(...parseIgnoreFile(exclude, gitRoot))
  }
  for (const d of chain) base.push(...rulesIn(d, inGit))
  let limit = 100_000
  const walk = (d: string, rules: Rule[]): boolean => {
    const all = [...rules, ...rulesIn(d, inGit)]
    let entries
    try {
      entries = readdirSync(d, { withFileTypes: true })
    } catch {
      return false
    }
    for (const e of entries) {
      if (--limit < 0) return false
      const p = path.join(d, e.name)
      let isDir = e.isDirectory()
      if (e.isSymbolicLink()) {
        try {
          isDir = statSync(p).isDirectory()
        } catch {
          isDir = false
        }
        if (isDir) continue
      }
      if (ignored(all, p, isDir)) continue
      if (!isDir) return false
      if (!walk(p, all)) return false
    }
    return true
  }
  return walk(abs, base)
}
