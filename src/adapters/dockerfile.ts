/**
 * What a Dockerfile needs from its build context, read before anything is built: the
 * local sources of every COPY/ADD, and whether .dockerignore excludes them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import {
  compileDockerignore,
  DockerignoreError,
  dockerignoreExcludes,
  dockerignoreMatches,
  readDockerignore
} from '../config/dockerignore.js'

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

/**
 * Whether a context-relative path is excluded by a .dockerignore (its text), by Docker's rules
 * (../config/dockerignore.ts). Throws DockerignoreError when Docker would refuse the file.
 */
export function dockerignored(relPath: string, dockerignore: string, isDirectory = false): boolean {
  return dockerignoreExcludes(compileDockerignore(readDockerignore(dockerignore)), relPath, isDirectory)
}

/** COPY/ADD sources missing from the build context (or excluded by .dockerignore), checked before building. */
export function missingContextFiles(contextAbs: string, dockerfileAbs: string): string[] {
  if (!existsSync(dockerfileAbs)) return [path.basename(dockerfileAbs)]
  const ignore = existsSync(path.join(contextAbs, '.dockerignore')) ? readFileSync(path.join(contextAbs, '.dockerignore'), 'utf8') : ''
  const missing: string[] = []
  // docker build checks every pattern it reaches on every path of the context before sending it:
  // the top-level entries reach them all (a pattern that fails there fails the build)
  try {
    const rules = compileDockerignore(readDockerignore(ignore))
    for (const name of readdirSync(contextAbs)) dockerignoreMatches(rules, name)
  } catch (error) {
    if (!(error instanceof DockerignoreError)) throw error
    return [`.dockerignore (docker build refuses it: ${error.message})`]
  }
  const excluded = (rel: string): boolean | string => {
    try {
      return dockerignored(rel, ignore, statSync(path.join(contextAbs, rel)).isDirectory())
    } catch (error) {
      if (!(error instanceof DockerignoreError)) throw error
      return error.message
    }
  }
  for (const { source, line } of copySources(readFileSync(dockerfileAbs, 'utf8'))) {
    const rel = path.posix.normalize(source.replace(/^\.\/+/, '')).replace(/\/+$/, '')
    if (/[*?[]/.test(rel)) continue
    const exists = rel === '.' || existsSync(path.join(contextAbs, rel))
    if (!exists) missing.push(`${source} (Dockerfile line ${line}: not in the context)`)
    else if (rel !== '.') {
      const why = excluded(rel)
      if (why === true) missing.push(`${source} (Dockerfile line ${line}: excluded by .dockerignore)`)
      else if (typeof why === 'string') missing.push(`.dockerignore (docker build refuses it: ${why})`)
    }
  }
  return missing
}
