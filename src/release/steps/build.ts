/**
 * 4. build — wheels and sdists outside the work tree (SOURCE_DATE_EPOCH = the commit
 * time, so a re-run builds the same bytes), `twine check`, every file checked to carry
 * the release's name and version, the smoke test from a fresh venv, and the images;
 * Python builds and image builds run side by side. Ends with the resume decision
 * (what the index already has must be exactly what was built) and, under trusted
 * publishing, the PEP 740 attestations of the files still to upload (release/attestations.ts).
 */
import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, fromProblems, problem, type Problem } from '../../errors.js'
import { Docker, type BuildSpec } from '../../adapters/docker.js'
import { platformName } from '../../adapters/registry.js'
import { build as buildPackage, readMetadata, smoke, twineCheck } from '../../adapters/python.js'
import type { Step } from '../pipeline.js'
import { artifactMismatch, assignDistFiles } from '../artifacts.js'
import { mapBounded } from '../pool.js'
import { imageAnnotations } from '../annotations.js'
import { decideUploads } from '../resume.js'
import { attestUploads } from '../attestations.js'
import { signPublishAttestations, signStatements } from '../../adapters/sigstore.js'
import { signFileProvenance } from '../provenance.js'
import { platformsOf } from '../matrix.js'
import { allImages, allPackages, type ImageState, type PackageState, type ReleaseState, finishedRelease } from '../state.js'
import { byText } from '../../order.js'

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = Date.now()
  await fn()
  return Date.now() - start
}

/** Where a package's files go (and prebuilt files are copied to), outside the work tree. */
const outDirOf = (state: ReleaseState, pkg: PackageState): string => path.join(state.outRoot, 'dist', pkg.plan.dir.replace(/[/\\]/g, '_'))

/**
 * Build every package, at most `runner.parallelism` at a time (each build is one process).
 * A vcs package builds the release version through its backend's override (`buildEnv`);
 * a backend without one (versioningit) reads the release tag, created locally (never
 * pushed) for the build and removed after it — tag and release creates the real one.
 */
export async function buildPackages(state: ReleaseState, pkgs: PackageState[]): Promise<void> {
  const { inputs, tools, git, sha } = state
  const tags = [
    ...new Set(state.targets.filter((t) => t.packages.some((p) => pkgs.includes(p) && p.plan.needsLocalTag)).map((t) => t.plan))
  ]
  const made: string[] = []
  try {
    for (const t of tags) if (await git.createLocalTag(t.tag, sha, t.releaseName)) made.push(t.tag)
    await mapBounded(pkgs, state.runner.parallelism, async (pkg) => {
      pkg.built = await buildPackage(
        tools,
        pkg.plan.absDir,
        outDirOf(state, pkg),
        inputs.buildIsolation,
        state.commitTime,
        pkg.plan.buildEnv
      )
    })
  } finally {
    for (const tag of made) await git.deleteLocalTag(tag)
  }
}

/**
 * What is published is what was checked: every file's name and core metadata carry its
 * package and the release version (one interpreter for all files), then ONE `twine check`.
 */
export async function checkBuilt(state: ReleaseState, pkgs: PackageState[]): Promise<void> {
  const { inputs, tools } = state
  const files = pkgs.flatMap((p) => p.built)
  if (files.length === 0) return
  const metadata = new Map((await readMetadata(tools, files, inputs.workingDirectory)).map((m) => [m.file, m]))
  const wrong: string[] = []
  for (const pkg of pkgs) {
    for (const file of pkg.built) {
      const m = metadata.get(file)
      const why = artifactMismatch(
        { name: path.basename(file), metadataName: m?.name ?? null, metadataVersion: m?.version ?? null },
        pkg.plan.name,
        pkg.plan.version
      )
      if (why) wrong.push(why)
    }
  }
  if (wrong.length > 0) {
    const versions = [...new Set(pkgs.map((p) => p.plan.version))].join(', ')
    throw new PyshipError('E_BUILD', `the built files do not carry release ${versions}: ${wrong.join('; ')}`, {
      hint: 'A file changed after preflight (a build hook, a racing checkout, a stale artifact in dist-dir) or the backend computes another version: nothing was published. Make the files carry the release version, commit, and release again.'
    })
  }
  await twineCheck(tools, files, inputs.workingDirectory)
}

