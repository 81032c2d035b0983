/**
 * A package's version as the rules compare it: its PEP 440 normal form, or for a package
 * versioned by git tags the highest version its tags give. Pure.
 */
import type { Config } from '../config/load.js'
import type { Package } from '../pyproject/package.js'
import { SCM_DEFAULT_TAG_REGEX, tagVersion } from '../pyproject/version-source.js'
import { compareVersions, normalizeVersion } from '../version/pep440.js'

/** A package as people name it: its [project] name, else its directory. */
export const label = (pkg: Package): string => pkg.name ?? pkg.dir

/** Where a package's version is written: its pyproject or the file its backend reads. */
export const versionAt = (pkg: Package): { file: string; line: number } => ({ file: pkg.versionFile, line: pkg.versionLine })

/** The PEP 440 normal form of a package's version, or null (absent, dynamic or invalid). */
export const versionOf = (pkg: Package): string | null => (pkg.version === null ? null : normalizeVersion(pkg.version))

/** Directory → its first target, per config (configs are not changed once loaded). */
const targetsByDir = new WeakMap<Config, Map<string, Config['targets'][string]>>()

/** The tag pattern that gives a vcs package's version: its target's tag template, else its backend's. */
export function tagPatternOf(config: Config, pkg: Package): RegExp {
  let byDir = targetsByDir.get(config)
  if (!byDir) {
    byDir = new Map()
    for (const t of Object.values(config.targets)) for (const d of t.packages) if (!byDir.has(d)) byDir.set(d, t)
    targetsByDir.set(config, byDir)
  }
  const target = byDir.get(pkg.dir)
  if (target) {
    const [before, after] = target.tag.split('{version}')
    const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return new RegExp(`^${esc(before)}(?<version>.+)${esc(after ?? '')}$`)
  }
  return pkg.source.tagPattern ?? SCM_DEFAULT_TAG_REGEX
}

/** The highest version git tags give a vcs package (normal form), or null when none does. */
export function versionFromTags(config: Config, pkg: Package, tags: string[]): string | null {
  const pattern = tagPatternOf(config, pkg)
  const versions = tags
    .map((t) => tagVersion(t, pattern))
    .map((v) => (v === null ? null : normalizeVersion(v)))
    .filter((v): v is string => v !== null)
  return versions.length ? versions.sort(compareVersions)[versions.length - 1] : null
}
