/**
 * The build job of a fanned-out release (command build, SPEC §9): one entry of plan's
 * matrix. A package is built (SOURCE_DATE_EPOCH = the commit time), checked to carry
 * its name and the release version, `twine check`ed and copied into dist-dir for the
 * release job; an image is built for the entry's platform and pushed by digest only
 * (no tag), its digest written to dist-dir as a small JSON record.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PyshipError } from '../../errors.js'
import type { Step } from '../pipeline.js'
import type { MatrixEntry } from '../matrix.js'
import { allImages, allPackages, type ReleaseState } from '../state.js'
import { buildImageByDigest, buildPackages, checkBuilt, imageRecordFile, type ImageRecord } from './build.js'

export function buildEntry(entry: MatrixEntry, distDir: string): Step<ReleaseState> {
  return {
    name: `build ${entry.kind === 'package' ? entry.package : `${entry.image} ${entry.platform}`}`,
    async run(state) {
      state.commitTime = await state.git.commitTime(state.sha)
      mkdirSync(distDir, { recursive: true })
      if (entry.kind === 'package') {
        const pkg = allPackages(state).find((p) => p.plan.dir === entry.package)
        if (!pkg) throw new PyshipError('E_INPUT', `input matrix-entry names package ${entry.package}, which this release does not publish`)
        await buildPackages(state, [pkg])
        await checkBuilt(state, [pkg])
        for (const f of pkg.built) copyFileSync(f, path.join(distDir, path.basename(f)))
        return { status: 'done', detail: `${pkg.built.map((f) => path.basename(f)).join(', ')} → ${distDir}` }
      }
      const img = allImages(state).find((i) => i.plan.name === entry.image)
      if (!img) throw new PyshipError('E_INPUT', `input matrix-entry names image ${entry.image}, which this release does not build`)
      img.digest = await buildImageByDigest(state, img, [entry.platform])
      const record: ImageRecord = { image: img.plan.name, platform: entry.platform, digest: img.digest }
      writeFileSync(
        path.join(distDir, imageRecordFile(record)),
        `${JSON.stringify({ ...record, ref: img.plan.ref, version: img.plan.version, commit: state.sha }, null, 2)}\n`
      )
      return { status: 'done', detail: `${img.plan.ref}@${img.digest} (${entry.platform}), pushed by digest only → ${distDir}` }
    }
  }
}
