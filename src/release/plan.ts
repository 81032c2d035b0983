/**
 * The release plan: a pure function of config, inputs and the files — targets,
 * packages in dependency order, the version, tags, release names, URLs.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { PyshipError, fromProblems, problem } from '../errors.js'
import type { Monorepo } from '../monorepo/load.js'
import { resolveComponent } from '../config/load.js'
import type { Target } from '../config/types.js'
import { versionProblem, type Package } from '../pyproject/package.js'
import { isTable } from '../pyproject/toml.js'
import { normalizeInputVersion, normalizeVersion, parseVersion } from '../version/pep440.js'
import { normalizeName } from '../pyproject/requirement.js'
import { canonicalRegistry, defaultImageName, imageRef, type ImageName } from '../config/image-names.js'
import type { Image } from '../config/types.js'
import { versionTemplate } from './images.js'
import { imageMetadata } from './annotations.js'
import { versionOverrideEnv } from '../pyproject/override.js'
import { SCM_DEFAULT_TAG_REGEX, tagVersion } from '../pyproject/version-source.js'
import { tagFor, versionFromTag } from '../version/tag-template.js'
import type { TrainMember } from './train.js'

export interface PackagePlan {
  name: string
  /** The version this release publishes of it (its group's). */
  version: string
  /** Its group and the target that publishes it (a release of many groups holds several). */
  group: string
  targetName: string
  /** Its target's `tests` mode, and the smoke command run with its wheel (the first package of a target only). */
  tests: Target['tests']
  smoke?: string[]
  dir: string
  absDir: string
  requiresPython?: string
  pypiUrl: string
  /** Upload level: 0 needs no other package of this release, n needs one of level n-1 (uploads go level by level). */
  level: number
  /** The version comes from git tags (SPEC §1 vcs): no file carries it. */
  vcs: boolean
  /** Environment that makes the backend build the release version (its documented override); {} for none. */
  buildEnv: Record<string, string>
  /** A vcs backend without an override (versioningit): the release tag must exist locally while it builds. */
  needsLocalTag: boolean
}

export interface ImagePlan {
  name: string
  /** The version this release gives the image (its group's), and its group and target. */
  version: string
  group: string
  targetName: string
  /** The registry as docker names it (`ghcr.io`, `docker.io`, `localhost:5001`). */
  registry: string
  /** Repository in the registry: `owner/repo/image` in lower case by default, or the config's `repository`. */
  repository: string
  /** `{registry}/{repository}`: the image's name without a tag. */
  ref: string
  /** Tag templates: one with `{version}` (the version tag), the others moving tags. */
  tagTemplates: string[]
  /** The version templates of the repository's other variants (other images pushed to the same repository). */
  siblings: string[]
  context: string
  dockerfile: string
  buildArgs: string[]
  target?: string
  platforms: string[]
  /** From the package in the context (`[project] description`, `license`): OCI annotations and labels. */
  description?: string
  licenses?: string
}

export interface TargetPlan {
  name: string
  kind: Target['kind']
  group: string
  /** The version it releases (its group's; a release-level tag's own version for one tag of many groups). */
  version: string
  /** The tag template (`cli-v{version}`) and this release's tag. */
  tagTemplate: string
  tag: string
  releaseName: string
  prerelease: boolean
  githubLatest: boolean
  tests: Target['tests']
  smoke?: string[]
  /** Absolute path of the changelog whose section becomes the notes, when one exists. */
  changelog: string | null
  /** Packages published to the index (pypi targets; none for docker targets). */
  packages: PackagePlan[]
  /** Packages whose tests run before building (a docker target: the code in its images). */
  tested: PackagePlan[]
  images: ImagePlan[]
  /** One tag of many groups (release/train.ts): each group it releases, for its notes. */
  members?: TrainMember[]
  /**
   * One tag of many groups: the tags each group's own release would make (`cli-v1.4.0`). Their
   * release locks are taken too, so a `release <group>` of the same version at the same time
   * and this release never both publish (SPEC §8 "Exactly one publisher").
   */
  groupTags?: string[]
  /**
   * A calendar release-level tag (`v{date}`): pyship chose its name, so a rollback retires the
   * name on origin (release/train.ts `RETIRED_TAGS`) and no later release takes it again.
   */
  dated?: boolean
}

export interface ReleasePlan {
  /** The component released (a target or group), or `all` for every changed group at once. */
  component: string
  /** The release's version: the component's, or the release-level tag's (`2026.12.03`, a named group's). */
  version: string
  targets: TargetPlan[]
  /** What the plan noticed (a tag template a vcs backend would not read). */
  notices: string[]
}

/**
 * The tag pattern a vcs backend reads by default when its config declares none:
 * setuptools-scm's DEFAULT_TAG_REGEX for setuptools-scm, hatch-vcs, PDM scm and versioningit.
 */
