/**
 * Find the config (input → [tool.pyship] → .github/pyship.toml → built-in defaults),
 * validate it and resolve it against the working directory. A config replaces the
 * defaults entirely.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, fromProblems, problem, toProblems, type Location, type Problem } from '../errors.js'
import { isTable, locate, readToml, type TomlDocument, type TomlPath } from '../pyproject/toml.js'
import { relativeFile, type PackagePaths } from '../pyproject/package.js'
import { cleanRelative, expandDirGlob, GlobPatternError, GlobWalkError, hasGlob } from './glob.js'
import { CONFIG_RULE, suggest, validate } from './schema.js'
import { normalizeName } from '../pyproject/requirement.js'
import { expandIndependent, type IndependentMatch, type IndependentTable } from './independent.js'
import { BROKEN_SUFFIX, DEFAULT_CONFIG, DEFAULT_LAYOUT_SIGNATURE } from './defaults.js'
import type { Config, Group, Image, PinsMode, Target, TargetKind, TestMode, VersionFileConfig } from './types.js'
import { parseImageName, imageRef } from './image-names.js'
import { imageProblems, rawImageTags, type RawImage } from './images.js'
import { excludedBy, readExclude } from './exclude.js'
import { readWaivers } from './waivers.js'
import { readReleaseTag } from './release-tag.js'
import { resolvePackageSettings } from './package-settings.js'
import { poetryName } from '../pyproject/version-source.js'

export type { Config, Group, Image, Target } from './types.js'

/**
 * Whether `dir` holds a pyproject.toml. Anything by that name counts (a directory
 * named pyproject.toml then fails to read as E_CONFIG instead of being skipped).
 */
export const hasPyproject = (workDir: string, dir: string): boolean => existsSync(path.join(workDir, dir, 'pyproject.toml'))

interface Source {
  doc: TomlDocument
  base: TomlPath
  raw: Record<string, unknown>
}

/**
 * Locate the config. `rootPyproject` is the already-parsed root pyproject.toml of
 * the working directory (or null when there is none).
 */
function findSource(paths: PackagePaths, configInput: string, rootPyproject: TomlDocument | null): Source | null {
  const read = (abs: string): TomlDocument => readToml(abs, relativeFile(paths, abs))
  if (configInput) {
    const abs = path.resolve(paths.workDir, configInput)
    if (!existsSync(abs)) {
      throw new PyshipError('E_CONFIG', `config file ${relativeFile(paths, abs)} does not exist`, {
        hint: 'The `config` input is a path relative to `working-directory`; leave it empty to use [tool.pyship] or .github/pyship.toml.'
      })
    }
    const doc = read(abs)
    if (path.basename(abs) === 'pyproject.toml') {
      const tool = doc.value.tool
      const raw = isTable(tool) ? tool.pyship : undefined
      if (!isTable(raw)) throw new PyshipError('E_CONFIG', `${doc.file} has no [tool.pyship] table`, { location: { file: doc.file } })
      return { doc, base: ['tool', 'pyship'], raw }
    }
    return { doc, base: [], raw: doc.value }
  }
  if (rootPyproject) {
    const tool = rootPyproject.value.tool
    if (isTable(tool) && tool.pyship !== undefined) {
      return { doc: rootPyproject, base: ['tool', 'pyship'], raw: tool.pyship as Record<string, unknown> }
    }
  }
  for (const dir of [paths.workDir, paths.repoRoot]) {
    const abs = path.join(dir, '.github', 'pyship.toml')
    if (existsSync(abs)) {
      const doc = read(abs)
      return { doc, base: [], raw: doc.value }
    }
  }
  return null
}

/** The package pyprojects a config's loading already parsed (`[independent]` reads each name), by directory. */
const parsed = new WeakMap<Config, ReadonlyMap<string, TomlDocument>>()

/** The pyproject documents read while loading `config`, for the package loader not to parse them twice. */
/** The config's release-please keys for versions below 1.0.0, when it has any. */
function preMajorOf(raw: Record<string, unknown>): Pick<Config, 'preMajor'> {
  const minor = raw['bump-minor-pre-major'] as boolean | undefined
  const patch = raw['bump-patch-for-minor-pre-major'] as boolean | undefined
  if (minor === undefined && patch === undefined) return {}
  return {
    preMajor: {
      ...(minor === undefined ? {} : { bumpMinorPreMajor: minor }),
      ...(patch === undefined ? {} : { bumpPatchForMinorPreMajor: patch })
    }
  }
}

export const documentsReadBy = (config: Config): ReadonlyMap<string, TomlDocument> => parsed.get(config) ?? new Map()

