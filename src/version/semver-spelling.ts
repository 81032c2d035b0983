/**
 * A PEP 440 version spelled as SemVer 2.0 and back, for `version-files` entries with
 * `format = "semver"` (Cargo.toml, package.json, Java files): `1.2.0` ↔ `1.2.0`, `1.2`
 * ↔ `1.2.0`, `1.2.0a1` ↔ `1.2.0-alpha.1`, `1.2.0b2` ↔ `1.2.0-beta.2`, `1.2.0rc1` ↔
 * `1.2.0-rc.1`, `1.2.0.dev3` ↔ `1.2.0-dev.3`, a local `+abc.1` ↔ build metadata `+abc.1`.
 * What has no faithful spelling is refused, never approximated: an epoch, more than three
 * release numbers, a post-release (SemVer's `+post.1` is build metadata, which SemVer
 * precedence ignores: Cargo would see the same version as before), and a pre-release
 * with a dev-release (`1.2.0rc1.dev1` sorts before `rc1`; `-rc.1.dev.1` would sort after). Pure.
 */
import { parseVersion } from './pep440.js'

const PRE_WORDS: Record<string, string> = { a: 'alpha', b: 'beta', rc: 'rc' }
const FROM_WORDS: Record<string, string> = { alpha: 'a', beta: 'b', rc: 'rc' }
const NUM = '(0|[1-9]\\d*)'
const SEMVER = new RegExp(`^${NUM}\\.${NUM}\\.${NUM}(?:-(alpha|beta|rc|dev)\\.${NUM})?(?:\\+([0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*))?$`)

/** The SemVer spelling of a PEP 440 version, or why it has none. */
export function toSemver(version: string): { semver: string } | { reason: string } {
  const v = parseVersion(version)
  if (!v) return { reason: `${version} is not a PEP 440 version` }
  if (v.epoch) return { reason: `${version} has an epoch, which SemVer cannot spell` }
  if (v.release.length > 3) return { reason: `${version} has more than three release numbers, which SemVer cannot spell` }
  if (v.post !== null) {
    return { reason: `${version} is a post-release, which SemVer cannot spell (+post.N is build metadata, the same version to Cargo)` }
  }
  if (v.pre && v.dev !== null)
    return { reason: `${version} is a dev-release of a pre-release, which SemVer cannot spell in the same order` }
  const release = [...v.release]
  while (release.length < 3) release.push(0)
  const pre = v.pre ? `-${PRE_WORDS[v.pre[0]]}.${v.pre[1]}` : v.dev !== null ? `-dev.${v.dev}` : ''
  return { semver: `${release.join('.')}${pre}${v.local ? `+${v.local}` : ''}` }
}

/** The PEP 440 normal form of a SemVer spelling this module writes, or null. */
export function fromSemver(text: string): string | null {
  const m = SEMVER.exec(text)
  if (!m) return null
  const [, major, minor, patch, word, n, build] = m
  const pre = word === undefined ? '' : word === 'dev' ? `.dev${n}` : `${FROM_WORDS[word]}${n}`
  return parseVersion(`${major}.${minor}.${patch}${pre}${build ? `+${build}` : ''}`)?.normalized ?? null
}

/** The SemVer spelling Cargo files get (Cargo.toml, Cargo.lock), or null when SemVer cannot say it faithfully. */
export function semverSpelling(version: string): string | null {
  const spelled = toSemver(version)
  return 'semver' in spelled ? spelled.semver : null
}
