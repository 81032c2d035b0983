/**
 * Internal pins on a member that would exclude the new version, in every package, are
 * rewritten keeping their operator and precision (src/version/bump.ts). A pin with no
 * mechanical rewrite is E_PIN_EXCLUDES on its line, with a suggestion: nothing is written.
 * With the group's `pins = "follow"`, every pin on a member moves to the new version, even
 * one that still admits it (src/version/follow.ts).
 */
import { problem } from '../../errors.js'
import type { Package, Requirement } from '../../pyproject/package.js'
import { pinAdmits } from '../pin-admits.js'
import { rewritePin, suggestPin } from '../../version/bump.js'
import { followPin } from '../../version/follow.js'
import { rewritePoetryConstraint, suggestPoetryConstraint } from '../../version/poetry-constraint.js'
import type { BumpContext, BumpRule, Edit } from './context.js'
import { pyprojectOf } from './context.js'

/** A pin that excludes the new version: its rewritten specifier, or null when none follows mechanically. */
export interface PinRewrite {
  from: Package
  req: Requirement
  /** The new specifier (null: no mechanical rewrite). */
  spec: string | null
  /** The same rewrite of another spelling of this pin (a uv.lock's mirror of it). */
  rewrite(specifier: string): string | null
}

const cache = new WeakMap<BumpContext, PinRewrite[]>()

/** Every pin on a member of the group that excludes the new version, package order. */
export function pinRewrites(ctx: BumpContext): PinRewrite[] {
  const known = cache.get(ctx)
  if (known) return known
  const bumped = new Set(ctx.members.map((p) => p.normalizedName).filter((n) => n !== null))
  const follow = ctx.repo.config.groups[ctx.group]?.pins === 'follow'
  const { version } = ctx
  const rewrite = follow ? (s: string) => followPin(s, version) : (s: string) => rewritePin(s, version)
  const found: PinRewrite[] = []
  for (const from of ctx.repo.packages.values()) {
    for (const req of from.requirements) {
      if (!bumped.has(req.name)) continue
      if (req.syntax === 'poetry') {
        // a Poetry constraint is rewritten only when it would exclude the version (pins = "follow" reads PEP 508 pins)
        if (!pinAdmits(req, version)) found.push({ from, req, spec: rewritePoetryConstraint(req.text, version), rewrite })
        continue
      }
      if (pinAdmits(req, version)) {
        // follow: a pin that admits the version moves too, unless it has no lower bound to move
        const spec = follow ? followPin(req.specifier, version) : null
        if (spec !== null && spec !== req.specifier) found.push({ from, req, spec, rewrite })
        continue
      }
      found.push({ from, req, spec: rewrite(req.specifier), rewrite })
    }
  }
  cache.set(ctx, found)
  return found
}

/** The requirement text with its specifier replaced (a Poetry constraint is the whole string). */
const withSpecifier = (req: Requirement, spec: string): string =>
  req.syntax === 'poetry'
    ? spec
    : req.text.slice(0, req.specifierOffset) + spec + req.text.slice(req.specifierOffset + req.specifier.length)

export const internalPins: BumpRule = {
  name: 'internal-pins',
  edits: (ctx) =>
    pinRewrites(ctx)
      .filter((r) => r.spec !== null)
      .map(({ from, req, spec }): Edit => {
        const text = withSpecifier(req, spec as string)
        return {
          kind: 'toml',
          doc: from.doc,
          abs: pyprojectOf(ctx, from),
          change: { path: req.path, value: text },
          row: { line: req.line, what: `${from.name ?? from.dir} ${req.where}`, from: req.text, to: text }
        }
      }),
  problems: (ctx) =>
    pinRewrites(ctx)
      .filter((r) => r.spec === null)
      .map(({ from, req }) => {
        const suggested = withSpecifier(
          req,
          req.syntax === 'poetry' ? suggestPoetryConstraint(ctx.version) : suggestPin(req.specifier, ctx.version)
        )
        return problem(
          'E_PIN_EXCLUDES',
          `${from.name ?? from.dir} requires ${JSON.stringify(req.text)} (${req.where}), which would exclude ${req.name} ${ctx.version} and has no mechanical rewrite; suggested: ${JSON.stringify(suggested)}`,
          { file: from.file, line: req.line },
          `Change "${req.text}" by hand so it admits ${ctx.version}, e.g. to "${suggested}" (pyship follows ~=, ==, >=, and a >= lower bound with one < cap), then bump again.`
        )
      })
}
