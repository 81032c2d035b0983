/**
 * What a Dockerfile needs from its build context, read before anything is built: the
 * local sources of every COPY/ADD, and whether .dockerignore excludes them.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { matchGlob } from '../config/glob.js'

/** The local sources of every COPY/ADD in a Dockerfile (not `--from=` stages, not URLs). */
export function copySources(dockerfile: string): { source: string; line: number }[] {
  const found: { source: string; line: number }[] = []
  const lines = dockerfile.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i]
    const start = i
    while (text.endsWith('\\') && i + 1 < lines.length) text = text.slice(0, -1) + ' ' + lines[++i]
    const m = /^\s*(COPY|ADD)\s+(.*)$/i.exec(text)
    if (!m) continue
    let args = m[2].trim()
    if (/--from=/i.test(args)) continue
    args = args.replace(/--[a-z-]+(=\S+)?\s+/gi, '')
    let parts: string[]
    if (args.startsWith('[')) {
      try {
        parts = JSON.parse(args) as string[]
      } catch {
        continue
      }
    } else parts = args.split(/\s+/).filter(Boolean)
    for (const source of parts.slice(0, -1)) {
      if (/^[a-z]+:\/\//i.test(source) || source.includes('$')) continue
      found.push({ source, line: start + 1 })
    }
  }
  return found
}

/** Whether a context-relative path is excluded by .dockerignore patterns (last match wins, `!` re-includes). */
export function dockerignored(relPath: string, patterns: string[]): boolean {
  let ignored = false
  const parts = relPath.split('/')
  for (const raw of patterns) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const negate = line.startsWith('!')
    const pattern = (negate ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '')
    // a pattern matches the path itself or any directory above it
    const hit = parts.some((_, i) => matchGlob(pattern, parts.slice(0, i + 1).join('/')))
    if (hit) ignored = !negate
  }
  return ignored
}

/** COPY/ADD sources missing from the build context (or excluded by .dockerignore), checked before building. */
export function missingContextFiles(contextAbs: string, dockerfileAbs: string): string[] {
  if (!existsSync(dockerfileAbs)) return [path.basename(dockerfileAbs)]
  const ignore = existsSync(path.join(contextAbs, '.dockerignore')) ? readFileSync(path.join(contextAbs, '.dockerignore'), 'utf8').split(/\r?\n/) : []
  const missing: string[] = []
  for (const { source, line } of copySources(readFileSync(dockerfileAbs, 'utf8'))) {
    const rel = path.posix.normalize(source.replace(/^\.\/+/, '')).replace(/\/+$/, '')
    if (/[*?[]/.test(rel)) continue
    const exists = rel === '.' || existsSync(path.join(contextAbs, rel))
    if (!exists) missing.push(`${source} (Dockerfile line ${line}: not in the context)`)
    else if (rel !== '.' && dockerignored(rel, ignore)) missing.push(`${source} (Dockerfile line ${line}: excluded by .dockerignore)`)
  }
  return missing
}
