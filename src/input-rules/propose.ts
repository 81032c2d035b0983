/** What `propose` reads besides its scope: one group (component) or every group (all), and the version to propose. */
import { problem } from '../errors.js'
import { bool, type InputRule } from './context.js'

/** `all`: every group in one pull request; with a component too, which one was meant is unclear (E_INPUT). */
export const all: InputRule = (ctx) => {
  const value = bool(ctx, 'all')
  if (ctx.known === 'propose') {
    const component = ctx.parsed.component ?? ''
    if (value && component !== '')
      ctx.report(
        problem(
          'E_INPUT',
          `input component = "${component}" and all = true exclude each other: propose one group, or all of them`,
          undefined,
          'Give `component` (one pull request for that group) or `all: true` (one pull request for every group), not both.'
        )
      )
  }
  return { all: value }
}
