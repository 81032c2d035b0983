/**
 * The release assets of a pypi target (SPEC §10), pure: the `SHA256SUMS` file over its
 * wheels and sdists, and the resume decision for each asset against what the release
 * already carries — the same content is skipped, a missing one is uploaded, a broken
 * upload (state not `uploaded`) is replaced, another content under the same name is a
 * conflict, never overwritten.
 */
import { byText } from '../order.js'

export const SUMS_NAME = 'SHA256SUMS'

/** A file to attach: its name on the release, where it is, its bytes' size and SHA-256 (hex). */
export interface AssetFile {
  name: string
  size: number
  sha256: string
}

/** An asset as the release lists it (GitHub's `release-asset`). */
export interface ExistingAsset {
  id: number
  name: string
  size: number
  /** `sha256:<hex>` (GitHub computes it for every upload since 2025; null on older servers). */
  digest: string | null
  /** `uploaded`, or `open`/`starter` for an upload that never finished. */
  state: string
}

/** The stable link of an asset of a published release. */
export const assetUrl = (serverUrl: string, repository: string, tag: string, name: string): string =>
  `${serverUrl.replace(/\/+$/, '')}/${repository}/releases/download/${encodeURIComponent(tag).replace(/%2F/gi, '/')}/${encodeURIComponent(name)}`

/** `sha256sum` format: `<hex>  <name>` per line, sorted by name, one file once. */
export function renderSha256Sums(files: readonly { name: string; sha256: string }[]): string {
  const byName = new Map<string, string>()
  for (const f of files) byName.set(f.name, f.sha256.toLowerCase())
  return [...byName.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([name, hex]) => `${hex}  ${name}\n`)
    .join('')
}

/**
 * The entries of a `SHA256SUMS` file (`sha256sum` text or binary mode, `*name`), and the
 * lines that are not entries (a tampered or foreign file is reported, not trusted).
 */
export function parseSha256Sums(text: string): { sums: Map<string, string>; bad: string[] } {
  const sums = new Map<string, string>()
  const bad: string[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.replace(/\r$/, ''))
    if (m && !sums.has(m[2])) sums.set(m[2], m[1].toLowerCase())
    else bad.push(line)
  }
  return { sums, bad }
}

/** The SHA-256 (hex) an existing asset is known to have: its digest, else the release's SHA256SUMS entry, else null. */
export function knownSha256(asset: ExistingAsset, sums: ReadonlyMap<string, string> | null): string | null {
  const m = /^sha256:([0-9a-f]{64})$/i.exec(asset.digest ?? '')
  if (m) return m[1].toLowerCase()
  return sums?.get(asset.name) ?? null
}

export interface AssetConflict {
  file: AssetFile
  asset: ExistingAsset
  /** What differs, in words (`size 10 ≠ 12`, `sha256 ab12… ≠ cd34…`, `content not comparable`). */
  why: string
}

export interface AssetDecision {
  upload: AssetFile[]
  skip: AssetFile[]
  /** A broken earlier upload of the same name: deleted, then uploaded again. */
  replace: { file: AssetFile; asset: ExistingAsset }[]
  conflicts: AssetConflict[]
}

/**
 * What to do with each file, given the release's assets and the hashes its existing
 * `SHA256SUMS` asset lists (null when it has none). Same content needs the same size and
 * the same SHA-256; an asset whose SHA-256 cannot be known is not taken for the same.
 */
export function decideAssets(
  files: readonly AssetFile[],
  existing: readonly ExistingAsset[],
  sums: ReadonlyMap<string, string> | null = null
): AssetDecision {
  const decision: AssetDecision = { upload: [], skip: [], replace: [], conflicts: [] }
  for (const file of files) {
    const asset = existing.find((a) => a.name === file.name)
    if (!asset) {
      decision.upload.push(file)
      continue
    }
    if (asset.state !== 'uploaded') {
      decision.replace.push({ file, asset })
      continue
    }
    const hex = knownSha256(asset, sums)
    const short = (h: string): string => `${h.slice(0, 12)}…`
    if (asset.size !== file.size) decision.conflicts.push({ file, asset, why: `${asset.size} bytes, built ${file.size} bytes` })
    else if (hex === null) decision.conflicts.push({ file, asset, why: 'GitHub gives no digest for it and no SHA256SUMS lists it' })
    else if (hex !== file.sha256.toLowerCase())
      decision.conflicts.push({ file, asset, why: `sha256 ${short(hex)}, built ${short(file.sha256.toLowerCase())}` })
    else decision.skip.push(file)
  }
  return decision
}
