/**
 * Pins pyship cannot see are said, not guessed: dependencies generated at build time
 * (`dynamic = ["dependencies"]`, for packages in scope) and requirements written from a
 * `{{ version }}` template (in any package).
 */
import { label } from '../package-version.js'
import type { CheckRule } from './context.js'

export const uncheckedPins: CheckRule = {
  name: 'unchecked-pins',
  problems: () => [],
  notices(ctx) {
    const notices: string[] = []
    for (const pkg of ctx.repo.packages.values()) {
      if (pkg.dynamicDependenciesLine !== null && ctx.isInScope(pkg.dir)) {
        notices.push(
          `${pkg.file}:${pkg.dynamicDependenciesLine}: ${label(pkg)} generates its dependencies at build time (dynamic = ["dependencies"]): its pins on other packages of the monorepo are not checkable`
        )
      }
      const template = /\{\{\s*version\s*\}\}/.exec(pkg.doc.text)
      if (template) {
        const line = pkg.doc.text.slice(0, template.index).split('\n').length
        notices.push(
          `${pkg.file}:${line}: ${label(pkg)} writes a requirement from a {{ version }} template at build time: that pin is not checkable`
        )
      }
    }
    return notices
  }
}
