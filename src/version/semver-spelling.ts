/**
 * A PEP 440 version in SemVer spelling, for files that need it (Cargo.toml, Cargo.lock):
 * `1.2.0rc1` → `1.2.0-rc.1`, `1.2.0a1` → `1.2.0-alpha.1`, `1.2.0b2` → `1.2.0-beta.2`,
 * `1.2.0.dev3` → `1.2.0-dev.3`, `1.2` → `1.2.0`, a local `+abc` as build metadata. maturin
 * reads those spellings back as the same PEP 440 version. Pure.
 */
import { parseVersion } from './pep440.js'

const PRE_NAMES: Record<string, string> = { a: 'alpha', b: 'beta', rc: 'rc' }

/** The SemVer spelling of a PEP 440 version, or null when SemVer cannot say it (an epoch, a post-release, four numbers). */
export function semverSpelling(version: string): string | null {
  const v = parseVersion(version)
  if (!v || v.epoch !== 0 || v.post !== null || v.release.length > 3) return null
  const release = [...v.release, 0, 0].slice(0, 3).join('.')
  const pre: string[] = []
  if (v.pre) pre.push(`${PRE_NAMES[v.pre[0]] ?? v.pre[0]}.${v.pre[1]}`)
  if (v.dev !== null) pre.push(`dev.${v.dev}`)
  return `${release}${pre.length ? `-${pre.join('.')}` : ''}${v.local ? `+${v.local}` : ''}`
}
