/**
 * `check` — the CI version gate (SPEC §4). Read-only and offline; the rules live in
 * monorepo/consistency.ts (the release's preflight applies the same ones).
 */
import { PyshipError } from '../errors.js'
import { groupOf, loadMonorepo, type Monorepo } from '../monorepo/load.js'
import { checkVersions, groupVersionOf, label, type CheckOptions } from '../monorepo/consistency.js'
import type { Inputs } from '../inputs.js'
import type { CommandResult } from '../report/result.js'

export function checkMonorepo(repo: Monorepo, options: CheckOptions): CommandResult {
  const { config } = repo
  const { problems, notices, groups, packages } = checkVersions(repo, options)
  const rows = packages
    .map((p) => [label(p), p.file, p.dynamicVersion ? '(dynamic)' : (p.version ?? '—'), groupOf(config, p.dir) ?? '—'])
    .sort((a, b) => a[3].localeCompare(b[3]) || a[1].localeCompare(b[1]))
  const groupVersion = options.component ? groupVersionOf(repo, groups[0]) : ''
  const count = `${packages.length} package${packages.length === 1 ? '' : 's'}`
  const groupsText = config.kind === 'none' ? 'no groups configured' : `${groups.length} group${groups.length === 1 ? '' : 's'}`
  return {
    command: 'check',
    headline:
      problems.length === 0
        ? `check: ${count} (${groupsText}), versions consistent`
        : `check: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${count} (${groupsText})`,
    problems,
    outputs: { version: problems.length === 0 ? groupVersion : '' },
    table: { header: ['Package', 'Path', 'Version', 'Group'], rows },
    notices
  }
}

export async function check(inputs: Inputs): Promise<CommandResult> {
  if (inputs.version && !inputs.component) {
    throw new PyshipError('E_INPUT', 'input version needs component: name the group or target whose files must carry that version', {
      hint: 'Set `component` (e.g. platform, cli, sdk) together with `version`, or leave `version` empty to check consistency only.'
    })
  }
  const repo = loadMonorepo({ workDir: inputs.workingDirectory, repoRoot: inputs.repositoryRoot }, inputs.config)
  return checkMonorepo(repo, { component: inputs.component, version: inputs.version })
}