/** Every wheel and sdist below `dir` (download-artifact puts each artifact in its own folder, or merges them). */
function distFiles(dir: string): { path: string; name: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && (e.name.endsWith('.whl') || e.name.endsWith('.tar.gz')))
    .map((e) => ({ path: path.join(e.parentPath, e.name), name: e.name }))
    .sort((a, b) => byText(a.path, b.path))
}

/**
 * release with dist-dir: the prebuilt files, sorted to the release's packages, copied
 * outside the work tree (what is checked is what is uploaded). A file of no package of
 * this release, or a package without a wheel, stops the release before anything is published.
 */
export function collectPrebuilt(state: ReleaseState, pkgs: PackageState[], distDir: string): void {
  let found: { path: string; name: string }[]
  try {
    found = distFiles(distDir)
  } catch (error) {
    throw new PyshipError('E_BUILD', `dist-dir ${distDir} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      hint: "Point dist-dir at the folder actions/download-artifact wrote the build jobs' files to."
    })
  }
  const { byDir, strangers } = assignDistFiles(
    found,
    pkgs.map((p) => p.plan)
  )
  const problems: Problem[] = strangers.map((name) =>
    problem(
      'E_BUILD',
      `dist-dir holds ${name}, which belongs to no package of this release (${pkgs.map((p) => p.plan.name).join(', ') || 'none'}); nothing was published`
    )
  )
  for (const pkg of pkgs) {
    const files = byDir.get(pkg.plan.dir) ?? []
    const names = new Map<string, string>()
    for (const f of files) {
      const name = path.basename(f)
      const seen = names.get(name)
      if (seen && sha256(seen) !== sha256(f))
        problems.push(problem('E_BUILD', `dist-dir holds two different files named ${name}; nothing was published`))
      names.set(name, f)
    }
    if (![...names.keys()].some((n) => n.endsWith('.whl')))
      problems.push(problem('E_BUILD', `dist-dir has no wheel of ${pkg.plan.name}; nothing was published`))
    const out = outDirOf(state, pkg)
    rmSync(out, { recursive: true, force: true })
    mkdirSync(out, { recursive: true })
    pkg.built = [...names.entries()]
      .sort(([a], [b]) => byText(a, b))
      .map(([name, from]) => {
        copyFileSync(from, path.join(out, name))
        return path.join(out, name)
      })
  }
  if (problems.length > 0) {
    throw fromProblems(
      problems.map((p) => ({
        ...p,
        hint: "Download exactly the artifacts of this release's build jobs (command build with the matrix of command plan) into dist-dir, and nothing else."
      }))
    )
  }
}

async function pythonBuilds(state: ReleaseState, made: string[]): Promise<void> {
  const { inputs, tools } = state
  const pkgs = allPackages(state)
  if (inputs.distDir) collectPrebuilt(state, pkgs, inputs.distDir)
  else await buildPackages(state, pkgs)
  await checkBuilt(state, pkgs)
  made.push(...pkgs.flatMap((p) => p.built.map((f) => path.basename(f))))
  if (inputs.distDir && pkgs.length > 0) made.push(`prebuilt, from ${inputs.distDir}`)
  // the smoke command of a target runs with the wheel of its first package (release/plan.ts puts it there)
  for (const pkg of pkgs) {
    const command = pkg.plan.smoke
    if (!command?.length) continue
    const wheel = pkg.built.find((f) => f.endsWith('.whl')) as string
    await smoke(tools, inputs.pythonVersion, wheel, `${inputs.pypiUrl.replace(/\/+$/, '')}/simple/`, command, inputs.workingDirectory)
    made.push(`smoke \`${command.join(' ')}\` passed`)
  }
}

/** What every build of an image shares (labels and annotations from the commit, never the clock). */
function imageSpec(state: ReleaseState, img: ImageState): Omit<BuildSpec, 'tags' | 'platforms'> {
  const annotations = imageAnnotations(state, img)
  return {
    context: img.plan.context,
    dockerfile: img.plan.dockerfile,
    labels: annotations,
    annotations,
    buildArgs: img.plan.buildArgs,
    target: img.plan.target
  }
}

