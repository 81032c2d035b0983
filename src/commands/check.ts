/**
 * `check` — the CI version gate (SPEC §4). Read-only and offline; the rules live in
 * monorepo/consistency.ts (the release's preflight applies the same ones).
 */
import { PyshipError } from '../errors.js'
import { groupOf, type Monorepo } from '../monorepo/load.js'
import { checkVersions, describeSources, groupVersionOf, label, type CheckOptions } from '../monorepo/consistency.js'
import type { Package } from '../pyproject/package.js'
import { readMonorepo } from '../adapters/monorepo.js'
import { resolveComponent } from '../config/load.js'
import { hasGroups } from '../config/types.js'
import type { Inputs } from '../inputs.js'
import type { CommandResult } from '../report/result.js'
import { byText } from '../order.js'

export function checkMonorepo(repo: Monorepo, options: CheckOptions): CommandResult {
  const { config } = repo
  const { problems, notices, groups, packages, sources, tallies, tagVersions, waived } = checkVersions(repo, options)
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
  const groupsText = !hasGroups(config) ? 'no groups configured' : `${groups.length} group${groups.length === 1 ? '' : 's'}`
  const waivedText = waived.length ? `; ${waived.length} problem${waived.length === 1 ? '' : 's'} waived` : ''
  return {
    command: 'check',
    headline:
      problems.length === 0
        ? `check: ${count} (${groupsText}), versions consistent${waivedText}`
        : `check: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${count} (${groupsText})${waivedText}`,
    problems,
    outputs: { version: problems.length === 0 ? groupVersion : '' },
    table: { header: ['Package', 'Path', 'Version', 'Group'], rows },
    notices,
    data: {
      sources,
      // SPEC §1 "What belongs to the monorepo": every package not checked, what `exclude` left out, what waivers accepted
      unchecked: repo.unchecked.map(({ dir, file, name, reason }) => ({ dir, file, name, reason })),
      excluded: repo.excluded,
      waived: waived.map((w) => ({
        code: w.code,
        file: w.file ?? null,
        line: w.line ?? null,
        message: w.message,
        package: w.package,
        reason: w.reason
      }))
    }
  }
}

export async function check(inputs: Inputs): Promise<CommandResult> {
  if (inputs.version && !inputs.component) {
    throw new PyshipError('E_INPUT', 'input version needs component: name the group or target whose files must carry that version', {
      hint: 'Set `component` (e.g. platform, cli, sdk) together with `version`, or leave `version` empty to check consistency only.'
    })
  }
  const { repo, tags } = await readMonorepo(inputs)
  const result = checkMonorepo(repo, { component: inputs.component, version: inputs.version, tags })
  if (!inputs.changedSince) return result
  // SPEC §11: which groups changed since a ref (or each group's last release tag)
  const { changedGroups, readHistory, LAST_RELEASE } = await import('../release/history.js')
  const history = await readHistory(repo.paths.workDir)
  const scope = inputs.component ? resolveComponent(repo.config, inputs.component).groups : null
  const changes = await changedGroups(repo, history, inputs.changedSince, scope)
  const changed = changes.filter((c) => c.changed).map((c) => c.group)
  const since = inputs.changedSince === LAST_RELEASE ? 'its last release' : inputs.changedSince
  return {
    ...result,
    headline: `${result.headline}; changed since ${since}: ${changed.length ? changed.join(', ') : 'none'}`,
    outputs: { ...result.outputs, changed: JSON.stringify(changed) },
    notices: [...result.notices, ...changes.map((c) => `${c.group}: ${c.changed ? 'changed' : 'unchanged'} (${c.reason})`)],
    data: { ...result.data, changes }
  }
}
