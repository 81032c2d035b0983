/**
 * What a bump needs before any rule runs, and the new version: a config with groups, a
 * component and a version; every member's version located; a keyword (major, minor, patch)
 * computed from the one version the members carry; never lower than the highest member
 * without allow-downgrade. Throws the problem; builds the BumpContext otherwise.
 */
import { PyshipError, fromProblems, problem } from '../../errors.js'
import { resolveComponent } from '../../config/load.js'
import { hasGroups } from '../../config/types.js'
import { versionProblem, type Package } from '../../pyproject/package.js'
import { normalizeName } from '../../pyproject/requirement.js'
import { compareVersions, normalizeInputVersion, normalizeVersion } from '../../version/pep440.js'
import { isBumpKeyword, nextVersion } from '../../version/bump.js'
import type { Monorepo } from '../load.js'
import { versionFromTags } from '../package-version.js'
import type { BumpContext, BumpOptions } from './context.js'

/** E_CONFIG when nothing is configured, with a config to paste built from the workspace. */
function needConfig(repo: Monorepo, command: string): PyshipError {
  const members = repo.workspaceMembers.map((d) => repo.packages.get(d)).filter((p): p is Package => !!p?.name)
  const example = members.length
    ? members.map((p) => `[tool.pyship.groups.${normalizeName(p.name as string)}]\npackages = ["${p.dir}"]`).join('\n\n')
    : '[tool.pyship.groups.platform]\npackages = ["cli", "server"]'
  // a config of only `exclude`/`waivers` is read, and declares no group: say so, and where to add them
  const declared = repo.config.kind === 'file'
  return new PyshipError(
    'E_CONFIG',
    declared
      ? `${command} needs groups: the config in ${repo.config.source} declares none`
      : `${command} needs groups: no [tool.pyship] config and not the default layout (a cli/ and a server/ package)`,
    {
      hint: `Add groups to ${declared ? repo.config.source : 'the root pyproject.toml'} (packages that ship together share a group), e.g.:\n\n${example}\n`
    }
  )
}

/** The new version (normal form): the input, or the keyword applied to the members' one current version. */
function resolveVersion(ctx: Omit<BumpContext, 'version'>, current: (string | null)[]): string {
  const { group, written, options } = ctx
  if (!isBumpKeyword(options.version)) {
    const normal = normalizeInputVersion(options.version)
    if (normal === null) {
      throw new PyshipError('E_INVALID_VERSION', `version ${JSON.stringify(options.version)} is not a valid PEP 440 version`)
    }
    return normal
  }
  const distinct = [...new Set(current)]
  if (distinct.length === 0) {
    throw new PyshipError(
      'E_INPUT',
      `group ${group} has no current version to compute "${options.version}" from: its members take their version from git tags and no tag gives one`,
      {
        hint: `Bump to an explicit version instead: \`pyship bump ${group} <version>\`.`
      }
    )
  }
  if (distinct.length > 1) {
    throw fromProblems(
      written.map((p) =>
        problem(
          'E_VERSION_MISMATCH',
          `group ${group} members disagree (${written.map((m) => `${m.name} ${m.version}`).join(', ')}); "${options.version}" needs one current version`,
          { file: p.versionFile, line: p.versionLine },
          `Bump to an explicit version instead: \`pyship bump ${group} <version>\`.`
        )
      )
    )
  }
  if (distinct[0] === null) {
    const p = written[0]
    throw new PyshipError(
      'E_INVALID_VERSION',
      `${p.name} version ${JSON.stringify(p.version)} is not PEP 440, so "${options.version}" cannot be computed`,
      {
        location: { file: p.versionFile, line: p.versionLine },
        hint: `Bump to an explicit version instead: \`pyship bump ${group} <version>\`.`
      }
    )
  }
  return nextVersion(distinct[0], options.version)
}

export function bumpContext(repo: Monorepo, options: BumpOptions): BumpContext {
  if (repo.problems.length > 0) throw fromProblems(repo.problems)
  if (!hasGroups(repo.config)) throw needConfig(repo, 'bump')
  if (!options.component) {
    throw new PyshipError('E_INPUT', 'bump needs component: the group (or a target of the group) to bump', {
      hint: 'e.g. `pyship bump platform 2.0.1` or `pyship bump sdk minor`.'
    })
  }
  if (!options.version) {
    throw new PyshipError('E_INPUT', 'bump needs version: a PEP 440 version or major, minor, patch', {
      hint: 'e.g. `pyship bump platform 2.0.1` or `pyship bump sdk patch`.'
    })
  }
  const group = resolveComponent(repo.config, options.component).groups[0]
  const members = repo.config.groups[group].packages.map((d) => repo.packages.get(d) as Package)
  const missing = members.map(versionProblem).filter((p) => p !== null)
  if (missing.length > 0) throw fromProblems(missing)
  const written = members.filter((p) => p.source.kind !== 'vcs')
  // members whose version comes from tags count with the highest version their tags give
  const fromTags = members
    .filter((p) => p.source.kind === 'vcs')
    .map((p) => (options.tags ? versionFromTags(repo.config, p, options.tags) : null))
  const current = [
    ...written.map((p) => normalizeVersion(p.version as string)),
    ...(written.length ? [] : fromTags.filter((v): v is string => v !== null))
  ]
  const version = resolveVersion({ repo, options, group, members, written, fromTags }, current)
  const highest = current
    .filter((v): v is string => v !== null)
    .sort(compareVersions)
    .pop()
  if (highest && compareVersions(version, highest) < 0 && !options.allowDowngrade) {
    throw new PyshipError('E_INPUT', `version ${version} is lower than group ${group}'s current ${highest}`, {
      hint: 'Pass allow-downgrade (`--allow-downgrade`) if going back is intended; released versions can never be re-used on PyPI.'
    })
  }
  return { repo, options, group, members, written, fromTags, version }
}
