/**
 * `release` (SPEC §4) for pypi targets: plan → preflight → test → build → record
 * intent (draft release) → publish → tag and release → verify → report. Every step
 * first looks at the real state, so a re-run after a crash finishes the release and a
 * re-run after success changes nothing.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PyshipError, fromProblems, problem, toProblems, type Problem } from '../errors.js'
import { stepFinished, stepStarted } from '../log.js'
import { changelogSection } from '../release/changelog.js'
import { versionFromTag, type ImagePlan, type ReleasePlan, type TargetPlan } from '../release/plan.js'
import { openRelease } from '../release/context.js'
import type { Release } from '../adapters/github.js'
import { indexFiles, mintToken, nextFreeVersion, upload, waitUntilVisible, type IndexFile } from '../adapters/pypi.js'
import { build, findPythonTools, installCheck, runTests, smoke, twineCheck } from '../adapters/python.js'
import { Docker } from '../adapters/docker.js'
import { missingContextFiles } from '../adapters/dockerfile.js'
import { exec, lastLines } from '../adapters/exec.js'
import { relativeFile } from '../pyproject/package.js'
import { dockerVersionTag, imageTags, ociLabels } from '../release/images.js'
import { compareVersions, parseVersion } from '../version/pep440.js'
import type { Inputs } from '../inputs.js'
import { checkVersions } from '../monorepo/consistency.js'
import type { CommandResult } from '../report/result.js'

export type StepStatus = 'done' | 'already done' | 'skipped' | 'would run' | 'failed'

export interface StepRecord {
  step: string
  status: StepStatus
  detail: string
  ms: number
}

interface StepOutcome {
  status: StepStatus
  detail: string
}

class Ledger {
  readonly records: StepRecord[] = []
  async step(name: string, fn: () => Promise<StepOutcome>): Promise<StepOutcome> {
    const start = Date.now()
    stepStarted(name)
    try {
      const outcome = await fn()
      this.records.push({ step: name, ...outcome, ms: Date.now() - start })
      stepFinished(name, outcome.status, outcome.detail, Date.now() - start)
      return outcome
    } catch (error) {
      const detail = error instanceof PyshipError ? `${error.code} ${error.message}` : String(error)
      this.records.push({ step: name, status: 'failed', detail, ms: Date.now() - start })
      stepFinished(name, 'failed', error instanceof PyshipError ? error.code : 'unexpected error', Date.now() - start)
      throw error
    }
  }
  add(step: string, status: StepStatus, detail = ''): void {
    this.records.push({ step, status, detail, ms: 0 })
  }
}

interface PackageState {
  plan: TargetPlan['packages'][number]
  /** Files of this version already on the index (null: the index does not have the version). */
  onIndex: IndexFile[] | null
  built: string[]
  toUpload: string[]
}

interface ImageState {
  plan: ImagePlan
  /** Tags this release gives the image (`2.0.0`, `2.0`, `latest`). */
  tags: string[]
  /** Digest of the version tag already in the registry, pushed by this commit's release (resume). */
  pushed: string | null
  digest: string | null
}

interface TargetState {
  plan: TargetPlan
  release: Release | null
  remoteTag: string | null
  packages: PackageState[]
  images: ImageState[]
}


const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

function branchAllowed(branch: string | null, defaultBranch: string | null): boolean {
  return branch !== null && (branch === defaultBranch || branch.startsWith('hotfix/'))
}

/** Whether this version should be GitHub's latest release (`latest: auto`). */
export function makeLatest(latest: Inputs['latest'], target: TargetPlan, version: string, releases: Release[]): 'true' | 'false' {
  if (latest !== 'auto') return latest
  if (!target.githubLatest || target.prerelease) return 'false'
  const stable = releases
    .filter((r) => !r.draft && !r.prerelease)
    .map((r) => versionFromTag(target.tagTemplate, r.tag_name))
    .filter((v): v is string => v !== null && !(parseVersion(v)?.isPrerelease ?? true))
  return stable.every((v) => compareVersions(version, v) >= 0) ? 'true' : 'false'
}

