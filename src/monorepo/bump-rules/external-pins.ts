/**
 * External packages (`[packages."<dir>"] external = true`, SPEC §1) are consumed from the index:
 * their pins onto older published releases of the bumped group are deliberate, so the bump never
 * edits their files, and says so for each pin it would otherwise have rewritten.
 */
import { admits } from '../../version/pep440.js'
import type { BumpRule } from './context.js'

export const externalPins: BumpRule = {
  name: 'external-pins',
  edits: () => [],
  notices(ctx) {
    const bumped = new Set(ctx.members.map((p) => p.normalizedName).filter((n) => n !== null))
    const notices: string[] = []
    for (const from of ctx.repo.external.values()) {
      for (const req of from.requirements) {
        if (!bumped.has(req.name) || admits(req.specifier, ctx.version)) continue
        notices.push(
          `${from.file}:${req.line}: left ${JSON.stringify(req.text)} (${req.where}) as it is, although it excludes ${req.name} ${ctx.version}: ${from.name ?? from.dir} is external (consumed from the index)`
        )
      }
    }
    return notices
  }
}
