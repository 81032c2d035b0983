/**
 * One typed Inputs object, built from the action's `INPUT_*` variables or the CLI's
 * flags, and all validation of raw input. Hostile values are E_INPUT before anything
 * reads a file or spawns a process.
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, problem, quote, type Problem } from './errors.js'

export const COMMANDS = ['check', 'bump', 'plan', 'build', 'release', 'verify', 'rollback', 'hotfix'] as const
export type Command = (typeof COMMANDS)[number]
export const LATEST = ['auto', 'true', 'false'] as const
export type Latest = (typeof LATEST)[number]

export interface Inputs {
  command: Command
  /** Target or group name; '' when not given. */
  component: string
  /** As given (validated characters only); '' when not given. */
  version: string
  dryRun: boolean
  /** Config file relative to the working directory; '' = auto. */
  config: string
  /** Absolute working directory (the workspace root). */
  workingDirectory: string
  /** Absolute repository root; annotation paths are relative to it. */
  repositoryRoot: string
  githubToken: string
  pypiToken: string
  pypiUploadUrl: string
  pypiUrl: string
  registry: string
  registryUsername: string
  registryPassword: string
  runTests: boolean
  pythonVersion: string
  buildIsolation: boolean
  installCheck: boolean
  latest: Latest
  /** bump: allow a version lower than the current one. */
  allowDowngrade: boolean
  /** build: one entry of plan's `matrix` output, raw JSON ('' when not given; validated by the build command). */
  matrixEntry: string
  /** build: where built files go; release: publish the prebuilt files found here. Absolute; '' when not given. */
  distDir: string
}

/** Defaults as in action.yml (the CLI has no action.yml to supply them). */
export const DEFAULTS: Record<string, string> = {
  command: 'release',
  'dry-run': 'false',
  'working-directory': '.',
  'pypi-upload-url': 'https://upload.pypi.org/legacy/',
  'pypi-url': 'https://pypi.org',
  registry: 'ghcr.io',
  'run-tests': 'true',
  'python-version': '3.11',
  'build-isolation': 'true',
  'install-check': 'false',
  latest: 'auto',
  'allow-downgrade': 'false'
}

export const COMPONENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
/** Characters a PEP 440 version (or a bump keyword) can contain; checked before any parsing. */
const VERSION_CHARS = /^[A-Za-z0-9.!+_-]+$/
const REGISTRY = /^[A-Za-z0-9.-]+(:[0-9]{1,5})?$/
const PYTHON_VERSION = /^[A-Za-z0-9.+-]{1,32}$/
const MAX = 256

export interface Environment {
  /** GITHUB_WORKSPACE when running as an action. */
  workspace?: string
  /** Directory relative paths start from (process.cwd()). */
  cwd: string
}

/** Find the enclosing git work tree (a `.git` directory or file), without spawning git. */
export function findRepositoryRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      statSync(path.join(d, '.git'))
      return d
    } catch {
      if (path.dirname(d) === d) return dir
    }
  }
}

