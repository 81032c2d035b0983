/**
 * Every uv.lock's `requires-dist` / `requires-dev` specifiers that mirror a rewritten pin
 * (same name, the same specifier set whatever its spelling:
 * `>=1.2, <2` mirrors `<2,>=1.2.0`), rewritten in the lock's own spelling by the same rule
 * as the pin (`admit` or `follow`); a pin written twice in a member (dependencies and a
 * dependency group) mirrors one entry, changed once. The working directory's uv.lock is
 * left to uv when uv rewrites it itself.
 */
import { everyLock } from '../locks.js'
import { sameSpecifierSet } from '../../version/specifier-set.js'
import type { BumpRule, Edit } from './context.js'
import { pinRewrites } from './internal-pins.js'

export const lockRequiresDist: BumpRule = {
  name: 'lock-requires-dist',
  edits(ctx) {
    const { repo, options } = ctx
    const edits: Edit[] = []
    for (const lock of everyLock(repo)) {
      if (lock === repo.lock && options.uvLocks) continue
      const changed = new Set<string>()
      for (const { from, req, spec, rewrite } of pinRewrites(ctx)) {
        const entry = from.normalizedName && spec !== null ? lock.members.get(from.normalizedName) : undefined
        if (!entry) continue
        for (const item of entry.requires) {
          if (item.name !== req.name || item.specifier === null) continue
          if (!sameSpecifierSet(item.specifier, req.specifier)) continue
          const where = [...item.path, 'specifier']
          const key = where.join('\u0000')
          if (changed.has(key)) continue
          changed.add(key)
          // the lock's own spelling (uv writes `>=2.2.0, <3.0.0`) is kept, like the pyproject's
          const value = rewrite(item.specifier) ?? (spec as string)
          if (value === item.specifier) continue
          edits.push({
            kind: 'toml',
            doc: lock.doc,
            abs: lock.abs,
            change: { path: where, value },
            row: { line: item.line, what: `${from.name} locked ${item.section} ${item.written}`, from: item.specifier, to: value }
          })
        }
      }
    }
    return edits
  }
}
