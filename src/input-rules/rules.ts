/**
 * Every input's rule, in the order their problems are reported. `COMMAND_INPUTS` (src/inputs.ts)
 * decides which values a rule sees: an input its command does not read reads as unset, so its
 * rule gives the default. Adding an input: action.yml, `INPUT_NAMES`/`COMMAND_INPUTS`/`Inputs`
 * in src/inputs.ts, and its rule here.
 */
import type { InputName } from '../inputs.js'
import type { InputRule } from './context.js'
import { command, component, version } from './scope.js'
import { config, distDir, workingDirectory } from './paths.js'
import * as release from './release.js'
import { all } from './propose.js'
import * as history from './history.js'

export const INPUT_RULES: Readonly<Record<InputName, InputRule>> = {
  command,
  component,
  version,
  // before config and dist-dir, which are relative to it
  'working-directory': workingDirectory,
  config,
  registry: release.registry,
  'python-version': release.pythonVersion,
  'registry-username': release.registryUsername,
  'matrix-entry': release.matrixEntry,
  'dist-dir': distDir,
  latest: release.latest,
  'dry-run': release.dryRun,
  'github-token': release.githubToken,
  'pypi-token': release.pypiToken,
  'pypi-upload-url': release.pypiUploadUrl,
  'pypi-url': release.pypiUrl,
  'registry-password': release.registryPassword,
  'run-tests': release.runTests,
  'build-isolation': release.buildIsolation,
  'install-check': release.installCheck,
  attestations: release.attestations,
  'fulcio-url': release.fulcioUrl,
  'rekor-url': release.rekorUrl,
  provenance: release.provenance,
  'trusted-root': release.trustedRoot,
  'allow-downgrade': release.allowDowngrade,
  all,
  'changed-since': history.changedSince
}
