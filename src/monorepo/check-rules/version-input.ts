/** The `version` input, when given, is a PEP 440 version. */
import { problem } from '../../errors.js'
import type { CheckRule } from './context.js'

export const versionInput: CheckRule = {
  name: 'version-input',
  problems: ({ options, expected }) =>
    options.version && expected === null
      ? [problem('E_INVALID_VERSION', `version input ${JSON.stringify(options.version)} is not a valid PEP 440 version`)]
      : []
}
