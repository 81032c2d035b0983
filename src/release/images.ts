/**
 * Docker image planning, pure: references, the tags a version gets (`{version}`,
 * `{major}.{minor}`, `latest`) and OCI labels.
 */
import { compareVersions, normalizeVersion, parseVersion } from '../version/pep440.js'
import type { Latest } from '../inputs.js'
import { BROKEN_SUFFIX } from '../config/defaults.js'

/** `{registry}/{owner}/{repo}/{image}` in lower case (ghcr.io requires it). */
export function imageRepository(owner: string, repo: string, image: string): string {
  return `${owner}/${repo}/${image}`.toLowerCase()
}

/** A PEP 440 version as a Docker tag: `+local` becomes `-local`. */
export function dockerVersionTag(version: string): string {
  return version.replace('+', '-')
}

/** The PEP 440 version a Docker tag stands for, or null (`latest`, `2.0`, other tags). */
export function tagVersion(tag: string): string | null {
  if (!/^\d+(\.\d+){2,}/.test(tag)) return null
  return normalizeVersion(tag.replace(/-(?=[a-z0-9.]+$)/i, '+')) ?? normalizeVersion(tag)
}

/** Version tags of good images: not a broken marker (`2.0.0-broken`), and not marked broken by one. */
export function goodVersionTags(existing: string[], brokenSuffix = BROKEN_SUFFIX): Map<string, string> {
  const set = new Set(existing)
  const good = new Map<string, string>()
  for (const tag of existing) {
    if (tag.endsWith(brokenSuffix) || set.has(`${tag}${brokenSuffix}`)) continue
    const v = tagVersion(tag)
    if (v) good.set(tag, v)
  }
  return good
}

export const stable = (v: string): boolean => !(parseVersion(v)?.isPrerelease ?? true)

/**
 * The tags this version gets, given the tags already in the repository:
 * `{version}` always; `{major}.{minor}` when it is the highest stable version of that
 * minor line; `latest` when it is the highest stable version of the image (`auto`).
 */
export function imageTags(version: string, existing: string[], latest: Latest, brokenSuffix = BROKEN_SUFFIX): string[] {
  const tags = [dockerVersionTag(version)]
  const v = parseVersion(version)
  if (!v) return tags
  const others = [...goodVersionTags(existing, brokenSuffix).values()].filter(stable)
  const highest = (pool: string[]): boolean => pool.every((o) => compareVersions(version, o) >= 0)
  if (stable(version)) {
    const [major, minor = 0] = v.release
    const line = others.filter((o) => {
      const r = parseVersion(o)?.release ?? []
      return r[0] === major && (r[1] ?? 0) === minor && (parseVersion(o)?.epoch ?? 0) === v.epoch
    })
    if (highest(line)) tags.push(`${major}.${minor}`)
  }
  if (latest === 'true' || (latest === 'auto' && stable(version) && highest(others))) tags.push('latest')
  return tags
}

export function ociLabels(version: string, revision: string, source: string, created: Date): Record<string, string> {
  return {
    'org.opencontainers.image.version': version,
    'org.opencontainers.image.revision': revision,
    'org.opencontainers.image.source': source,
    'org.opencontainers.image.created': created.toISOString()
  }
}