const slug = (platform: string): string => platform.replace(/\//g, '-')

/**
 * Build an image for `platforms` and push it by digest only — no tag, so nothing is
 * published and a repeat is harmless; returns the digest. buildx pushes it itself (one
 * build, an index for several platforms); the classic builder builds one platform, and
 * pyship pushes the saved image's blobs and manifest through the registry API.
 */
export async function buildImageByDigest(state: ReleaseState, img: ImageState, platforms: string[]): Promise<string> {
  const { inputs } = state
  const cwd = inputs.workingDirectory
  const docker = (state.docker ??= new Docker(state.runner.tempDir))
  if (await docker.hasBuildx(cwd)) {
    await state.registries.prepareDocker(docker, img.plan.registry, cwd)
    const metadataFile = path.join(docker.configDir, `metadata-${img.plan.name}-${platforms.map(slug).join('_')}.json`)
    return docker.buildByDigest(
      { ...imageSpec(state, img), tags: [], platforms, pushByDigest: { name: img.plan.ref, metadataFile } },
      cwd,
      state.commitTime
    )
  }
  if (platforms.length !== 1) throw new Error(`the classic builder builds one platform at a time, not ${platforms.join(', ')}`)
  const local = `${img.plan.ref}:pyship-build-${slug(platforms[0])}`
  await docker.build({ ...imageSpec(state, img), tags: [local], platforms }, cwd, state.commitTime)
  // the saved tar stays on disk while its layers stream to the registry, then goes
  const saved = await docker.save(local, cwd)
  try {
    const config = JSON.parse(saved.config.toString('utf8')) as { os?: string; architecture?: string; variant?: string }
    const built = [config.os, config.architecture, config.variant].filter(Boolean).join('/')
    if (built !== platforms[0] && `${config.os}/${config.architecture}` !== platforms[0]) {
      throw new PyshipError('E_DOCKER_BUILD', `image ${img.plan.name} was built for ${built}, not ${platforms[0]}`, {
        hint: 'The classic builder builds other platforms only from images that exist for them (FROM scratch, or a base image with that platform); use a native runner for the platform (ubuntu-24.04-arm for linux/arm64), or set up buildx.'
      })
    }
    return await state.registries.client(img.plan.registry).pushImage(img.plan.repository, saved, imageAnnotations(state, img))
  } finally {
    saved.dispose()
  }
}

/** The record a build job leaves in dist-dir for each image and platform it pushed by digest. */
export interface ImageRecord {
  image: string
  platform: string
  digest: string
}

export const imageRecordFile = (r: ImageRecord): string => `${r.image}-${slug(r.platform)}.pyship-image.json`

const DIGEST = /^sha256:[0-9a-f]{64}$/

/** The image records below `dir`, each read as hostile input (own string fields only). */
function imageRecords(dir: string): { file: string; record: ImageRecord | null }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.pyship-image.json'))
    .map((e) => {
      const file = path.join(e.parentPath, e.name)
      try {
        const v = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
        const own = (k: string): unknown =>
          typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined
        const [image, platform, digest] = [own('image'), own('platform'), own('digest')]
        if (typeof image === 'string' && typeof platform === 'string' && typeof digest === 'string' && DIGEST.test(digest))
          return { file: e.name, record: { image, platform, digest } }
      } catch {
        /* reported below */
      }
      return { file: e.name, record: null }
    })
}

/**
 * release with dist-dir: the images the build jobs pushed by digest, one per image and
 * platform, each checked in the registry — present, for that platform, built from this
 * commit and version — before publish joins them into an index.
 */
