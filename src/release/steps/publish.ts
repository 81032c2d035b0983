/**
 * 6. publish — the irreversible part, only after everything was built and checked:
 * upload what the index does not have yet (one upload per dependency level), push each image's
 * version tag, then point its other tags (`2.0`, `latest`) at that very manifest.
 */
import path from 'node:path'
import type { Docker } from '../../adapters/docker.js'
import type { Step } from '../pipeline.js'
import { assertLocksHeld } from './lock.js'
import { dockerVersionTag } from '../images.js'
import { imageAnnotations } from '../annotations.js'
import { allImages, allPackages, type ReleaseState, finishedRelease } from '../state.js'

export const publish: Step<ReleaseState> = {
  name: 'publish',
  alreadyDone: finishedRelease,
  async run(state) {
    await assertLocksHeld(state)
    const { inputs, runner, registries, tools } = state
    const done: string[] = []
    const pending = allPackages(state).filter((x) => x.toUpload.length > 0)
    if (pending.length > 0) {
      const token = inputs.pypiToken || (await state.index.mintToken(runner.oidc))
      // one upload per dependency level, in order: a package never reaches the index before one it needs
      const attestations = new Map(pending.flatMap((x) => [...(x.attestations ?? [])]))
      for (const level of [...new Set(pending.map((x) => x.plan.level))].sort((a, b) => a - b)) {
        await state.index.upload(
          tools,
          token,
          pending.filter((x) => x.plan.level === level).flatMap((x) => x.toUpload),
          inputs.workingDirectory,
          attestations
        )
      }
      done.push(...pending.flatMap((x) => x.toUpload.map((f) => path.basename(f))))
    }
    for (const img of allImages(state)) {
      const registry = registries.client(img.plan.registry)
      // preflight put the version tag first (imageTags)
      const versionTag = img.tags[0] ?? dockerVersionTag(img.plan.version)
      if (img.pushed) img.digest = img.pushed
      else if (img.joined) img.digest = img.joined
      else if (img.parts.length > 0) {
        // the per-platform images pushed by digest become one OCI index; only the index gets tags
        img.digest = await registry.putIndex(
          img.plan.repository,
          img.parts.map((p) => p.digest),
          imageAnnotations(state, img)
        )
        done.push(`${img.plan.repository}@${img.digest.slice(0, 19)}… (index of ${img.parts.map((p) => p.platform).join(', ')})`)
      } else {
        const docker = state.docker as Docker
        await registries.prepareDocker(docker, img.plan.registry, inputs.workingDirectory)
        img.digest = await docker.push(`${img.plan.ref}:${versionTag}`, inputs.workingDirectory)
        done.push(`${img.plan.repository}:${versionTag}`)
      }
      // every tag points at the very manifest of the version tag (also on a resumed run), the version tag first
      for (const tag of img.tags) {
        if ((await registry.digest(img.plan.repository, tag)) === img.digest) continue
        await registry.tag(img.plan.repository, img.digest, tag)
        done.push(`${img.plan.repository}:${tag}`)
      }
    }
    const pages = allPackages(state).map((x) => x.plan.pypiUrl)
    const where = pages.length ? ` — ${pages.join(' ')}` : ''
    if (done.length === 0) return { status: 'already done', detail: `every file and image is published${where}` }
    return { status: 'done', detail: `${done.join(', ')}${where}` }
  }
}
