/**
 * Every package in scope has a name and a version pyship can locate: `[project] version`,
 * or a dynamic version in a file its backend reads or in git tags. A package no group holds
 * and nothing pins may keep an unlocatable version: that is only a notice.
 */
import { problem, type Problem } from '../../errors.js'
import { versionProblem, type Package } from '../../pyproject/package.js'
import type { CheckContext, CheckRule } from './context.js'

/** A package in scope whose version cannot be read, and whether that fails the check. */
function missing(ctx: CheckContext): { pkg: Package; problem: Problem; fails: boolean }[] {
  const found: { pkg: Package; problem: Problem; fails: boolean }[] = []
  for (const pkg of ctx.inScope) {
    const managed = ctx.isManaged(pkg.dir)
    if (pkg.name === null) {
      if (managed)
        found.push({ pkg, problem: problem('E_CONFIG', `${pkg.file} has no [project] name`, { file: pkg.file, line: 1 }), fails: true })
      continue
    }
    const why = versionProblem(pkg)
    // a version nobody depends on and no group holds is only worth a notice
    if (why)
      found.push({ pkg, problem: why, fails: managed || why.code !== 'E_VERSION_SOURCE' || ctx.pinned.has(pkg.normalizedName as string) })
  }
  return found
}

export const versionSource: CheckRule = {
  name: 'version-source',
  problems: (ctx) =>
    missing(ctx)
      .filter((m) => m.fails)
      .map((m) => m.problem),
  notices: (ctx) =>
    missing(ctx)
      .filter((m) => !m.fails)
      .map((m) => `${m.pkg.file}:${m.pkg.dynamicLine}: ${m.problem.message} (not in a group and not pinned, so not an error)`)
}