function previousTag(target: TargetPlan, version: string, releases: Release[]): string | undefined {
  return releases
    .filter((r) => !r.draft)
    .map((r) => ({ tag: r.tag_name, v: versionFromTag(target.tagTemplate, r.tag_name) }))
    .filter((x): x is { tag: string; v: string } => x.v !== null && compareVersions(x.v, version) < 0)
    .sort((a, b) => compareVersions(a.v, b.v))
    .pop()?.tag
}

export async function release(inputs: Inputs): Promise<CommandResult> {
  const ledger = new Ledger()
  const notices: string[] = []
  const env = process.env
  let plan: ReleasePlan | null = null
  let released = false
  let disposeDocker = (): void => undefined
  try {
    const { repo, git, repository, github, registry, plan: planned } = await openRelease(inputs, env)
    plan = planned
    const p = plan
    const shipped = p.targets.flatMap((t) => [...t.packages.map((x) => x.name), ...t.images.map((i) => `${inputs.registry}/${i.repository}`)])
    ledger.add('plan', 'done', `${p.targets.map((t) => t.tag).join(', ')}: ${shipped.join(', ')}`)

    const hasImages = p.targets.some((t) => t.images.length > 0)
    const tools = findPythonTools(inputs.pythonVersion)
    const sha = await git.headCommit()
    const states: TargetState[] = []
    let releases: Release[] = []

    // 2. preflight: read-only, every problem together
    await ledger.step('preflight', async () => {
      const problems: Problem[] = []
      const collect = async (fn: () => Promise<void>): Promise<void> => {
        try {
          await fn()
        } catch (error) {
          if (!(error instanceof PyshipError)) throw error
          problems.push(...toProblems(error))
        }
      }
      const dirty = await git.dirtyFiles()
      if (dirty.length > 0) {
        const shown = dirty.slice(0, 20).join(', ') + (dirty.length > 20 ? `, … (${dirty.length} in all)` : '')
        problems.push(problem('E_DIRTY_TREE', `the work tree has uncommitted changes: ${shown}`))
      }
      const branch = env.GITHUB_REF_TYPE === 'branch' && env.GITHUB_REF_NAME ? env.GITHUB_REF_NAME : await git.currentBranch()
      let defaultBranch = await git.defaultBranch()
      await collect(async () => {
        const info = await github.repo()
        defaultBranch = info.default_branch ?? defaultBranch
        releases = await github.releases()
      })
      if (!branchAllowed(branch, defaultBranch)) {
        problems.push(problem('E_BRANCH', `releasing from ${branch ? `branch ${branch}` : 'a detached HEAD'} is not allowed: release from ${defaultBranch ?? 'the default branch'} or a hotfix/* branch`))
      }
      const versions = checkVersions(repo, { component: p.component, version: p.version })
      problems.push(...versions.problems)
      const needCredentials: string[] = []
      // the registry login first: when it is refused, looking up every image would only repeat that
      let registryOk = !hasImages
      if (hasImages) {
        await collect(async () => {
          await registry.checkLogin(p.targets.flatMap((t) => t.images)[0].repository)
          registryOk = true
        })
      }
      let originTags = new Map<string, string>()
      await collect(async () => {
        originTags = await git.remoteTags()
      })
      for (const target of p.targets) {
        const release = releases.find((r) => r.tag_name === target.tag) ?? null
        const remoteTag: string | null = originTags.get(target.tag) ?? null
        const owned = (release !== null && release.target_commitish === sha) || remoteTag === sha
        if (remoteTag && remoteTag !== sha) {
          problems.push(problem('E_TAG_EXISTS', `tag ${target.tag} already exists on origin at ${remoteTag.slice(0, 12)}, not the release commit ${sha.slice(0, 12)}`))
        } else if (release && !owned) {
          problems.push(problem('E_TAG_EXISTS', `a GitHub release for ${target.tag} already exists for ${release.target_commitish}, not the release commit ${sha.slice(0, 12)}`))
        }
        const packages: PackageState[] = []
        for (const pkg of target.packages) {
          let onIndex: IndexFile[] | null = null
          await collect(async () => {
            onIndex = await indexFiles(inputs.pypiUrl, pkg.name, p.version)
          })
          if (onIndex !== null && !owned) {
            const next = await nextFreeVersion(inputs.pypiUrl, pkg.name, p.version).catch(() => 'the next patch version')
            problems.push(
              problem('E_PYPI_EXISTS', `${pkg.name} ${p.version} is already on the index (${pkg.pypiUrl}) and no release of ${target.tag} by this commit records it`, undefined, `Version already exists on PyPI: PyPI versions are immutable. Bump to the next version: \`pyship bump ${target.group} ${next}\`, commit, push, release ${next}.`)
            )
          }
          if (onIndex === null) needCredentials.push(pkg.name)
          packages.push({ plan: pkg, onIndex, built: [], toUpload: [] })
        }
        const images: ImageState[] = []
        for (const image of target.images) {
          const missing = missingContextFiles(image.context, image.dockerfile)
          if (missing.length > 0) {
            problems.push(problem('E_DOCKER_BUILD', `image ${image.name} cannot build: ${missing.join('; ')}`, { file: relativeFile(repo.paths, image.dockerfile) }, `Docker build fails in CI: every file the Dockerfile COPYs/ADDs must exist in the context ${relativeFile(repo.paths, image.context)}/ and not be excluded by .dockerignore; also check the Dockerfile syntax and stale build cache.`))
          }
          if (image.platforms.length > 1) {
            problems.push(problem('E_DOCKER_BUILD', `image ${image.name} asks for ${image.platforms.length} platforms (${image.platforms.join(', ')}); this version of pyship builds one platform per image`, undefined, 'Set at most one entry in `platforms` for now.'))
          }
          const state: ImageState = { plan: image, tags: [dockerVersionTag(p.version)], pushed: null, digest: null }
          images.push(state)
          if (!registryOk) continue
          await collect(async () => {
            state.tags = imageTags(p.version, await registry.tags(image.repository), inputs.latest, repo.config.brokenSuffix)
            const existing = await registry.digest(image.repository, dockerVersionTag(p.version))
            if (existing === null) return
            const labels = await registry.labels(image.repository, existing)
            if (labels['org.opencontainers.image.revision'] === sha) state.pushed = existing
            else {
              problems.push(problem('E_IMAGE_EXISTS', `${inputs.registry}/${image.repository}:${dockerVersionTag(p.version)} already exists with other content (revision ${labels['org.opencontainers.image.revision']?.slice(0, 12) ?? 'unknown'}, not ${sha.slice(0, 12)})`))
            }
          })
        }
        states.push({ plan: target, release, remoteTag, packages, images })
      }
      if (hasImages) {
        const docker = await exec('docker', ['version', '--format', '{{.Server.Version}}'], { cwd: inputs.workingDirectory, quiet: true })
        if (docker.status !== 0) problems.push(problem('E_DOCKER_BUILD', `docker is not usable here: ${lastLines(docker, 2)}`, undefined, 'Images are built with the Docker CLI and a running daemon (ubuntu-latest runners have both).'))
      }
      if (needCredentials.length > 0 && !inputs.pypiToken && !env.ACTIONS_ID_TOKEN_REQUEST_URL) {
        problems.push(problem('E_NO_PYPI_TOKEN', `no PyPI credentials to upload ${needCredentials.join(', ')}: \`pypi-token\` is empty and trusted publishing is not available (no OIDC token)`))
      }
      if (problems.length > 0) throw fromProblems(problems)
      const resuming = states.some((s) => s.release || s.remoteTag || s.packages.some((x) => x.onIndex))
      return { status: 'done', detail: `${sha.slice(0, 12)} on ${branch}${resuming ? '; resuming this commit\'s release' : ''}` }
    })

    if (inputs.dryRun) {
      for (const step of ['test', 'build', 'record intent', 'publish', 'tag and release', 'verify']) ledger.add(step, 'would run')
      return result(inputs, p, ledger, states, notices, false, `release (dry run): ${p.targets.map((t) => t.tag).join(', ')} would be released from ${sha.slice(0, 12)}; nothing was changed`)
    }

    // 3. test
    await ledger.step('test', async () => {
      if (!inputs.runTests) return { status: 'skipped', detail: 'run-tests is false' }
      const ran: string[] = []
      const seen = new Set<string>()
      for (const t of states) {
        if (t.plan.tests === 'skip') continue
        for (const pkg of t.plan.tested) {
          if (seen.has(pkg.dir)) continue
          seen.add(pkg.dir)
          const outcome = await runTests(tools, inputs.pythonVersion, { dir: pkg.absDir, name: pkg.name, requiresPython: pkg.requiresPython }, t.plan.tests === 'optional')
          if (!`${outcome.python}.`.startsWith(`${inputs.pythonVersion}.`)) {
            notices.push(`tests of ${pkg.name} ran with Python ${outcome.python}, not python-version ${inputs.pythonVersion} (${tools.python} was the closest interpreter on PATH; install uv or python${inputs.pythonVersion})`)
          }
          ran.push(`${pkg.name}: ${outcome.status} (Python ${outcome.python})`)
        }
      }
      return ran.length ? { status: 'done', detail: ran.join('; ') } : { status: 'skipped', detail: 'tests = "skip"' }
    })

    // 4. build, twine check, smoke
    const commitTime = await git.commitTime(sha)
    const outRoot = path.join(env.RUNNER_TEMP || os.tmpdir(), 'pyship', sha.slice(0, 12))
    const docker = hasImages ? new Docker() : null
    disposeDocker = () => docker?.dispose()
    await ledger.step('build', async () => {
      const made: string[] = []
      const pythonBuilds = async (): Promise<void> => {
        for (const t of states) {
          for (const pkg of t.packages) {
            pkg.built = await build(tools, pkg.plan.absDir, path.join(outRoot, 'dist', pkg.plan.dir.replace(/[/\\]/g, '_')), inputs.buildIsolation, commitTime)
            await twineCheck(tools, pkg.built, inputs.workingDirectory)
            made.push(...pkg.built.map((f) => path.basename(f)))
          }
          if (t.plan.smoke?.length) {
            const first = t.packages[0]
            const wheel = first.built.find((f) => f.endsWith('.whl')) as string
            await smoke(tools, inputs.pythonVersion, wheel, `${inputs.pypiUrl.replace(/\/+$/, '')}/simple/`, t.plan.smoke, inputs.workingDirectory)
            made.push(`smoke \`${t.plan.smoke.join(' ')}\` passed`)
          }
        }
      }
      const imageBuilds = async (): Promise<void> => {
        const source = `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repository}`
        for (const img of states.flatMap((t) => t.images)) {
          if (img.pushed) {
            made.push(`image ${img.plan.name} (already pushed by this commit)`)
            continue
          }
          await (docker as Docker).build(
            {
              context: img.plan.context,
              dockerfile: img.plan.dockerfile,
              tags: img.tags.map((tag) => `${inputs.registry}/${img.plan.repository}:${tag}`),
              labels: ociLabels(p.version, sha, source, new Date(commitTime * 1000)),
              buildArgs: img.plan.buildArgs,
              target: img.plan.target,
              platforms: img.plan.platforms
            },
            inputs.workingDirectory,
            commitTime
          )
          made.push(`image ${img.plan.name} (${img.tags.join(', ')})`)
        }
      }
      // Python builds and image builds are independent: run them side by side
      const timed = async (fn: () => Promise<void>): Promise<number> => {
        const start = Date.now()
        await fn()
        return Date.now() - start
      }
      const [pythonMs, imagesMs] = await Promise.all([timed(pythonBuilds), timed(imageBuilds)])
      if (hasImages && states.some((t) => t.packages.length > 0)) {
        made.push(`in parallel: Python ${(pythonMs / 1000).toFixed(1)} s, images ${(imagesMs / 1000).toFixed(1)} s`)
      }
      // what is already on the index must be exactly what was built (resume), never replaced
      const conflicts: Problem[] = []
      for (const t of states) {
        for (const pkg of t.packages) {
          for (const file of pkg.built) {
            const name = path.basename(file)
            const there = pkg.onIndex?.find((f) => f.filename === name)
            if (!there) pkg.toUpload.push(file)
            else if (there.sha256 !== sha256(file)) {
              conflicts.push(problem('E_PYPI_EXISTS', `${name} is already on the index with other content (sha256 ${there.sha256.slice(0, 12)}…, built ${sha256(file).slice(0, 12)}…)`))
            }
          }
        }
      }
      if (conflicts.length > 0) throw fromProblems(conflicts)
      return { status: 'done', detail: made.join(', ') }
    })

    // 5. record intent: a draft release per target, at the release commit
    await ledger.step('record intent', async () => {
      const created: string[] = []
      for (const t of states) {
        if (t.release) continue
        t.release = await github.createRelease({ tag_name: t.plan.tag, target_commitish: sha, name: t.plan.releaseName, body: `Release of ${t.plan.tag} in progress (pyship).`, draft: true, prerelease: t.plan.prerelease })
        created.push(t.plan.tag)
      }
      return created.length ? { status: 'done', detail: `draft releases ${created.join(', ')}` } : { status: 'already done', detail: 'the releases exist' }
    })

    // 6. publish: only what the index does not have yet, in dependency order
    await ledger.step('publish', async () => {
      const done: string[] = []
      const pending = states.flatMap((t) => t.packages).filter((x) => x.toUpload.length > 0)
      if (pending.length > 0) {
        const token = inputs.pypiToken || (await mintToken(inputs.pypiUrl, env))
        for (const pkg of pending) await upload(tools, inputs.pypiUploadUrl, token, pkg.toUpload, inputs.workingDirectory)
        done.push(...pending.flatMap((x) => x.toUpload.map((f) => path.basename(f))))
      }
      let loggedIn = false
      for (const img of states.flatMap((t) => t.images)) {
        const versionTag = dockerVersionTag(p.version)
        if (img.pushed) img.digest = img.pushed
        else {
          if (!loggedIn) {
            await (docker as Docker).login(inputs.registry, inputs.registryUsername || env.GITHUB_ACTOR || '', inputs.registryPassword || inputs.githubToken, inputs.workingDirectory)
            loggedIn = true
          }
          img.digest = await (docker as Docker).push(`${inputs.registry}/${img.plan.repository}:${versionTag}`, inputs.workingDirectory)
          done.push(`${img.plan.repository}:${versionTag}`)
        }
        // the other tags point at the very manifest of the version tag (also on a resumed run)
        for (const tag of img.tags.filter((t) => t !== versionTag)) {
          if ((await registry.digest(img.plan.repository, tag)) === img.digest) continue
          await registry.tag(img.plan.repository, img.digest, tag)
          done.push(`${img.plan.repository}:${tag}`)
        }
      }
      const pages = states.flatMap((t) => t.packages.map((x) => x.plan.pypiUrl))
      const where = pages.length ? ` — ${pages.join(' ')}` : ''
      if (done.length === 0) return { status: 'already done', detail: `every file and image is published${where}` }
      released = true
      return { status: 'done', detail: `${done.join(', ')}${where}` }
    })

    // 7. tag and release
    await ledger.step('tag and release', async () => {
      const did: string[] = []
      for (const t of states) {
        if (t.remoteTag !== sha) {
          await git.pushAnnotatedTag(t.plan.tag, sha, t.plan.releaseName)
          t.remoteTag = sha
          did.push(`tag ${t.plan.tag}`)
          released = true
        }
        const rel = t.release as Release
        const notesFile = t.plan.changelog
        const section = notesFile ? changelogSection(readFileSync(notesFile, 'utf8'), p.version) : null
        const notes = section ?? (await github.generateNotes(t.plan.tag, sha, previousTag(t.plan, p.version, releases)))
        const body = t.images.length ? `${notes}\n\n${imagesSection(inputs.registry, t.images)}` : notes
        const latest = makeLatest(inputs.latest, t.plan, p.version, releases.filter((r) => r.id !== rel.id))
        if (rel.draft || rel.body !== body || rel.name !== t.plan.releaseName || rel.prerelease !== t.plan.prerelease) {
          t.release = await github.updateRelease(rel.id, { name: t.plan.releaseName, body, draft: false, prerelease: t.plan.prerelease, make_latest: latest })
          did.push(`release ${t.plan.tag}${latest === 'true' ? ' (latest)' : ''}`)
          released = true
        }
      }
      const urls = states.map((t) => t.release?.html_url).filter(Boolean).join(' ')
      return did.length ? { status: 'done', detail: `${did.join(', ')} — ${urls}` } : { status: 'already done', detail: `tags and releases are published — ${urls}` }
    })

    // 8. verify what was shipped
    await ledger.step('verify', async () => {
      const missing: Problem[] = []
      const originTags = await git.remoteTags()
      for (const t of states) {
        for (const pkg of t.packages) {
          const names = pkg.built.map((f) => path.basename(f))
          if (!(await waitUntilVisible(inputs.pypiUrl, pkg.plan.name, p.version, names))) {
            missing.push(problem('E_VERIFY', `${pkg.plan.name} ${p.version} is not visible on the index (${pkg.plan.pypiUrl}) with ${names.join(', ')}`))
          } else if (inputs.installCheck) {
            const installed = await installCheck(tools, inputs.pythonVersion, inputs.pypiUrl, `${pkg.plan.name}==${p.version}`, t.plan.smoke)
            if (!installed.ok) missing.push(problem('E_VERIFY', `pip install ${pkg.plan.name}==${p.version} from the index failed: ${installed.detail}`))
          }
        }
        for (const img of t.images) {
          for (const tag of img.tags) {
            const digest = await registry.digest(img.plan.repository, tag)
            if (digest !== img.digest) missing.push(problem('E_VERIFY', `${inputs.registry}/${img.plan.repository}:${tag} points at ${digest ?? 'nothing'}, not the pushed ${img.digest}`))
          }
        }
        if (originTags.get(t.plan.tag) !== sha) missing.push(problem('E_VERIFY', `tag ${t.plan.tag} is not on origin at ${sha.slice(0, 12)}`))
        if (!t.release || t.release.draft) missing.push(problem('E_VERIFY', `release ${t.plan.tag} is not published`))
      }
      if (missing.length > 0) throw fromProblems(missing)
      return { status: 'done', detail: 'index, tags and releases show the release' }
    })

    const headline = released
      ? `release: ${p.targets.map((t) => t.tag).join(', ')} released from ${sha.slice(0, 12)}`
      : `release: ${p.targets.map((t) => t.tag).join(', ')} already released from ${sha.slice(0, 12)}; nothing changed`
    return result(inputs, p, ledger, states, notices, released, headline)
  } catch (error) {
    if (!(error instanceof PyshipError)) throw error
    const failed = result(inputs, plan, ledger, [], notices, released, `release failed: ${error.code} ${error.message}`)
    return { ...failed, problems: toProblems(error) }
  } finally {
    // no registry credentials stay on the runner
    disposeDocker()
  }
}

