/**
 * A group's `version-files` carry a valid PEP 440 version, and the group's: the `version`
 * input when given (else E_VERSION_NOT_UPDATED), or the one version its members agree on
 * (else E_VERSION_MISMATCH; when they disagree, version-mismatch speaks for the group).
 */
import { problem } from '../../errors.js'
import { normalizeVersion } from '../../version/pep440.js'
import type { CheckRule } from './context.js'

export const versionFiles: CheckRule = {
  name: 'version-files',
  problems: ({ groups, expected }) =>
    groups.flatMap(({ name, counts, mirrors }) => {
      const groupVersion = expected ?? (counts.size === 1 ? [...counts.keys()][0] : null)
      return mirrors.flatMap(({ spot }) => {
        const where = { file: spot.file, line: spot.line }
        const carried = normalizeVersion(spot.version)
        const what = `${spot.file} (version-files of group ${name}) carries`
        if (carried === null) {
          return [problem('E_INVALID_VERSION', `${what} ${JSON.stringify(spot.version)}, not a valid PEP 440 version`, where)]
        }
        if (groupVersion === null || carried === groupVersion) return []
        return [
          expected
            ? problem(
                'E_VERSION_NOT_UPDATED',
                `${what} ${spot.version}, not ${expected}`,
                where,
                `Run \`pyship bump ${name} ${expected}\`, commit, push, wait for CI, then release.`
              )
            : problem(
                'E_VERSION_MISMATCH',
                `${what} ${spot.version} but group ${name} is ${groupVersion}`,
                where,
                `Make it carry ${groupVersion}, e.g. with \`pyship bump ${name} ${groupVersion}\`, then commit and push.`
              )
        ]
      })
    })
}
