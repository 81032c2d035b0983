/**
 * 4. build — wheels and sdists outside the work tree (SOURCE_DATE_EPOCH = the commit
 * time, so a re-run builds the same bytes), `twine check`, every file checked to carry
 * the release's name and version, the smoke test from a fresh venv, and the images;
 * Python builds and image builds run side by side. Ends with the resume decision:
 * what the index already has must be exactly what was built.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, fromProblems, problem, type Problem } from '../../errors.js'
import { Docker } from '../../adapters/docker.js'
import { build as buildPackage, readMetadata, smoke, twineCheck } from '../../adapters/python.js'
import type { Step } from '../pipeline.js'
import { artifactMismatch } from '../artifacts.js'
import { ociLabels } from '../images.js'
import { decideUploads } from '../resume.js'
import { allImages, allPackages, type ReleaseState } from '../state.js'

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = Date.now()
  await fn()
  return Date.now() - start
}

async function pythonBuilds(state: ReleaseState, made: string[]): Promise<void> {
  const { inputs, tools, plan } = state
  for (const t of state.targets) {
    for (const pkg of t.packages) {
      pkg.built = await buildPackage(tools, pkg.plan.absDir, path.join(state.outRoot, 'dist', pkg.plan.dir.replace(/[/\\]/g, '_')), inputs.buildIsolation, state.commitTime)
      await twineCheck(tools, pkg.built, inputs.workingDirectory)
      const wrong = (await readMetadata(tools, pkg.built, inputs.workingDirectory))
        .map((m) => artifactMismatch({ name: path.basename(m.file), metadataName: m.name, metadataVersion: m.version }, pkg.plan.name, plan.version))
        .filter((m): m is string => m !== null)
      if (wrong.length > 0) {
        throw new PyshipError('E_BUILD', `the build of ${pkg.plan.name} does not carry release ${plan.version}: ${wrong.join('; ')}`, {
          hint: 'A file changed after preflight (a build hook, a racing checkout) or the backend computes another version: nothing was published. Make the files carry the release version, commit, and release again.'
        })
      }
      made.push(...pkg.built.map((f) => path.basename(f)))
    }
    if (t.plan.smoke?.length) {
      const wheel = t.packages[0].built.find((f) => f.endsWith('.whl')) as string
      await smoke(tools, inputs.pythonVersion, wheel, `${inputs.pypiUrl.replace(/\/+$/, '')}/simple/`, t.plan.smoke, inputs.workingDirectory)
      made.push(`smoke \`${t.plan.smoke.join(' ')}\` passed`)
    }
  }
}

async function imageBuilds(state: ReleaseState, made: string[]): Promise<void> {
  const { inputs, runner, plan, sha, repository } = state
  const source = `${runner.serverUrl}/${repository}`
  for (const img of allImages(state)) {
    if (img.pushed) {
      made.push(`image ${img.plan.name} (already pushed by this commit)`)
      continue
    }
    await (state.docker as Docker).build(
      {
        context: img.plan.context,
        dockerfile: img.plan.dockerfile,
        tags: img.tags.map((tag) => `${img.plan.ref}:${tag}`),
        labels: ociLabels(plan.version, sha, source, new Date(state.commitTime * 1000)),
        buildArgs: img.plan.buildArgs,
        target: img.plan.target,
        platforms: img.plan.platforms
      },
      inputs.workingDirectory,
      state.commitTime
    )
    made.push(`image ${img.plan.name} (${img.tags.join(', ')})`)
  }
}

export const build: Step<ReleaseState> = {
  name: 'build',
  async run(state) {
    state.commitTime = await state.git.commitTime(state.sha)
    const hasImages = allImages(state).length > 0
    if (hasImages && !state.docker) state.docker = new Docker(state.runner.tempDir)
    const made: string[] = []
    const [pythonMs, imagesMs] = await Promise.all([timed(() => pythonBuilds(state, made)), timed(() => imageBuilds(state, made))])
    if (hasImages && allPackages(state).length > 0) {
      made.push(`in parallel: Python ${(pythonMs / 1000).toFixed(1)} s, images ${(imagesMs / 1000).toFixed(1)} s`)
    }
    // what is already on the index must be exactly what was built (resume), never replaced
    const conflicts: Problem[] = []
    for (const pkg of allPackages(state)) {
      const decision = decideUploads(pkg.built.map((f) => ({ path: f, name: path.basename(f), sha256: sha256(f) })), pkg.onIndex)
      pkg.toUpload = decision.upload.map((f) => f.path)
      for (const { file, onIndex } of decision.conflicts) {
        conflicts.push(problem('E_PYPI_EXISTS', `${file.name} is already on the index with other content (sha256 ${onIndex.sha256.slice(0, 12)}…, built ${file.sha256.slice(0, 12)}…)`))
      }
    }
    if (conflicts.length > 0) throw fromProblems(conflicts)
    return { status: 'done', detail: made.join(', ') }
  }
}
