/**
 * `[[tool.pyship.waivers]]` (SPEC §1 "What belongs to the monorepo"): a repository with known
 * old problems adopts the gate today, like a linter's baseline. Each waiver names one package
 * directory, one check code and why (`reason`, required). src/monorepo/waivers.ts applies them.
 * Pure.
 */
import { problem, type ErrorCode, type Location, type Problem } from '../errors.js'
import type { TomlPath } from '../pyproject/toml.js'
import { cleanRelative } from './glob.js'
import type { Rule } from './schema.js'

/** The codes a waiver may name: the gate's findings about a package's files (never E_CONFIG or E_INPUT). */
export const WAIVABLE_CODES = ['E_VERSION_MISMATCH', 'E_INVALID_VERSION', 'E_PIN_EXCLUDES', 'E_LOCK_DRIFT', 'E_VERSION_SOURCE'] as const

/** One `[[waivers]]` entry (the schema validates it before readWaivers runs). */
export const WAIVER_RULE: Rule = {
  type: 'table',
  required: ['package', 'code', 'reason'],
  keys: {
    package: { type: 'string' },
    code: { type: 'enum', values: WAIVABLE_CODES },
    reason: { type: 'string' }
  }
}

export interface Waiver {
  /** Package directory, relative to the working directory. */
  package: string
  code: ErrorCode
  reason: string
  /** The waiver's table in the config. */
  location?: Location
}

/** The config's waivers; a blank reason or the same package and code twice is E_CONFIG on the entry. */
export function readWaivers(
  raw: Record<string, unknown>,
  where: (p: TomlPath) => Location | undefined
): { waivers: Waiver[]; problems: Problem[] } {
  const waivers: Waiver[] = []
  const problems: Problem[] = []
  const list = Array.isArray(raw.waivers) ? (raw.waivers as { package: string; code: ErrorCode; reason: string }[]) : []
  list.forEach((entry, i) => {
    const at = where(['waivers', i])
    const dir = cleanRelative(entry.package)
    const fail = (message: string, hint: string): void => {
      problems.push(problem('E_CONFIG', `waivers[${i}]: ${message}`, at, hint))
    }
    if (entry.package.startsWith('/') || dir.split('/').includes('..')) {
      return fail(
        `package = ${JSON.stringify(entry.package)} must be a package directory inside the working directory`,
        'Name the package by its directory relative to the working directory, e.g. package = "legacy/x".'
      )
    }
    if (entry.reason.trim() === '') {
      return fail('reason is empty', 'Say why the problem is accepted for now (a waiver is shown in every summary with its reason).')
    }
    const same = waivers.findIndex((w) => w.package === dir && w.code === entry.code)
    if (same >= 0) {
      return fail(
        `waives ${entry.code} in ${dir} again (waivers[${list.findIndex((e) => cleanRelative(e.package) === dir && e.code === entry.code)}] already does)`,
        'Keep one waiver per package and code.'
      )
    }
    waivers.push({ package: dir, code: entry.code, reason: entry.reason.trim(), location: at })
  })
  return { waivers, problems }
}
