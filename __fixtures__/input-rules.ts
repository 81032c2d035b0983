/** Run one input rule over raw values, as `parseInputs` would, and see what it gave and reported. */
import { CODES } from '../src/errors.js'
import type { Environment, Inputs } from '../src/inputs.js'
import { inputContext, type InputRule } from '../src/input-rules/context.js'

export type Found = [code: string, message: string, hint?: string]

export function run(
  rule: InputRule,
  values: Record<string, string>,
  env: Environment = { cwd: '/' },
  parsed: Partial<Inputs> = {}
): { fields: Partial<Inputs>; problems: Found[] } {
  const ctx = inputContext((name) => ({ command: 'release', ...values })[name] ?? '', env)
  Object.assign(ctx.parsed, parsed)
  const before = ctx.problems.length
  const fields = rule(ctx)
  return {
    fields,
    problems: ctx.problems
      .slice(before)
      .map((p): Found => (p.hint === CODES[p.code].hint ? [p.code, p.message] : [p.code, p.message, p.hint]))
  }
}