const inside = (root: string, p: string): boolean => {
  const rel = path.relative(root, p)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/**
 * Validate raw inputs. `get(name)` returns the trimmed raw value ('' when unset);
 * defaults from action.yml apply to empty values. Every problem is reported together.
 */
export function parseInputs(get: (name: string) => string, env: Environment): Inputs {
  const problems: Problem[] = []
  const bad = (name: string, value: string, allowed: string): void => {
    problems.push(problem('E_INPUT', `input ${name} = ${quote(value)} is not allowed: ${allowed}`))
  }
  const raw = (name: string): string => {
    const value = get(name)
    if (value.includes('\0')) {
      bad(name, value, 'it contains a NUL byte')
      return ''
    }
    return value === '' ? (DEFAULTS[name] ?? '') : value
  }
  const bool = (name: string): boolean => {
    const value = raw(name)
    if (['true', 'True', 'TRUE'].includes(value)) return true
    if (['false', 'False', 'FALSE'].includes(value)) return false
    bad(name, value, 'use true or false')
    return false
  }
  const url = (name: string): string => {
    const value = raw(name)
    try {
      const u = new URL(value)
      if (u.protocol === 'https:' || u.protocol === 'http:') return value
    } catch {
      /* reported below */
    }
    bad(name, value, 'an http(s) URL is expected')
    return value
  }

  const command = raw('command') as Command
  if (!COMMANDS.includes(command)) bad('command', command, `one of ${COMMANDS.join(', ')}`)

  const component = raw('component')
  if (component !== '' && (component.length > 100 || !COMPONENT_PATTERN.test(component))) {
    bad('component', component, 'a target or group name matching [A-Za-z0-9][A-Za-z0-9._-]* (at most 100 characters)')
  }

  const version = raw('version')
  if (version !== '' && (version.length > 64 || !VERSION_CHARS.test(version))) {
    bad('version', version, 'a PEP 440 version such as 2.0.0 or v2.1.0rc1 (letters, digits, ".", "!", "+", "-", "_"; at most 64 characters)')
  }

  const base = env.workspace ? path.resolve(env.cwd, env.workspace) : env.cwd
  const wd = raw('working-directory')
  let workingDirectory = base
  let repositoryRoot = base
  if (wd.length > MAX * 16) bad('working-directory', wd, 'the path is too long')
  else {
    workingDirectory = path.resolve(base, wd)
    repositoryRoot = env.workspace ? base : findRepositoryRoot(workingDirectory)
    let isDir = false
    try {
      isDir = statSync(workingDirectory).isDirectory()
    } catch {
      /* reported below */
    }
    if (!inside(repositoryRoot, workingDirectory)) bad('working-directory', wd, 'a directory inside the repository (GITHUB_WORKSPACE)')
    else if (!isDir) bad('working-directory', wd, 'an existing directory')
  }

  const config = get('config')
  if (config.includes('\0') || config.length > MAX * 16) bad('config', config, 'a path relative to working-directory')
  else if (config !== '' && !inside(repositoryRoot, path.resolve(workingDirectory, config))) {
    bad('config', config, 'a file inside the repository, relative to working-directory')
  }

  const registry = raw('registry')
  if (!REGISTRY.test(registry)) bad('registry', registry, 'a registry host such as ghcr.io or localhost:5000')
  const pythonVersion = raw('python-version')
  if (!PYTHON_VERSION.test(pythonVersion)) bad('python-version', pythonVersion, 'a Python version such as 3.11')
  const matrixEntry = get('matrix-entry')
  // JSON, possibly pretty-printed by toJSON(matrix): whitespace is fine, other control characters are not
  // eslint-disable-next-line no-control-regex
  if (matrixEntry.length > 4096 || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(matrixEntry)) bad('matrix-entry', matrixEntry.slice(0, 80), 'one entry of the matrix output of command plan (JSON, at most 4096 characters)')
  const distInput = get('dist-dir')
  // eslint-disable-next-line no-control-regex
  if (distInput.length > MAX * 16 || /[\u0000-\u001f\u007f]/.test(distInput)) bad('dist-dir', distInput.slice(0, 80), 'a directory path')
  const distDir = distInput === '' ? '' : path.resolve(base, distInput)
  const latest = raw('latest') as Latest
  if (!LATEST.includes(latest)) bad('latest', latest, 'auto, true or false')

  const inputs: Inputs = {
    command,
    component,
    version,
    dryRun: bool('dry-run'),
    config,
    workingDirectory,
    repositoryRoot,
    githubToken: get('github-token'),
    pypiToken: get('pypi-token'),
    pypiUploadUrl: url('pypi-upload-url'),
    pypiUrl: url('pypi-url'),
    registry,
    registryUsername: get('registry-username'),
    registryPassword: get('registry-password'),
    runTests: bool('run-tests'),
    pythonVersion,
    buildIsolation: bool('build-isolation'),
    installCheck: bool('install-check'),
    latest,
    allowDowngrade: bool('allow-downgrade'),
    matrixEntry,
    distDir
  }
  if (problems.length > 0) {
    const [first, ...others] = problems
    throw new PyshipError('E_INPUT', first.message, { others })
  }
  return inputs
}
