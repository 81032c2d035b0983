/**
 * Run the bundled action (`node dist/index.js`) the way a runner does: inputs as
 * INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, GITHUB_WORKSPACE.
 * Also runs the same bundle as the local CLI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const BUNDLE = path.join(ROOT, 'dist', 'index.js')

export interface Annotation {
  level: string
  properties: Record<string, string>
  message: string
  /** The raw workflow-command line. */
  line: string
}

export interface ActionRun {
  status: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  annotations: Annotation[]
}

/** Parse the GITHUB_OUTPUT file format (`name<<DELIM\nvalue\nDELIM`). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (m) {
      const [, name, delimiter] = m
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
      outputs[name] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return outputs
}

export function parseAnnotations(stdout: string): Annotation[] {
  const found: Annotation[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    const properties: Record<string, string> = {}
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const at = pair.indexOf('=')
      properties[pair.slice(0, at)] = pair.slice(at + 1)
    }
    found.push({ level: m[1], properties, message: m[3].replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'), line })
  }
  return found
}

interface Prepared {
  env: Record<string, string>
  read(status: number | null, stdout: string, stderr: string): ActionRun
}

function prepare(inputs: Record<string, string>, options: { workspace: string; env?: Record<string, string> }): Prepared {
  const io = mkdtempSync(path.join(os.tmpdir(), 'pyship-io-'))
  const outputFile = path.join(io, 'output')
  const summaryFile = path.join(io, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: io,
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return {
    env,
    read(status, stdout, stderr) {
      try {
        return {
          status,
          stdout,
          stderr,
          outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
          summary: readFileSync(summaryFile, 'utf8'),
          annotations: parseAnnotations(stdout)
        }
      } finally {
        rmSync(io, { recursive: true, force: true })
      }
    }
  }
}

/** Run the bundled action with the given inputs (kebab-case names) from `workspace`. */
export function runAction(inputs: Record<string, string>, options: { workspace: string; env?: Record<string, string> }): ActionRun {
  const run = prepare(inputs, options)
  const result = spawnSync(process.execPath, [BUNDLE], { cwd: options.workspace, env: run.env, encoding: 'utf8', timeout: 120_000 })
  return run.read(result.status, result.stdout, result.stderr)
}

/**
 * The same, without blocking the event loop (for tests whose stand-in servers run in
 * this process). `onSpawn` receives the child, e.g. to kill it at a chosen moment.
 */
export function runActionAsync(
  inputs: Record<string, string>,
  options: { workspace: string; env?: Record<string, string>; onSpawn?: (child: ChildProcess) => void; timeoutMs?: number }
): Promise<ActionRun & { signal: NodeJS.Signals | null }> {
  const run = prepare(inputs, options)
  return new Promise((resolve) => {
    // its own process group, so a test can kill it with every tool it spawned (as a runner does)
    const child = spawn(process.execPath, [BUNDLE], { cwd: options.workspace, env: run.env, detached: true })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    const timer = setTimeout(() => killTree(child), options.timeoutMs ?? 180_000)
    child.on('close', (status, signal) => {
      clearTimeout(timer)
      resolve({ ...run.read(status, stdout, stderr), signal })
    })
    options.onSpawn?.(child)
  })
}

/** Kill a child started by runActionAsync together with everything it spawned. */
export function killTree(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

/** Run the bundle as the local CLI: `pyship <args>`. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): CliRun {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...options.env }
  const result = spawnSync(process.execPath, [BUNDLE, ...args], { cwd: options.cwd, env, encoding: 'utf8', timeout: 120_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The CLI without blocking the event loop (for tests whose stand-in servers run in this process). */
export function runCliAsync(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...options.env }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], { cwd: options.cwd, env, detached: true })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    const timer = setTimeout(() => killTree(child), 180_000)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout, stderr })
    })
  })
}
