/**
 * A group's `version-files` carry a valid version in their format (PEP 440, or SemVer with
 * `format = "semver"`), and the group's: the `version` input when given (else
 * E_VERSION_NOT_UPDATED), or the one version its members agree on (else E_VERSION_MISMATCH;
 * when they disagree, version-mismatch speaks for the group). Versions compare as PEP 440
 * versions (`1.0` = `1.0.0`). A spot inside a TOML file `bump` edits structurally (a member's
 * or a pinning package's pyproject.toml, a uv.lock recording a member) that bump could not
 * write in the same edit is E_CONFIG here already, on its line.
 */
import path from 'node:path'
import { problem, type Problem } from '../../errors.js'
import type { TomlDocument } from '../../pyproject/toml.js'
import { spotInToml } from '../../pyproject/toml-spot.js'
import { sameVersion } from '../../version/specifier-set.js'
import { mirrorVersion, type Mirror } from '../version-files.js'
import { everyLock } from '../locks.js'
import type { CheckContext, CheckRule } from './context.js'

/** The TOML documents a bump of `group` edits structurally, by absolute path. */
function bumpedDocuments(ctx: CheckContext, group: string): Map<string, () => TomlDocument> {
  const members = new Set(ctx.config.groups[group].packages)
  const names = new Set([...members].map((d) => ctx.repo.packages.get(d)?.normalizedName).filter((n): n is string => !!n))
  const docs = new Map<string, () => TomlDocument>()
  for (const pkg of ctx.repo.packages.values()) {
    if (members.has(pkg.dir) || pkg.requirements.some((r) => names.has(r.name)))
      docs.set(path.join(ctx.repo.paths.workDir, pkg.dir, 'pyproject.toml'), () => pkg.doc)
  }
  for (const lock of everyLock(ctx.repo)) if ([...names].some((n) => lock.members.has(n))) docs.set(lock.abs, () => lock.doc)
  return docs
}

/** E_CONFIG when bump could not write the spot in the same edit as the rest of its TOML file. */
function unbumpable(m: Mirror, docs: Map<string, () => TomlDocument>): Problem[] {
  const doc = docs.get(m.spot.abs)
  if (!doc) return []
  const found = spotInToml(doc(), m.spot.start, m.spot.end, m.spot.version)
  if (found.kind !== 'refused') return []
  return [
    problem(
      'E_CONFIG',
      `${m.spot.file} (version-files of group ${m.group}): bump could not write this version, since it edits ${m.spot.file} too: ${found.reason}`,
      { file: m.spot.file, line: m.spot.line },
      'Point the version-files pattern at a plain quoted string (or a comment), or remove the entry.'
    )
  ]
}

export const versionFiles: CheckRule = {
  name: 'version-files',
  problems: (ctx) =>
    ctx.groups.flatMap(({ name, counts, mirrors }) => {
      const { expected } = ctx
      const groupVersion = expected ?? (counts.size === 1 ? [...counts.keys()][0] : null)
      const docs = mirrors.length ? bumpedDocuments(ctx, name) : new Map<string, () => TomlDocument>()
      return mirrors.flatMap((m): Problem[] => {
        const { spot } = m
        const where = { file: spot.file, line: spot.line }
        const carried = mirrorVersion(m)
        const what = `${spot.file} (version-files of group ${name}) carries`
        if (carried === null) {
          const valid =
            m.format === 'semver'
              ? 'a SemVer version pyship reads (MAJOR.MINOR.PATCH, -alpha.N, -beta.N, -rc.N, -dev.N, +build)'
              : 'a valid PEP 440 version'
          return [problem('E_INVALID_VERSION', `${what} ${JSON.stringify(spot.version)}, not ${valid}`, where)]
        }
        const found = unbumpable(m, docs)
        if (groupVersion === null || sameVersion(carried, groupVersion)) return found
        return [
          ...found,
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
