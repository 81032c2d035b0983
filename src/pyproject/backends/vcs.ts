/**
 * Backends that take the version from git tags: setuptools-scm (and hatch-vcs, which passes
 * its options on), versioningit, uv-dynamic-versioning, poetry-dynamic-versioning. No file
 * carries the version; each gives the tag pattern it reads, when it declares one.
 */
import { isTable } from '../toml.js'
import {
  buildSystem,
  dynamicVersion,
  table,
  tagRegex,
  toolTable,
  type BackendContext,
  type VersionBackend,
  type VersionSource
} from './backend.js'

/** setuptools-scm's DEFAULT_TAG_REGEX: an optional `name-` prefix, an optional `v`. */
export const SCM_DEFAULT_TAG_REGEX = /^(?:[\w-]+-)?[vV]?(?<version>\d+(?:\.\d+){0,2}[^+]*)(?:\+.*)?$/

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
export function scmTagPattern(regex: RegExp | undefined, options: Record<string, unknown>): RegExp | undefined {
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

export function uvDynamicSource(ctx: BackendContext): VersionSource {
  const config = toolTable(ctx, 'uv-dynamic-versioning')
  const prefix = typeof config['pattern-prefix'] === 'string' ? config['pattern-prefix'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : ''
  // dunamai's default pattern: `v` then the version; a custom pattern names it `base`
  const tagPattern = tagRegex(config.pattern, 'base') ?? new RegExp(`^${prefix}v(?<version>\\d[^+]*)(?:\\+.*)?$`)
  return { kind: 'vcs', backend: 'uv-dynamic-versioning', tagPattern }
}

export function versioningitSource(ctx: BackendContext): VersionSource {
  return { kind: 'vcs', backend: 'versioningit', tagPattern: tagRegex(table(toolTable(ctx, 'versioningit').tag2version).regex) }
}

const tool = (ctx: BackendContext): Record<string, unknown> => table(ctx.doc.value.tool)

export const setuptoolsScm: VersionBackend = {
  name: 'setuptools-scm',
  claims: (ctx) =>
    dynamicVersion(ctx.doc) &&
    (isTable(tool(ctx).setuptools_scm) || isTable(tool(ctx)['setuptools-scm']) || buildSystem(ctx.doc).needs('setuptools-scm')),
  read(ctx) {
    const config = table(tool(ctx).setuptools_scm ?? tool(ctx)['setuptools-scm'])
    return { kind: 'vcs', backend: 'setuptools-scm', tagPattern: scmTagPattern(tagRegex(config.tag_regex), config) }
  }
}

export const versioningit: VersionBackend = {
  name: 'versioningit',
  claims: (ctx) => dynamicVersion(ctx.doc) && (isTable(tool(ctx).versioningit) || buildSystem(ctx.doc).needs('versioningit')),
  read: versioningitSource
}

export const uvDynamicVersioning: VersionBackend = {
  name: 'uv-dynamic-versioning',
  claims: (ctx) => dynamicVersion(ctx.doc) && isTable(tool(ctx)['uv-dynamic-versioning']),
  read: uvDynamicSource
}

export const poetryDynamicVersioning: VersionBackend = {
  name: 'poetry-dynamic-versioning',
  claims: (ctx) => dynamicVersion(ctx.doc) && isTable(tool(ctx)['poetry-dynamic-versioning']),
  read: () => ({ kind: 'vcs', backend: 'poetry-dynamic-versioning' })
}
