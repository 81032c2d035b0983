/** The input that reads history (SPEC §11): `changed-since` (check). `all` is in ./propose.js. */
import type { InputRule } from './context.js'

/** A git ref as a user names it: a tag, branch, SHA, `HEAD~3`, `main@{1}`; never an option, no `..` range. */
const REF = /^(?![-/])(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/@{}~^+-]{1,200}$/

export const changedSince: InputRule = (ctx) => {
  const value = ctx.raw('changed-since')
  if (value !== '' && !REF.test(value)) {
    ctx.bad('changed-since', value, 'a git ref (a tag, branch or commit, e.g. v2.0.0, origin/main, HEAD~5) or last-release')
  }
  return { changedSince: value }
}
