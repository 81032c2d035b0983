/**
 * Spawn a tool with an argument array (never a shell string) and capture its output.
 * Output is logged line by line; secrets are never passed on the command line.
 *
 * A cancelled run (cancel.ts) starts no tool: `exec` rejects with the CancelledError
 * before spawning, and a tool still running is killed and its `exec` rejects at once.
 * Only cleanup work (`asCleanup`, freeing the release lock) still starts tools, each
 * killed CLEANUP_MS after the cancellation.
 */
import type * as ChildProcess from 'node:child_process'
import { cancelledBy, cancelReason, cancelSignal, CLEANUP_MS, inCleanup, onCleanup } from '../cancel.js'
import { log, toolOutput } from '../log.js'

/** node:child_process, loaded when a process is first started (it pulls in net and streams: start-up time `check` rarely needs). */
export const childProcess = (): typeof ChildProcess => process.getBuiltinModule('node:child_process')

/** The environment every tool inherits (the runner's, set once by the front end). */
let baseEnv: NodeJS.ProcessEnv = {}

export function configureExec(env: NodeJS.ProcessEnv): void {
  baseEnv = env
}

/** The inherited environment plus `extra` (what a tool run adds: a token, DOCKER_CONFIG…). */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...baseEnv, ...extra }
}

export interface ExecResult {
  status: number
  stdout: string
  stderr: string
}

export interface ExecOptions {
  cwd: string
  /** Variables added to the inherited environment. */
  env?: NodeJS.ProcessEnv
  /** Written to the tool's standard input (e.g. a password for --password-stdin). */
  input?: string
  /** Do not log the tool's output (it is still captured). */
  quiet?: boolean
}

export function exec(command: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const cleanup = inCleanup()
    // nothing new starts after a cancellation; cleanup work alone does, briefly
    if (cancelledBy() && !cleanup) return reject(cancelReason())
    if (!options.quiet) log(`$ ${[command, ...args].join(' ')}`)
    const child = childProcess().spawn(command, [...args], {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']
    })
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
    // a tool never outlives pyship; a cancelled run stops its tools and does not wait for them
    const forget = onCleanup(() => child.kill('SIGTERM'))
    // cleanup work gets CLEANUP_MS after the cancellation; anything else stops at once, unwaited
    let deadline: NodeJS.Timeout | null = null
    const stop = (): void => {
      if (cleanup) {
        deadline = setTimeout(() => child.kill('SIGKILL'), CLEANUP_MS)
        return
      }
      child.kill('SIGTERM')
      reject(cancelReason())
    }
    if (cancelledBy()) stop()
    else cancelSignal.addEventListener('abort', stop, { once: true })
    const settled = (): void => {
      forget()
      if (deadline) clearTimeout(deadline)
      cancelSignal.removeEventListener('abort', stop)
    }
    child.on('error', (error) => {
      settled()
      resolve({ status: 127, stdout, stderr: `${stderr}${error.message}` })
    })
    child.on('close', (code, signal) => {
      settled()
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
  const lines = `${result.stdout}\n${result.stderr}`
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  return lines.slice(-count).join(' | ')
}
