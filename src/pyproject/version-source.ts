/**
 * Where a package's version lives (SPEC §1 "version sources"): `[project] version`
 * (static), a file its build backend reads (hatch `path`, setuptools `attr`/`file`,
 * PDM `source = "file"`, flit's `__version__`), git tags (hatch-vcs, setuptools-scm,
 * uv-dynamic-versioning, versioningit, PDM `scm`), or nowhere pyship can tell (unknown,
 * with the reason). Read-only.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { isTable, type TomlDocument } from './toml.js'
import {
  assignmentFinder,
  assigns,
  locateVersion,
  pythonRegex,
  readText,
  regexFinder,
  VersionFileError,
  wholeFileFinder,
  type Finder,
  type VersionSpot
} from './version-file.js'

export type SourceKind = 'static' | 'file' | 'vcs' | 'unknown'

export interface VersionSource {
  kind: SourceKind
  /** What carries it, for people: `[project] version`, `hatch path`, `setuptools attr`, `hatch-vcs`, … */
  backend: string
  /** kind `file`: the version's characters in that file. */
  spot?: VersionSpot
  /** kind `unknown`: why pyship cannot locate the version. */
  reason?: string
  /** kind `vcs`: the backend's own tag pattern (a `version` group), when it declares one. */
  tagPattern?: RegExp
}

/** hatchling's DEFAULT_PATTERN (hatchling/version/source/regex.py). */
export const HATCH_DEFAULT_PATTERN = `(?i)^(__version__|VERSION) *= *([\\'"])v?(?P<version>.+?)\\2`
/** setuptools-scm's DEFAULT_TAG_REGEX: an optional `name-` prefix, an optional `v`. */
export const SCM_DEFAULT_TAG_REGEX = /^(?:[\w-]+-)?[vV]?(?<version>\d+(?:\.\d+){0,2}[^+]*)(?:\+.*)?$/
/** PDM's file source (pdm-backend `_find_version_in_file`). */
const PDM_FILE_PATTERN = /^__version__\s*=\s*["'](?<version>.+?)["']/dm

interface Context {
  /** Absolute directory of the package. */
  dir: string
  /** Path of the package directory relative to the repository root ('' at the root). */
  rel: string
  doc: TomlDocument
}

const table = (value: unknown): Record<string, unknown> => (isTable(value) ? value : {})
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [])

function unknown(backend: string, reason: string): VersionSource {
  return { kind: 'unknown', backend, reason }
}

/** A file source at `relPath` below the package directory, or unknown naming what failed. */
function fileSource(ctx: Context, backend: string, relPath: string, find: Finder, name = 'the version'): VersionSource {
  const abs = path.resolve(ctx.dir, relPath)
  const file = path.posix.join(ctx.rel, relPath.split(path.sep).join('/'))
  if (path.relative(ctx.dir, abs).startsWith('..')) return unknown(backend, `${backend} names ${relPath}, outside the package directory`)
  try {
    return { kind: 'file', backend, spot: locateVersion(abs, file, find) }
  } catch (error) {
    if (!(error instanceof VersionFileError)) throw error
    if (error.message === 'no version found in it' && name !== 'the version') {
      const text = readText(abs).text
      const why = assigns(text, name) ? `assigns ${name} but not as a literal string` : `has no top-level ${name} = "…"`
      return unknown(backend, `${file} ${why}`)
    }
    return unknown(
      backend,
      `${backend}: ${file}: ${error.message === 'no version found in it' ? 'the pattern finds no version in it' : error.message}`
    )
  }
}

/** A tag pattern from the backend's config, or undefined (when absent or not usable). */
function tagRegex(pattern: unknown, group = 'version'): RegExp | undefined {
  if (typeof pattern !== 'string') return undefined
  try {
    const regex = pythonRegex(pattern, group)
    return group === 'version' ? regex : new RegExp(regex.source.replace(`(?<${group}>`, '(?<version>'), regex.flags)
  } catch {
    return undefined
  }
}

/**
 * The `--match` globs of a setuptools-scm `git describe` command (hatch-vcs passes its
 * `raw-options` on): git describe considers only the tags they match, so neither does pyship.
 */
