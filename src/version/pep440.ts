/**
 * PEP 440 through @renovatebot/pep440 (the library astral-sh/setup-uv uses). The
 * normal form is assembled here from explain() because the library's clean() joins
 * local segments with commas (`1.0+a.b` → `1.0+a,b`).
 */
import * as pep440 from '@renovatebot/pep440'

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

export function parseVersion(text: string): ParsedVersion | null {
  const trimmed = text.trim()
  if (trimmed === '' || pep440.valid(trimmed) === null) return null
  const info = pep440.explain(trimmed)
  if (!info) return null
  const local = info.local
  const pre = info.pre ? ([String(info.pre[0]), Number(info.pre[1])] as [string, number]) : null
  const post = info.post === null ? null : Number(info.post)
  const dev = info.dev === null ? null : Number(info.dev)
  let normalized = info.epoch ? `${info.epoch}!` : ''
  normalized += info.release.join('.')
  if (pre) normalized += `${pre[0]}${pre[1]}`
  if (post !== null) normalized += `.post${post}`
  if (dev !== null) normalized += `.dev${dev}`
  if (local) normalized += `+${local}`
  return {
    normalized,
    epoch: info.epoch,
    release: info.release,
    pre,
    post,
    dev,
    local,
    isPrerelease: pre !== null || dev !== null
  }
}

/** The PEP 440 normal form, or null when the text is not a version. */
export function normalizeVersion(text: string): string | null {
  return parseVersion(text)?.normalized ?? null
}

/** A version as users type it (an optional leading `v`) in PEP 440 normal form, or null. */
export function normalizeInputVersion(text: string): string | null {
  return normalizeVersion(text.replace(/^[vV]/, ''))
}

/** <0, 0, >0 like a sort comparator; both must be valid. */
export function compareVersions(a: string, b: string): number {
  return pep440.compare(a, b)
}

export function isValidSpecifier(specifier: string): boolean {
  return specifier.trim() === '' || pep440.validRange(specifier)
}

/**
 * Whether `version` lies inside `specifier`'s range. Pre-releases count as inside
 * (`>=1.0` admits `2.0.0rc1`): a pin "excludes" a version only when the version is
 * outside the range itself. An empty specifier admits everything.
 */
export function admits(specifier: string, version: string): boolean {
  if (specifier.trim() === '') return true
  return pep440.satisfies(version, specifier, { prereleases: true })
}