async function collectImages(state: ReleaseState, distDir: string, made: string[]): Promise<void> {
  const { registries, sha } = state
  const records = imageRecords(distDir)
  const images = allImages(state)
  const problems: Problem[] = []
  for (const { file, record } of records) {
    if (!record) problems.push(problem('E_BUILD', `dist-dir holds ${file}, which is not an image record of command build`))
    else if (!images.some((i) => i.plan.name === record.image))
      problems.push(problem('E_BUILD', `dist-dir holds ${file}, for image ${record.image}, which this release does not build`))
  }
  for (const img of images) {
    if (img.pushed) {
      made.push(`image ${img.plan.name} (already pushed by this commit)`)
      continue
    }
    for (const platform of platformsOf(img.plan)) {
      const digests = [
        ...new Set(
          records.flatMap((r) => (r.record && r.record.image === img.plan.name && r.record.platform === platform ? [r.record.digest] : []))
        )
      ]
      if (digests.length !== 1) {
        problems.push(
          problem(
            'E_DOCKER_BUILD',
            digests.length === 0
              ? `dist-dir has no build of image ${img.plan.name} for ${platform}`
              : `dist-dir has ${digests.length} different builds of image ${img.plan.name} for ${platform}`
          )
        )
        continue
      }
      const facts = await registries.client(img.plan.registry).imageFacts(img.plan.repository, digests[0])
      const built = facts ? platformName(facts.platform) : ''
      if (!facts) problems.push(problem('E_DOCKER_BUILD', `${img.plan.ref}@${digests[0]} (${platform}) is not an image in the registry`))
      else if (built !== platform && built.replace(/\/[^/]+$/, '') !== platform)
        problems.push(problem('E_DOCKER_BUILD', `${img.plan.ref}@${digests[0]} is built for ${built}, not ${platform}`))
      else if (
        facts.labels['org.opencontainers.image.revision'] !== sha ||
        facts.labels['org.opencontainers.image.version'] !== img.plan.version
      ) {
        problems.push(
          problem(
            'E_BUILD',
            `${img.plan.ref}@${digests[0]} (${platform}) was built from ${facts.labels['org.opencontainers.image.revision']?.slice(0, 12) ?? 'an unknown commit'} version ${facts.labels['org.opencontainers.image.version'] ?? 'unknown'}, not ${sha.slice(0, 12)} version ${img.plan.version}`
          )
        )
      } else img.parts.push({ platform, digest: digests[0] })
    }
    if (img.parts.length) made.push(`image ${img.plan.name} (${img.parts.map((p) => p.platform).join(', ')}, prebuilt)`)
  }
  if (problems.length > 0) {
    throw fromProblems(
      problems.map((p) => ({
        ...p,
        hint: 'Download the artifacts of every build job of this release (command build with the matrix of command plan, same commit) into dist-dir, and nothing else; nothing was published.'
      }))
    )
  }
}

async function imageBuilds(state: ReleaseState, made: string[]): Promise<void> {
  const { inputs } = state
  if (inputs.distDir) return collectImages(state, inputs.distDir, made)
  for (const img of allImages(state)) {
    if (img.pushed) {
      made.push(`image ${img.plan.name} (already pushed by this commit)`)
      continue
    }
    const docker = (state.docker ??= new Docker(state.runner.tempDir))
    const platforms = img.plan.platforms
    if (platforms.length > 1) {
      if (await docker.hasBuildx(inputs.workingDirectory)) img.joined = await buildImageByDigest(state, img, platforms)
      else for (const platform of platforms) img.parts.push({ platform, digest: await buildImageByDigest(state, img, [platform]) })
      made.push(`image ${img.plan.name} (${platforms.join(', ')}, pushed by digest; tagged at publish)`)
      continue
    }
    await docker.build(
      { ...imageSpec(state, img), tags: img.tags.map((tag) => `${img.plan.ref}:${tag}`), platforms },
      inputs.workingDirectory,
      state.commitTime
    )
    made.push(`image ${img.plan.name} (${img.tags.join(', ')})`)
  }
}

export const build: Step<ReleaseState> = {
  name: 'build',
  alreadyDone: finishedRelease,
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
      const decision = decideUploads(
        pkg.built.map((f) => ({ path: f, name: path.basename(f), sha256: sha256(f) })),
        pkg.onIndex
      )
      pkg.toUpload = decision.upload.map((f) => f.path)
      for (const { file, onIndex } of decision.conflicts) {
        conflicts.push(
          problem(
            'E_PYPI_EXISTS',
            `${file.name} is already on the index with other content (sha256 ${onIndex.sha256.slice(0, 12)}…, built ${file.sha256.slice(0, 12)}…)`
          )
        )
      }
    }
    if (conflicts.length > 0) throw fromProblems(conflicts)
    // signed before anything is published (SPEC §4, §10): a failure here publishes nothing
    const attested = await attestUploads(state, signPublishAttestations)
    if (attested) made.push(attested)
    const provenance = await signFileProvenance(state, signStatements)
    if (provenance) made.push(provenance)
    return { status: 'done', detail: made.join(', ') }
  }
}
