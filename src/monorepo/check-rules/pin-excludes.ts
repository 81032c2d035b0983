/**
 * Internal pins admit the version each package of the monorepo carries (a vcs package:
 * its highest tag). With a component, only pins from or onto its groups' packages are
 * checked. A specifier that is not PEP 440 is E_CONFIG.
 */
import { problem, type Problem } from '../../errors.js'
import type { Package } from '../../pyproject/package.js'
import { pinAdmits, pinReadable } from '../pin-admits.js'
import { label } from '../package-version.js'
import type { CheckRule } from './context.js'

export const pinExcludes: CheckRule = {
  name: 'pin-excludes',
  problems(ctx) {
    const problems: Problem[] = []
    const byName = new Map<string, Package>()
    for (const p of ctx.repo.packages.values()) if (p.normalizedName && ctx.current(p) !== null) byName.set(p.normalizedName, p)
    for (const from of ctx.repo.packages.values()) {
      for (const req of from.requirements) {
        const to = byName.get(req.name)
        if (!to || (!ctx.isInScope(to.dir) && !ctx.isInScope(from.dir))) continue
        // the line is looked up only for a problem (it parses the file with positions)
        const where = (): { file: string; line: number } => ({ file: from.file, line: req.line })
        if (!pinReadable(req)) {
          problems.push(
            problem(
              'E_CONFIG',
              `${from.file}: ${req.where} requirement ${JSON.stringify(req.text)} has an invalid version specifier`,
              where()
            )
          )
          continue
        }
        const version = ctx.current(to) as string
        if (pinAdmits(req, version)) continue
        const shown = to.source.kind === 'vcs' ? `${version} (its highest tag)` : to.version
        problems.push(
          problem(
            'E_PIN_EXCLUDES',
            `${label(from)} requires ${JSON.stringify(req.text)} (${req.where}), which excludes ${label(to)} ${shown}`,
            where(),
            `Change the pin "${req.text}" in ${from.file} so it admits ${version}, or let \`pyship bump\` rewrite internal pins.`
          )
        )
      }
    }
    return problems
  }
}