function backendTagPattern(pkg: Package): RegExp | null {
  if (pkg.source.kind !== 'vcs') return null
  return pkg.source.tagPattern ?? SCM_DEFAULT_TAG_REGEX
}

/**
 * A notice when a vcs package's backend would not read `version` from `tag` (the
 * target's tag template), or null. The build is still exact (override or local tag is
 * checked by the artifacts check), but check's and the backend's versions would part.
 */
export function tagPatternNotice(pkg: Package, tag: string, version: string): string | null {
  const pattern = backendTagPattern(pkg)
  if (!pattern) return null
  const read = tagVersion(tag, pattern)
  if (read !== null && normalizeVersion(read) === version) return null
  const key =
    pkg.source.backend === 'uv-dynamic-versioning'
      ? '[tool.uv-dynamic-versioning] pattern'
      : pkg.source.backend === 'hatch-vcs'
        ? '[tool.hatch.version] tag-pattern'
        : 'tag_regex'
  return `${pkg.file}: ${pkg.name ?? pkg.dir} (${pkg.source.backend}) would not read version ${version} from tag ${tag}: its tag pattern ${pattern.source} ${read === null ? 'does not match it' : `reads ${read}`}; set its ${key} to match the target's tag template, or the tag template to what the backend reads`
}

/** The project page of a version on the index (`https://pypi.org/project/NAME/VERSION/`). */
export function projectUrl(pypiUrl: string, name: string, version: string): string {
  return `${pypiUrl.replace(/\/+$/, '')}/project/${normalizeName(name)}/${version}/`
}

export { tagFor, versionFromTag }

/** Packages ordered so that every internal dependency comes before its dependents. */
export function dependencyOrder(packages: Package[]): Package[] {
  const byName = new Map(packages.map((p) => [p.normalizedName, p]))
  const done = new Set<Package>()
  const out: Package[] = []
  const visit = (p: Package, trail: Set<Package>): void => {
    if (done.has(p) || trail.has(p)) return
    trail.add(p)
    for (const r of p.requirements) {
      const dep = byName.get(r.name)
      if (dep && dep !== p) visit(dep, trail)
    }
    done.add(p)
    out.push(p)
  }
  for (const p of packages) visit(p, new Set())
  return out
}

/**
 * The upload level of each package directory among `dirs`: a package comes one level
 * after the highest of the packages it requires, so that one upload per level, in
 * order, never publishes a package before one it depends on.
 */
export function dependencyLevels(packages: Package[]): Map<string, number> {
  const byName = new Map(packages.map((p) => [p.normalizedName, p]))
  const levels = new Map<string, number>()
  const visit = (p: Package, trail: Set<Package>): number => {
    const known = levels.get(p.dir)
    if (known !== undefined) return known
    if (trail.has(p)) return 0
    trail.add(p)
    let level = 0
    for (const r of p.requirements) {
      const dep = byName.get(r.name)
      if (dep && dep !== p) level = Math.max(level, visit(dep, trail) + 1)
    }
    levels.set(p.dir, level)
    return level
  }
  for (const p of packages) visit(p, new Set())
  return levels
}

/** How a package's backend is made to build the release version (SPEC §1 vcs). */
export function vcsBuild(pkg: Package, version: string): Pick<PackagePlan, 'vcs' | 'buildEnv' | 'needsLocalTag'> {
  const vcs = pkg.source.kind === 'vcs'
  const buildEnv = versionOverrideEnv(pkg, version)
  return { vcs, buildEnv, needsLocalTag: vcs && Object.keys(buildEnv).length === 0 }
}

