/**
 * Each member's version where it lives, in normal form: `[project] version`, or the
 * characters of the file its backend reads. A member versioned by git tags has nothing to
 * write (a notice says so): its release tag gives it the version.
 */
import type { BumpRule, Edit } from './context.js'
import { pyprojectOf } from './context.js'
import { carries } from '../spelling.js'

export const memberVersions: BumpRule = {
  name: 'member-versions',
  edits(ctx) {
    const { version } = ctx
    return ctx.written.flatMap((p): Edit[] => {
      if (p.source.spot)
        return p.source.spot.version === version || (p.source.spot.spelling && carries(p.source.spot, version))
          ? []
          : [{ kind: 'spot', spot: p.source.spot, what: `${p.name} version (${p.source.backend})` }]
      if (p.version === version) return []
      return [
        {
          kind: 'toml',
          doc: p.doc,
          abs: pyprojectOf(ctx, p),
          change: { path: p.source.tomlPath ?? ['project', 'version'], value: version },
          row: { line: p.versionLine, what: `${p.name} version`, from: p.version as string, to: version }
        }
      ]
    })
  },
  notices: ({ members }) =>
    members
      .filter((p) => p.source.kind === 'vcs')
      .map(
        (p) =>
          `${p.file}: ${p.name ?? p.dir} takes its version from git tags (${p.source.backend}): bump has nothing to write for it; the release tag gives it its version`
      )
}
