/**
 * Spawn a tool with an argument array (never a shell string) and capture its output.
 * Output is logged line by line; secrets are never passed on the command line.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { log, toolOutput } from '../log.js'

/** The tools running now, stopped when pyship is interrupted. */
const running = new Set<ChildProcess>()

/** Stop every running tool (SIGINT/SIGTERM on pyship). */
export function stopChildren(signal: NodeJS.Signals): void {
  for (const child of running) child.kill(signal)
}

export interface ExecResult {
  status: number
  stdout: string
  stderr: string
}

export interface ExecOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /** Written to the tool's standard input (e.g. a password for --password-stdin). */
  input?: string
  /** Do not log the tool's output (it is still captured). */
  quiet?: boolean
}

export function exec(command: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve) => {
    if (!options.quiet) log(`$ ${[command, ...args].join(' ')}`)
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']
    })
    running.add(child)
    let stdout = ''
    let stderr = ''
    // output arrives in chunks that may end mid-line: relay whole lines only
    const pending = { out: '', err: '' }
    const emit = (line: string): void => {
      // a progress bar redraws with \r: keep what it shows last
      const shown = line.slice(line.lastIndexOf('\r') + 1)
      if (shown.trim()) toolOutput(shown)
    }
    const relay = (chunk: string, into: 'out' | 'err'): void => {
      if (into === 'out') stdout += chunk
      else stderr += chunk
      if (options.quiet) return
      const lines = (pending[into] + chunk).split('\n')
      pending[into] = lines.pop() as string
      for (const line of lines) emit(line.replace(/\r$/, ''))
    }
    const flush = (): void => {
      for (const into of ['out', 'err'] as const) {
        if (pending[into] && !options.quiet) emit(pending[into])
        pending[into] = ''
      }
    }
    child.stdout?.setEncoding('utf8').on('data', (c: string) => relay(c, 'out'))
    child.stderr?.setEncoding('utf8').on('data', (c: string) => relay(c, 'err'))
    child.on('error', (error) => {
      running.delete(child)
      resolve({ status: 127, stdout, stderr: `${stderr}${error.message}` })
    })
    child.on('close', (code, signal) => {
      running.delete(child)
      flush()
      resolve({ status: code ?? (signal ? 128 : 1), stdout, stderr })
    })
    if (child.stdin) {
      // a tool that exits without reading its input must not crash pyship (EPIPE)
      child.stdin.on('error', () => undefined)
      child.stdin.end(options.input)
    }
  })
}

/** The last non-empty lines of a tool's output, for error messages. */
export function lastLines(result: Pick<ExecResult, 'stdout' | 'stderr'>, count = 3): string {
  const lines = `${result.stdout}\n${result.stderr}`.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
  return lines.slice(-count).join(' | ')
}
