/** PDM: `[tool.pdm.version]` with `source = "file"` (a `__version__` in `path`) or `"scm"` (git tags). */
import { isTable } from '../toml.js'
import { regexFinder } from '../version-file.js'
import { buildSystem, dynamicVersion, fileSource, tagRegex, toolTable, unknown, type VersionBackend } from './backend.js'

/** PDM's file source (pdm-backend `_find_version_in_file`). */
const PDM_FILE_PATTERN = /^__version__\s*=\s*["'](?<version>.+?)["']/dm

export const pdm: VersionBackend = {
  name: 'pdm',
  claims: (ctx) => dynamicVersion(ctx.doc) && (buildSystem(ctx.doc).backend.startsWith('pdm') || isTable(toolTable(ctx, 'pdm').version)),
  read(ctx) {
    const version = isTable(toolTable(ctx, 'pdm').version) ? (toolTable(ctx, 'pdm').version as Record<string, unknown>) : {}
    if (version.source === 'file') {
      if (typeof version.path !== 'string') return unknown('pdm file', '[tool.pdm.version] source = "file" has no `path`')
      return fileSource(ctx, 'pdm file', version.path, regexFinder(PDM_FILE_PATTERN))
    }
    if (version.source === 'scm') return { kind: 'vcs', backend: 'pdm scm', tagPattern: tagRegex(version.tag_regex) }
    return unknown('pdm', `[tool.pdm.version] source = ${JSON.stringify(version.source ?? null)} is not a source pyship can read`)
  }
}
