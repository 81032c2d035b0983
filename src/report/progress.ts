/**
 * How progress looks. In a terminal: a coloured `▶ step` line when a step starts,
 * the tools' output line by line with the step as prefix, and `✔ step (1.2 s)` when it
 * ends (rewriting the `▶` line in place when nothing came between). Plain text when
 * not a terminal or with NO_COLOR. Under Actions each step's tool output is a
 * collapsible group in the log.
 */
import type { LogEvent, LogSink } from '../log.js'

export interface ProgressOptions {
  write: (line: string) => void
  /** ANSI colour and in-place rewriting (a terminal). */
  colour: boolean
  /** Under Actions: fold each step's output into a group. */
  group?: { start: (name: string) => void; end: () => void }
}

/** Colour only on a terminal, never with NO_COLOR or TERM=dumb; FORCE_COLOR forces it. */
export function useColour(env: NodeJS.ProcessEnv, tty: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== '') return true
  return tty && env.TERM !== 'dumb' && env.GITHUB_ACTIONS !== 'true'
}

const paint =
  (code: string, on: boolean) =>
  (text: string): string =>
    on ? `\x1b[${code}m${text}\x1b[0m` : text

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

const MARKS: Record<string, string> = { done: '✔', failed: '✖' }

export function progressRenderer(options: ProgressOptions): LogSink {
  const { write, colour, group } = options
  const bold = paint('1', colour)
  const cyan = paint('36', colour)
  const green = paint('32', colour)
  const red = paint('31', colour)
  const dim = paint('2', colour)
  let linesSinceStart = 0
  let grouped = false
  return (line: string, event: LogEvent) => {
    switch (event.kind) {
      case 'step':
        if (grouped) group?.end()
        if (group) {
          group.start(`▶ ${event.step}`)
          grouped = true
        } else write(`${cyan('▶')} ${bold(event.step)}`)
        linesSinceStart = 0
        return
      case 'step-end': {
        if (grouped) {
          group?.end()
          grouped = false
        }
        const mark = MARKS[event.status] ?? '○'
        const tint = event.status === 'done' ? green : event.status === 'failed' ? red : dim
        const text = `${tint(mark)} ${bold(event.step)} ${dim(`(${seconds(event.ms)})`)} ${event.status}${event.detail ? `: ${event.detail}` : ''}`
        // a terminal shows one live line per step: the `▶` line becomes the `✔` line
        write(colour && !group && linesSinceStart === 0 ? `\x1b[1A\r\x1b[2K${text}` : text)
        return
      }
      case 'output':
        linesSinceStart++
        write(group || !event.step ? line : `  ${dim(`${event.step} │`)} ${line.replace(/^ {2}/, '')}`)
        return
      default:
        linesSinceStart++
        write(line)
    }
  }
}
