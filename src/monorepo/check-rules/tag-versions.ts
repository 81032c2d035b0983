/**
 * Packages in scope versioned by git tags: which version their tags give (pins onto them
 * are checked against it by pin-excludes), or that none does, or that tags were not read.
 */
import { label } from '../package-version.js'
import type { CheckRule } from './context.js'

export const tagVersions: CheckRule = {
  name: 'tag-versions',
  problems: () => [],
  notices(ctx) {
    const notices: string[] = []
    for (const pkg of ctx.repo.packages.values()) {
      if (!ctx.tagVersions.has(pkg.dir) || !ctx.isInScope(pkg.dir)) continue
      const fromTags = ctx.tagVersions.get(pkg.dir)
      const said = `${pkg.file}: ${label(pkg)} takes its version from git tags (${pkg.source.backend})`
      if (!ctx.options.tags) notices.push(`${said}, which were not read: pins onto it are not checked`)
      else if (fromTags === null) notices.push(`${said} and no tag gives one yet: pins onto it are not checked`)
      else notices.push(`${said}: ${fromTags}, the highest tag; pins onto it are checked against that`)
    }
    return notices
  }
}
