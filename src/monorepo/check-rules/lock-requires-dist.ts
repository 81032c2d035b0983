/**
 * A uv.lock's `requires-dist` / `requires-dev` specifier that mirrors an internal pin says
 * what the pyproject says: for a package the lock records (its own or a sibling), each item
 * naming another package of the monorepo with a specifier must be, as a specifier set, one of
 * the pins on that package in the matching part of the pyproject (`requires-dist`:
 * dependencies and extras; `requires-dev.<g>`: dependency group g, and for `dev` also
 * `[tool.uv] dev-dependencies`, which uv merges into it). Spelling, spacing and
 * clause order do not count (`>=1.2, <0.7` = `<0.7,>=1.2.0`); a lost cap does. Items without a
 * specifier (path and workspace sources) and names the pyproject does not pin there are left alone.
 */
import { problem, type Problem } from '../../errors.js'
import type { LockRequirement } from '../../pyproject/lock.js'
import type { Package, Requirement } from '../../pyproject/package.js'
import { normalizeName, parseRequirement } from '../../pyproject/requirement.js'
import { isTable } from '../../pyproject/toml.js'
import { sameSpecifierSet } from '../../version/specifier-set.js'
import { everyLock, ownLockHint } from '../locks.js'
import { label } from '../package-version.js'
import type { CheckRule } from './context.js'

/** Whether a pyproject requirement is written where a lock item of `section` mirrors it. */
export function mirroredIn(req: Requirement, section: string): boolean {
  if (section === 'requires-dist') return req.where === 'dependencies' || req.where.startsWith('optional-dependencies.')
  const group = section.slice('requires-dev.'.length)
  return req.where.startsWith('dependency-groups.') && normalizeName(req.where.slice('dependency-groups.'.length)) === normalizeName(group)
}

/** The pins of `pkg` a lock item mirrors (same name, same part of the pyproject). */
export const pinsMirroredBy = (pkg: Package, item: LockRequirement): Requirement[] =>
  pkg.requirements.filter((r) => r.name === item.name && mirroredIn(r, item.section))

/** The specifiers `[tool.uv] dev-dependencies` gives a name (uv merges them into `requires-dev.dev`). */
function uvDevSpecifiers(pkg: Package, name: string): string[] {
  const tool = pkg.doc.value.tool
  const uv = isTable(tool) && isTable(tool.uv) ? tool.uv : {}
  const list = Array.isArray(uv['dev-dependencies']) ? uv['dev-dependencies'] : []
  return list
    .map((item) => (typeof item === 'string' ? parseRequirement(item) : null))
    .filter((r) => r !== null && r.name === name)
    .map((r) => (r as { specifier: string }).specifier)
}

export const lockRequiresDist: CheckRule = {
  name: 'lock-requires-dist',
  problems(ctx) {
    const problems: Problem[] = []
    const byName = new Map<string, Package>()
    for (const p of ctx.repo.packages.values()) if (p.normalizedName) byName.set(p.normalizedName, p)
    for (const lock of everyLock(ctx.repo)) {
      for (const entry of lock.members.values()) {
        const from = byName.get(entry.name)
        if (!from) continue
        for (const item of entry.requires) {
          const to = byName.get(item.name)
          if (!to || to === from || item.specifier === null) continue
          if (!ctx.isInScope(from.dir) && !ctx.isInScope(to.dir)) continue
          const pins = pinsMirroredBy(from, item)
          const also = item.section === 'requires-dev.dev' ? uvDevSpecifiers(from, item.name) : []
          const specifiers = [...pins.map((pin) => pin.specifier), ...also]
          if (pins.length === 0 || specifiers.some((spec) => sameSpecifierSet(spec, item.specifier as string))) continue
          const said = pins.map((pin) => JSON.stringify(pin.text)).join(' and ')
          problems.push(
            problem(
              'E_LOCK_DRIFT',
              `${lock.file} records ${label(from)} requiring ${label(to)} ${JSON.stringify(item.specifier)} (${item.section}) but ${from.file} pins ${said} (${pins[0].where})`,
              { file: lock.file, line: item.line },
              ownLockHint(lock)
            )
          )
        }
      }
    }
    return problems
  }
}
