/**
 * The group's `version-files`: the version's characters in each match, to the new version
 * in the file's spelling (`format = "semver"`: `1.2.0-rc.1`). A version with no spelling in
 * that format (a post-release in SemVer) stops the bump on that file's line.
 */
import { problem } from '../../errors.js'
import { mirrorText } from '../version-files.js'
import type { BumpRule, Edit } from './context.js'

export const versionFiles: BumpRule = {
  name: 'version-files',
  edits: ({ repo, group, version }) =>
    repo.mirrors
      .filter((m) => m.group === group)
      .flatMap((m): Edit[] => {
        const spelled = mirrorText(m, version)
        if (!('text' in spelled) || m.spot.version === spelled.text) return []
        return [{ kind: 'spot', spot: m.spot, what: `group ${group} version-files`, write: spelled.text }]
      }),
  problems: ({ repo, group, version }) =>
    repo.mirrors
      .filter((m) => m.group === group)
      .flatMap((m) => {
        const spelled = mirrorText(m, version)
        if ('text' in spelled) return []
        return [
          problem(
            'E_INVALID_VERSION',
            `${m.spot.file} (version-files of group ${group}, format = "${m.format}") cannot carry ${version}: ${spelled.reason}`,
            { file: m.spot.file, line: m.spot.line },
            `Bump group ${group} to a version SemVer can spell (MAJOR.MINOR.PATCH with an optional a/b/rc or .dev release), or drop format = "semver" from this entry.`
          )
        ]
      })
}