export function loadConfig(paths: PackagePaths, configInput: string, rootPyproject: TomlDocument | null): Config {
  const source = findSource(paths, configInput, rootPyproject)
  if (source) {
    const { doc, base, raw } = source
    const invalid = validate(doc, base, raw, CONFIG_RULE)
    if (invalid.length > 0) throw fromProblems(invalid)
    const where = (p: TomlPath): Location | undefined => locate(doc, [...base, ...p])
    // what belongs to the monorepo: a group may not hold an excluded or an external package
    const { exclude, problems: excludeProblems } = readExclude(raw, where)
    const packages = resolvePackageSettings(raw.packages, where, (dir) => hasPyproject(paths.workDir, dir))
    const { external, problems: externalProblems } = packages
    const { waivers, problems: waiverProblems } = readWaivers(raw, where)
    const leftOut = (dir: string): string | null => {
      const pattern = excludedBy(exclude, dir)
      if (pattern !== null) return `excluded by exclude ${JSON.stringify(pattern)}`
      return external.includes(dir) ? `external (packages.${JSON.stringify(dir)}.external = true)` : null
    }
    const { groups, targets, notices, problems, documents } = resolve(paths, raw, where, false, leftOut)
    const { release, problems: releaseProblems } = readReleaseTag(raw, where, groups, targets)
    problems.unshift(...excludeProblems, ...externalProblems, ...waiverProblems)
    problems.push(...releaseProblems)
    if (problems.length > 0) throw fromProblems(problems)
    const brokenSuffix = typeof raw['broken-suffix'] === 'string' ? raw['broken-suffix'] : BROKEN_SUFFIX
    const config: Config = {
      source: doc.file,
      kind: 'file',
      groups,
      targets,
      notices,
      brokenSuffix,
      exclude,
      external,
      waivers,
      packages: packages.settings,
      ...(release ? { release } : {}),
      ...preMajorOf(raw),
      ...(Array.isArray(raw['changelog-sections'])
        ? {
            changelogSections: (raw['changelog-sections'] as { type: string; section: string; hidden?: boolean }[]).map((s) => ({
              type: s.type.toLowerCase(),
              section: s.section,
              hidden: s.hidden ?? false
            }))
          }
        : {})
    }
    parsed.set(config, documents)
    return config
  }
  // the default layout only where the repository looks like it: a cli/ and a server/ package
  if (DEFAULT_LAYOUT_SIGNATURE.every((dir) => hasPyproject(paths.workDir, dir))) {
    const { groups, targets, notices, problems } = resolve(
      paths,
      DEFAULT_CONFIG as unknown as Record<string, unknown>,
      () => undefined,
      true
    )
    if (problems.length > 0) throw fromProblems(problems)
    return { source: 'built-in defaults (the default layout)', kind: 'defaults', groups, targets, notices, brokenSuffix: BROKEN_SUFFIX }
  }
  return { source: 'none', kind: 'none', groups: {}, targets: {}, notices: [], brokenSuffix: BROKEN_SUFFIX }
}

interface Resolved {
  groups: Record<string, Group>
  targets: Record<string, Target>
  notices: string[]
  problems: Problem[]
  /** Package pyprojects parsed on the way, by directory. */
  documents: Map<string, TomlDocument>
}

/**
 * Resolve package globs, check directories and cross-references. With `lenient`
 * (built-in defaults) entries whose directory is absent are dropped with a notice
 * instead of failing.
 */
