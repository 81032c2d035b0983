/**
 * 5b. attach assets — each pypi target's draft release receives its wheels, sdists and a
 * `SHA256SUMS` over them (SPEC §10), after the draft is recorded and before anything is
 * published: the release is still a draft nobody sees, and an asset of the same name with
 * other content stops the release before the first irreversible act. Resumes: an asset
 * already there with the same size and SHA-256 is skipped, a broken upload is replaced;
 * every target is decided before anything is uploaded. Under the release lock (§8).
 */
import { createHash } from 'node:crypto'
import { createReadStream, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { GitHub, Release, ReleaseAsset } from '../../adapters/github.js'
import { fromProblems, problem, PyshipError, type Problem } from '../../errors.js'
import type { Step } from '../pipeline.js'
import { assetUrl, decideAssets, parseSha256Sums, renderSha256Sums, SUMS_NAME, type AssetDecision } from '../assets.js'
import { type ReleaseState, type TargetState, finishedRelease } from '../state.js'
import { assertLocksHeld } from './lock.js'

/** A file to attach: from disk (a wheel, an sdist) or in memory (SHA256SUMS). */
interface Attachment {
  name: string
  size: number
  sha256: string
  contentType: string
  body: Uint8Array | (() => NodeJS.ReadableStream)
}

const hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

/** What a target's release should carry: every built file of its packages, then SHA256SUMS over them. */
export function attachmentsOf(target: TargetState): Attachment[] {
  const files: Attachment[] = target.packages
    .flatMap((p) => p.built)
    .map((file) => ({
      name: path.basename(file),
      size: statSync(file).size,
      sha256: hex(readFileSync(file)),
      contentType: file.endsWith('.whl') ? 'application/zip' : 'application/gzip',
      body: () => createReadStream(file)
    }))
  if (files.length === 0) return []
  const sums = Buffer.from(renderSha256Sums(files), 'utf8')
  return [...files, { name: SUMS_NAME, size: sums.byteLength, sha256: hex(sums), contentType: 'text/plain', body: sums }]
}

/** The hashes the release's own SHA256SUMS lists, read only when some asset has no digest (older GitHub servers). */
async function sumsOnRelease(github: GitHub, assets: ReleaseAsset[]): Promise<Map<string, string> | null> {
  const sums = assets.find((a) => a.name === SUMS_NAME && a.state === 'uploaded')
  if (!sums || assets.every((a) => a.digest)) return null
  return parseSha256Sums(await github.downloadAsset(sums.id)).sums
}

interface Plan {
  target: TargetState
  release: Release
  files: Attachment[]
  decision: AssetDecision
}

export const attachAssets: Step<ReleaseState> = {
  name: 'attach assets',
  alreadyDone: finishedRelease,
  async run(state) {
    await assertLocksHeld(state)
    const { github } = state
    const plans: Plan[] = []
    const conflicts: Problem[] = []
    for (const target of state.targets) {
      const files = attachmentsOf(target)
      if (files.length === 0 || !target.release) continue
      const release = target.release
      const existing = await github.assets(release.id)
      const decision = decideAssets(files, existing, await sumsOnRelease(github, existing))
      for (const { file, why } of decision.conflicts) {
        conflicts.push(
          problem(
            'E_TAG_EXISTS',
            `the GitHub release of ${target.plan.tag} already has an asset ${file.name} with other content (${why}); nothing was published`,
            undefined,
            `pyship never replaces a release asset. If that asset is a leftover (an earlier attempt built other bytes, or it was uploaded by hand), delete it from the release (${release.html_url}) and re-run; otherwise bump to the next version.`
          )
        )
      }
      plans.push({ target, release, files, decision })
    }
    // every target decided before anything is uploaded: a conflict leaves every release as it was
    if (conflicts.length > 0) throw fromProblems(conflicts)
    const did: string[] = []
    let kept = 0
    for (const { target, release, files, decision } of plans) {
      const replaced = new Map(decision.replace.map((r) => [r.file.name, r.asset.id]))
      const pending = new Set([...decision.upload, ...decision.replace.map((r) => r.file)].map((f) => f.name))
      // the files first, SHA256SUMS last: a listed SHA256SUMS means every file before it is there
      for (const file of files) {
        if (!pending.has(file.name)) continue
        const broken = replaced.get(file.name)
        if (broken !== undefined) await github.deleteAsset(broken)
        const stored = await github.uploadAsset(release, file)
        // what GitHub stored is what was built (its digest, where it gives one), before anything after it
        if (stored.digest && stored.digest.toLowerCase() !== `sha256:${file.sha256}`) {
          throw new PyshipError(
            'E_NETWORK',
            `GitHub stored ${file.name} on the release of ${target.plan.tag} with digest ${stored.digest}, not the sha256:${file.sha256} sent; nothing was published`,
            { hint: `Delete the asset from the release (${release.html_url}) and re-run: the release resumes and uploads it again.` }
          )
        }
        did.push(`${target.plan.tag}/${file.name}`)
      }
      kept += decision.skip.length
      target.assets = files.map((f) => ({
        name: f.name,
        sha256: f.sha256,
        url: assetUrl(state.runner.serverUrl, state.repository, target.plan.tag, f.name)
      }))
    }
    if (plans.length === 0) return { status: 'skipped', detail: 'no pypi target: nothing to attach' }
    const already = kept ? `${kept} already attached` : ''
    if (did.length === 0) return { status: 'already done', detail: already }
    return { status: 'done', detail: [`attached ${did.join(', ')}`, already].filter(Boolean).join('; ') }
  }
}
