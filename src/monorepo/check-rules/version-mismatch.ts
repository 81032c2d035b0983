/**
 * The members of a group carry one version. Every member off the most common version is
 * named (when no version is most common, every member is); the hint suggests the highest
 * version among them, since bump never lowers a group without allow-downgrade.
 */
import { problem } from '../../errors.js'
import { compareVersions } from '../../version/pep440.js'
import { label, versionAt, versionOf } from '../package-version.js'
import type { CheckRule } from './context.js'

export const versionMismatch: CheckRule = {
  name: 'version-mismatch',
  problems: ({ groups }) =>
    groups.flatMap(({ name, members, counts }) => {
      if (counts.size < 2) return []
      const top = Math.max(...counts.values())
      const leaders = [...counts.keys()].filter((v) => counts.get(v) === top)
      const listing = members.map((p) => `${label(p)} ${p.version}`).join(', ')
      const highest = [...counts.keys()].sort(compareVersions).pop() as string
      // the group's version as its members' files spell it (1.45.0.dev, not the normal form 1.45.0.dev0)
      const spelled = members.find((p) => versionOf(p) === leaders[0])?.version ?? leaders[0]
      return members
        .filter((p) => leaders.length > 1 || versionOf(p) !== leaders[0])
        .map((p) =>
          problem(
            'E_VERSION_MISMATCH',
            leaders.length === 1
              ? `${label(p)} is ${p.version} but group ${name} is ${spelled} (${listing})`
              : `group ${name} members disagree: ${listing}`,
            versionAt(p),
            `Make every member of group ${name} carry the same version, e.g. \`pyship bump ${name} ${highest}\` (the highest version among them), then commit and push.`
          )
        )
    })
}
