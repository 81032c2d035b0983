import type { Command } from '../inputs.js'
import type { Problem } from '../errors.js'

export interface Table {
  header: string[]
  rows: string[][]
}

/** What a command hands to the reporters (annotations, outputs, summary, terminal). */
export interface CommandResult {
  /** null: the run stopped before a command was known (a missing or unknown `command`). */
  command: Command | null
  /** One line saying what happened, e.g. "check: 4 packages in 2 groups, no problems". */
  headline: string
  problems: Problem[]
  /** Action outputs (already serialized). */
  outputs: Record<string, string>
  /** The job summary / terminal table. */
  table?: Table
  notices: string[]
  /** What the user does next (printed after the table). */
  nextSteps?: string[]
  /**
   * Further structured results for `--json` only (not action outputs): check's
   * `sources` counts, bump's planned `edits`.
   */
  data?: Record<string, unknown>
}

/** The result of a command that stopped before it could say more (bad input, an early failure). */
export function failedResult(command: Command | null, problems: Problem[]): CommandResult {
  const first = problems[0]
  return {
    command,
    headline: `pyship ${command ?? ''} failed: ${first ? `${first.code} ${first.message}` : 'unknown error'}`.replace(
      'pyship  ',
      'pyship '
    ),
    problems,
    outputs: {},
    notices: []
  }
}

/** The headline without the message of a problem it repeats (one message per problem). */
export function headlineOf(result: Pick<CommandResult, 'headline' | 'problems'>): string {
  return result.problems.reduce((h, p) => h.replace(`${p.code} ${p.message}`, p.code), result.headline)
}