function resolve(
  paths: PackagePaths,
  raw: Record<string, unknown>,
  where: (p: TomlPath) => Location | undefined,
  lenient: boolean,
  /** Why a package directory is not part of the monorepo (config `exclude`, `external`), or null. */
  leftOut: (dir: string) => string | null = () => null
): Resolved {
  const problems: Problem[] = []
  const notices: string[] = []
  const documents = new Map<string, TomlDocument>()
  const fail = (p: TomlPath, message: string): void => {
    problems.push(problem('E_CONFIG', message, where(p)))
  }
  const label = (p: TomlPath): string =>
    p
      .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
      .join('')
      .slice(1)

  /** The package directories one `packages` entry (at `p`) names or matches. */
  const entryDirs = (entry: string, p: TomlPath): string[] => {
    const clean = cleanRelative(entry)
    if (path.isAbsolute(entry) || clean.split('/').includes('..')) {
      fail(p, `${label(p)} = ${JSON.stringify(entry)} must be a directory inside the working directory`)
      return []
    }
    if (hasGlob(clean)) {
      let matched: string[]
      try {
        matched = expandDirGlob(paths.workDir, clean).filter((d) => hasPyproject(paths.workDir, d))
      } catch (error) {
        if (!(error instanceof GlobPatternError || error instanceof GlobWalkError)) throw error
        fail(p, `${label(p)} = ${JSON.stringify(entry)}: ${error.message}`)
        return []
      }
      if (matched.length === 0 && !lenient) fail(p, `${label(p)} = ${JSON.stringify(entry)} matches no directory with a pyproject.toml`)
      // a glob says "the packages here": those not part of the monorepo are not among them
      const kept = matched.filter((d) => leftOut(d) === null)
      if (kept.length === 0 && matched.length > 0 && !lenient)
        fail(p, `${label(p)} = ${JSON.stringify(entry)} matches only packages that are not part of the monorepo (exclude, external)`)
      return kept
    }
    if (hasPyproject(paths.workDir, clean)) {
      const why = leftOut(clean)
      if (why === null) return [clean]
      fail(p, `${label(p)} = ${JSON.stringify(entry)} names a package that is ${why}: it is not part of the monorepo`)
      return []
    }
    if (lenient) notices.push(`built-in defaults: ${clean}/pyproject.toml does not exist, so ${clean} is left out`)
    else {
      const what = existsSync(path.join(paths.workDir, clean)) ? 'has no pyproject.toml' : 'does not exist'
      fail(p, `${label(p)}: directory ${JSON.stringify(entry)} ${what}`)
    }
    return []
  }
  const packageDirs = (list: readonly string[], at: TomlPath): string[] => [
    ...new Set(list.flatMap((entry, i) => entryDirs(entry, [...at, i])))
  ]

  const groups: Record<string, Group> = Object.create(null)
  const owner = new Map<string, string>()
  for (const [name, value] of Object.entries(
    (raw.groups ?? {}) as Record<string, { packages: string[]; pins?: PinsMode; 'version-files'?: Omit<VersionFileConfig, 'location'>[] }>
  )) {
    const packages = packageDirs(value.packages, ['groups', name, 'packages'])
    if (packages.length === 0 && lenient) continue
    const versionFiles = (value['version-files'] ?? []).map((entry, i) => {
      const at: TomlPath = ['groups', name, 'version-files', i, 'path']
      const clean = cleanRelative(entry.path)
      if (!existsSync(path.join(paths.workDir, clean)))
        fail(at, `groups.${name}.version-files[${i}].path: ${JSON.stringify(entry.path)} does not exist`)
      return { ...entry, path: clean, location: where(['groups', name, 'version-files', i]) }
    })
    for (const dir of packages) {
      const other = owner.get(dir)
      if (other)
        fail(['groups', name, 'packages'], `groups.${name}: package ${dir} is already in group ${other}; a package belongs to one group`)
      else owner.set(dir, name)
    }
    groups[name] = { name, packages, versionFiles, ...(value.pins ? { pins: value.pins } : {}), location: where(['groups', name]) }
  }

  const targets: Record<string, Target> = Object.create(null)
  const allImages: RawImage[] = []
  for (const [name, value] of Object.entries((raw.targets ?? {}) as Record<string, Record<string, unknown>>)) {
    const at: TomlPath = ['targets', name]
    const group = Object.hasOwn(groups, String(value.group)) ? groups[String(value.group)] : undefined
    if (!group) {
      if (lenient) continue
      fail(
        [...at, 'group'],
        `targets.${name}.group = ${JSON.stringify(value.group)} is not a group${suggest(String(value.group), Object.keys(groups))}; groups: ${Object.keys(groups).join(', ') || '(none)'}`
      )
      continue
    }
    const kind = value.kind as TargetKind
    let packages = group.packages
    if (Array.isArray(value.packages)) {
      packages = packageDirs(value.packages as string[], [...at, 'packages'])
      if (lenient && packages.length === 0) continue
      const inGroup = new Set(group.packages)
      for (const dir of packages) {
        if (!inGroup.has(dir)) fail([...at, 'packages'], `targets.${name}: package ${dir} is not a member of group ${group.name}`)
      }
    }
    const images: Image[] = []
    ;((value.images ?? []) as Record<string, unknown>[]).forEach((img, i) => {
      const context = cleanRelative((img.context as string | undefined) ?? (img.name as string))
      const dockerfile = img.dockerfile ? cleanRelative(img.dockerfile as string) : `${context === '.' ? '' : `${context}/`}Dockerfile`
      if (!existsSync(path.join(paths.workDir, context))) {
        if (lenient) return notices.push(`built-in defaults: image ${img.name} left out: its context ${context}/ does not exist`)
        return fail([...at, 'images', i], `targets.${name}.images[${i}]: context directory ${JSON.stringify(context)} does not exist`)
      }
      const repository = typeof img.repository === 'string' ? parseImageName(img.repository) : undefined
      const tags = rawImageTags(img.tags)
      allImages.push({
        target: name,
        index: i,
        name: img.name as string,
        repository: repository && typeof repository !== 'string' ? imageRef(repository) : null,
        tags
      })
      images.push({
        name: img.name as string,
        context,
        dockerfile,
        buildArgs: (img['build-args'] as string[] | undefined) ?? [],
        target: img.target as string | undefined,
        platforms: (img.platforms as string[] | undefined) ?? [],
        ...(repository && typeof repository !== 'string' ? { repository } : {}),
        tags,
        location: where([...at, 'images', i])
      })
    })
    if (kind === 'docker' && images.length === 0) {
      if (lenient) continue
      fail(at, `targets.${name} is a docker target without images`)
    }
    targets[name] = {
      name,
      group: group.name,
      kind,
      packages,
      tag: (value.tag as string | undefined) ?? `${name}-v{version}`,
      tests: ((value.tests as TestMode | undefined) ?? 'required') as TestMode,
      smoke: value.smoke as string[] | undefined,
      changelog: value.changelog as string | undefined,
      ...(value['changelog-write'] === false ? { changelogWrite: false } : {}),
      githubLatest: (value['github-latest'] as boolean | undefined) ?? true,
      images,
      location: where(at)
    }
  }
  for (const { at, message } of imageProblems(allImages)) fail(at, message)
  if (isTable(raw.independent)) {
    const table = raw.independent as unknown as IndependentTable
    const matches: IndependentMatch[] = table.packages.flatMap((entry, i) =>
      entryDirs(entry, ['independent', 'packages', i]).flatMap((dir) => {
        const read = projectName(paths, dir, problems, documents)
        return read ? [{ dir, entry: i, glob: hasGlob(cleanRelative(entry)), ...read }] : []
      })
    )
    const expanded = expandIndependent(table, matches, { groups, targets }, where)
    problems.push(...expanded.problems)
    Object.assign(groups, expanded.groups)
    Object.assign(targets, expanded.targets)
  }
  return { groups, targets, notices, problems, documents }
}

