/**
 * The config's waivers applied to the gate's problems (SPEC §1 "What belongs to the monorepo"),
 * like a linter's baseline: a problem is waived when a waiver names its code and the package
 * it belongs to — the package whose directory holds the annotated file (its pyproject.toml, its
 * uv.lock, its version files), or for the working directory's uv.lock the package whose entry
 * holds the line. A waived problem is still shown (a notice with the waiver's reason); a
 * waiver that waives nothing is reported as stale. Pure.
 */
import path from 'node:path'
import type { Problem } from '../errors.js'
import type { Waiver } from '../config/waivers.js'
import type { Monorepo } from './load.js'

export interface WaivedProblem extends Problem {
  /** The package directory the problem belongs to (relative to the working directory). */
  package: string
  reason: string
  /** Where the waiver is in the config. */
  waiver?: { file: string; line?: number }
}

export interface Waived {
  /** The problems no waiver names. */
  problems: Problem[]
  waived: WaivedProblem[]
  /** Waivers that waived nothing (only known when the whole repository was checked). */
  stale: Waiver[]
}

/** The package directory a problem belongs to, or null (a problem on no file, or on a file of no package). */
export function packageOfProblem(repo: Monorepo, p: Problem): string | null {
  if (!p.file) return null
  const lock = repo.lock
  if (lock && p.file === lock.file && p.line !== undefined) {
    // the member entry holding the line: the last one starting at or before it
    let best: { line: number; name: string } | null = null
    for (const entry of lock.members.values()) if (entry.line <= p.line && (!best || entry.line > best.line)) best = entry
    const owner = best && [...repo.packages.values()].find((pkg) => pkg.normalizedName === best.name)
    if (owner) return owner.dir
  }
  let found: { dir: string; depth: number } | null = null
  for (const pkg of repo.packages.values()) {
    const base = path.posix.dirname(pkg.file)
    const inside = base === '.' || p.file === base || p.file.startsWith(`${base}/`)
    const depth = base === '.' ? 0 : base.split('/').length
    if (inside && (!found || depth > found.depth)) found = { dir: pkg.dir, depth }
  }
  return found?.dir ?? null
}

/** Split the problems by the config's waivers; stale waivers only when `whole` (no component narrowed the check). */
export function applyWaivers(repo: Monorepo, problems: Problem[], whole: boolean): Waived {
  const waivers = repo.config.waivers ?? []
  if (waivers.length === 0) return { problems, waived: [], stale: [] }
  const used = new Set<Waiver>()
  const kept: Problem[] = []
  const waived: WaivedProblem[] = []
  for (const p of problems) {
    const dir = waivers.some((w) => w.code === p.code) ? packageOfProblem(repo, p) : null
    const waiver = dir === null ? undefined : waivers.find((w) => w.code === p.code && w.package === dir)
    if (!waiver || dir === null) {
      kept.push(p)
      continue
    }
    used.add(waiver)
    waived.push({
      ...p,
      package: dir,
      reason: waiver.reason,
      ...(waiver.location ? { waiver: { file: waiver.location.file, line: waiver.location.line } } : {})
    })
  }
  return { problems: kept, waived, stale: whole ? waivers.filter((w) => !used.has(w)) : [] }
}

/** The notice a waived problem is shown as: never silent. */
export function waivedNotice(w: WaivedProblem): string {
  const where = w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''
  const by = w.waiver ? ` (waiver at ${w.waiver.file}${w.waiver.line ? `:${w.waiver.line}` : ''})` : ''
  return `waived: ${where}${w.code} ${w.message} — reason: ${w.reason}${by}`
}

/** The notice a stale waiver is shown as, so it gets removed. */
export function staleNotice(repo: Monorepo, w: Waiver): string {
  const where = w.location ? `${w.location.file}${w.location.line ? `:${w.location.line}` : ''}: ` : ''
  const why = repo.packages.has(w.package) ? '' : ` (${w.package} is not a package the gate checks)`
  return `${where}stale waiver: ${w.code} in ${w.package} matches no problem${why}; remove it from the config`
}
