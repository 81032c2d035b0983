/**
 * Progress lines from deep code. The front end decides where they go (the action's
 * log, or stderr for the CLI); nothing here knows about Actions.
 */
let sink: (line: string) => void = () => undefined
let secretSink: (value: string) => void = () => undefined

export function setLogger(fn: (line: string) => void, maskSecret?: (value: string) => void): void {
  sink = fn
  if (maskSecret) secretSink = maskSecret
}

/** A credential created at run time (e.g. a minted PyPI token): never to be shown. */
export function registerSecret(value: string): void {
  if (value) secretSink(value)
}

export function log(line: string): void {
  sink(line)
}

let debugSink: (line: string) => void = () => undefined

/** Where debug output goes: the action's debug log (shown with RUNNER_DEBUG=1), the CLI's stderr with --debug. */
export function setDebugLogger(fn: (line: string) => void): void {
  debugSink = fn
}

export function debug(line: string): void {
  debugSink(line)
}