/** A package's `[project] name` and where it is; null (and a problem) when its pyproject does not parse. */
function projectName(
  paths: PackagePaths,
  dir: string,
  problems: Problem[],
  documents: Map<string, TomlDocument>
): { name: string | null; file: Location } | null {
  const abs = path.join(paths.workDir, dir, 'pyproject.toml')
  try {
    const doc = readToml(abs, relativeFile(paths, abs))
    documents.set(dir, doc)
    const project = doc.value.project
    // a Poetry project without [project] is named by [tool.poetry] name
    const name = isTable(project) ? (typeof project.name === 'string' ? project.name : null) : poetryName(doc)
    // positions only for a problem: locating scans the whole file
    return { name, file: name === null ? locate(doc, ['project', 'name']) : { file: doc.file } }
  } catch (error) {
    if (!(error instanceof PyshipError)) throw error
    problems.push(...toProblems(error))
    return null
  }
}

/** The target a `component` input names: its name, or its PEP 503 form when only one target has that. */
export function findTarget(config: Config, component: string): Target | undefined {
  if (Object.hasOwn(config.targets, component)) return config.targets[component]
  const same = Object.values(config.targets).filter((t) => normalizeName(t.name) === normalizeName(component))
  return same.length === 1 ? same[0] : undefined
}

/** What a `component` input names: the groups and targets it covers. */
export interface Scope {
  groups: string[]
  targets: string[]
}

export function resolveComponent(config: Config, component: string): Scope {
  // own keys only: `constructor` or `__proto__` is an unknown component, not a crash
  const target = Object.hasOwn(config.targets, component) ? config.targets[component] : undefined
  if (target) return { groups: [target.group], targets: [component] }
  if (Object.hasOwn(config.groups, component)) {
    return {
      groups: [component],
      targets: Object.values(config.targets)
        .filter((t) => t.group === component)
        .map((t) => t.name)
    }
  }
  const known = [...Object.keys(config.targets), ...Object.keys(config.groups)]
  // a package's name as pip spells it (`Foo_Bar` for the target `foo-bar`): PEP 503 normal form
  const same = [...new Set(known.filter((name) => normalizeName(name) === normalizeName(component)))]
  if (same.length === 1) return resolveComponent(config, same[0])
  const listed = known.length
    ? `targets: ${Object.keys(config.targets).join(', ') || '(none)'}; groups: ${Object.keys(config.groups).join(', ') || '(none)'}`
    : 'no groups are configured'
  throw new PyshipError(
    'E_INPUT',
    `component ${JSON.stringify(component)} is not a target or group of this repository${suggest(component, known)} (${listed})`,
    {
      hint: 'Set `component` to a target (e.g. cli, docker, sdk) or a group (e.g. platform) from the config.'
    }
  )
}
