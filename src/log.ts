/**
 * Progress lines from deep code. The front end decides where they go (the action's
 * log, or stderr for the CLI) and how they look (src/report/progress.ts); nothing
 * here knows about Actions or terminals.
 *
 * Every line is also described by an event: a step starting or finishing, a line of
 * a tool's output (tagged with the step it belongs to), or a plain progress line. A
 * sink that only wants text ignores the event.
 */
export type LogEvent =
  | { kind: 'line' }
  | { kind: 'step'; step: string }
  | { kind: 'step-end'; step: string; status: string; detail: string; ms: number }
  | { kind: 'output'; step: string | null }

export type LogSink = (line: string, event: LogEvent) => void

let sink: LogSink = () => undefined
let secretSink: (value: string) => void = () => undefined
/** The step whose tools are running (their output is tagged with it). */
let current: string | null = null

export function setLogger(fn: LogSink, maskSecret?: (value: string) => void): void {
  sink = fn
  if (maskSecret) secretSink = maskSecret
}

/** A credential created at run time (e.g. a minted PyPI token): never to be shown. */
export function registerSecret(value: string): void {
  if (value) secretSink(value)
}

export function log(line: string): void {
  // `▶ name` is how steps have always announced themselves
  if (line.startsWith('▶ ')) stepStarted(line.slice(2))
  else sink(line, { kind: 'line' })
}

export function stepStarted(step: string): void {
  current = step
  sink(`▶ ${step}`, { kind: 'step', step })
}

export function stepFinished(step: string, status: string, detail: string, ms: number): void {
  if (current === step) current = null
  sink(`  ${status}${detail ? `: ${detail}` : ''}`, { kind: 'step-end', step, status, detail, ms })
}

/** One whole line of a tool's output. */
export function toolOutput(line: string): void {
  sink(`  ${line}`, { kind: 'output', step: current })
}

let debugSink: (line: string) => void = () => undefined

/** Where debug output goes: the action's debug log (shown with RUNNER_DEBUG=1), the CLI's stderr with --debug. */
export function setDebugLogger(fn: (line: string) => void): void {
  debugSink = fn
}

export function debug(line: string): void {
  debugSink(line)
}
