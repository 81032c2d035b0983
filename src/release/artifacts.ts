/**
 * What is published is what was checked (SPEC §8): every built file's name and core
 * metadata carry the release's package name and version, or nothing is published.
 */
import { normalizeName } from '../pyproject/requirement.js'
import { normalizeVersion } from '../version/pep440.js'

export interface ArtifactFacts {
  /** File name (no directory). */
  name: string
  metadataName: string | null
  metadataVersion: string | null
}

/** The version a wheel's or sdist's file name carries (`pkg-1.2.0-py3-none-any.whl`, `pkg-1.2.0.tar.gz`), or null. */
export function filenameVersion(filename: string): { name: string; version: string } | null {
  const wheel = /^([^-]+)-([^-]+)-.+\.whl$/.exec(filename)
  if (wheel) return { name: wheel[1], version: wheel[2] }
  const sdist = /^(.+)-([^-]+)\.tar\.gz$/.exec(filename)
  if (sdist) return { name: sdist[1], version: sdist[2] }
  return null
}

/** Why a built file does not belong to `package version`, or null when it does. */
export function artifactMismatch(file: ArtifactFacts, pkg: string, version: string): string | null {
  const fromName = filenameVersion(file.name)
  if (!fromName) return `${file.name} is not a wheel or sdist file name`
  if (normalizeName(fromName.name) !== normalizeName(pkg)) return `${file.name} is named for ${fromName.name}, not ${pkg}`
  if (normalizeVersion(fromName.version) !== version) return `${file.name} carries version ${fromName.version} in its name, not ${version}`
  if (file.metadataName === null || file.metadataVersion === null) return `${file.name} has no readable Name/Version metadata`
  if (normalizeName(file.metadataName) !== normalizeName(pkg)) return `${file.name} metadata says Name: ${file.metadataName}, not ${pkg}`
  if (normalizeVersion(file.metadataVersion) !== version)
    return `${file.name} metadata says Version: ${file.metadataVersion}, not ${version}`
  return null
}

/**
 * Prebuilt files (release with `dist-dir`) sorted to the release's packages by the name
 * their file name carries; `strangers` belong to none of them and are never uploaded.
 */
export function assignDistFiles(
  files: { path: string; name: string }[],
  packages: { dir: string; name: string }[]
): { byDir: Map<string, string[]>; strangers: string[] } {
  const byDir = new Map<string, string[]>(packages.map((p) => [p.dir, []]))
  const strangers: string[] = []
  for (const file of files) {
    const named = filenameVersion(file.name)
    const pkg = named ? packages.find((p) => normalizeName(p.name) === normalizeName(named.name)) : undefined
    if (pkg) byDir.get(pkg.dir)?.push(file.path)
    else strangers.push(file.name)
  }
  return { byDir, strangers }
}
