/**
 * Directory globs as uv workspace `members`/`exclude` and pyship `packages` use them:
 * `*` and `?` within one path segment, `[abc]` classes, `**` for any depth.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const SKIP = new Set(['.git', 'node_modules', '.venv', '__pycache__'])

export function hasGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern)
}

function segmentRegex(segment: string): RegExp {
  let source = ''
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]
    if (c === '*') source += '[^/]*'
    else if (c === '?') source += '[^/]'
    else if (c === '[') {
      const close = segment.indexOf(']', i + 1)
      if (close < 0) source += '\\['
      else {
        const body = segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')
        source += `[${body}]`
        i = close
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

/** Normalize `./a//b/` to `a/b` (and `.` for the root). */
export function cleanRelative(p: string): string {
  const parts = p.split(/[\\/]+/).filter((s) => s !== '' && s !== '.')
  return parts.length === 0 ? '.' : parts.join('/')
}

/** Whether a relative POSIX path matches a glob pattern. */
export function matchGlob(pattern: string, relPath: string): boolean {
  const pat = cleanRelative(pattern).split('/')
  const parts = cleanRelative(relPath).split('/')
  const match = (pi: number, si: number): boolean => {
    if (pi === pat.length) return si === parts.length
    if (pat[pi] === '**') {
      for (let k = si; k <= parts.length; k++) if (match(pi + 1, k)) return true
      return false
    }
    if (si === parts.length) return false
    return segmentRegex(pat[pi]).test(parts[si]) && match(pi + 1, si + 1)
  }
  return match(0, 0)
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}

/** Existing directories under `root` matching `pattern`, relative, sorted. */
export function expandDirGlob(root: string, pattern: string): string[] {
  const pat = cleanRelative(pattern).split('/')
  const found = new Set<string>()
  const subdirs = (rel: string): string[] => {
    try {
      return readdirSync(path.join(root, rel), { withFileTypes: true })
        .filter((e) => e.isDirectory() && !SKIP.has(e.name))
        .map((e) => e.name)
    } catch {
      return []
    }
  }
  const join = (rel: string, name: string): string => (rel === '.' ? name : `${rel}/${name}`)
  const walk = (pi: number, rel: string): void => {
    if (pi === pat.length) {
      found.add(rel)
      return
    }
    const seg = pat[pi]
    if (seg === '**') {
      walk(pi + 1, rel)
      for (const name of subdirs(rel)) walk(pi, join(rel, name))
    } else if (!hasGlob(seg)) {
      const next = join(rel, seg)
      if (isDirectory(path.join(root, next))) walk(pi + 1, next)
    } else {
      const re = segmentRegex(seg)
      for (const name of subdirs(rel)) if (re.test(name)) walk(pi + 1, join(rel, name))
    }
  }
  if (pat.length === 1 && pat[0] === '.') return ['.']
  walk(0, '.')
  return [...found].sort()
}
