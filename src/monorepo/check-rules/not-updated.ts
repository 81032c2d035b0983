/** With the `version` input, every member of the groups checked carries that version. */
import { problem } from '../../errors.js'
import { versionAt, label, versionOf } from '../package-version.js'
import type { CheckRule } from './context.js'

export const notUpdated: CheckRule = {
  name: 'not-updated',
  problems: ({ groups, expected }) =>
    expected === null
      ? []
      : groups.flatMap(({ name, members }) =>
          members
            .filter((p) => versionOf(p) !== expected)
            .map((p) =>
              problem(
                'E_VERSION_NOT_UPDATED',
                `${label(p)} is ${p.version} in ${p.versionFile}, not ${expected}`,
                versionAt(p),
                `Run \`pyship bump ${name} ${expected}\`, commit, push, wait for CI, then release.`
              )
            )
        )
}
