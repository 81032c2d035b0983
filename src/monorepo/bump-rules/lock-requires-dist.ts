/**
 * uv.lock's `requires-dist` / `requires-dev` specifiers that mirror a rewritten pin (matched
 * by name and by specifier whatever its spacing), in the lock's own spelling; a pin written
 * twice in a member (dependencies and a dependency group) mirrors one entry, changed once.
 * Unless uv rewrites the lock itself.
 */
import path from 'node:path'
import { normalizeName } from '../../pyproject/requirement.js'
import { isTable } from '../../pyproject/toml.js'
import { rewritePin } from '../../version/bump.js'
import type { BumpRule, Edit } from './context.js'
import { pinRewrites } from './internal-pins.js'

const squash = (s: string): string => s.replace(/\s+/g, '')

export const lockRequiresDist: BumpRule = {
  name: 'lock-requires-dist',
  edits(ctx) {
    const { repo, options, version } = ctx
    const lock = repo.lock
    if (!lock || options.uvLocks) return []
    const abs = path.join(repo.paths.workDir, 'uv.lock')
    const edits: Edit[] = []
    const changed = new Set<string>()
    for (const { from, req, spec } of pinRewrites(ctx)) {
      const entry = from.normalizedName && spec !== null ? lock.members.get(from.normalizedName) : undefined
      if (!entry) continue
      const metadata = (lock.doc.value.package as Record<string, unknown>[])[entry.index].metadata
      if (!isTable(metadata)) continue
      const lists: [unknown, (string | number)[]][] = [[metadata['requires-dist'], ['requires-dist']]]
      if (isTable(metadata['requires-dev'])) {
        for (const [g, list] of Object.entries(metadata['requires-dev'])) lists.push([list, ['requires-dev', g]])
      }
      for (const [list, at] of lists) {
        if (!Array.isArray(list)) continue
        list.forEach((item, i) => {
          if (!isTable(item) || typeof item.name !== 'string' || typeof item.specifier !== 'string') return
          if (normalizeName(item.name) !== req.name || squash(item.specifier) !== squash(req.specifier)) return
          const where = ['package', entry.index, 'metadata', ...at, i, 'specifier']
          const key = where.join('\u0000')
          if (changed.has(key)) return
          changed.add(key)
          const line = lock.doc.nodes.get(key)?.line ?? entry.line
          // the lock's own spelling (uv writes `>=2.2.0, <3.0.0`) is kept, like the pyproject's
          const value = rewritePin(item.specifier, version) ?? (spec as string)
          edits.push({
            kind: 'toml',
            doc: lock.doc,
            abs,
            change: { path: where, value },
            row: { line, what: `${from.name} locked ${at.join('.')} ${item.name}`, from: item.specifier, to: value }
          })
        })
      }
    }
    return edits
  }
}
