/** A version written in a file (`[project] version` or the file a backend reads) is valid PEP 440. */
import { problem } from '../../errors.js'
import { versionProblem } from '../../pyproject/package.js'
import { label, versionAt, versionOf } from '../package-version.js'
import type { CheckRule } from './context.js'

export const invalidVersion: CheckRule = {
  name: 'invalid-version',
  problems: ({ inScope }) =>
    inScope
      // a package without a name or a located version is version-source's; git tags are read apart
      .filter((pkg) => pkg.name !== null && pkg.source.kind !== 'vcs' && !versionProblem(pkg) && versionOf(pkg) === null)
      .map((pkg) =>
        problem('E_INVALID_VERSION', `${label(pkg)} version ${JSON.stringify(pkg.version)} is not a valid PEP 440 version`, versionAt(pkg))
      )
}
