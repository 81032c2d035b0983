/**
 * verify's look at a pypi target's release assets (SPEC §10): a SHA256SUMS is attached
 * and lists every file the index has for the release, with the index's SHA-256 (the PyPI
 * JSON API's `digests.sha256`); every file it lists is attached, and each asset's own
 * digest (GitHub's `sha256:`) is the one SHA256SUMS lists. One row per asset, with its link.
 * A release with no asset at all, looked at by `verify` (not by the run that made it), was
 * made before releases carried their files: it is said, not failed.
 */
import type { Release } from '../adapters/github.js'
import type { IndexFile } from '../adapters/pypi.js'
import { byText } from '../order.js'
import { assetUrl, knownSha256, parseSha256Sums, SUMS_NAME } from './assets.js'
import type { CheckRow } from './checklist.js'
import type { ReleaseContext } from './context.js'

const short = (hex: string): string => `${hex.slice(0, 12)}…`

export async function assetRows(
  ctx: ReleaseContext,
  tag: string,
  release: Release,
  onIndex: IndexFile[],
  attachedByThisRun: boolean
): Promise<CheckRow[]> {
  const assets = await ctx.github.assets(release.id)
  const link = (name: string): string => assetUrl(ctx.runner.serverUrl, ctx.repository, tag, name)
  if (assets.length === 0 && !attachedByThisRun)
    return [{ what: `assets of ${tag}`, ok: true, detail: `none: a release made without its files and ${SUMS_NAME} (${release.html_url})` }]
  const sumsAsset = assets.find((a) => a.name === SUMS_NAME && a.state === 'uploaded')
  if (!sumsAsset) return [{ what: `${SUMS_NAME} of ${tag}`, ok: false, detail: `not attached to the release (${release.html_url})` }]
  const { sums, bad } = parseSha256Sums(await ctx.github.downloadAsset(sumsAsset.id))
  const rows: CheckRow[] = [
    {
      what: `${SUMS_NAME} of ${tag}`,
      ok: bad.length === 0 && sums.size > 0,
      detail: bad.length ? `lines that are not \`<sha256>  <name>\`: ${bad.slice(0, 3).join(' | ')}` : sums.size ? link(SUMS_NAME) : 'empty'
    }
  ]
  const names = [...new Set([...sums.keys(), ...onIndex.map((f) => f.filename)])].sort(byText)
  for (const name of names) {
    const listed = sums.get(name)
    const asset = assets.find((a) => a.name === name)
    const indexed = onIndex.find((f) => f.filename === name)
    const what = `asset ${name} of ${tag}`
    const problems: string[] = []
    if (!listed) problems.push(`${SUMS_NAME} does not list it`)
    if (!asset) problems.push('not attached to the release')
    else if (asset.state !== 'uploaded') problems.push(`its upload never finished (state ${asset.state})`)
    else {
      const actual = knownSha256({ ...asset, digest: asset.digest }, null)
      if (actual && listed && actual !== listed) problems.push(`sha256 ${short(actual)}, ${SUMS_NAME} lists ${short(listed)}`)
    }
    if (!indexed) problems.push('not on the index')
    else if (listed && indexed.sha256 && indexed.sha256.toLowerCase() !== listed)
      problems.push(`the index has sha256 ${short(indexed.sha256.toLowerCase())}, ${SUMS_NAME} lists ${short(listed)}`)
    rows.push({ what, ok: problems.length === 0, detail: problems.length ? problems.join('; ') : link(name) })
  }
  return rows
}
