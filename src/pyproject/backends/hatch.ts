/**
 * hatchling: `[tool.hatch.version]` in the pyproject, or the `[version]` table of a
 * `hatch.toml` beside it (hatch reads both, the hatch.toml one first). The regex source
 * reads the version from its `path` (the default pattern, or `pattern`); `vcs` is hatch-vcs;
 * `uv-dynamic-versioning` and `versioningit` are their git-tag sources.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { isTable, readToml, type TomlDocument } from '../toml.js'
import { pythonRegex, regexFinder } from '../version-file.js'
import {
  buildSystem,
  dynamicVersion,
  fileSource,
  table,
  tagRegex,
  toolTable,
  unknown,
  type BackendContext,
  type VersionBackend,
  type VersionSource
} from './backend.js'
import { scmTagPattern, uvDynamicSource, versioningitSource } from './vcs.js'

/** hatchling's DEFAULT_PATTERN (hatchling/version/source/regex.py). */
export const HATCH_DEFAULT_PATTERN = `(?i)^(__version__|VERSION) *= *([\\'"])v?(?P<version>.+?)\\2`

/** The package's hatch.toml, parsed (an unreadable one is E_CONFIG, like a pyproject), or null. */
function hatchToml(ctx: BackendContext): TomlDocument | null {
  const abs = path.join(ctx.dir, 'hatch.toml')
  return existsSync(abs) ? readToml(abs, path.posix.join(ctx.rel, 'hatch.toml')) : null
}

/** The `[version]` config and what to call it: hatch.toml's when it has one, else `[tool.hatch.version]`. */
function versionConfig(ctx: BackendContext): { config: Record<string, unknown>; where: string; prefix: string } | null {
  const own = hatchToml(ctx)
  if (own && isTable(own.value.version)) return { config: own.value.version, where: `${own.file} [version]`, prefix: 'hatch.toml ' }
  const inPyproject = toolTable(ctx, 'hatch').version
  return isTable(inPyproject) ? { config: inPyproject, where: '[tool.hatch.version]', prefix: '' } : null
}

export const hatch: VersionBackend = {
  name: 'hatch',
  claims: (ctx) => dynamicVersion(ctx.doc) && (buildSystem(ctx.doc).backend.startsWith('hatchling') || versionConfig(ctx) !== null),
  read(ctx): VersionSource {
    const found = versionConfig(ctx)
    if (!found) return unknown('hatch', 'hatchling needs [tool.hatch.version] for a dynamic version')
    const { config: version, where, prefix } = found
    const source = typeof version.source === 'string' ? version.source : 'regex'
    switch (source) {
      case 'regex': {
        if (typeof version.path !== 'string')
          return unknown('hatch', `${where} has no \`path\` (hatch's regex source reads the version from that file)`)
        let regex: RegExp
        try {
          regex = pythonRegex(typeof version.pattern === 'string' ? version.pattern : HATCH_DEFAULT_PATTERN)
        } catch (error) {
          return unknown(`${prefix}hatch path`, `${where} pattern: ${(error as Error).message}`)
        }
        return fileSource(ctx, `${prefix}hatch path`, version.path, regexFinder(regex))
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
        return uvDynamicSource(ctx)
      case 'versioningit':
        return versioningitSource(ctx)
      default:
        return unknown('hatch', `${where} source = ${JSON.stringify(source)} is not a source pyship can read`)
    }
  }
}
