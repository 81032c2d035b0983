/** The group's `version-files`: the version's characters in each, to the new version. */
import type { BumpRule, Edit } from './context.js'

export const versionFiles: BumpRule = {
  name: 'version-files',
  edits: ({ repo, group, version }) =>
    repo.mirrors
      .filter((m) => m.group === group && m.spot.version !== version)
      .map((m): Edit => ({ kind: 'spot', spot: m.spot, what: `group ${group} version-files` }))
}
