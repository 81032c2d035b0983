/**
 * `check` — the CI version gate (SPEC §4). Read-only and offline; the rules live in
 * monorepo/consistency.ts (the release's preflight applies the same ones).
 */
import { PyshipError } from '../errors.js'
import { groupOf, type Monorepo } from '../monorepo/load.js'
import { checkVersions, describeSources, groupVersionOf, label, type CheckOptions } from '../monorepo/consistency.js'
import type { Package } from '../pyproject/package.js'
import { readMonorepo } from '../adapters/monorepo.js'
import type { Inputs } from '../inputs.js'
import type { CommandResult } from '../report/result.js'
import { byText } from '../order.js'

export function checkMonorepo(repo: Monorepo, options: CheckOptions): CommandResult {
  const { config } = repo
  const { problems, notices, groups, packages, sources, tallies, tagVersions } = checkVersions(repo, options)
  const shown = (p: Package): string => {
    switch (p.source.kind) {
      case 'static':
        return p.version ?? '—'
      case 'file':
        return `${p.version ?? '—'} (${p.versionFile}:${p.versionLine})`
      case 'vcs':
        return `${tagVersions.get(p.dir) ?? '—'} (git tags)`
      default:
        return '(not located)'
    }
  }
  const rows = packages
    .map((p) => [label(p), p.file, shown(p), groupOf(config, p.dir) ?? '—'])
    .sort((a, b) => byText(a[3], b[3]) || byText(a[1], b[1]))
  const groupVersion = options.component ? groupVersionOf(repo, groups[0]) : ''
  const count = describeSources(sources, tallies)
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
    notices,
    data: { sources }
  }
}

export async function check(inputs: Inputs): Promise<CommandResult> {
  if (inputs.version && !inputs.component) {
    throw new PyshipError('E_INPUT', 'input version needs component: name the group or target whose files must carry that version', {
      hint: 'Set `component` (e.g. platform, cli, sdk) together with `version`, or leave `version` empty to check consistency only.'
    })
  }
  const { repo, tags } = await readMonorepo(inputs)
  return checkMonorepo(repo, { component: inputs.component, version: inputs.version, tags })
}