export function planRelease(
  repo: Monorepo,
  options: { component: string; version: string; pypiUrl: string; repository: string; registry: string }
): ReleasePlan {
  if (!options.component) {
    throw new PyshipError('E_INPUT', 'release needs component: the target (cli, sdk, docker) or group (platform) to release', {
      hint: 'e.g. `pyship release sdk` or `component: cli`.'
    })
  }
  const scope = resolveComponent(repo.config, options.component)
  const targets = scope.targets.map((t) => repo.config.targets[t])
  if (targets.length === 0) {
    throw new PyshipError('E_CONFIG', `group ${options.component} has no targets to release`, {
      hint: 'Add [tool.pyship.targets.<name>] entries for this group (kind = "pypi" or "docker").'
    })
  }
  const group = repo.config.groups[scope.groups[0]]
  const members = group.packages.map((d) => repo.packages.get(d))
  // a vcs member's version is in no file: the others (static, file) give it, else the input
  const written = members.filter((p) => p?.source.kind !== 'vcs')
  if (written.length === 0 && !options.version) {
    const vcs = members.map((p) => `${p?.name ?? '?'} (${p?.source.backend ?? 'vcs'})`).join(', ')
    throw new PyshipError(
      'E_INPUT',
      `release of ${options.component} needs the \`version\` input: group ${group.name} takes its version from git tags (${vcs}), so no file carries the version to release`,
      {
        hint: `Give the version to release, e.g. \`pyship release ${options.component} 1.2.0\` or \`version: 1.2.0\`; the backend builds exactly that version and pyship tags it.`
      }
    )
  }
  const inFiles = new Set(written.map((p) => normalizeVersion(p?.version ?? '') ?? ''))
  const version = options.version ? normalizeInputVersion(options.version) : inFiles.size === 1 ? [...inFiles][0] : null
  if (!version) {
    if (options.version)
      throw new PyshipError('E_INVALID_VERSION', `version ${JSON.stringify(options.version)} is not a valid PEP 440 version`)
    // no version because a member's cannot be read is that member's problem, not a disagreement
    const unreadable = written.flatMap((p) => {
      if (!p) return []
      const located = versionProblem(p)
      if (located) return [located]
      if (p.version !== null && normalizeVersion(p.version) === null)
        return [
          problem('E_INVALID_VERSION', `${p.name ?? p.dir} version ${JSON.stringify(p.version)} is not a valid PEP 440 version`, {
            file: p.versionFile,
            line: p.versionLine
          })
        ]
      return []
    })
    if (unreadable.length > 0) throw fromProblems(unreadable)
    throw new PyshipError('E_VERSION_MISMATCH', `group ${group.name} members disagree, so there is no version to release`, {
      hint: `Make them equal with \`pyship bump ${group.name} <version>\`, commit and push.`
    })
  }
  const prerelease = parseVersion(version)?.isPrerelease ?? false
  const [owner, name] = options.repository.split('/')
  const released = [...new Set(targets.flatMap((t) => (t.kind === 'pypi' ? t.packages : [])))].map((d) => repo.packages.get(d) as Package)
  const levels = dependencyLevels(released)
  const notices: string[] = []
  const nameOf = (img: Image): ImageName => img.repository ?? defaultImageName(options.registry, owner, name, img.name)
  // every image of the config, so that a variant released by another target still counts as a sibling
  const everyImage = Object.values(repo.config.targets).flatMap((t) => t.images)
  const siblingsOf = (img: Image): string[] => {
    const ref = imageRef(nameOf(img))
    return everyImage.filter((o) => o !== img && imageRef(nameOf(o)) === ref).map((o) => versionTemplate(o.tags))
  }
  return {
    component: options.component,
    version,
    notices,
    targets: targets.map((t) => {
      const own = dependencyOrder(t.packages.map((d) => repo.packages.get(d) as Package)).map((p, i) => {
        const project = isTable(p.doc.value.project) ? p.doc.value.project : {}
        const requiresPython = typeof project['requires-python'] === 'string' ? project['requires-python'] : undefined
        return {
          name: p.name as string,
          version,
          group: t.group,
          targetName: t.name,
          tests: t.tests,
          ...(i === 0 && t.kind === 'pypi' && t.smoke?.length ? { smoke: t.smoke } : {}),
          dir: p.dir,
          absDir: path.join(repo.paths.workDir, p.dir),
          requiresPython,
          pypiUrl: projectUrl(options.pypiUrl, p.name as string, version),
          level: levels.get(p.dir) ?? 0,
          ...vcsBuild(p, version)
        }
      })
      for (const p of t.packages.map((d) => repo.packages.get(d) as Package)) {
        const notice = tagPatternNotice(p, tagFor(t.tag, version), version)
        if (notice) notices.push(notice)
      }
      const candidates = t.changelog
        ? [path.join(repo.paths.workDir, t.changelog)]
        : [path.join(repo.paths.workDir, t.packages[0] ?? '.', 'CHANGELOG.md'), path.join(repo.paths.workDir, 'CHANGELOG.md')]
      return {
        name: t.name,
        kind: t.kind,
        group: t.group,
        version,
        tagTemplate: t.tag,
        tag: tagFor(t.tag, version),
        releaseName: `${t.name} ${version}`,
        prerelease,
        githubLatest: t.githubLatest,
        tests: t.tests,
        smoke: t.smoke,
        changelog: candidates.find((c) => existsSync(c)) ?? null,
        // a docker target publishes images only; its packages are the code the images hold
        packages: t.kind === 'pypi' ? own : [],
        tested: own,
        images: t.images.map((img) => ({
          name: img.name,
          version,
          group: t.group,
          targetName: t.name,
          registry: canonicalRegistry(nameOf(img).registry),
          repository: nameOf(img).repository,
          ref: imageRef(nameOf(img)),
          tagTemplates: img.tags,
          siblings: siblingsOf(img),
          context: path.join(repo.paths.workDir, img.context),
          dockerfile: path.join(repo.paths.workDir, img.dockerfile),
          buildArgs: img.buildArgs,
          target: img.target,
          platforms: img.platforms,
          ...imageMetadata(repo.packages.get(path.posix.normalize(img.context.replace(/\\/g, '/')).replace(/\/+$/, '') || '.'))
        }))
      }
    })
  }
}