/** The release notes' list of images: every reference with its digest, and how to pull it. */
function imagesSection(registryHost: string, images: ImageState[]): string {
  const lines = ['## Images', '']
  for (const img of images) {
    const name = `${registryHost}/${img.plan.repository}`
    lines.push(`- \`${name}@${img.digest}\` (tags: ${img.tags.join(', ')})`)
  }
  lines.push('', '```bash', ...images.map((img) => `docker pull ${registryHost}/${img.plan.repository}:${img.tags[0]}`), '```')
  return lines.join('\n')
}

function result(inputs: Inputs, plan: ReleasePlan | null, ledger: Ledger, states: TargetState[], notices: string[], released: boolean, headline: string): CommandResult {
  const targets = plan?.targets ?? []
  return {
    command: 'release',
    headline,
    problems: [],
    outputs: {
      version: plan?.version ?? '',
      tags: JSON.stringify(targets.map((t) => t.tag)),
      'release-urls': JSON.stringify(states.map((s) => s.release?.html_url).filter(Boolean)),
      'pypi-urls': JSON.stringify(targets.flatMap((t) => t.packages.map((x) => x.pypiUrl))),
      images: JSON.stringify(states.flatMap((s) => s.images.filter((i) => i.digest).map((i) => `${inputs.registry}/${i.plan.repository}@${i.digest}`))),
      released: String(released),
      plan: JSON.stringify({ version: plan?.version ?? null, dryRun: inputs.dryRun, steps: ledger.records.map(({ step, status, detail }) => ({ step, status, detail })) })
    },
    table: {
      header: ['Step', 'Status', 'Detail', 'Duration'],
      rows: [
        ...ledger.records.map((r) => [r.step, r.status, r.detail, r.ms ? `${(r.ms / 1000).toFixed(1)} s` : '']),
        // one row per image: its tags and the digest they point at
        ...states.flatMap((t) =>
          t.images.map((i) => [`image ${inputs.registry}/${i.plan.repository}`, i.digest ? 'pushed' : 'not pushed', `${i.tags.join(', ')}${i.digest ? ` @ ${i.digest}` : ''}`, ''])
        )
      ]
    },
    notices
  }
}