function describeMatches(options: Record<string, unknown>): string[] {
  const command = options.git_describe_command ?? table(table(options.scm).git).describe_command
  const argv = Array.isArray(command)
    ? command.filter((a): a is string => typeof a === 'string')
    : typeof command === 'string'
      ? command.split(/\s+/).map((a) => a.replace(/^(['"])(.*)\1$/, '$2'))
      : []
  const globs: string[] = []
  argv.forEach((arg, i) => {
    if (arg === '--match' && argv[i + 1]) globs.push(argv[i + 1])
    else if (arg.startsWith('--match=')) globs.push(arg.slice('--match='.length))
  })
  return globs
}

/** A setuptools-scm style tag pattern, restricted to the tags `git describe --match` would see. */
function scmTagPattern(regex: RegExp | undefined, options: Record<string, unknown>): RegExp | undefined {
  const globs = describeMatches(options)
  if (globs.length === 0) return regex
  // git's glob (fnmatch without FNM_PATHNAME for tags): * and ? match any character, [...] a class
  const glob = (g: string): string =>
    g
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')
      .replace(/\[!/g, '[^')
  const base = regex ?? SCM_DEFAULT_TAG_REGEX
  return new RegExp(`^(?=(?:${globs.map(glob).join('|')})$)${base.source.replace(/^\^/, '')}`, base.flags)
}

function hatch(ctx: Context, version: Record<string, unknown>): VersionSource {
  const source = typeof version.source === 'string' ? version.source : 'regex'
  switch (source) {
    case 'regex': {
      if (typeof version.path !== 'string')
        return unknown('hatch', "[tool.hatch.version] has no `path` (hatch's regex source reads the version from that file)")
      let regex: RegExp
      try {
        regex = pythonRegex(typeof version.pattern === 'string' ? version.pattern : HATCH_DEFAULT_PATTERN)
      } catch (error) {
        return unknown('hatch path', `[tool.hatch.version] pattern: ${(error as Error).message}`)
      }
      return fileSource(ctx, 'hatch path', version.path, regexFinder(regex))
    }
    case 'vcs': {
      const raw = table(version['raw-options'])
      return {
        kind: 'vcs',
        backend: 'hatch-vcs',
        tagPattern: scmTagPattern(tagRegex(version['tag-pattern']) ?? tagRegex(raw.tag_regex), raw)
      }
    }
    case 'uv-dynamic-versioning':
      return uvDynamic(ctx)
    case 'versioningit':
      return versioningit(ctx)
    default:
      return unknown('hatch', `[tool.hatch.version] source = ${JSON.stringify(source)} is not a source pyship can read`)
  }
}

function uvDynamic(ctx: Context): VersionSource {
  const config = table(table(ctx.doc.value.tool)['uv-dynamic-versioning'])
  const prefix = typeof config['pattern-prefix'] === 'string' ? config['pattern-prefix'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : ''
  // dunamai's default pattern: `v` then the version; a custom pattern names it `base`
  const tagPattern = tagRegex(config.pattern, 'base') ?? new RegExp(`^${prefix}v(?<version>\\d[^+]*)(?:\\+.*)?$`)
  return { kind: 'vcs', backend: 'uv-dynamic-versioning', tagPattern }
}

function versioningit(ctx: Context): VersionSource {
  const config = table(table(ctx.doc.value.tool).versioningit)
  return { kind: 'vcs', backend: 'versioningit', tagPattern: tagRegex(table(config.tag2version).regex) }
}

/** The module file of a dotted module name, in the `src/` or flat layout (or setuptools' package-dir). */
function moduleFile(ctx: Context, module: string, packageDir: Record<string, unknown>): string | null {
  const parts = module.split('.')
  const roots: string[][] = []
  const mapped = packageDir[parts[0]]
  if (typeof mapped === 'string') roots.push([mapped, ...parts.slice(1)])
  for (const base of [packageDir[''], 'src', '.']) if (typeof base === 'string') roots.push([base, ...parts])
  for (const root of roots) {
    for (const candidate of [path.join(...root, '__init__.py'), `${path.join(...root)}.py`]) {
      if (existsSync(path.join(ctx.dir, candidate))) return candidate
    }
  }
  return null
}

function setuptoolsDynamic(ctx: Context, version: unknown): VersionSource {
  const spec = table(version)
  if (typeof spec.attr === 'string') {
    const at = spec.attr.lastIndexOf('.')
    if (at <= 0) return unknown('setuptools attr', `attr = ${JSON.stringify(spec.attr)} names no module (expected "package.__version__")`)
    const [module, name] = [spec.attr.slice(0, at), spec.attr.slice(at + 1)]
    const packageDir = table(table(table(ctx.doc.value.tool).setuptools)['package-dir'])
    const file = moduleFile(ctx, module, packageDir)
    if (!file)
      return unknown(
        'setuptools attr',
        `attr = ${JSON.stringify(spec.attr)}: no ${module.replace(/\./g, '/')}/__init__.py or ${module.replace(/\./g, '/')}.py in src/ or the package directory`
      )
    return fileSource(ctx, 'setuptools attr', file, assignmentFinder(name), name)
  }
  const files = typeof spec.file === 'string' ? [spec.file] : strings(spec.file)
  if (files.length === 1) return fileSource(ctx, 'setuptools file', files[0], wholeFileFinder)
  if (files.length > 1) return unknown('setuptools file', 'version = { file = [...] } with several files is not supported')
  return unknown('setuptools', '[tool.setuptools.dynamic] version has neither `attr` nor `file`')
}

function flit(ctx: Context, projectName: string | null): VersionSource {
  const tool = table(ctx.doc.value.tool)
  const configured = table(table(tool.flit).module).name
  const module = typeof configured === 'string' ? configured : (projectName ?? '').replace(/[-.]/g, '_')
  if (!module) return unknown('flit', 'flit reads the module named after the project, but [project] has no name')
  const file = moduleFile(ctx, module, {})
  if (!file)
    return unknown(
      'flit',
      `flit reads ${module}.__version__, but there is no ${module.replace(/\./g, '/')}/__init__.py or ${module}.py in src/ or the package directory`
    )
  return fileSource(ctx, 'flit', file, assignmentFinder('__version__'), '__version__')
}

/**
 * The version source of a package whose `[project] dynamic` lists "version". `dir` is the
 * package's absolute directory, `rel` that directory relative to the repository root.
 */
export function dynamicVersionSource(doc: TomlDocument, dir: string, rel: string): VersionSource {
  const ctx: Context = { dir, rel: rel === '.' ? '' : rel, doc }
  const build = table(doc.value['build-system'])
  const backend = typeof build['build-backend'] === 'string' ? build['build-backend'] : ''
  const requires = strings(build.requires).map((r) => r.toLowerCase().replace(/_/g, '-'))
  const needs = (name: string): boolean =>
    requires.some((r) => r === name || (r.startsWith(name) && /^[\s<>=!~[;]/.test(r.slice(name.length))))
  const tool = table(doc.value.tool)
  const projectName = typeof table(doc.value.project).name === 'string' ? (table(doc.value.project).name as string) : null

  if (backend.startsWith('hatchling') || isTable(table(tool.hatch).version)) {
    if (!isTable(table(tool.hatch).version)) return unknown('hatch', 'hatchling needs [tool.hatch.version] for a dynamic version')
    return hatch(ctx, table(table(tool.hatch).version))
  }
  if (backend.startsWith('pdm') || isTable(table(tool.pdm).version)) {
    const version = table(table(tool.pdm).version)
    if (version.source === 'file') {
      if (typeof version.path !== 'string') return unknown('pdm file', '[tool.pdm.version] source = "file" has no `path`')
      return fileSource(ctx, 'pdm file', version.path, regexFinder(PDM_FILE_PATTERN))
    }
    if (version.source === 'scm') return { kind: 'vcs', backend: 'pdm scm', tagPattern: tagRegex(version.tag_regex) }
    return unknown('pdm', `[tool.pdm.version] source = ${JSON.stringify(version.source ?? null)} is not a source pyship can read`)
  }
  if (backend.startsWith('flit_core')) return flit(ctx, projectName)
  const setuptools = table(tool.setuptools)
  if (table(setuptools.dynamic).version !== undefined) return setuptoolsDynamic(ctx, table(setuptools.dynamic).version)
  if (isTable(tool.setuptools_scm) || isTable(tool['setuptools-scm']) || needs('setuptools-scm')) {
    const config = table(tool.setuptools_scm ?? tool['setuptools-scm'])
    return { kind: 'vcs', backend: 'setuptools-scm', tagPattern: scmTagPattern(tagRegex(config.tag_regex), config) }
  }
  if (isTable(tool.versioningit) || needs('versioningit')) return versioningit(ctx)
  if (isTable(tool['uv-dynamic-versioning'])) return uvDynamic(ctx)
  if (isTable(tool['poetry-dynamic-versioning'])) return { kind: 'vcs', backend: 'poetry-dynamic-versioning' }
  const named = backend ? `build backend ${backend}` : 'no build backend (setuptools by default)'
  return unknown(
    backend || 'setuptools',
    `dynamic = ["version"] with ${named} and no version source pyship knows (hatch path, setuptools attr/file, PDM file, flit, or a git-tag backend)`
  )
}

/** Whether a tag names a version through `pattern` (the `version` group), and which. */
export function tagVersion(tag: string, pattern: RegExp): string | null {
  const m = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).exec(tag)
  return m?.groups?.version ?? null
}
