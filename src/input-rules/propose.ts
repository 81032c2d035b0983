/** `all`: every group at once — one pull request (propose), one release of every changed group (release, plan), a release-level tag's release (verify, rollback). */
import { problem } from '../errors.js'
import { bool, type InputRule } from './context.js'

/** What `all: true` does per command, for the message when `component` names one group too. */
const EVERY: Partial<Record<string, { one: string; every: string }>> = {
  propose: { one: 'one pull request for that group', every: 'one pull request for every group' },
  release: { one: 'that component alone', every: 'every group changed since its last release' },
  plan: { one: 'that component alone', every: 'every group changed since its last release' },
  verify: { one: "that component's release", every: 'the last release-level tag and every group it released' },
  rollback: { one: "that component's release", every: "a release-level tag's release (version: its version) and every group it released" }
}

/**
 * `all`: with a component too, which one was meant is unclear (E_INPUT); a release of every
 * changed group takes each group's version from its files, so a `version` is refused too.
 */
export const all: InputRule = (ctx) => {
  const value = bool(ctx, 'all')
  const words = ctx.known ? EVERY[ctx.known] : undefined
  if (value && words) {
    const component = ctx.parsed.component ?? ''
    if (component !== '')
      ctx.report(
        problem(
          'E_INPUT',
          `input component = "${component}" and all = true exclude each other: ${ctx.known} one component, or all of them`,
          undefined,
          `Give \`component\` (${words.one}) or \`all: true\` (${words.every}), not both.`
        )
      )
    const version = ctx.raw('version')
    // propose takes a bump; rollback with all takes the release-level tag's version (`2026.12.04`)
    if (ctx.known !== 'propose' && ctx.known !== 'rollback' && version !== '')
      ctx.report(
        problem(
          'E_INPUT',
          ctx.known === 'verify'
            ? `input version = "${version}" and all = true exclude each other: verify with all verifies the last release-level tag, at the versions its message lists`
            : `input version = "${version}" and all = true exclude each other: a release of every changed group releases the version each group's files hold`,
          undefined,
          ctx.known === 'verify'
            ? 'Give `all: true` alone, or a component and its version.'
            : 'Bump the groups first (`pyship bump --all auto`, or a release pull request), commit, then release with `all: true` and no version.'
        )
      )
  }
  return { all: value }
}
