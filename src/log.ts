/**
 * Progress lines from deep code. The front end decides where they go (the action's
 * log, or stderr for the CLI); nothing here knows about Actions.
 */
let sink: (line: string) => void = () => undefined

export function setLogger(fn: (line: string) => void): void {
  sink = fn
}

export function log(line: string): void {
  sink(line)
}
